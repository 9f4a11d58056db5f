"""The command line: flags → options → :class:`~speechclean.Cleaner`; no cleaning logic here.

Every option of :class:`~speechclean.config.Options` is a flag of the same name
(``--convert tw2s``, ``--disable punctuation``, ``--rules extra.toml``,
``--no-density``), and ``--config site.toml`` reads the same names from a file.

Exit codes: 0 all items cleaned, 1 some items failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .cleaner import Cleaner
from .config import CONVERSIONS, KINDS, STEP_NAMES, Options
from .errors import SpeechcleanError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
_CHOICES = {"kind": KINDS, "convert": CONVERSIONS, "disable": STEP_NAMES}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="speechclean",
        description="Clean raw scraped Chinese pages (text or HTML, any encoding) into Simplified Chinese text.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files to clean ('-' reads standard input)")
    parser.add_argument("--json", action="store_true", help="print each whole result as JSON")
    parser.add_argument("--explain", action="store_true", help="list every removal with its rule id (on stderr)")
    parser.add_argument("--config", metavar="FILE", help="a TOML file of options (same names as these flags)")
    parser.add_argument("--version", action="version", version=f"speechclean {__version__}")
    group = parser.add_argument_group("options (the names of speechclean.Options)")
    for f in dataclasses.fields(Options):
        flag = "--" + f.name.replace("_", "-")
        if f.type in ("bool",):
            group.add_argument(flag, dest=f.name, action=argparse.BooleanOptionalAction, default=None)
        elif f.name in ("disable", "rules"):
            group.add_argument(flag, dest=f.name, action="append", default=None, metavar="VALUE",
                               choices=_CHOICES.get(f.name))
        else:
            group.add_argument(flag, dest=f.name, default=None, choices=_CHOICES.get(f.name))
    return parser


def options_from_args(args: argparse.Namespace) -> Options:
    """The options the flags (and ``--config``) ask for."""
    base = Options.from_toml(args.config) if args.config else Options()
    given: dict[str, Any] = {}
    for name in Options.names():
        value = getattr(args, name, None)
        if value is not None:
            given[name] = tuple(value) if isinstance(value, list) else value
    return base.replace(**given)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    logging.basicConfig(level=logging.WARNING, format="speechclean: %(message)s")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on usage errors, 0 on --help
        return int(e.code or 0)
    try:
        cleaner = Cleaner(options_from_args(args))
    except SpeechcleanError as e:
        print(f"speechclean: {e}", file=sys.stderr)
        return EXIT_USAGE
    if not args.paths:
        parser.print_usage(sys.stderr)
        return EXIT_USAGE
    failed = 0
    out = sys.stdout
    for path in args.paths:
        try:
            source: Any = sys.stdin.buffer.read() if path == "-" else Path(path)
            page = cleaner.clean(source)
        except SpeechcleanError as e:
            failed += 1
            print(f"speechclean: {path}: {e}", file=sys.stderr)
            continue
        if args.json:
            out.write(json.dumps({"path": path, **page.to_dict()}, ensure_ascii=False) + "\n")
        else:
            out.write(page.text + "\n")
        if args.explain:
            print(f"== {path}", file=sys.stderr)
            print(page.explain(), file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK
