"""``Cleaner(extractor="trafilatura")``: trafilatura finds the main text; every other step runs as usual.

trafilatura is the optional ``trafilatura`` extra (``pip install 'speechclean[trafilatura]'``).
Metadata is still read by :mod:`speechclean.meta` from the same tree, so the page fields mean the
same whichever extractor runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dom.parse import parse
from ..dom.title import find_title
from ..errors import OptionError
from .step import read_metadata

if TYPE_CHECKING:
    from ..page import Page


def extract_with_trafilatura(page: Page, reference: str | None = None) -> Page:
    """Replace the HTML in ``page.text`` by trafilatura's main text (comments left out)."""
    try:
        import trafilatura
    except ImportError:
        raise OptionError(
            "extractor='trafilatura' needs the trafilatura package: pip install 'speechclean[trafilatura]'"
        ) from None
    html = page.text
    root = parse(html)
    if root is not None:
        title = find_title(root)
        if title and not page.title:
            page.title = title
        read_metadata(page, root, reference)
    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_precision=False) or ""
    page.count("extract.trafilatura")
    page.text = text.strip("\n")
    return page


__all__ = ["extract_with_trafilatura"]
