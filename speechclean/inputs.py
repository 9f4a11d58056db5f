"""The command line's inputs: files, directories, standard input, ``--jsonl`` and ``--warc``, as items.

Directories are walked recursively, filtered by ``--glob``, hidden files and folders such as
``.git/`` skipped; ``-`` (or a pipe) is standard input; ``--jsonl FILE`` is one JSON object per line
(``--field``/``--id-field`` name the text and id); ``--warc FILE`` is read by :mod:`speechclean.warc`.
Missing or unreadable inputs are usage errors, found before any work.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .batch import Item, record_item
from .errors import SpeechcleanError, UsageError


@dataclass
class InputSource:
    """One input argument: where its items come from and where their output goes."""

    items: Iterator[tuple[Item, dict[str, Any] | None]]
    name: str  # the argument as given
    root: Path | None = None  # a directory argument: outputs mirror the tree under it
    single_file: bool = False  # one output file per item (file inputs)


def _hidden(name: str) -> bool:
    return name.startswith(".")


def walk(path: Path, glob: str = "*", hidden: bool = False) -> Iterator[Path]:
    """The files under ``path`` whose name matches ``glob``, sorted, hidden ones skipped unless asked."""
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if hidden or not _hidden(d))
        for name in sorted(files):
            if (hidden or not _hidden(name)) and fnmatch.fnmatch(name, glob):
                yield Path(root, name)


def iter_paths(paths: Sequence[str], glob: str = "*", hidden: bool = False) -> Iterator[Item]:
    """Items for files and (recursively, sorted) directories; ``-`` is standard input."""
    for arg in paths:
        if arg == "-":
            yield Item(sys.stdin.buffer.read(), id="-")
        elif Path(arg).is_dir():
            yield from (Item(p) for p in walk(Path(arg), glob, hidden))
        else:
            yield Item(Path(arg))


def _open_input(name: str) -> IO[bytes]:
    if name == "-":
        return sys.stdin.buffer
    try:
        return open(name, "rb")
    except OSError as e:
        raise UsageError(f"cannot read {name}: {e.strerror or e}") from e


def iter_jsonl(name: str, field: str = "text", id_field: str | None = "id") -> Iterator[tuple[Item, dict[str, Any]]]:
    """``(item, record)`` for every line of a JSON-lines file; a bad line is an item that fails.

    The record of a bad line holds only ``id_field`` (``"file:line"``), so that its error
    record is named like the others.
    """
    stream = _open_input(name)
    key = id_field or "id"
    try:
        for lineno, line in enumerate(stream, 1):
            if not line.strip():
                continue
            where = f"{name}:{lineno}"
            try:
                record = json.loads(line)
            except ValueError as e:
                yield Item(None, id=where, error=f"line {lineno} is not JSON: {e}"), {key: where}
                continue
            if not isinstance(record, dict):
                yield Item(None, id=where, error=f"line {lineno} is not a JSON object"), {key: where}
                continue
            item = record_item(record, field, id_field)
            if item.source is None:
                item = Item(None, id=item.id if item.id is not None else where,
                            error=f"line {lineno} has no string field {field!r}")
            elif item.id is None:
                item = Item(item.source, id=where, url=item.url)
            yield item, record
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


class Inputs:
    """Every input in order, as sources; counts what the WARC readers skipped."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.warc_skipped: Counter[str] = Counter()
        self.damaged = 0

    def sources(self) -> Iterator[InputSource]:
        args = self.args
        for arg in args.paths:
            if arg == "-":
                yield InputSource(iter([(Item(sys.stdin.buffer.read(), id="-"), None)]), "-", single_file=True)
            elif Path(arg).is_dir():
                files = walk(Path(arg), args.glob, args.hidden)
                yield InputSource(((Item(p), None) for p in files), arg, root=Path(arg), single_file=True)
            else:
                yield InputSource(iter([(Item(Path(arg)), None)]), arg, single_file=True)
        for name in args.jsonl:
            yield InputSource(iter_jsonl(name, args.field, args.id_field or None), name)
        for name in args.warc:
            yield InputSource(self._warc(name), name)

    def _warc(self, name: str) -> Iterator[tuple[Item, None]]:
        from .warc import WarcFormatError, WarcReader

        types = [t.strip() for t in self.args.warc_types.split(",") if t.strip()]
        reader = WarcReader(sys.stdin.buffer if name == "-" else name, name=name, types=types,
                            any_status=self.args.warc_any_status)
        try:
            for item in reader:
                yield item, None
        except WarcFormatError as e:
            raise UsageError(str(e)) from e
        except SpeechcleanError as e:
            raise UsageError(str(e)) from e
        finally:
            self.warc_skipped.update(reader.skipped)
            if reader.damaged:
                self.damaged += 1


def check_inputs(args: argparse.Namespace) -> None:
    """Usage errors found before any work: missing files, unreadable archives, bad WARC types."""
    from .warc import RECORD_TYPES, WarcFormatError, check_warc

    try:
        _check_files(args, check_warc)
    except WarcFormatError as e:
        raise UsageError(str(e)) from e
    for t in (t.strip() for t in args.warc_types.split(",")):
        if t and t not in RECORD_TYPES:
            raise UsageError(f"--warc-types: {t!r} is not a WARC record type; choose from {', '.join(RECORD_TYPES)}")
    if args.timeout is not None and args.timeout <= 0:
        raise UsageError(f"--timeout {args.timeout:g}: must be above 0")


def _check_files(args: argparse.Namespace, check_warc: Callable[[str], Any]) -> None:
    for arg in args.paths:
        if arg != "-" and not Path(arg).exists():
            raise UsageError(f"{arg}: no such file or directory")
    for name in [*args.jsonl, *args.warc]:
        if name != "-" and not os.access(name, os.R_OK):
            raise UsageError(f"cannot read {name}: " + ("no such file" if not Path(name).exists() else "not readable"))
    for name in args.warc:
        if name != "-":
            check_warc(name)

