"""Learning while streaming: ``Cleaner.pipe(..., learn_sites=True)``.

Each page runs through the steps before ``boilerplate`` (the *front*), then its lines are counted
in the site profile, then it runs ``boilerplate`` and ``structure`` (the *back*) with the verdict
"which of its lines are the site's chrome". A site is ready once ``warmup`` of its pages have been
counted (default 20). Before that its pages are **buffered** in their front state, not cleaned
twice: when the site becomes ready they are finished with the profile as it is then. A page waits
at most ``max_pending`` items of the stream (default 1000): when the stream has moved that far past
the oldest waiting page, that page is finished with the counts seen so far (a line must still be on
``min_count`` and ``share`` of the pages counted). At the end every waiting page is finished.
So at most ``max_pending`` front-state pages are held, plus the round of items in flight; output
stays in input order.

All learning and every verdict happen in the calling process, in input order, so the result
depends only on the order of the input, not on ``workers``: serial and parallel runs give the same
pages. With ``workers > 1`` the front and the back each run in a process pool of the learner's own
(``timeout=`` is not available with it).

Pages with no url, path or caller-given ``site`` count as one anonymous site ``"-"``.

>>> from speechclean import Cleaner
>>> texts = [f"示例网，你身边的写作助手！\\n第{n}篇：今天我们讨论第{n}个问题，大家畅所欲言，气氛热烈。" for n in range(30)]
>>> pages = list(Cleaner().pipe(texts, learn_sites=True))
>>> pages[0].text, [(r.rule, r.score) for r in pages[0].removals]  # finished when 20 pages were counted
('第0篇：今天我们讨论第0个问题，大家畅所欲言，气氛热烈。', [('site.repeated', 20)])
"""

from __future__ import annotations

import gc
import os
import pickle
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..errors import InputError, OptionError, SpeechcleanError, WorkerError
from ..items import Item, clean_item, failed_page
from ..pool import mp_context, warm
from ..worker import init_worker_process
from .apply import VERDICT
from .profile import SiteProfile

if TYPE_CHECKING:
    from ..cleaner import Cleaner
    from ..page import Page

#: Pages of a site counted before its profile is applied.
WARMUP = 20
#: How far (in items) the stream may move past a page still waiting for its site's profile.
MAX_PENDING = 1000
#: The step the back half starts at.
SPLIT = "boilerplate"


class _Front:
    """A cleaner seen through :func:`batch.clean_item` that stops before the boilerplate step."""

    def __init__(self, cleaner: Cleaner) -> None:
        self.cleaner = cleaner

    def new_page(self, *args: Any, **kwargs: Any) -> Page:
        return self.cleaner.new_page(*args, **kwargs)

    def run(self, page: Page) -> Page:
        return self.cleaner.run(page, stop=SPLIT)


def front_item(cleaner: Cleaner, item: Item) -> tuple[Page, int]:
    """Run one item up to the boilerplate step; errors go to ``page.error``."""
    return clean_item(_Front(cleaner), item)  # type: ignore[arg-type]


def back_item(cleaner: Cleaner, item: Item, page: Page) -> Page:
    """Finish a front-state page (boilerplate, structure, hooks after them); errors go to ``page.error``."""
    if page.error is not None:
        return page
    try:
        page = cleaner.run(page, start=SPLIT)
    except SpeechcleanError as e:
        page = failed_page(item, e)
    except Exception as e:  # noqa: BLE001 - a hook raising its own error: isolate the item
        page = failed_page(item, InputError(f"{type(e).__name__}: {e}"))
    page.meta.pop(VERDICT, None)
    return page


def front_pages(cleaner: Cleaner | None, sources: Iterable[Any]) -> Iterator[Page]:
    """Pages as the boilerplate step would receive them, for every source, serially."""
    from ..cleaner import Cleaner

    cleaner = cleaner or Cleaner()
    for source in sources:
        page, _ = front_item(cleaner, Item.of(source))
        yield page


# -- workers ---------------------------------------------------------------------------
_WORKER_CLEANER: Cleaner | None = None


def _init_worker(state: bytes) -> None:
    global _WORKER_CLEANER
    init_worker_process()  # a learning run's workers die with it and leave Ctrl-C to it (speechclean.pool)
    _WORKER_CLEANER = pickle.loads(state)
    gc.freeze()  # what the worker inherited lives as long as it: keep the cyclic GC off it


def _front_chunk(items: Sequence[Item]) -> list[tuple[Page, int]]:
    cleaner = _WORKER_CLEANER
    assert cleaner is not None, "worker not initialised"
    return [front_item(cleaner, item) for item in items]


def _back_chunk(pairs: Sequence[tuple[Item, Page]]) -> list[Page]:
    cleaner = _WORKER_CLEANER
    assert cleaner is not None, "worker not initialised"
    return [back_item(cleaner, item, page) for item, page in pairs]


def _light(item: Item) -> Item:
    """The item without its (possibly large) source, for the trip back to a worker."""
    return item if isinstance(item.source, os.PathLike) else replace(item, source=None)


class _Serial:
    def __init__(self, cleaner: Cleaner) -> None:
        self.cleaner = cleaner

    def front(self, items: list[Item]) -> list[tuple[Page, int]]:
        return [front_item(self.cleaner, item) for item in items]

    def back(self, pairs: list[tuple[Item, Page]]) -> list[Page]:
        return [back_item(self.cleaner, item, page) for item, page in pairs]

    def close(self) -> None:
        pass


class _Pool:
    def __init__(self, cleaner: Cleaner, workers: int, chunksize: int) -> None:
        context = mp_context()
        if context.get_start_method() == "fork":
            warm(cleaner)
        self.chunksize = chunksize
        self.pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                                        initargs=(pickle.dumps(cleaner),))

    def _map(self, fn: Any, values: list[Any]) -> list[Any]:
        size = self.chunksize
        futures = [self.pool.submit(fn, values[i:i + size]) for i in range(0, len(values), size)]
        try:
            return [x for f in futures for x in f.result()]
        except BrokenProcessPool as e:
            raise WorkerError(f"a worker process died ({e}); the batch cannot go on") from e

    def front(self, items: list[Item]) -> list[tuple[Page, int]]:
        return self._map(_front_chunk, items)

    def back(self, pairs: list[tuple[Item, Page]]) -> list[Page]:
        return self._map(_back_chunk, [(_light(item), page) for item, page in pairs])

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


# -- the learner -----------------------------------------------------------------------
@dataclass(eq=False, slots=True)
class _Slot:
    index: int
    item: Item
    page: Page
    size: int
    key: str | None = None
    keyed: list[tuple[int, int]] | None = None
    waiting: bool = False
    done: bool = False


class SiteLearner:
    """Learns a :class:`SiteProfile` from a stream while cleaning it (see the module docstring).

    ``profile`` is a profile to start from (copied); otherwise ``settings`` (``share``,
    ``min_count``…) make a new one. After the stream, :attr:`profile` holds what was learnt.

    >>> learner = SiteLearner(warmup=5)
    >>> from speechclean import Cleaner
    >>> _ = list(Cleaner().pipe([("首页 | 登录\\n正文。", {"url": f"http://a.cn/{n}"}) for n in range(6)], learn_sites=learner))
    >>> learner.profile.pages("a.cn")
    6
    """

    def __init__(self, profile: SiteProfile | None = None, *, warmup: int = WARMUP,
                 max_pending: int = MAX_PENDING, **settings: Any) -> None:
        if warmup < 1 or max_pending < 1:
            raise OptionError("warmup and max_pending must be at least 1")
        if profile is not None and settings:
            raise OptionError("give a profile to start from or profile settings, not both")
        self.profile = profile.copy() if profile is not None else SiteProfile(**settings)
        self.warmup = warmup
        self.max_pending = max_pending
        self.held = 0  # the most pages ever waiting at once (for reports)

    def iter_cleaned(self, cleaner: Cleaner, sources: Iterable[Any], *, workers: int = 1,
                     chunksize: int = 4, prefetch: int = 4) -> Iterator[tuple[Item, Page, int]]:
        """``(item, page, input size)`` for every source, in order, like :func:`batch.iter_cleaned`."""
        if workers < 1:
            raise OptionError(f"workers: {workers!r} must be at least 1")
        if chunksize < 1:
            raise OptionError(f"chunksize: {chunksize!r} must be at least 1")
        runner: _Serial | _Pool = _Serial(cleaner) if workers == 1 else _Pool(cleaner, workers, chunksize)
        round_size = 1 if workers == 1 else workers * max(1, prefetch) * chunksize
        slots: deque[_Slot] = deque()
        self._order: deque[_Slot] = deque()  # waiting slots, oldest first (released ones skipped lazily)
        self._by_site: dict[str, list[_Slot]] = {}
        self._waiting = 0
        index = 0
        try:
            items = (Item.of(s) for s in sources)
            while True:
                round_items = [item for _, item in zip(range(round_size), items)]
                if not round_items:
                    break
                ready: list[_Slot] = []
                for item, (page, size) in zip(round_items, runner.front(round_items)):
                    slot = _Slot(index, item, page, size)
                    index += 1
                    slots.append(slot)
                    self._admit(slot, ready)
                yield from self._finish(runner, ready, slots)
            ready = []
            while self._order:
                slot = self._order.popleft()
                if slot.waiting:
                    self._release(slot, ready)
            yield from self._finish(runner, ready, slots)
        finally:
            runner.close()

    def _admit(self, slot: _Slot, ready: list[_Slot]) -> None:
        page = slot.page
        if page.error is not None:
            slot.done = True
        elif page.raw is not None:  # decode disabled: bytes, nothing to count; finished as they are
            page.meta[VERDICT] = {}
            ready.append(slot)
        else:
            profile = self.profile
            key = slot.key = profile.learn_key(page.meta)
            slot.keyed = profile.observe(key, page.text)
            pages = profile.pages(key)
            if pages >= self.warmup:
                for waiting in self._by_site.pop(key, ()):
                    self._release(waiting, ready)
                self._release(slot, ready)
            else:
                slot.waiting = True
                self._waiting += 1
                self._by_site.setdefault(key, []).append(slot)
                self._order.append(slot)
        while self._order and (not self._order[0].waiting or slot.index - self._order[0].index >= self.max_pending):
            oldest = self._order.popleft()
            if oldest.waiting:
                self._by_site[oldest.key].remove(oldest)  # type: ignore[index]
                self._release(oldest, ready)
        self.held = max(self.held, self._waiting)

    def _release(self, slot: _Slot, ready: list[_Slot]) -> None:
        if slot.waiting:
            slot.waiting = False
            self._waiting -= 1
        assert slot.keyed is not None
        verdict = self.profile.repeated(slot.key, slot.page.text, slot.keyed)
        slot.page.meta[VERDICT] = verdict
        slot.keyed = None
        ready.append(slot)

    def _finish(self, runner: _Serial | _Pool, ready: list[_Slot],
                slots: deque[_Slot]) -> Iterator[tuple[Item, Page, int]]:
        if ready:
            for slot, page in zip(ready, runner.back([(s.item, s.page) for s in ready])):
                slot.page, slot.done = page, True
        while slots and slots[0].done:
            slot = slots.popleft()
            yield slot.item, slot.page, slot.size


def learner_for(learn: Any, cleaner: Cleaner) -> SiteLearner:
    """The learner ``learn_sites=`` asks for: a given :class:`SiteLearner`, one starting from a
    given profile, or (``True``) one starting from the cleaner's ``site_profile`` option."""
    if isinstance(learn, SiteLearner):
        return learn
    if isinstance(learn, SiteProfile):
        return SiteLearner(learn)
    if learn is True:
        start = cleaner.options.site_profile
        return SiteLearner(start) if start is not None else SiteLearner()
    raise OptionError(f"learn_sites: expected True, a SiteLearner or a SiteProfile, got {learn!r}")


__all__ = ["MAX_PENDING", "WARMUP", "SiteLearner", "back_item", "front_item", "front_pages", "learner_for"]
