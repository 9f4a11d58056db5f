"""The site profile: a value holding, per site, how many pages each line appears on.

>>> from speechclean.sites import SiteProfile
>>> profile = SiteProfile(min_count=3)
>>> for n in range(4):
...     _ = profile.observe("example.com", f"网站首页 | 新闻中心\\n正文{'甲乙丙丁'[n]}，内容各不相同。\\n版权所有 © 示例网")
>>> profile.pages("example.com")
4
>>> sorted(profile.chrome("example.com"))
['版权所有 © 示例网', '网站首页 | 新闻中心']
>>> profile.repeated("example.com", "网站首页 | 新闻中心\\n新的正文。")
{0: 4}

A profile is a plain value: it pickles, merges (``a.merge(b)`` adds counts, so partial profiles
learnt on many workers reduce to the one a single pass would learn), saves to a JSON file and
loads again (:mod:`speechclean.sites.store`).
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..errors import OptionError
from .counts import SiteCounts
from .keys import KEY_LEVELS, KeyLevel, site_key
from .lines import keyed_lines, line_keys

if TYPE_CHECKING:
    from ..cleaner import Cleaner
    from ..page import Page

#: Defaults: a line is chrome when it is on at least this share of a site's pages…
SHARE = 0.4
#: …and on at least this many of them.
MIN_COUNT = 3
#: Exact counts kept per site (see :mod:`speechclean.sites.counts` for the bound).
MAX_LINES = 1024
#: Line counts kept over all sites (≈ 75 MB at ≈ 300 bytes an entry).
MAX_ENTRIES = 250_000
#: However many sites share ``max_entries``, each may keep this many line counts.
MIN_SITE_LINES = 128
#: The key of pages that have no url, path or caller-given site.
ANONYMOUS = "-"
#: Sites kept; past it, the sites with the fewest pages are dropped (they cannot make a profile).
MAX_SITES = 1000


class SiteProfile:
    """Per-site line counts and the rule that makes a line chrome.

    share, min_count
        A line is its site's chrome when it appears on at least ``min_count`` of the site's pages
        and on at least ``share`` of them.
    max_lines
        Exact line counts kept per site (memory bound; lowest counts are pruned).
    max_sites
        Sites kept; when exceeded, the sites with the fewest pages go first.
    max_entries
        Line counts kept over all sites (the memory bound of the whole profile, ≈ 300 bytes an
        entry): when exceeded, every site is held to an equal share of it (at least
        :data:`MIN_SITE_LINES`), so learning over any amount of input stays flat.
    level
        How a page's url becomes its key: ``"host"`` or ``"domain"`` (see :func:`site_key`).
    """

    def __init__(
        self,
        *,
        share: float = SHARE,
        min_count: int = MIN_COUNT,
        max_lines: int = MAX_LINES,
        max_sites: int = MAX_SITES,
        max_entries: int = MAX_ENTRIES,
        level: KeyLevel = "host",
    ) -> None:
        if not 0 < share <= 1:
            raise OptionError(f"share: {share!r} must be in (0, 1]")
        if min_count < 2:
            raise OptionError(f"min_count: {min_count!r} must be at least 2 (a line on one page is not repeated)")
        if max_lines < 16 or max_sites < 1 or max_entries < MIN_SITE_LINES:
            raise OptionError(f"max_lines must be at least 16, max_sites at least 1, max_entries at least {MIN_SITE_LINES}")
        if level not in KEY_LEVELS:
            raise OptionError.choice("level", level, KEY_LEVELS)
        self.share = float(share)
        self.min_count = int(min_count)
        self.max_lines = int(max_lines)
        self.max_sites = int(max_sites)
        self.max_entries = int(max_entries)
        self._entries = 0  # line counts held over all sites
        self.level: KeyLevel = level
        self.sites: dict[str, SiteCounts] = {}

    # -- learning ------------------------------------------------------------------------
    def key_of(self, meta: dict[str, Any]) -> str | None:
        """The site key of a page to clean: its own (:func:`site_key`); for a page with none, the
        anonymous site ``"-"`` when the profile has it, else the profile's only site."""
        key = site_key(meta, self.level)
        if key is None:
            if ANONYMOUS in self.sites:
                return ANONYMOUS
            if len(self.sites) == 1:
                return next(iter(self.sites))
        return key

    def learn_key(self, meta: dict[str, Any]) -> str:
        """The site key a page is counted under: its own, or ``"-"`` (pages with no url, path or site)."""
        return site_key(meta, self.level) or ANONYMOUS

    def observe(self, key: str, text: str) -> list[tuple[int, int]]:
        """Count one page of site ``key``; returns its ``(line index, hash)`` pairs."""
        lines = keyed_lines(text)
        self.observe_hashes(key, [(h, line.strip()) for _, h, line in lines])
        return [(i, h) for i, h, _ in lines]

    def observe_hashes(self, key: str, lines: Iterable[tuple[int, str]]) -> None:
        """Count one page given ``(hash, text)`` of its lines."""
        counts = self.sites.get(key)
        if counts is None:
            if len(self.sites) >= self.max_sites:
                self._evict()
            counts = self.sites[key] = SiteCounts()
        before = len(counts.counts)
        counts.observe(lines, self.site_cap())
        self._entries += len(counts.counts) - before
        if self._entries > self.max_entries:
            self._shrink()

    def site_cap(self) -> int:
        """Line counts one site may hold now: ``max_lines``, or its equal share of ``max_entries``."""
        return max(MIN_SITE_LINES, min(self.max_lines, self.max_entries // max(1, len(self.sites))))

    def _shrink(self) -> None:
        """Hold every site to :meth:`site_cap` (pruned to half of it), then drop small sites if still over."""
        cap = self.site_cap()
        for counts in self.sites.values():
            if len(counts.counts) > cap:
                counts.prune(cap // 2)
        self._entries = sum(len(c.counts) for c in self.sites.values())
        while self._entries > self.max_entries and len(self.sites) > 1:
            self._evict(len(self.sites) * 9 // 10)
            self._entries = sum(len(c.counts) for c in self.sites.values())

    def observe_page(self, page: Page) -> bool:
        """Count a cleaned or partly cleaned page under :meth:`learn_key`; False for a failed page."""
        if page.error is not None:
            return False
        self.observe(self.learn_key(page.meta), page.text)
        return True

    def _evict(self, keep: int | None = None) -> None:
        """Drop the sites with the fewest pages down to ``keep`` (90 % of ``max_sites``; first seen wins ties)."""
        keep = max(1, self.max_sites * 9 // 10 if keep is None else keep)
        kept = set(sorted(self.sites, key=lambda k: self.sites[k].pages, reverse=True)[:keep])
        self.sites = {k: v for k, v in self.sites.items() if k in kept}
        self._entries = sum(len(c.counts) for c in self.sites.values())

    @classmethod
    def learn(
        cls,
        sources: Iterable[Any],
        *,
        cleaner: Cleaner | None = None,
        site: str | None = None,
        **settings: Any,
    ) -> SiteProfile:
        """A profile learnt from pages or sources.

        ``sources`` are :class:`~speechclean.page.Page` objects (their text is counted as it is)
        or anything :meth:`Cleaner.pipe <speechclean.Cleaner.pipe>` takes (str, bytes, paths,
        ``(source, metadata)`` pairs, items): those run through the steps before ``boilerplate``
        and the text the boilerplate step would see is counted. ``site`` is the key of every
        page (otherwise each page's own, see :meth:`key_of`); ``settings`` are the profile's
        options (``share``, ``min_count``…).
        """
        from ..batch import Item
        from ..cleaner import Cleaner
        from ..page import Page
        from .stream import front_item

        profile = cls(**settings)
        cleaner = cleaner or Cleaner()
        for source in sources:
            page = source if isinstance(source, Page) else front_item(cleaner, Item.of(source))[0]
            if page.error is not None:
                continue
            profile.observe(site or profile.learn_key(page.meta), page.text)
        return profile

    def merge(self, *others: SiteProfile) -> SiteProfile:
        """Add the counts of other profiles (in place); returns ``self``."""
        for other in others:
            for key, counts in other.sites.items():
                mine = self.sites.get(key)
                if mine is None:
                    if len(self.sites) >= self.max_sites:
                        self._evict()
                    self.sites[key] = counts.copy()
                else:
                    mine.merge(counts, self.max_lines)
        self._entries = sum(len(c.counts) for c in self.sites.values())
        if self._entries > self.max_entries:
            self._shrink()
        return self

    def __or__(self, other: SiteProfile) -> SiteProfile:
        return self.copy().merge(other)

    def copy(self) -> SiteProfile:
        twin = SiteProfile(**self.settings())
        twin.sites = {k: v.copy() for k, v in self.sites.items()}
        twin._entries = self._entries
        return twin

    # -- reading -------------------------------------------------------------------------
    def pages(self, key: str) -> int:
        """Pages counted for site ``key``."""
        counts = self.sites.get(key)
        return counts.pages if counts else 0

    def threshold(self, pages: int) -> int:
        """Pages a line must appear on, out of ``pages``, to be chrome."""
        return max(self.min_count, math.ceil(self.share * pages - 1e-9))

    def is_chrome_count(self, count: int, pages: int) -> bool:
        return count >= self.threshold(pages)

    def repeated(self, key: str | None, text: str, keyed: list[tuple[int, int]] | None = None) -> dict[int, int]:
        """``{line index: pages}`` for the lines of ``text`` that are site ``key``'s chrome."""
        counts = self.sites.get(key) if key is not None else None
        if counts is None or counts.pages < self.min_count:
            return {}
        if keyed is None:
            keyed = line_keys(text)
        need = self.threshold(counts.pages)
        table = counts.counts
        out = {}
        for i, h in keyed:
            n = table.get(h, 0)
            if n >= need:
                out[i] = n
        return out

    def chrome(self, key: str) -> Iterator[str]:
        """The texts of site ``key``'s chrome lines, most frequent first (lines of unknown text skipped)."""
        counts = self.sites.get(key)
        if counts is None:
            return iter(())
        need = self.threshold(counts.pages)
        ranked = sorted(((n, h) for h, n in counts.counts.items() if n >= need), reverse=True)
        return (counts.texts[h] for _, h in ranked if h in counts.texts)

    def size(self, key: str | None = None) -> int:
        """Entries held: for one site, or for the whole profile."""
        if key is not None:
            counts = self.sites.get(key)
            return len(counts.counts) if counts else 0
        return sum(len(c.counts) for c in self.sites.values())

    def __len__(self) -> int:
        return len(self.sites)

    def __contains__(self, key: object) -> bool:
        return key in self.sites

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SiteProfile):
            return NotImplemented
        return self.settings() == other.settings() and self.sites == other.sites

    __hash__ = None  # type: ignore[assignment]

    def settings(self) -> dict[str, Any]:
        """The options this profile was built with (what :meth:`learn` takes as ``settings``)."""
        return {"share": self.share, "min_count": self.min_count, "max_lines": self.max_lines,
                "max_sites": self.max_sites, "max_entries": self.max_entries, "level": self.level}

    def __repr__(self) -> str:
        pages = sum(c.pages for c in self.sites.values())
        return f"SiteProfile(sites={len(self.sites)}, pages={pages}, lines={self.size()}, share={self.share}, min_count={self.min_count})"

    # -- files ---------------------------------------------------------------------------
    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the profile to ``path`` (JSON; gzip when the name ends in ``.gz``)."""
        from .store import save

        save(self, path)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> SiteProfile:
        """Read a profile written by :meth:`save`."""
        from .store import load

        return load(path)


def as_profile(value: Any) -> SiteProfile:
    """The ``site_profile`` option's value: a profile, or the path of a saved one (loaded)."""
    if isinstance(value, SiteProfile):
        return value
    if isinstance(value, (str, os.PathLike)):
        return SiteProfile.load(value)
    raise OptionError(f"site_profile: expected a SiteProfile or the path of a saved one, got {type(value).__name__}")
