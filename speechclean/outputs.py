"""The command line's outputs: formatted items to one stream, or to files under ``--output-dir``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import IO

from .batch import Item
from .errors import UsageError
from .formats import Format
from .inputs import InputSource


def _separator(text: str) -> str:
    return text.encode("latin-1", "backslashreplace").decode("unicode_escape") if "\\" in text else text


class Sink:
    """Where formatted items go: one stream, or files under ``--output-dir``."""

    def __init__(self, args: argparse.Namespace, fmt: Format) -> None:
        self.fmt = fmt
        self.directory = Path(args.output_dir) if args.output_dir else None
        self.separator = _separator(args.separator) + "\n" if fmt.separated else ""
        self.stream: IO[str] | None = None
        self.current: tuple[str, Path] | None = None  # (source name, file) open under the directory
        self.written = 0  # items written to the current stream
        if self.directory is None:
            if args.output:
                try:
                    self.stream = open(args.output, "w", encoding="utf-8")  # noqa: SIM115 - closed in close()
                except OSError as e:
                    raise UsageError(f"cannot write {args.output}: {e.strerror or e}") from e
            else:
                self.stream = sys.stdout
        else:
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise UsageError(f"cannot create {self.directory}: {e.strerror or e}") from e

    def target(self, source: InputSource, item: Item) -> Path:
        """The output file of an item under ``--output-dir``."""
        assert self.directory is not None
        if not source.single_file or source.name == "-":
            stem = "stdin" if source.name == "-" else Path(source.name).name.split(".")[0]
            return self.directory / (stem + (".jsonl" if self.fmt.extension == ".json" else self.fmt.extension))
        path = Path(os.fspath(item.source))
        relative = path.relative_to(source.root) if source.root is not None else Path(path.name)
        return self.directory / relative.with_suffix(self.fmt.extension)

    def write(self, source: InputSource, item: Item, text: str | None) -> None:
        if text is None:
            return
        if self.directory is not None:
            key = source.name if not source.single_file or source.name == "-" else os.fspath(item.source)
            if self.current is None or self.current[0] != key:
                self._close_file()
                path = self.target(source, item)
                path.parent.mkdir(parents=True, exist_ok=True)
                self.stream = open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed in _close_file()
                self.current = (key, path)
                self.written = 0
        assert self.stream is not None
        if self.written and self.separator:
            self.stream.write(self.separator)
        self.stream.write(text)
        self.written += 1

    def _close_file(self) -> None:
        if self.directory is not None and self.stream is not None:
            self.stream.close()
            self.stream = None

    def close(self) -> None:
        if self.stream is not None:
            self.stream.flush()
            if self.stream is not sys.stdout:
                self.stream.close()
        self.stream = None

