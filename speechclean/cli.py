"""The command line: flags → options → :class:`~speechclean.Cleaner` → :mod:`speechclean.batch`.

No cleaning logic lives here, only the run: logging, signals, the progress bar, the summary.
The flags are declared in :mod:`speechclean.flags` (every option of :class:`~speechclean.config.Options`
is a flag of the same name), the inputs are read by :mod:`speechclean.inputs`, the output formats
are :data:`speechclean.formats.FORMATS`, and :mod:`speechclean.outputs` writes them.

Exit codes: 0 all items cleaned, 1 some items failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .batch import Item, iter_cleaned
from .cleaner import Cleaner
from .dedupe import Deduper, page_id
from .errors import SpeechcleanError
from .flags import build_parser, check_rules, options_from_args
from .formats import FORMATS, Format, Output
from .inputs import Inputs, InputSource, check_inputs
from .outputs import Sink
from .sites import cli as sites_cli

log = logging.getLogger("speechclean")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 130, 143


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
    sink: Sink | None = None
    try:
        check_inputs(args)
        options = options_from_args(args)
        check_rules(options)
        cleaner = Cleaner(sites_cli.configure(args, options))
        sink = Sink(args, fmt)
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


def _run(args: argparse.Namespace, cleaner: Cleaner, sink: Sink, fmt: Format) -> int:
    inputs = Inputs(args)
    sources: deque[tuple[InputSource, dict[str, Any] | None]] = deque()

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
