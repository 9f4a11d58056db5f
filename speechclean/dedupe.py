"""Exact and near-duplicate marking across a batch: 范文 sites copy each other.

Every page carries ``page.fingerprint`` (a 64-bit SimHash, :mod:`speechclean.fingerprint`). In a
batch, a page whose text has the same skeleton as an earlier page's (``"exact"``: equal once
punctuation and spacing are ignored), or whose fingerprint is within
:data:`~speechclean.fingerprint.NEAR_BITS` bits of one (``"near"``), gets
``page.duplicate_of`` = the earlier page's id (``page.meta["id"]``, else its URL or path, else its
position in the batch) and ``page.duplicate_kind``. Pages are marked, never dropped.

Near look-ups use the pigeonhole principle: two 64-bit fingerprints at most k bits apart agree
exactly on at least one of k + 1 bands, so each page is compared only with pages sharing a band.

>>> from speechclean import Cleaner
>>> pages = list(Cleaner().pipe(["同志们：今天的会议很重要。", "同志们:今天的会议很重要!", "春天来了。"], dedupe="exact"))
>>> [(p.duplicate_of, p.duplicate_kind) for p in pages]
[(None, None), ('0', 'exact'), (None, None)]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

from .errors import OptionError
from .fingerprint import NEAR_BITS, content_hash, distance
from .page import Page

DedupeMode = Literal["off", "exact", "near"]
DEDUPE_MODES: tuple[str, ...] = ("off", "exact", "near")


def page_id(page: Page, position: int) -> str:
    """The id a duplicate points to: ``meta["id"]``, the URL, the path, or the batch position."""
    for value in (page.meta.get("id"), page.url or page.meta.get("url"), page.meta.get("path")):
        if value is not None and value != "":
            return str(value)
    return str(position)


class Deduper:
    """Remembers the pages seen so far and marks each new one that repeats an earlier one.

    >>> d = Deduper("near")
    >>> a, b = Page(text="甲乙丙丁戊己庚辛"), Page(text="甲乙丙丁戊己庚辛")
    >>> a.fingerprint = b.fingerprint = "00000000000000ff"
    >>> d.mark(a, "a"), d.mark(b, "b"), b.duplicate_of
    (False, True, 'a')
    """

    def __init__(self, mode: DedupeMode = "near", near_bits: int = NEAR_BITS) -> None:
        if mode not in DEDUPE_MODES:
            raise OptionError.choice("dedupe", mode, DEDUPE_MODES)
        self.mode = mode
        self.near_bits = near_bits
        self._exact: dict[str, str] = {}
        bands = near_bits + 1
        width = -(-64 // bands)
        self._bands = [(i * width, min(64, (i + 1) * width)) for i in range(bands) if i * width < 64]
        self._index: list[dict[int, list[tuple[int, str]]]] = [{} for _ in self._bands]

    def mark(self, page: Page, ident: str) -> bool:
        """Mark ``page`` (known as ``ident``) if it duplicates an earlier page; True when it does."""
        if self.mode == "off" or not page.ok or not page.text:
            return False
        key = content_hash(page.text)
        first = self._exact.get(key)
        if first is not None:
            page.duplicate_of, page.duplicate_kind = first, "exact"
            return True
        self._exact[key] = ident
        if self.mode != "near" or not page.fingerprint:
            return False
        value = int(page.fingerprint, 16)
        best: tuple[int, str] | None = None
        for (lo, hi), index in zip(self._bands, self._index):
            for other, other_id in index.get((value >> lo) & ((1 << (hi - lo)) - 1), ()):
                d = distance(f"{value:016x}", f"{other:016x}")
                if d <= self.near_bits and (best is None or d < best[0]):
                    best = (d, other_id)
        for (lo, hi), index in zip(self._bands, self._index):
            index.setdefault((value >> lo) & ((1 << (hi - lo)) - 1), []).append((value, ident))
        if best is not None:
            page.duplicate_of, page.duplicate_kind = best[1], "near"
            return True
        return False


def mark_duplicates(pages: Iterable[Page], mode: DedupeMode = "near") -> Iterator[Page]:
    """Yield ``pages`` in order, marking each one that repeats an earlier one."""
    if mode not in DEDUPE_MODES:
        raise OptionError.choice("dedupe", mode, DEDUPE_MODES)
    if mode == "off":
        yield from pages
        return
    deduper = Deduper(mode)
    for position, page in enumerate(pages):
        deduper.mark(page, page_id(page, position))
        yield page


__all__ = ["DEDUPE_MODES", "DedupeMode", "Deduper", "mark_duplicates", "page_id"]
