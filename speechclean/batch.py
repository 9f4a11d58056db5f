"""Many pages at once: a lazy, ordered, bounded stream, serial or over a process pool.

:meth:`Cleaner.pipe <speechclean.Cleaner.pipe>` cleans an iterable of sources and
yields one :class:`~speechclean.page.Page` per source, in input order. With
``workers > 1`` the work runs in a process pool whose workers each build the
cleaner once; at most ``workers * prefetch`` chunks are in flight, so an endless
generator streams in constant memory.

>>> from speechclean import Cleaner
>>> cleaner = Cleaner(convert="off")
>>> pages = cleaner.pipe(["同志们：大家好！", b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00"], on_error="record")
>>> [(p.text, p.ok) for p in pages]
[('同志们：大家好！', True), ('', False)]

Records (dicts, e.g. JSON lines) keep every other field:

>>> rows = [{"id": 7, "text": "同志们：大家好！", "url": "http://x"}]
>>> out = next(clean_records(rows, cleaner=cleaner))
>>> out["id"], out["text"], out["url"], out["error"]
(7, '同志们：大家好！', 'http://x', None)
"""

from __future__ import annotations

import copyreg
import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any, Literal

from .errors import OptionError
from .items import Item, clean_item
from .page import Document, EncodingInfo, Flag, Page, Removal, Repair
from .pool import check_picklable, run_pool

if TYPE_CHECKING:
    from .cleaner import Cleaner

log = logging.getLogger("speechclean")

OnError = Literal["raise", "skip", "record"]
ON_ERROR: tuple[str, ...] = ("raise", "skip", "record")

# -- worker processes ------------------------------------------------------------------
def _reduce_record(obj: Any) -> tuple[type, tuple[Any, ...]]:
    return type(obj), tuple(getattr(obj, f.name) for f in fields(obj))


# Pages come back from the workers with dozens of removals each; the default pickling of
# frozen slotted dataclasses goes through ``__getstate__`` dicts and costs the parent ~30%
# more time than plain constructor arguments.
for _cls in (Removal, Flag, Repair, EncodingInfo, Document):
    copyreg.pickle(_cls, _reduce_record)


# -- the stream ------------------------------------------------------------------------
def iter_cleaned(
    cleaner: Cleaner,
    sources: Iterable[Any],
    *,
    workers: int = 1,
    chunksize: int = 4,
    prefetch: int = 4,
    timeout: float | None = None,
    paths: bool = False,
) -> Iterator[tuple[Item, Page, int]]:
    """``(item, page, input size)`` for every source, in order; errors are recorded on the page.

    The building block of :func:`pipe` and the command line. At most
    ``workers * prefetch`` chunks of ``chunksize`` items are read ahead. Options are
    checked (and the cleaner pickled for the workers) before any source is read.
    """
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise OptionError(f"workers: {workers!r} must be at least 1")
    if isinstance(chunksize, bool) or not isinstance(chunksize, int) or chunksize < 1:
        raise OptionError(f"chunksize: {chunksize!r} must be at least 1")
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0):
        raise OptionError(f"timeout: {timeout!r} must be a number of seconds above 0, or None")
    items = (Item.of(s, paths=paths) for s in sources)
    if workers == 1 and timeout is None:
        return _serial(cleaner, items)
    # a time limit needs a process to kill: even workers=1 then runs one worker process
    state = check_picklable(cleaner)
    return run_pool(cleaner, state, items, workers=workers, chunksize=chunksize, prefetch=prefetch,
                    timeout=timeout)


def _serial(cleaner: Cleaner, items: Iterator[Item]) -> Iterator[tuple[Item, Page, int]]:
    for item in items:
        page, size = clean_item(cleaner, item)
        yield item, page, size


def pipe(
    cleaner: Cleaner,
    sources: Iterable[Any],
    *,
    workers: int = 1,
    on_error: OnError = "raise",
    chunksize: int = 4,
    prefetch: int = 4,
    timeout: float | None = None,
    paths: bool = False,
    learn_sites: Any = False,
) -> Iterator[Page]:
    """Clean every source lazily, in input order; see :meth:`Cleaner.pipe <speechclean.Cleaner.pipe>`.

    Bad options and unpicklable hooks raise :class:`OptionError` here, before any work starts.
    """
    if on_error not in ON_ERROR:
        raise OptionError.choice("on_error", on_error, ON_ERROR)
    if learn_sites:  # learn each site's repeated lines while streaming (speechclean.sites.stream)
        from .sites.stream import learner_for

        if timeout is not None:
            raise OptionError("timeout: not supported with learn_sites (the learner runs its own workers)")
        items = (Item.of(s, paths=paths) for s in sources)
        results = learner_for(learn_sites, cleaner).iter_cleaned(
            cleaner, items, workers=workers, chunksize=chunksize, prefetch=prefetch)
    else:
        results = iter_cleaned(cleaner, sources, workers=workers, chunksize=chunksize, prefetch=prefetch,
                               timeout=timeout, paths=paths)
    return _pages(results, on_error)


def _pages(results: Iterator[tuple[Item, Page, int]], on_error: OnError) -> Iterator[Page]:
    for item, page, _ in results:
        if page.error is not None:
            if on_error == "raise":
                raise page.error
            if on_error == "skip":
                log.warning("%s: %s", item.name, page.error)
                continue
        yield page


# -- records ---------------------------------------------------------------------------
#: What :func:`clean_records` adds by default, besides the clean text.
DEFAULT_KEEP: tuple[str, ...] = ("title", "encoding", "removals", "error")
#: Page metadata and duplicate fields a record may keep (speechclean.meta, speechclean.dedupe).
META_KEEP: tuple[str, ...] = ("published", "author", "author_role", "source", "site_name", "url",
                              "fingerprint", "duplicate_of", "duplicate_kind", "blocks")
KEEP_CHOICES: tuple[str, ...] = ("title", "documents", "encoding", "removals", "flags", "kind", "error", *META_KEEP)


def identity(item: Item) -> dict[str, Any]:
    """What names an item in an output record: its ``path``, ``id`` and ``url`` (those it has).

    >>> from pathlib import Path
    >>> identity(Item(Path("a.html"), id=3))
    {'path': 'a.html', 'id': 3}
    """
    out: dict[str, Any] = {}
    if isinstance(item.source, os.PathLike):
        out["path"] = os.fspath(item.source)
    if item.id is not None:
        out["id"] = item.id
    if item.url:
        out["url"] = item.url
    return out


def record_fields(page: Page, keep: Sequence[str] = DEFAULT_KEEP) -> dict[str, Any]:
    """The fields a cleaned record gets besides its text.

    ``encoding`` is the codec name (or None for text input); ``removals`` and ``flags``
    are counts; ``documents`` is a list of ``{"title", "text"}``; ``error`` is
    ``"Type: message"`` or None.

    >>> from speechclean import clean
    >>> record_fields(clean("当前位置：首页 > 范文\\n同志们：大家好！"))
    {'title': None, 'encoding': None, 'removals': 1, 'error': None}
    """
    out: dict[str, Any] = {}
    for name in keep:
        if name == "title":
            out["title"] = page.title
        elif name == "documents":
            out["documents"] = [{"title": d.title, "text": d.text} for d in page.documents]
        elif name == "encoding":
            out["encoding"] = page.encoding.name if page.encoding else None
        elif name == "removals":
            out["removals"] = len(page.removals)
        elif name == "flags":
            out["flags"] = len(page.flags)
        elif name == "kind":
            out["kind"] = page.kind
        elif name == "error":
            out["error"] = f"{type(page.error).__name__}: {page.error}" if page.error else None
        elif name == "blocks":
            out["blocks"] = [b.to_dict() for b in page.blocks]
        elif name in META_KEEP:
            out[name] = getattr(page, name)
        else:
            raise OptionError.choice("keep", name, KEEP_CHOICES)
    return out


def record_item(record: Mapping[str, Any], field: str = "text", id_field: str | None = "id") -> Item:
    """The item a record stands for: its ``field`` as source, ``id_field`` and ``url`` as metadata."""
    if not isinstance(record, Mapping):
        return Item(None, meta={})
    source = record.get(field)
    if source is not None and not isinstance(source, (str, bytes)):
        source = None
    return Item(source, id=record.get(id_field) if id_field else None,
                url=record.get("url") if isinstance(record.get("url"), str) else None)


def clean_records(
    records: Iterable[Mapping[str, Any]],
    *,
    field: str = "text",
    id_field: str | None = "id",
    output_field: str | None = None,
    keep: Sequence[str] = DEFAULT_KEEP,
    cleaner: Cleaner | None = None,
    workers: int = 1,
    chunksize: int = 4,
    timeout: float | None = None,
    **options: Any,
) -> Iterator[dict[str, Any]]:
    """Clean one field of each record; yield a copy with every other field kept.

    The clean text goes to ``output_field`` (default: ``field`` itself); ``keep``
    names what else is added (see :func:`record_fields`). A record that fails gets
    an empty text and its ``error`` — it is never dropped (nor is one whose worker died or
    that ran past ``timeout`` seconds). ``options`` build a
    cleaner when ``cleaner`` is not given.

    >>> rows = [{"id": 1, "text": "當前的工作"}, {"id": 2}]
    >>> [(r["id"], r["text"], r["error"]) for r in clean_records(rows, keep=("error",))]
    [(1, '当前的工作', None), (2, '', 'InputError: no source (a record without the text field, or null)')]
    """
    from .cleaner import Cleaner

    for name in keep:
        if name not in KEEP_CHOICES:
            raise OptionError.choice("keep", name, KEEP_CHOICES)
    cleaner = cleaner if cleaner is not None else Cleaner(**options)
    pending: deque[Mapping[str, Any]] = deque()

    def items() -> Iterator[Item]:
        for record in records:
            pending.append(record)
            yield record_item(record, field, id_field)

    target = output_field or field
    for _item, page, _ in iter_cleaned(cleaner, items(), workers=workers, chunksize=chunksize, timeout=timeout):
        record = pending.popleft()
        out = dict(record) if isinstance(record, Mapping) else {"record": record}
        out[target] = page.text
        out.update(record_fields(page, keep))
        yield out


# -- pandas (shared by the Dask and Spark helpers) --------------------------------------
def clean_frame(
    frame: Any,
    column: str = "text",
    *,
    output_column: str | None = None,
    keep: Sequence[str] = DEFAULT_KEEP,
    cleaner: Cleaner | None = None,
    paths: bool = False,
    **options: Any,
) -> Any:
    """Clean one column of a pandas DataFrame; return a copy with the ``keep`` columns added.

    The column holds pages (``str`` or ``bytes``), or file paths with ``paths=True``.
    The cleaner is built once per process for the same options (cached), so this is
    cheap to call once per partition or batch.
    """
    from .default_cleaner import cleaner_for

    cleaner = cleaner if cleaner is not None else cleaner_for(options)
    out = frame.copy()
    texts: list[str] = []
    extra: dict[str, list[Any]] = {}
    for value in frame[column].tolist():
        item = Item.of(value if isinstance(value, (str, bytes)) else None, paths=paths)
        page, _ = clean_item(cleaner, item)
        texts.append(page.text)
        for k, v in record_fields(page, keep).items():
            extra.setdefault(k, []).append(v)
    out[output_column or column] = texts
    for name in keep:  # an empty frame still gets every column
        out[name] = extra.get(name, [])
    return out


__all__ = ["Item", "clean_frame", "clean_item", "clean_records", "identity", "iter_cleaned", "pipe", "record_fields"]
