"""What :func:`~speechclean.clean` accepts, and the :class:`~speechclean.page.Page` a source starts as.

A ``str`` is the page itself (text or HTML), never a file name; ``bytes`` are the raw page in any
encoding; a path (``os.PathLike``) is read as bytes. The HTTP ``Content-Type`` (given, or from
``headers``) and the url go to ``page.meta`` for the steps.

>>> page = page_from_source(b"<p>\\xd6\\xd0\\xce\\xc4</p>", "auto", headers={"Content-Type": "text/html; charset=gbk"})
>>> page.raw, page.meta["content_type"]
(b'<p>\\xd6\\xd0\\xce\\xc4</p>', 'text/html; charset=gbk')
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path

from .config import Kind
from .errors import InputError, OptionError
from .page import Page

log = logging.getLogger("speechclean")

Source = str | bytes | bytearray | memoryview | os.PathLike  # what clean() accepts


def page_from_source(
    source: Source,
    default_kind: Kind,
    *,
    kind: Kind | None = None,
    content_type: str | None = None,
    headers: Mapping[str, str] | None = None,
    url: str | None = None,
) -> Page:
    """The page ``source`` starts as, before any step has run (:meth:`speechclean.Cleaner.new_page`);
    ``kind`` overrides the cleaner's ``default_kind``."""
    page = Page(kind=kind or default_kind)
    if kind is not None and kind not in ("auto", "html", "text"):
        raise OptionError.choice("kind", kind, ("auto", "html", "text"))
    if isinstance(source, str):
        page.text = source
        if _names_a_file(source):
            log.warning("clean(%r): a str is cleaned as the page's text, but this one names a file; "
                        "pass Path(%r) to clean the file", source, source)
    elif isinstance(source, (bytes, bytearray, memoryview)):
        page.raw = bytes(source)
    elif isinstance(source, os.PathLike):
        path = Path(source)
        try:
            page.raw = path.read_bytes()
        except OSError as e:
            raise InputError(f"cannot read {path}: {e.strerror or e}") from e
        page.meta["path"] = str(path)
    else:
        raise InputError(
            f"clean() takes str, bytes or a path (os.PathLike), not {type(source).__name__}"
        )
    if headers:
        lowered = {k.lower(): v for k, v in headers.items()}
        content_type = content_type or lowered.get("content-type")
    if content_type:
        page.meta["content_type"] = content_type
    if url:
        page.meta["url"] = url
    return page


def _names_a_file(text: str) -> bool:
    """A one-line, path-shaped ``str`` that names an existing file (a likely ``clean("page.html")`` slip)."""
    if len(text) > 1024 or "\n" in text or "<" in text or not text.strip():
        return False
    try:
        return os.path.isfile(text)
    except (OSError, ValueError):  # NUL bytes, names too long
        return False
