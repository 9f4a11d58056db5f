"""One item of a batch: a source plus what is known about it, and cleaning it without raising.

>>> from speechclean import Cleaner
>>> page, size = clean_item(Cleaner(convert="off"), Item("同志们：大家好！", id=7))
>>> page.text, page.meta["id"], size
('同志们：大家好！', 7, 8)

A ``str`` is text unless the batch is told its strings are paths (``paths=True``):

>>> Item.of("pages/a.html", paths=True).source.name
'a.html'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Kind
from .errors import InputError, SpeechcleanError
from .page import Page

if TYPE_CHECKING:
    from .cleaner import Cleaner

#: What the metadata half of a ``(source, metadata)`` pair may name; other keys go to ``page.meta``.
_ITEM_KEYS = ("id", "kind", "content_type", "headers", "url")


@dataclass(frozen=True, slots=True)
class Item:
    """One source to clean plus what is known about it.

    ``source`` is what :meth:`Cleaner.clean <speechclean.Cleaner.clean>` accepts (``str``,
    ``bytes`` or a path); ``id`` names the item in reports and is kept in
    ``page.meta["id"]``; ``content_type``/``headers`` carry the HTTP charset; ``meta``
    is copied into ``page.meta``; ``error`` is a problem found while reading the item
    (a line that is not JSON): cleaning it fails with that message.

    >>> Item.of(("<p>hi</p>", {"id": "a", "url": "http://x", "lang": "zh"}))
    Item(source='<p>hi</p>', id='a', kind=None, content_type=None, headers=None, url='http://x', meta={'lang': 'zh'}, error=None)
    """

    source: Any
    id: Any = None
    kind: Kind | None = None
    content_type: str | None = None
    headers: Mapping[str, str] | None = None
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    @classmethod
    def of(cls, value: Any, *, paths: bool = False) -> Item:
        """An item from a source, a ``(source, metadata)`` pair or an ``Item``.

        With ``paths=True`` a ``str`` source names a file to read (as ``Path(source)`` does).
        """
        if isinstance(value, Item):
            item = value
        elif isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], Mapping):
            source, info = value
            known = {k: info[k] for k in _ITEM_KEYS if k in info}
            rest = {k: v for k, v in info.items() if k not in _ITEM_KEYS}
            item = cls(source, meta=rest, **known)
        else:
            item = cls(value)
        if paths and isinstance(item.source, str):
            item = replace(item, source=Path(item.source))
        return item

    @property
    def name(self) -> str:
        """A short name for messages: the id, the url, the path, or the type of source."""
        if self.id is not None:
            return str(self.id)
        if self.url:
            return self.url
        if isinstance(self.source, os.PathLike):
            return os.fspath(self.source)
        return f"<{type(self.source).__name__}>"


def clean_item(cleaner: Cleaner, item: Item) -> tuple[Page, int]:
    """Clean one item, never raising: the error goes to ``page.error``.

    Returns the page and the size of the input in characters (bytes are counted
    after decoding with the encoding the page was read in).
    """
    size = 0
    try:
        if item.error is not None:
            raise InputError(item.error)
        if item.source is None:
            raise InputError("no source (a record without the text field, or null)")
        page = cleaner.new_page(item.source, kind=item.kind, content_type=item.content_type,
                                headers=item.headers, url=item.url)
        if item.meta:
            page.meta.update(item.meta)
        if item.id is not None:
            page.meta["id"] = item.id
        if page.raw is not None:
            raw = page.raw
            page = cleaner.run(page)
            codec = page.encoding.name if page.encoding else "utf-8"
            try:
                size = len(raw.decode(codec, errors="replace"))
            except LookupError:
                size = len(raw)
        else:
            size = len(page.text)
            page = cleaner.run(page)
        return page, size
    except SpeechcleanError as e:
        return failed_page(item, e), size
    except Exception as e:  # noqa: BLE001 - a source or hook raising its own error: isolate the item
        return failed_page(item, InputError(f"{type(e).__name__}: {e}")), size


def failed_page(item: Item, error: Exception) -> Page:
    """The page an item that failed with ``error`` gives: empty text, the item's metadata."""
    page = Page(error=error, meta=dict(item.meta))
    if item.id is not None:
        page.meta["id"] = item.id
    if item.url:
        page.meta["url"] = item.url
    if isinstance(item.source, os.PathLike):
        page.meta["path"] = os.fspath(item.source)
    return page


__all__ = ["Item", "clean_item", "failed_page"]
