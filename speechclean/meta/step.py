"""The metadata calls the pipeline makes: on the HTML tree in the extract step, on text input's head lines.

>>> import speechclean
>>> page = speechclean.clean("关于召开会议的通知\\n发布时间：2019-05-18 来源：办公室\\n各单位：\\n定于下周召开会议。")
>>> page.published, page.source
('2019-05-18', '办公室')
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from . import apply, read_html, read_text, reference_date

if TYPE_CHECKING:
    from lxml import etree

    from ..page import Page

log = logging.getLogger("speechclean")


def _url(page: Page) -> str | None:
    url = page.meta.get("url")
    return url if isinstance(url, str) and url else None


def _reference(page: Page, option: str | None) -> Any:
    return reference_date(page.meta.get("reference_date") or option)


def read_metadata(page: Page, root: etree._Element, reference: str | None = None) -> None:
    """Fill the page's metadata fields from the whole HTML tree (before pruning).

    ``reference`` (the ``reference_date`` option; ``page.meta["reference_date"]`` wins) resolves 昨天.
    """
    meta = read_html(root, title=page.title, url=_url(page), reference=_reference(page, reference))
    apply(page, meta)


def read_text_metadata(page: Page, reference: str | None = None) -> None:
    """Fill the page's metadata fields from the head lines of text input."""
    if page.kind == "html" or page.published is not None or not page.text:
        return
    meta = read_text(page.text, title=page.title, url=_url(page), reference=_reference(page, reference))
    apply(page, meta)


__all__ = ["read_metadata", "read_text_metadata"]
