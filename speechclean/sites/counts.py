"""Counting on how many of a site's pages each line appears, in bounded memory.

:class:`SiteCounts` holds, for one site, the number of pages seen and an exact dictionary
``line hash → pages`` capped at ``max_lines`` entries. When the dictionary grows past the cap it
is pruned back to half of it by dropping the entries with the lowest counts (lossy counting:
most entries are lines seen once, the body text of one page). A line dropped and seen again
starts from one, so every count is exact or an underestimate by at most :attr:`SiteCounts.floor`
(the highest count ever pruned); underestimates only make the profile remove less. A line that
appears on a share ``s`` of the pages survives every prune as long as the site's pages hold fewer
than ``s × max_lines / 2`` distinct new lines between two of its appearances (with the defaults,
a line on 40 % of the pages survives sites whose pages each bring up to ~200 new lines).

Memory per site: at most ``max_lines`` counts plus the text of the lines seen on two pages or more
(each cut to :data:`TEXT_LEN` characters); CPython needs about 300 bytes an entry, so a site at the
default cap of 1024 lines holds ≈ 0.3 MB, and the profile holds every site to an equal share of its ``max_entries`` (default 250 000 ≈ 75 MB)
once the sites together reach it (see :class:`~speechclean.sites.SiteProfile`).

>>> c = SiteCounts()
>>> for page in (["a", "b"], ["a", "c"], ["a"]):
...     c.observe([(hash(x), x) for x in page], max_lines=8)
>>> c.pages, c.counts[hash("a")], c.texts[hash("a")]
(3, 3, 'a')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

#: The text kept for a counted line (for reading a profile; the hash decides).
TEXT_LEN = 80


class SiteCounts:
    """Page and line counts of one site (see the module docstring for the bound)."""

    __slots__ = ("counts", "floor", "pages", "texts")

    def __init__(self) -> None:
        self.pages = 0
        self.counts: dict[int, int] = {}
        self.texts: dict[int, str] = {}
        self.floor = 0

    def observe(self, lines: Iterable[tuple[int, str]], max_lines: int) -> None:
        """Count one page: ``(hash, text)`` of its lines; a line repeated on the page counts once."""
        self.pages += 1
        counts, texts = self.counts, self.texts
        seen: set[int] = set()
        for h, text in lines:
            if h in seen:
                continue
            seen.add(h)
            n = counts.get(h, 0) + 1
            counts[h] = n
            if n == 2 and h not in texts:
                texts[h] = text[:TEXT_LEN]
        if len(counts) > max_lines:
            self.prune(max_lines // 2)

    def prune(self, target: int) -> None:
        """Drop the lowest counts until at most ``target`` entries are left (ties go together)."""
        counts = self.counts
        if len(counts) <= target:
            return
        histogram = Counter(counts.values())
        left, cut = len(counts), 0
        for n in sorted(histogram):
            if left <= target:
                break
            left -= histogram[n]
            cut = n
        if cut == 0:
            return
        # rebuilt, not deleted from: a dict never shrinks its table on deletion
        self.counts = {h: n for h, n in counts.items() if n > cut}
        self.texts = {h: t for h, t in self.texts.items() if h in self.counts}
        self.floor = max(self.floor, cut)

    def merge(self, other: SiteCounts, max_lines: int) -> None:
        """Add another partial count of the same site (a map + reduce's reduce)."""
        self.pages += other.pages
        counts = self.counts
        for h, n in other.counts.items():
            counts[h] = counts.get(h, 0) + n
        for h, text in other.texts.items():
            self.texts.setdefault(h, text)
        for h in [h for h in self.texts if counts.get(h, 0) < 2]:
            del self.texts[h]
        self.floor += other.floor
        if len(counts) > max_lines:
            self.prune(max_lines // 2)

    def copy(self) -> SiteCounts:
        twin = SiteCounts()
        twin.pages, twin.floor = self.pages, self.floor
        twin.counts, twin.texts = dict(self.counts), dict(self.texts)
        return twin

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SiteCounts):
            return NotImplemented
        return (self.pages, self.floor, self.counts) == (other.pages, other.floor, other.counts)

    __hash__ = None  # type: ignore[assignment]

    def __getstate__(self) -> tuple[int, int, dict[int, int], dict[int, str]]:
        return self.pages, self.floor, self.counts, self.texts

    def __setstate__(self, state: tuple[int, int, dict[int, int], dict[int, str]]) -> None:
        self.pages, self.floor, self.counts, self.texts = state

    def __repr__(self) -> str:
        return f"SiteCounts(pages={self.pages}, lines={len(self.counts)}, floor={self.floor})"


__all__ = ["TEXT_LEN", "SiteCounts"]
