"""The configured pipeline: an ordered list of named steps, with hooks.

>>> from speechclean import Cleaner
>>> cleaner = Cleaner(convert="off")
>>> cleaner.steps
['decode', 'extract', 'convert', 'punctuation', 'boilerplate', 'structure']
>>> def shout(page):
...     page.text = page.text.replace("会议", "大会")
...     return page
>>> cleaner.add_hook(shout, after="punctuation").steps
['decode', 'extract', 'convert', 'punctuation', 'shout', 'boilerplate', 'structure']
>>> cleaner.clean("今天的会议很重要。").text
'今天的大会很重要。'
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal

from .config import STEP_NAMES, Kind, Options, RuleSource
from .dedupe import DedupeMode
from .errors import OptionError, SpeechcleanError, StepError
from .finish import finish_page
from .page import Document, Page
from .sources import Source, page_from_source
from .steps import StepFunction, builtin_step

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .config import OptionValues

log = logging.getLogger("speechclean")


class Cleaner:
    """A configured pipeline of named steps.

    Options are keyword arguments (see :class:`~speechclean.config.Options`) or an
    ``Options`` object. Hooks are plain callables ``Page -> Page``.

    >>> Cleaner(disable=["punctuation"]).steps
    ['decode', 'extract', 'convert', 'boilerplate', 'structure']
    """

    def __init__(self, options: Options | None = None, /, **kwargs: Unpack[OptionValues]) -> None:
        self.options = (options or Options()).replace(**kwargs) if kwargs else (options or Options())
        self._pipeline: list[tuple[str, StepFunction]] = []
        self._custom: dict[str, StepFunction] = {}  # replaced built-ins, by name
        self._hooks: list[tuple[str, StepFunction, str, str]] = []  # (name, fn, "before"/"after", anchor)
        self._disabled: set[str] = set(self.options.disable)
        self._build()

    # -- construction --------------------------------------------------------------
    @classmethod
    def from_config(cls, path: str | os.PathLike[str], **overrides: Unpack[OptionValues]) -> Cleaner:
        """A cleaner configured by a TOML file; keyword arguments override the file."""
        options = Options.from_toml(path)
        return cls(options.replace(**overrides) if overrides else options)

    def _build(self) -> None:
        pipeline: list[tuple[str, StepFunction]] = []
        for name in STEP_NAMES:
            pipeline.append((name, self._custom.get(name) or builtin_step(name, self.options)))
        for name, fn, where, anchor in self._hooks:
            names = [n for n, _ in pipeline]
            i = names.index(anchor)
            pipeline.insert(i if where == "before" else i + 1, (name, fn))
        self._pipeline = pipeline

    def configure(self, **changes: Unpack[OptionValues]) -> Cleaner:
        """Change options in place (hooks and replaced steps are kept); returns the cleaner."""
        self.options = self.options.replace(**changes)
        if "disable" in changes:
            self._disabled = set(self.options.disable)
        self._build()
        return self

    def add_hook(
        self,
        fn: StepFunction,
        *,
        before: str | None = None,
        after: str | None = None,
        name: str | None = None,
    ) -> Cleaner:
        """Run ``fn`` before or after a named step (a built-in step or an earlier hook).

        Without ``before``/``after`` the hook runs last. Returns the cleaner.
        """
        if not callable(fn):
            raise OptionError(f"add_hook: {fn!r} is not callable")
        if before is not None and after is not None:
            raise OptionError("add_hook: give before= or after=, not both")
        name = str(name or getattr(fn, "__name__", type(fn).__name__))
        names = [n for n, _ in self._pipeline]
        if name in names:
            raise OptionError(f"add_hook: a step named {name!r} exists already; pass name=")
        anchor = before or after or names[-1]
        if anchor not in names:
            raise OptionError.choice("add_hook position", anchor, names)
        self._hooks.append((name, fn, "before" if before else "after", anchor))
        self._build()
        return self

    def replace_step(self, name: str, fn: StepFunction) -> Cleaner:
        """Replace the built-in step ``name`` with ``fn``. Returns the cleaner."""
        if name not in STEP_NAMES:
            raise OptionError.choice("replace_step", name, STEP_NAMES)
        if not callable(fn):
            raise OptionError(f"replace_step: {fn!r} is not callable")
        self._custom[name] = fn
        self._build()
        return self

    def disable(self, *names: str) -> Cleaner:
        """Skip the named steps or hooks. Returns the cleaner."""
        self._disabled.update(self._known("disable", names))
        return self

    def enable(self, *names: str) -> Cleaner:
        """Run the named steps or hooks again. Returns the cleaner."""
        self._disabled.difference_update(self._known("enable", names))
        return self

    def _known(self, what: str, names: tuple[str, ...]) -> tuple[str, ...]:
        valid = [n for n, _ in self._pipeline]
        for name in names:
            if name not in valid:
                raise OptionError.choice(what, name, valid)
        return names

    def add_rules(self, *sources: RuleSource) -> Cleaner:
        """Add boilerplate rules: TOML files or :class:`~speechclean.rules.Rule` objects."""
        return self.configure(rules=self.options.rules + tuple(sources))

    # -- reading -------------------------------------------------------------------
    @property
    def steps(self) -> list[str]:
        """The names of the steps that run, in order."""
        return [n for n, _ in self._pipeline if n not in self._disabled]

    def __repr__(self) -> str:
        return f"Cleaner(steps={self.steps!r}, options={self.options!r})"

    # -- running -------------------------------------------------------------------
    def clean(
        self,
        source: Source,
        *,
        kind: Kind | None = None,
        content_type: str | None = None,
        headers: Mapping[str, str] | None = None,
        url: str | None = None,
    ) -> Page:
        """Clean one page.

        ``source`` is a ``str`` (text or HTML), ``bytes`` in any encoding, or a path
        (``os.PathLike``, read as bytes). A ``str`` is always the page itself, never a file
        name: ``clean(Path("page.html"))`` reads a file (a one-line ``str`` that names an
        existing file logs a warning, since it is most likely a slip). ``content_type`` or ``headers`` pass the
        HTTP charset to the decode step; ``kind`` overrides HTML recognition.
        """
        page = self.new_page(source, kind=kind, content_type=content_type, headers=headers, url=url)
        return self.run(page)

    __call__ = clean

    def new_page(
        self,
        source: Source,
        *,
        kind: Kind | None = None,
        content_type: str | None = None,
        headers: Mapping[str, str] | None = None,
        url: str | None = None,
    ) -> Page:
        """The page a source starts as, before any step has run."""
        return page_from_source(source, self.options.kind, kind=kind, content_type=content_type, headers=headers,
                                url=url)

    def run(self, page: Page, *, start: str | None = None, stop: str | None = None) -> Page:
        """Run the pipeline over a page made by :meth:`new_page`.

        ``start``/``stop`` run only part of it: from step ``start`` on, up to (not including)
        step ``stop``; a page stopped early is left as that step would receive it.
        """
        names = [n for n, _ in self._pipeline]
        for part in (start, stop):
            if part is not None and part not in names:
                raise OptionError.choice("run", part, names)
        lo = names.index(start) if start is not None else 0
        hi = names.index(stop) if stop is not None else len(names)
        debug = log.isEnabledFor(logging.DEBUG)
        for name, step in self._pipeline[lo:hi]:
            if name in self._disabled:
                continue
            page.step = name
            if debug:
                started, removed = time.perf_counter(), len(page.removals)
            try:
                out = step(page)
            except SpeechcleanError as e:
                if debug:
                    log.debug("%s: step %s: %s: %s", _page_name(page), name, type(e).__name__, e)
                raise
            except Exception as e:
                log.debug("step %s failed", name, exc_info=True)
                raise StepError(name, f"{type(e).__name__}: {e}") from e
            if not isinstance(out, Page):
                raise StepError(name, f"returned {type(out).__name__}, expected a Page")
            page = out
            if debug:
                extra = f", encoding {page.encoding.name} ({page.encoding.source})" if name == "decode" and \
                    page.encoding else ""
                log.debug("%s: step %s: %d chars, %d removals (+%d)%s, %.2f ms", _page_name(page), name,
                          len(page.text), len(page.removals), len(page.removals) - removed, extra,
                          (time.perf_counter() - started) * 1000)
        page.step = ""
        if stop is not None:
            return page
        if page.raw is not None:  # decode disabled: bytes must still become text
            page.text = page.raw.decode("utf-8", errors="replace")
            page.raw = None
        if not page.documents and page.text:
            page.documents = [Document(page.title, page.text)]
        finish_page(page)
        return page

    def pipe(
        self,
        sources: Iterable[Any],
        *,
        workers: int = 1,
        on_error: Literal["raise", "skip", "record"] = "raise",
        chunksize: int = 4,
        prefetch: int = 4,
        dedupe: DedupeMode = "off",
        timeout: float | None = None,
        paths: bool = False,
        learn_sites: Any = False,
    ) -> Iterator[Page]:
        """Clean many sources lazily, yielding pages in input order.

        Each source is a ``str``, ``bytes``, a path, a ``(source, metadata)`` pair
        (metadata keys ``id``, ``url``, ``content_type``, ``headers``, ``kind``; other
        keys go to ``page.meta``) or a :class:`~speechclean.batch.Item`.
        ``workers > 1`` runs a process pool (the cleaner is pickled once and rebuilt
        once per worker; hooks must be picklable); results are the same as serial.
        ``on_error``: ``"raise"`` the item's error, ``"skip"`` the item (logged as a
        warning), or ``"record"`` it as a page whose ``error`` is set and text empty.
        With the ``lang`` option, pages in other languages are left out (``lang=("zh",)``).
        The input is read at most ``workers * prefetch * chunksize`` items ahead.
        ``dedupe``: ``"exact"`` or ``"near"`` marks each page that repeats an earlier one
        (``page.duplicate_of``, ``page.duplicate_kind``; :mod:`speechclean.dedupe`).

        ``timeout`` (seconds) limits each item: one that runs longer gets an
        :class:`~speechclean.errors.ItemTimeoutError` (a ``TimeoutError``) and the batch goes on
        (a time limit always runs in a worker process, even with ``workers=1``). A worker that
        dies gives a :class:`~speechclean.errors.WorkerError` naming the item it was cleaning,
        and is replaced; workers never outlive the process that started them.
        ``paths=True`` reads every ``str`` source as a file path (``glob.glob`` results);
        by default a ``str`` is the page's text. Hooks that cannot be pickled raise
        :class:`~speechclean.errors.OptionError` before any work starts when ``workers > 1``.
        ``learn_sites=True`` (or a :class:`~speechclean.sites.SiteLearner`) learns each
        site's repeated lines while it streams and drops them (:mod:`speechclean.sites.stream`).

        >>> cleaner = Cleaner(convert="off")
        >>> [p.text for p in cleaner.pipe(["同志们：", "大家好！"], workers=1)]
        ['同志们：', '大家好！']
        """
        from .batch import pipe
        from .dedupe import mark_duplicates

        pages = pipe(self, sources, workers=workers, on_error=on_error, chunksize=chunksize, prefetch=prefetch,
                     timeout=timeout, paths=paths, learn_sites=learn_sites)
        if self.options.lang:
            pages = (p for p in pages if p.error is not None or self.options.keeps_lang(p.lang))  # the lang= filter
        return mark_duplicates(pages, dedupe) if dedupe != "off" else pages

    # -- pickling: hooks must be picklable themselves (module-level functions) -------
    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.pop("_pipeline", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._build()


def _page_name(page: Page) -> str:
    """The page's path, url or id for log lines."""
    for key in ("path", "url", "id"):
        if page.meta.get(key) is not None:
            return str(page.meta[key])
    return "page"


__all__ = ["Cleaner"]
