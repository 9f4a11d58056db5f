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
import gc
import logging
import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Literal

from .errors import InputError, OptionError, SpeechcleanError, WorkerError
from .page import Document, EncodingInfo, Flag, Page, Removal, Repair

if TYPE_CHECKING:
    from .cleaner import Cleaner

log = logging.getLogger("speechclean")

OnError = Literal["raise", "skip", "record"]
ON_ERROR: tuple[str, ...] = ("raise", "skip", "record")

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
    kind: str | None = None
    content_type: str | None = None
    headers: Mapping[str, str] | None = None
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    @classmethod
    def of(cls, value: Any) -> Item:
        """An item from a source, a ``(source, metadata)`` pair or an ``Item``."""
        if isinstance(value, Item):
            return value
        if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], Mapping):
            source, info = value
            known = {k: info[k] for k in _ITEM_KEYS if k in info}
            rest = {k: v for k, v in info.items() if k not in _ITEM_KEYS}
            return cls(source, meta=rest, **known)
        return cls(value)

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


# -- one item --------------------------------------------------------------------------
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
        return _failed(item, e), size
    except Exception as e:  # noqa: BLE001 - a source or hook raising its own error: isolate the item
        return _failed(item, InputError(f"{type(e).__name__}: {e}")), size


def _failed(item: Item, error: Exception) -> Page:
    page = Page(error=error, meta=dict(item.meta))
    if item.id is not None:
        page.meta["id"] = item.id
    if item.url:
        page.meta["url"] = item.url
    if isinstance(item.source, os.PathLike):
        page.meta["path"] = os.fspath(item.source)
    return page


# -- worker processes ------------------------------------------------------------------
def _reduce_record(obj: Any) -> tuple[type, tuple[Any, ...]]:
    return type(obj), tuple(getattr(obj, f.name) for f in fields(obj))


# Pages come back from the workers with dozens of removals each; the default pickling of
# frozen slotted dataclasses goes through ``__getstate__`` dicts and costs the parent ~30%
# more time than plain constructor arguments.
for _cls in (Removal, Flag, Repair, EncodingInfo, Document):
    copyreg.pickle(_cls, _reduce_record)

_WORKER_CLEANER: Cleaner | None = None


def _init_worker(state: bytes) -> None:
    global _WORKER_CLEANER
    _WORKER_CLEANER = pickle.loads(state)
    # Everything inherited from the parent (modules, dictionaries, compiled rules) lives as long
    # as the worker: keep the cyclic GC from traversing it again at every full collection.
    gc.freeze()


def _clean_chunk(items: Sequence[Item]) -> list[tuple[Page, int]]:
    assert _WORKER_CLEANER is not None, "worker not initialised"
    return [clean_item(_WORKER_CLEANER, item) for item in items]


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _warm(cleaner: Cleaner) -> None:
    """Load the per-process caches (OpenCC dictionaries, compiled rules) before forking, so that
    every worker inherits them instead of loading its own."""
    try:
        cleaner.clean("<html><body><p>預熱：同志們，大家好！</p></body></html>")
        cleaner.clean("預熱：同志們，大家好！")
    except SpeechcleanError:  # a user's hook may refuse the sample; workers then load on demand
        pass


def _mp_context() -> multiprocessing.context.BaseContext:
    """The platform's default start method (``fork`` on Linux: workers start fast and need no
    ``if __name__ == "__main__"`` guard); ``SPEECHCLEAN_START_METHOD`` overrides it."""
    method = os.environ.get("SPEECHCLEAN_START_METHOD") or None
    return multiprocessing.get_context(method)


# -- the stream ------------------------------------------------------------------------
def iter_cleaned(
    cleaner: Cleaner,
    sources: Iterable[Any],
    *,
    workers: int = 1,
    chunksize: int = 4,
    prefetch: int = 4,
) -> Iterator[tuple[Item, Page, int]]:
    """``(item, page, input size)`` for every source, in order; errors are recorded on the page.

    The building block of :func:`pipe` and the command line. At most
    ``workers * prefetch`` chunks of ``chunksize`` items are read ahead.
    """
    if workers < 1:
        raise OptionError(f"workers: {workers!r} must be at least 1")
    if chunksize < 1:
        raise OptionError(f"chunksize: {chunksize!r} must be at least 1")
    items = (Item.of(s) for s in sources)
    if workers == 1:
        for item in items:
            page, size = clean_item(cleaner, item)
            yield item, page, size
        return
    state = pickle.dumps(cleaner)
    context = _mp_context()
    if context.get_start_method() == "fork":
        _warm(cleaner)
    window: deque[tuple[list[Item], Future[list[tuple[Page, int]]]]] = deque()
    limit = workers * max(1, prefetch)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(state,))
    try:
        chunks = _chunks(items, chunksize)
        for chunk in chunks:
            window.append((chunk, pool.submit(_clean_chunk, chunk)))
            if len(window) >= limit:
                done, future = window.popleft()
                for item, (page, size) in zip(done, future.result()):
                    yield item, page, size
        while window:
            done, future = window.popleft()
            for item, (page, size) in zip(done, future.result()):
                yield item, page, size
    except BrokenProcessPool as e:
        raise WorkerError(f"a worker process died ({e}); the batch cannot go on") from e
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def pipe(
    cleaner: Cleaner,
    sources: Iterable[Any],
    *,
    workers: int = 1,
    on_error: OnError = "raise",
    chunksize: int = 4,
    prefetch: int = 4,
    learn_sites: Any = False,
) -> Iterator[Page]:
    """Clean every source lazily, in input order; see :meth:`Cleaner.pipe <speechclean.Cleaner.pipe>`."""
    if on_error not in ON_ERROR:
        raise OptionError.choice("on_error", on_error, ON_ERROR)
    if learn_sites:  # learn each site's repeated lines while streaming (speechclean.sites.stream)
        from .sites.stream import learner_for

        results = learner_for(learn_sites, cleaner).iter_cleaned(
            cleaner, sources, workers=workers, chunksize=chunksize, prefetch=prefetch)
    else:
        results = iter_cleaned(cleaner, sources, workers=workers, chunksize=chunksize, prefetch=prefetch)
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
KEEP_CHOICES: tuple[str, ...] = ("title", "documents", "encoding", "removals", "flags", "kind", "error")


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
    **options: Any,
) -> Iterator[dict[str, Any]]:
    """Clean one field of each record; yield a copy with every other field kept.

    The clean text goes to ``output_field`` (default: ``field`` itself); ``keep``
    names what else is added (see :func:`record_fields`). A record that fails gets
    an empty text and its ``error`` — it is never dropped. ``options`` build a
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
    for _item, page, _ in iter_cleaned(cleaner, items(), workers=workers, chunksize=chunksize):
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
    **options: Any,
) -> Any:
    """Clean one column of a pandas DataFrame; return a copy with the ``keep`` columns added.

    The cleaner is built once per process for the same options (cached), so this is
    cheap to call once per partition or batch.
    """
    from .cleaner import _cleaner_for

    cleaner = cleaner if cleaner is not None else _cleaner_for(options)
    out = frame.copy()
    texts: list[str] = []
    extra: dict[str, list[Any]] = {}
    for value in frame[column].tolist():
        item = Item(value if isinstance(value, (str, bytes)) else None)
        page, _ = clean_item(cleaner, item)
        texts.append(page.text)
        for k, v in record_fields(page, keep).items():
            extra.setdefault(k, []).append(v)
    out[output_column or column] = texts
    for name in keep:  # an empty frame still gets every column
        out[name] = extra.get(name, [])
    return out


__all__ = ["Item", "clean_frame", "clean_item", "clean_records", "iter_cleaned", "pipe", "record_fields"]
