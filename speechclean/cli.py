"""The command line: flags → options → :class:`~speechclean.Cleaner` → :mod:`speechclean.batch`.

No cleaning logic lives here. Every option of :class:`~speechclean.config.Options` is a
flag of the same name (``--convert tw2s``, ``--disable punctuation``, ``--rules extra.toml``,
``--no-density``), with the help text of its docstring, and ``--config site.toml`` reads the same
names from a file. Every other flag is declared once, in :func:`build_parser`; output formats are
entries of :data:`FORMATS` (name → file extension and writer).

Inputs: files, directories (recursive, filtered by ``--glob``; hidden files and folders such as
``.git/`` skipped), ``-`` or a pipe for standard input, ``--jsonl FILE`` (one JSON object per line;
``--field``/``--id-field`` name the text and id), ``--warc FILE`` (see :mod:`speechclean.warc`).

Exit codes: 0 all items cleaned, 1 some items failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import fnmatch
import json
import logging
import os
import re
import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from . import __version__
from .batch import DEFAULT_KEEP, KEEP_CHOICES, Item, identity, iter_cleaned, record_fields, record_item
from .cleaner import Cleaner
from .config import CONVERSIONS, FRONT_MATTER, KINDS, LANGS, STEP_NAMES, Options
from .dedupe import DEDUPE_MODES, Deduper, page_id
from .errors import SpeechcleanError
from .page import Page
from .sites import cli as sites_cli

log = logging.getLogger("speechclean")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 130, 143
_CHOICES: dict[str, Sequence[str]] = {"kind": KINDS, "convert": CONVERSIONS, "disable": STEP_NAMES, "lang": LANGS,
                                     "front_matter": FRONT_MATTER}
_REPEATED = ("disable", "rules", "lang")  # options given once per value: --disable a --disable b


# -- output formats -------------------------------------------------------------------------
@dataclass(frozen=True)
class Output:
    """What a formatter gets for one item."""

    item: Item
    page: Page
    record: dict[str, Any] | None  # the input record (JSONL), else None
    args: argparse.Namespace

    @property
    def keep(self) -> tuple[str, ...]:
        return tuple(self.args.keep) if self.args.keep else DEFAULT_KEEP


def _text(out: Output) -> str | None:
    return out.page.text + "\n" if out.page.ok else None


def _json(out: Output) -> str | None:
    return json.dumps({**identity(out.item), **_warc_fields(out.item), **out.page.to_dict()}, ensure_ascii=False) + "\n"


def _jsonl(out: Output) -> str | None:
    args = out.args
    target = args.output_field or args.field
    if out.record is not None:
        row = dict(out.record)
        row[target] = out.page.text
    else:
        row = {**identity(out.item), **_warc_fields(out.item), "text": out.page.text}
    row.update(record_fields(out.page, out.keep))
    return json.dumps(row, ensure_ascii=False) + "\n"


def _markdown(out: Output) -> str | None:
    return out.page.to_markdown() + "\n" if out.page.ok else None


def _warc_fields(item: Item) -> dict[str, Any]:
    return {k: item.meta[k] for k in ("status", "warc_type") if k in item.meta}


@dataclass(frozen=True)
class Format:
    """An output format: the extension of its files under ``--output-dir`` and its writer."""

    extension: str
    write: Callable[[Output], str | None]
    help: str
    separated: bool = False  # items of one output run together unless separated


#: Output formats by name; add one here (``FORMATS["markdown"] = Format(".md", ...)``) and it is
#: a choice of ``--format`` with its ``--output-dir`` extension.
FORMATS: dict[str, Format] = {
    "text": Format(".txt", _text, "the clean text of each item; items apart by --separator (failed items print nothing)",
                   separated=True),
    "json": Format(".json", _json, "the whole result of each item (removals, flags, repairs, encoding...), "
                                   "one JSON object per line"),
    "jsonl": Format(".json", _jsonl, "compact records: JSONL input records keep every field, with the clean text in "
                                     "--output-field (default --field) plus title, encoding, removals (count) and "
                                     "error; files and WARC records get path/url/id (and status)"),
    "markdown": Format(".md", _markdown, "the clean text as Markdown (title #, headings, - lists, | tables, fenced code)",
                       separated=True),
}

EXIT_HELP = """\
exit codes:
  0    every item was cleaned
  1    some items failed, or a WARC archive is damaged (each failure is reported on stderr; the
       others are still written)
  2    usage error (bad flag or option value, no input, a missing input file, an unreadable
       --jsonl/--warc/--config/--rules file, a file given to --warc that is not a WARC)
  130  interrupted (Ctrl-C); 143 terminated (SIGTERM); worker processes never outlive the run
"""


class UsageError(SpeechcleanError):
    """A command-line mistake: exit code 2."""


# -- the parser: every flag is declared here -----------------------------------------------
def _option_help() -> dict[str, str]:
    """The help text of each option, from the ``Options`` docstring (``name`` then indented text)."""
    helps: dict[str, str] = {}
    name = None
    for line in (Options.__doc__ or "").splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if line.startswith("    ") and not line.startswith("        ") and re.fullmatch(r"\w+", stripped):
            name = stripped
            helps[name] = ""
        elif name is not None and line.startswith("        "):
            helps[name] = (helps[name] + " " + stripped).strip()
    def plain(text: str) -> str:  # reST markup out: ``x`` → x, :class:`~a.B` → B
        text = re.sub(r"``(.*?)``", r"\1", text)
        text = re.sub(r":\w+:`~?([\w.]+)`", lambda m: m.group(1).rsplit(".", 1)[-1], text)
        return text.replace("%", "%%")

    return {k: plain(v) for k, v in helps.items()}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; ``speechclean --help`` prints it."""
    epilog = "formats:\n" + "".join(
        f"  {name:6s} {fmt.help} (files: {fmt.extension})\n" for name, fmt in FORMATS.items()) + "\n" + EXIT_HELP
    parser = argparse.ArgumentParser(
        prog="speechclean",
        description="Clean raw scraped Chinese pages (text or HTML, any encoding) into Simplified Chinese text.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or directories to clean ('-' reads standard input, which is also read "
                             "when no input is given and it is a pipe)")
    inputs = parser.add_argument_group("input")
    inputs.add_argument("--glob", default="*", metavar="PATTERN",
                        help="in directories, clean the files whose name matches (default '*')")
    inputs.add_argument("--hidden", action="store_true",
                        help="in directories, also clean hidden files and folders (.git/, .DS_Store...)")
    inputs.add_argument("--jsonl", action="append", default=[], metavar="FILE",
                        help="JSON lines of records to clean ('-' for standard input)")
    inputs.add_argument("--field", default="text", metavar="NAME",
                        help="the record field holding the page (default 'text')")
    inputs.add_argument("--id-field", default="id", metavar="NAME", help="the record field naming it (default 'id')")
    inputs.add_argument("--warc", action="append", default=[], metavar="FILE",
                        help="a WARC archive (.warc or .warc.gz, '-' for standard input); needs the 'warc' extra")
    inputs.add_argument("--warc-types", default="response,resource,conversion", metavar="TYPES",
                        help="WARC record types to read, comma-separated (default response,resource,conversion); "
                             "every other record is counted as skipped")
    inputs.add_argument("--warc-any-status", action="store_true",
                        help="also clean WARC responses whose HTTP status is not 2xx (404s, redirects)")
    output = parser.add_argument_group("output")
    output.add_argument("--format", choices=tuple(FORMATS), default=None, help="output format (default text)")
    output.add_argument("--json", action="store_true", help="the same as --format json")
    output.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE instead of standard output (a directory, or a name ending in '/', "
                             "is the same as --output-dir)")
    output.add_argument("--output-dir", metavar="DIR",
                        help="one output file per input file, mirroring the input folders, named by format "
                             "(.txt, .json...); records of a --jsonl/--warc input go to one file named after it")
    output.add_argument("--output-field", metavar="NAME",
                        help="jsonl: put the clean text in this field and keep --field as it was (default: "
                             "replace --field)")
    output.add_argument("--separator", default="\\f", metavar="TEXT",
                        help="text format: a line written between two items (default a form feed, '\\f'; "
                             "backslash escapes are read; '' writes an empty line)")
    output.add_argument("--keep", action="append", choices=KEEP_CHOICES, default=None, metavar="FIELD",
                        help=f"fields added to jsonl records (default {' '.join(DEFAULT_KEEP)}; "
                             f"choose from {' '.join(KEEP_CHOICES)})")
    output.add_argument("--dedupe", choices=DEDUPE_MODES, default="off",
                        help="mark pages repeating an earlier one: exact or near (duplicate_of in json/jsonl)")
    output.add_argument("--explain", action="store_true", help="list every removal with its rule id (on stderr)")
    output.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary, only errors logged")
    output.add_argument("-v", "--verbose", action="count", default=0,
                        help="log more on stderr: -v what is skipped and why, -vv every step of every page")
    run = parser.add_argument_group("running")
    run.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    run.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                     help="time limit per item: a slower item fails with a TimeoutError and the run goes on")
    run.add_argument("--config", metavar="FILE", help="a TOML file of options (same names as these flags)")
    run.add_argument("--version", action="version", version=f"speechclean {__version__}")
    group = parser.add_argument_group("options (the names of speechclean.Options; a --config file may set them too)")
    helps = _option_help()
    for f in dataclasses.fields(Options):
        if f.name == "site_profile":  # a file to load and save: speechclean.sites.cli
            continue
        flag = "--" + f.name.replace("_", "-")
        text = helps.get(f.name) or f.name.replace("_", " ")
        choices = _CHOICES.get(f.name)
        if f.type in ("bool", bool):
            group.add_argument(flag, dest=f.name, action=argparse.BooleanOptionalAction, default=None,
                               help=f"{text} (default {'on' if f.default else 'off'})")
        elif f.name in _REPEATED:
            extra = f" One of: {', '.join(choices)}." if choices else ""
            group.add_argument(flag, dest=f.name, action="append", default=None,
                               metavar=("STEP" if f.name == "disable" else "LANG") if choices else "FILE",
                               choices=choices,
                               help=f"{text}{extra} Repeat the flag for several.")
        else:
            default = "" if f.default in (None, dataclasses.MISSING) else f" (default {f.default})"
            group.add_argument(flag, dest=f.name, default=None, choices=choices,
                               metavar="{" + ",".join(choices) + "}" if choices else "VALUE", help=text + default)
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


def _check_rules(options: Options) -> None:
    """Load the user's rule files once, up front: a bad one is a usage error, not one failure per item."""
    from .rules import builtin, check_unique, resolve

    try:
        check_unique(builtin("boilerplate") + resolve(options.rules))
    except (SpeechcleanError, OSError) as e:
        raise UsageError(f"--rules: {e}") from e


# -- inputs ---------------------------------------------------------------------------------
@dataclass
class _Source:
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


class _Inputs:
    """Every input in order, as sources; counts what the WARC readers skipped."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.warc_skipped: Counter[str] = Counter()
        self.damaged = 0

    def sources(self) -> Iterator[_Source]:
        args = self.args
        for arg in args.paths:
            if arg == "-":
                yield _Source(iter([(Item(sys.stdin.buffer.read(), id="-"), None)]), "-", single_file=True)
            elif Path(arg).is_dir():
                files = walk(Path(arg), args.glob, args.hidden)
                yield _Source(((Item(p), None) for p in files), arg, root=Path(arg), single_file=True)
            else:
                yield _Source(iter([(Item(Path(arg)), None)]), arg, single_file=True)
        for name in args.jsonl:
            yield _Source(iter_jsonl(name, args.field, args.id_field or None), name)
        for name in args.warc:
            yield _Source(self._warc(name), name)

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


def _check_inputs(args: argparse.Namespace) -> None:
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


# -- outputs --------------------------------------------------------------------------------
def _separator(text: str) -> str:
    return text.encode("latin-1", "backslashreplace").decode("unicode_escape") if "\\" in text else text


class _Sink:
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

    def target(self, source: _Source, item: Item) -> Path:
        """The output file of an item under ``--output-dir``."""
        assert self.directory is not None
        if not source.single_file or source.name == "-":
            stem = "stdin" if source.name == "-" else Path(source.name).name.split(".")[0]
            return self.directory / (stem + (".jsonl" if self.fmt.extension == ".json" else self.fmt.extension))
        path = Path(os.fspath(item.source))
        relative = path.relative_to(source.root) if source.root is not None else Path(path.name)
        return self.directory / relative.with_suffix(self.fmt.extension)

    def write(self, source: _Source, item: Item, text: str | None) -> None:
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


def _progress(results: Iterator[Any], enabled: bool) -> Iterator[Any]:
    if not enabled:
        return results
    try:
        from tqdm import tqdm  # type: ignore[import-untyped]
    except ImportError:  # the 'progress' extra is not installed: no bar
        return results
    return iter(tqdm(results, file=sys.stderr, unit=" items", dynamic_ncols=True))


# -- signals --------------------------------------------------------------------------------
class _Terminated(BaseException):
    """SIGTERM, turned into an exception so that the batch stops its workers on the way out."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise _Terminated


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def _logging(args: argparse.Namespace) -> Iterator[None]:
    """speechclean's log on stderr at the level -q/-v ask for, for the length of the run."""
    level = logging.ERROR if args.quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)]
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("speechclean: %(message)s" if level > logging.DEBUG
                                           else "speechclean %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("speechclean")
    saved = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


def _stdin_is_piped() -> bool:
    """True when standard input is a pipe or a redirected file (not a terminal, not /dev/null)."""
    import stat

    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (AttributeError, ValueError, OSError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode)


# -- main -----------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 all good, 1 some items failed, 2 usage error)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on usage errors, 0 on --help
        return int(e.code or 0)
    with _logging(args):
        return _main(parser, args)


def _main(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    fmt = FORMATS[args.format or ("json" if args.json else "text")]
    if args.output and not args.output_dir and (args.output.endswith(("/", os.sep)) or Path(args.output).is_dir()):
        args.output_dir, args.output = args.output, None
    if not (args.paths or args.jsonl or args.warc):
        if _stdin_is_piped():
            args.paths = ["-"]
        else:
            parser.print_usage(sys.stderr)
            print("speechclean: no input: give files, directories, '-', --jsonl or --warc", file=sys.stderr)
            return EXIT_USAGE
    if args.jobs < 1:
        print(f"speechclean: --jobs {args.jobs}: must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    sink: _Sink | None = None
    try:
        _check_inputs(args)
        options = options_from_args(args)
        _check_rules(options)
        cleaner = Cleaner(sites_cli.configure(args, options))
        sink = _Sink(args, fmt)
        with _sigterm_raises():
            return _run(args, cleaner, sink, fmt)
    except KeyboardInterrupt:
        print("speechclean: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except _Terminated:
        print("speechclean: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    except SpeechcleanError as e:
        print(f"speechclean: {e}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if sink is not None:
            sink.close()


def _run(args: argparse.Namespace, cleaner: Cleaner, sink: _Sink, fmt: Format) -> int:
    inputs = _Inputs(args)
    sources: deque[tuple[_Source, dict[str, Any] | None]] = deque()

    def items() -> Iterator[Item]:
        for source in inputs.sources():
            for item, record in source.items:
                sources.append((source, record))
                yield item

    started = time.perf_counter()
    count = failed = chars_in = chars_out = 0
    show_bar = not args.quiet and sys.stderr.isatty()
    results, learner = sites_cli.results(args, cleaner, items(), args.jobs,
                                         lambda: iter_cleaned(cleaner, items(), workers=args.jobs,
                                                              timeout=args.timeout))
    deduper = Deduper(args.dedupe)
    for item, page, size in _progress(results, show_bar):
        source, record = sources.popleft()
        if page.error is None and not cleaner.options.keeps_lang(page.lang):
            continue  # --lang: pages in other languages are left out
        deduper.mark(page, page_id(page, count))
        count += 1
        chars_in += size
        chars_out += len(page.text)
        if page.error is not None:
            failed += 1
            log.error("%s: %s", item.name, page.error)
        sink.write(source, item, fmt.write(Output(item, page, record, args)))
        if args.explain and page.ok:
            print(f"== {item.name}", file=sys.stderr)
            explained = page.explain()
            if explained:
                print(explained, file=sys.stderr)
    sites_cli.finish(args, learner)
    if not args.quiet:
        seconds = time.perf_counter() - started
        print(f"speechclean: {count} items, {failed} failed, {chars_in} chars in, {chars_out} chars out, "
              f"{seconds:.2f} s", file=sys.stderr)
        if inputs.warc_skipped:
            skipped = ", ".join(f"{n} {why}" for why, n in sorted(inputs.warc_skipped.items()))
            print(f"speechclean: WARC records skipped: {skipped}", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK
