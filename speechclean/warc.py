"""Read WARC archives (``.warc``/``.warc.gz``): one item per page record, every other record counted.

Record types read by default: ``response`` (the HTTP body; its ``Content-Type`` charset goes to
decode), ``resource`` and ``conversion`` (WET text). Every record not read is counted in
:attr:`WarcReader.skipped` with its reason (``request record``, ``status 404``,
``content type image/png``...). Responses carry their HTTP ``status`` in ``page.meta``; only
2xx responses are read unless ``any_status=True``.

Damage is never silent: a record cut short, or an archive whose tail is a truncated gzip
member, gives one failed item (``error`` says where) after every record before the damage;
a file that is not a WARC at all raises :class:`WarcFormatError` before any item.

Reading uses warcio (the ``warc`` extra); ``benchmarks/warc.py`` compares it with FastWARC.

>>> import io
>>> from warcio.warcwriter import WARCWriter
>>> buffer = io.BytesIO()
>>> writer = WARCWriter(buffer, gzip=True)
>>> record = writer.create_warc_record("http://x/", "resource", payload=io.BytesIO("當前".encode()),
...                                    warc_content_type="text/plain")
>>> writer.write_record(record)
>>> reader = WarcReader(io.BytesIO(buffer.getvalue()), name="x.warc.gz")
>>> [(item.url, item.kind, item.source.decode()) for item in reader]
[('http://x/', 'text', '當前')]
"""

from __future__ import annotations

import io
import logging
import os
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import IO, Any

from .config import Kind
from .errors import BinaryInputError, InputError, OptionError
from .items import Item

log = logging.getLogger("speechclean")

#: Every record type of WARC 1.1, and those read by default.
RECORD_TYPES = ("warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation")
DEFAULT_TYPES = ("response", "resource", "conversion")
#: Payload media types cleaned as pages (anything else is counted as skipped).
PAGE_TYPES: dict[str, Kind] = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}


class WarcFormatError(InputError):
    """The file is not a WARC archive (or not one warcio can read): a usage error on the command line."""


class WarcReader:
    """Iterate the page records of one WARC archive as :class:`~speechclean.items.Item`\\ s.

    ``source`` is a path or a binary stream. After iteration, ``skipped`` counts the records not
    read by reason, ``read`` the records yielded, and ``damaged`` says what broke, if anything.
    """

    def __init__(self, source: str | os.PathLike[str] | IO[bytes], *, name: str | None = None,
                 types: Sequence[str] = DEFAULT_TYPES, any_status: bool = False) -> None:
        for t in types:
            if t not in RECORD_TYPES:
                raise OptionError.choice("warc type", t, RECORD_TYPES)
        self.source = source
        self.name = name or (os.fspath(source) if isinstance(source, (str, os.PathLike)) else "<stream>")
        self.types = tuple(types)
        self.any_status = any_status
        self.skipped: Counter[str] = Counter()
        self.read = 0
        self.damaged: str | None = None

    # -- the archive ----------------------------------------------------------------
    def __iter__(self) -> Iterator[Item]:
        try:
            from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
        except ImportError as e:
            raise OptionError("reading WARC needs warcio: pip install 'speechclean[warc]'") from e
        if isinstance(self.source, (str, os.PathLike)):
            try:
                stream: IO[bytes] = open(self.source, "rb")  # noqa: SIM115 - closed below
            except OSError as e:
                raise InputError(f"cannot read {self.name}: {e.strerror or e}") from e
            owned = True
        else:
            stream, owned = self.source, False
        try:
            stream = _peekable(stream)
            gzipped = _check_format(stream, self.name)
            tape = None if _seekable(stream) else _Tape(stream)  # a pipe: keep the last record's bytes
            records = ArchiveIterator(tape or stream)
            start = end = 0
            while True:
                try:
                    record = next(records)
                except StopIteration:
                    break
                except Exception as e:  # noqa: BLE001 - warcio raises many types on broken input
                    yield self._damage(f"unreadable data after {self.read + sum(self.skipped.values())} "
                                       f"records ({type(e).__name__}: {e})")
                    return
                length = record.rec_headers.get_header("Content-Length")
                if length is None or not length.strip().isdigit():  # headers cut off, even inside that line
                    what = "no Content-Length" if length is None else f"Content-Length {length.strip()!r}"
                    yield self._damage(f"the archive is truncated: a {record.rec_type} record's WARC headers "
                                       f"are cut short ({what})")
                    return
                item = self._item(record)
                try:
                    records.read_to_end(record)
                    start = records.get_record_offset()
                    end = start + records.get_record_length()
                    if tape is not None:
                        tape.keep_from(start)
                except Exception:  # noqa: BLE001 - the record's own check below tells
                    end = -1
                missing = getattr(record.raw_stream, "limit", 0) or 0
                if item is None and missing > 0:  # a skipped record can be cut short too
                    yield self._damage(f"the archive is truncated: the {record.rec_type} record "
                                       f"{record.rec_headers.get_header('WARC-Record-ID')} is cut short "
                                       f"({missing} bytes of its Content-Length are missing)")
                    return
                if item is not None:
                    if item.error is not None:
                        self.damaged = item.error
                        yield item
                        return
                    self.read += 1
                    yield item
            offset = start if gzipped else end
            if end < 0:
                tail = None
            elif tape is not None:
                tail = _tail_damage(tape.since(offset), offset, gzipped)
            else:
                tail = _tail_damage(_rest(stream, offset), offset, gzipped)
            if tail:
                yield self._damage(tail)
        finally:
            if owned:
                stream.close()
        if self.skipped:
            log.info("%s: %d records read, skipped %s", self.name, self.read,
                     ", ".join(f"{n} {why}" for why, n in self.skipped.most_common()))

    def _damage(self, message: str) -> Item:
        self.damaged = f"damaged WARC {self.name}: {message}"
        log.warning("%s", self.damaged)
        return Item(None, id=f"{self.name}#damaged", error=self.damaged)

    # -- one record -----------------------------------------------------------------
    def _skip(self, reason: str, record: Any) -> None:
        self.skipped[reason] += 1
        log.debug("%s: skipped %s (%s)", self.name, record.rec_headers.get_header("WARC-Record-ID"), reason)

    def _item(self, record: Any) -> Item | None:
        kind_of_record = record.rec_type
        if kind_of_record not in self.types:
            self._skip(f"{kind_of_record} record", record)
            return None
        headers = record.rec_headers
        record_id = headers.get_header("WARC-Record-ID")
        url = headers.get_header("WARC-Target-URI")
        meta: dict[str, Any] = {"warc_type": kind_of_record}
        if headers.get_header("WARC-Date"):
            meta["warc_date"] = headers.get_header("WARC-Date")
        if kind_of_record == "response" and record.http_headers is not None:
            status_text = record.http_headers.get_statuscode() or ""
            status = int(status_text) if status_text.isdigit() else None
            meta["status"] = status
            if not self.any_status and (status is None or not 200 <= status < 300):
                self._skip(f"status {status_text or 'missing'}", record)
                return None
            content_type = record.http_headers.get_header("Content-Type")
        else:
            content_type = headers.get_header("Content-Type")
            if content_type and content_type.split(";")[0].strip().lower() == "application/http":
                self._skip(f"{kind_of_record} record of HTTP without parsed headers", record)
                return None
        mime = (content_type or "").split(";")[0].strip().lower()
        if mime and mime not in PAGE_TYPES:
            self._skip(f"content type {mime}", record)
            return None
        try:
            payload = record.content_stream().read()
        except Exception as e:  # noqa: BLE001 - a broken chunked/gzip body, a cut archive
            return Item(None, id=record_id, url=url, meta=meta,
                        error=f"damaged WARC {self.name}: record {record_id} cannot be read ({type(e).__name__}: {e})")
        missing = getattr(record.raw_stream, "limit", 0) or 0
        if missing > 0:
            return Item(None, id=record_id, url=url, meta=meta,
                        error=f"damaged WARC {self.name}: record {record_id} ({url}) is cut short: {missing} bytes "
                              "of its Content-Length are missing (a truncated archive)")
        if not mime:
            try:
                from .steps.binary import check_binary

                check_binary(payload)
            except BinaryInputError:
                self._skip("binary payload without Content-Type", record)
                return None
        return Item(payload, id=record_id, url=url, content_type=content_type,
                    kind=PAGE_TYPES.get(mime, "auto"), meta=meta)


# -- format and damage checks --------------------------------------------------------------
def check_warc(path: str | os.PathLike[str]) -> None:
    """Raise :class:`WarcFormatError` unless the file at ``path`` starts like a WARC archive."""
    with open(path, "rb") as f:
        _check_format(_peekable(f), os.fspath(path))


def _peekable(stream: IO[bytes]) -> IO[bytes]:
    return stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type,type-var]


def _check_format(stream: IO[bytes], name: str) -> bool:
    """Raise :class:`WarcFormatError` unless the stream starts like a WARC; True when gzipped."""
    head = stream.peek(64)[:64]  # type: ignore[attr-defined]
    gzipped = head.startswith(b"\x1f\x8b")
    if gzipped:
        try:
            start = zlib.decompressobj(31).decompress(head, 16)
        except zlib.error:
            start = b""
        if len(start) < 5 and len(head) >= 64:  # a gzip header with extra fields: look further
            start = zlib.decompressobj(31).decompress(stream.peek(4096)[:4096], 16)  # type: ignore[attr-defined]
    else:
        start = head
    if not start.lstrip(b"\r\n").startswith(b"WARC/"):
        what = "a gzip file whose content" if gzipped else "a file that"
        raise WarcFormatError(f"{name} is not a WARC archive: {what} does not start with 'WARC/'")
    return gzipped


def _seekable(stream: IO[bytes]) -> bool:
    try:
        return bool(stream.seekable())
    except (OSError, ValueError, AttributeError):
        return False


class _Tape:
    """A pass-through reader that keeps what it read from ``keep_from(offset)`` on (pipes cannot seek back)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.position = 0  # bytes read so far
        self.kept = bytearray()
        self.kept_from = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.position += len(data)
        self.kept += data
        return data

    def tell(self) -> int:
        return self.position

    def keep_from(self, offset: int) -> None:
        if offset > self.kept_from:
            del self.kept[: offset - self.kept_from]
            self.kept_from = offset

    def since(self, offset: int) -> bytes:
        """The bytes from ``offset`` to the end of the stream."""
        return bytes(self.kept[max(0, offset - self.kept_from):]) + self.stream.read()


def _rest(stream: IO[bytes], offset: int) -> bytes:
    try:
        size = os.fstat(stream.fileno()).st_size
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        size = None
    stream.seek(offset)
    return stream.read(size - offset) if size is not None and size > offset else stream.read()


def _tail_damage(rest: bytes, offset: int, gzipped: bool) -> str | None:
    """What is wrong with the end of the archive (None: nothing), given the bytes from ``offset`` on.

    Gzipped: every gzip member from ``offset`` (the start of the last record read) to the end
    must be whole — warcio stops without a word at a member cut short. Plain: the bytes after
    ``offset`` (the end of the last record) must be blank.
    """
    if not gzipped:
        return f"{len(rest)} bytes at byte {offset} are not a WARC record" if rest.strip(b"\r\n\x00") else None
    position = offset
    while rest.strip(b"\r\n\x00"):
        d = zlib.decompressobj(31)
        try:
            data = d.decompress(rest)
        except zlib.error as e:
            return f"unreadable gzip data at byte {position} ({e})"
        if not d.eof:
            return (f"the archive is truncated: the gzip member at byte {position} is cut short "
                    f"({len(rest)} bytes left, {len(data)} bytes of a record)")
        position += len(rest) - len(d.unused_data)
        rest = d.unused_data
    return None


__all__ = ["DEFAULT_TYPES", "PAGE_TYPES", "RECORD_TYPES", "WarcFormatError", "WarcReader", "check_warc"]
