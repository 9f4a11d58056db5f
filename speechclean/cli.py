"""The command line: flags → options → :class:`~speechclean.Cleaner` → :mod:`speechclean.batch`.

No cleaning logic lives here. Every option of :class:`~speechclean.config.Options` is a
flag of the same name (``--convert tw2s``, ``--disable punctuation``, ``--rules extra.toml``,
``--no-density``), and ``--config site.toml`` reads the same names from a file.

Inputs: files, directories (recursive, filtered by ``--glob``), ``-`` for standard input,
``--jsonl FILE`` (one JSON object per line; ``--field``/``--id-field`` name the text and id),
``--warc FILE`` (response records of type text/html or text/plain; the HTTP charset goes to decode).

Exit codes: 0 all items cleaned, 1 some items failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import dataclasses
import fnmatch
import json
import logging
import os
import sys
import time
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from . import __version__
from .batch import DEFAULT_KEEP, KEEP_CHOICES, Item, iter_cleaned, record_fields, record_item
from .cleaner import Cleaner
from .config import CONVERSIONS, KINDS, STEP_NAMES, Options
from .errors import SpeechcleanError
from .page import Page
from .sites import cli as sites_cli

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
_CHOICES = {"kind": KINDS, "convert": CONVERSIONS, "disable": STEP_NAMES}
FORMATS = ("text", "json", "jsonl")
WARC_TYPES = ("text/html", "text/plain", "application/xhtml+xml")

EPILOG = """\
formats:
  text   the clean text of each item, one after the other (failed items print nothing)
  json   the whole result of each item (removals, flags, repairs, encoding...), one JSON object per line
  jsonl  compact records: JSONL input records keep every field, with the clean text in --field
         plus title, encoding, removals (count) and error; files and WARC records get path/url/id

exit codes:
  0  every item was cleaned
  1  some items failed (each failure is reported on stderr; the others are still written)
  2  usage error (bad flag or option value, no input, unreadable --jsonl/--warc/--config file)
  130  interrupted (Ctrl-C)
"""


class UsageError(SpeechcleanError):
    """A command-line mistake: exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; ``speechclean --help`` prints it."""
    parser = argparse.ArgumentParser(
        prog="speechclean",
        description="Clean raw scraped Chinese pages (text or HTML, any encoding) into Simplified Chinese text.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or directories to clean ('-' reads standard input)")
    inputs = parser.add_argument_group("input")
    inputs.add_argument("--glob", default="*", metavar="PATTERN",
                        help="in directories, clean the files whose name matches (default '*')")
    inputs.add_argument("--jsonl", action="append", default=[], metavar="FILE",
                        help="JSON lines of records to clean ('-' for standard input)")
    inputs.add_argument("--field", default="text", help="the record field holding the page (default 'text')")
    inputs.add_argument("--id-field", default="id", help="the record field naming it (default 'id')")
    inputs.add_argument("--warc", action="append", default=[], metavar="FILE",
                        help="a WARC file (.warc or .warc.gz); needs the 'warc' extra (warcio)")
    output = parser.add_argument_group("output")
    output.add_argument("--format", choices=FORMATS, default=None, help="output format (default text)")
    output.add_argument("--json", action="store_true", help="the same as --format json")
    output.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    output.add_argument("--keep", action="append", choices=KEEP_CHOICES, default=None, metavar="FIELD",
                        help=f"fields added to jsonl records (default {' '.join(DEFAULT_KEEP)}; "
                             f"choose from {' '.join(KEEP_CHOICES)})")
    output.add_argument("--explain", action="store_true", help="list every removal with its rule id (on stderr)")
    output.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    run = parser.add_argument_group("running")
    run.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    run.add_argument("--config", metavar="FILE", help="a TOML file of options (same names as these flags)")
    run.add_argument("--version", action="version", version=f"speechclean {__version__}")
    group = parser.add_argument_group("options (the names of speechclean.Options)")
    for f in dataclasses.fields(Options):
        if f.name == "site_profile":  # a file to load and save: speechclean.sites.cli
            continue
        flag = "--" + f.name.replace("_", "-")
        if f.type in ("bool",):
            group.add_argument(flag, dest=f.name, action=argparse.BooleanOptionalAction, default=None)
        elif f.name in ("disable", "rules"):
            group.add_argument(flag, dest=f.name, action="append", default=None, metavar="VALUE",
                               choices=_CHOICES.get(f.name))
        else:
            group.add_argument(flag, dest=f.name, default=None, choices=_CHOICES.get(f.name))
    sites_cli.add_arguments(parser)
    return parser


def options_from_args(args: argparse.Namespace) -> Options:
    """The options the flags (and ``--config``) ask for; flags override the file."""
    try:
        base = Options.from_toml(args.config) if args.config else Options()
    except OSError as e:
        raise UsageError(f"cannot read {args.config}: {e.strerror or e}") from e
    given: dict[str, Any] = {}
    for name in Options.names():
        value = getattr(args, name, None)
        if value is not None:
            given[name] = tuple(value) if isinstance(value, list) else value
    if "rules" in given and base.rules:  # --rules adds to the file's rules
        given["rules"] = tuple(base.rules) + given["rules"]
    return base.replace(**given)


# -- inputs ---------------------------------------------------------------------------
def iter_paths(paths: Sequence[str], glob: str = "*") -> Iterator[Item]:
    """Items for files and (recursively, sorted) directories; ``-`` is standard input."""
    for arg in paths:
        if arg == "-":
            yield Item(sys.stdin.buffer.read(), id="-")
            continue
        path = Path(arg)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if fnmatch.fnmatch(name, glob):
                        yield Item(Path(root, name))
        else:
            yield Item(path)  # a missing file fails as an item (InputError), not the run


def _open_input(name: str) -> IO[bytes]:
    if name == "-":
        return sys.stdin.buffer
    try:
        return open(name, "rb")
    except OSError as e:
        raise UsageError(f"cannot read {name}: {e.strerror or e}") from e


def iter_jsonl(name: str, field: str = "text", id_field: str | None = "id") -> Iterator[tuple[Item, Any]]:
    """``(item, record)`` for every line of a JSON-lines file; a bad line is an item that fails."""
    stream = _open_input(name)
    try:
        for lineno, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as e:
                yield Item(None, id=f"{name}:{lineno}", error=f"line {lineno} is not JSON: {e}"), {}
                continue
            item = record_item(record, field, id_field)
            if not isinstance(record, dict):
                item = Item(None, id=f"{name}:{lineno}", error=f"line {lineno} is not a JSON object")
            elif item.source is None:
                item = Item(None, id=item.id if item.id is not None else f"{name}:{lineno}",
                            error=f"line {lineno} has no string field {field!r}")
            elif item.id is None:
                item = Item(item.source, id=f"{name}:{lineno}", url=item.url)
            yield item, record
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def iter_warc(name: str) -> Iterator[Item]:
    """Items for the HTML and plain-text response records of a WARC file, with their HTTP Content-Type."""
    try:
        from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
    except ImportError as e:
        raise UsageError("--warc needs warcio: pip install 'speechclean[warc]'") from e
    stream = _open_input(name)
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            mime = content_type.split(";")[0].strip().lower()
            if mime not in WARC_TYPES:
                continue
            yield Item(record.content_stream().read(),
                       id=record.rec_headers.get_header("WARC-Record-ID"),
                       url=record.rec_headers.get_header("WARC-Target-URI"),
                       content_type=content_type,
                       kind="text" if mime == "text/plain" else "html")
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


class _Inputs:
    """Every input in order; JSONL records wait in a queue until their page comes back."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.records: deque[Any] = deque()

    def __iter__(self) -> Iterator[Item]:
        args = self.args
        for item in iter_paths(args.paths, args.glob):
            self.records.append(None)
            yield item
        for name in args.jsonl:
            for item, record in iter_jsonl(name, args.field, args.id_field or None):
                self.records.append(record)
                yield item
        for name in args.warc:
            for item in iter_warc(name):
                self.records.append(None)
                yield item


# -- outputs --------------------------------------------------------------------------
def _identity(item: Item, page: Page) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if isinstance(item.source, os.PathLike):
        out["path"] = os.fspath(item.source)
    if item.id is not None:
        out["id"] = item.id
    if item.url:
        out["url"] = item.url
    return out


def _format(fmt: str, item: Item, page: Page, record: Any, field: str, keep: Sequence[str]) -> str | None:
    if fmt == "text":
        return page.text + "\n" if page.ok else None
    if fmt == "json":
        return json.dumps({**_identity(item, page), **page.to_dict()}, ensure_ascii=False) + "\n"
    if isinstance(record, dict):
        out = dict(record)
        out[field] = page.text
    else:
        out = {**_identity(item, page), "text": page.text}
    out.update(record_fields(page, keep))
    return json.dumps(out, ensure_ascii=False) + "\n"


def _progress(results: Iterator[Any], enabled: bool) -> Iterator[Any]:
    if not enabled:
        return results
    try:
        from tqdm import tqdm  # type: ignore[import-untyped]
    except ImportError:  # the 'progress' extra is not installed: no bar
        return results
    return iter(tqdm(results, file=sys.stderr, unit=" items", dynamic_ncols=True))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 all good, 1 some items failed, 2 usage error)."""
    logging.basicConfig(level=logging.WARNING, format="speechclean: %(message)s")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on usage errors, 0 on --help
        return int(e.code or 0)
    fmt = args.format or ("json" if args.json else "text")
    keep = tuple(args.keep) if args.keep else DEFAULT_KEEP
    if not (args.paths or args.jsonl or args.warc):
        parser.print_usage(sys.stderr)
        print("speechclean: no input: give files, directories, '-', --jsonl or --warc", file=sys.stderr)
        return EXIT_USAGE
    if args.jobs < 1:
        print(f"speechclean: --jobs {args.jobs}: must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        cleaner = Cleaner(sites_cli.configure(args, options_from_args(args)))
        out: IO[str] = sys.stdout
        if args.output:
            try:
                out = open(args.output, "w", encoding="utf-8")  # noqa: SIM115 - closed below
            except OSError as e:
                raise UsageError(f"cannot write {args.output}: {e.strerror or e}") from e
        try:
            return _run(args, cleaner, out, fmt, keep)
        except KeyboardInterrupt:
            print("speechclean: interrupted", file=sys.stderr)
            return 130
        finally:
            if out is not sys.stdout:
                out.close()
    except SpeechcleanError as e:
        print(f"speechclean: {e}", file=sys.stderr)
        return EXIT_USAGE


def _run(args: argparse.Namespace, cleaner: Cleaner, out: IO[str], fmt: str, keep: Sequence[str]) -> int:
    inputs = _Inputs(args)
    started = time.perf_counter()
    items = failed = chars_in = chars_out = 0
    show_bar = not args.quiet and sys.stderr.isatty()
    results, learner = sites_cli.results(args, cleaner, inputs, args.jobs,
                                         lambda: iter_cleaned(cleaner, inputs, workers=args.jobs))
    for item, page, size in _progress(results, show_bar):
        record = inputs.records.popleft()
        items += 1
        chars_in += size
        chars_out += len(page.text)
        if page.error is not None:
            failed += 1
            print(f"speechclean: {item.name}: {page.error}", file=sys.stderr)
        text = _format(fmt, item, page, record, args.field, keep)
        if text is not None:
            out.write(text)
        if args.explain and page.ok:
            print(f"== {item.name}", file=sys.stderr)
            explained = page.explain()
            if explained:
                print(explained, file=sys.stderr)
    out.flush()
    sites_cli.finish(args, learner)
    if not args.quiet:
        seconds = time.perf_counter() - started
        print(f"speechclean: {items} items, {failed} failed, {chars_in} chars in, {chars_out} chars out, "
              f"{seconds:.2f} s", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK
