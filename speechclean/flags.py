"""The command line's flags: every flag is declared here, and read back into :class:`~speechclean.config.Options`.

Every option of :class:`~speechclean.config.Options` is a flag of the same name (``--convert tw2s``,
``--disable punctuation``, ``--rules extra.toml``, ``--no-density``), with the help text of its
docstring, and ``--config site.toml`` reads the same names from a file. Every other flag is declared
once, in :func:`build_parser`; the choices of ``--format`` are :data:`speechclean.formats.FORMATS`.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from . import __version__
from .batch import DEFAULT_KEEP, KEEP_CHOICES
from .config import CONVERSIONS, FRONT_MATTER, KINDS, LANGS, STEP_NAMES, Options
from .dedupe import DEDUPE_MODES
from .errors import SpeechcleanError, UsageError
from .formats import FORMATS
from .sites import cli as sites_cli

_CHOICES: dict[str, Sequence[str]] = {"kind": KINDS, "convert": CONVERSIONS, "disable": STEP_NAMES, "lang": LANGS,
                                     "front_matter": FRONT_MATTER}
_REPEATED = ("disable", "rules", "lang")  # options given once per value: --disable a --disable b

EXIT_HELP = """\
exit codes:
  0    every item was cleaned
  1    some items failed, or a WARC archive is damaged (each failure is reported on stderr; the
       others are still written)
  2    usage error (bad flag or option value, no input, a missing input file, an unreadable
       --jsonl/--warc/--config/--rules file, a file given to --warc that is not a WARC)
  130  interrupted (Ctrl-C); 143 terminated (SIGTERM); worker processes never outlive the run
"""


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


def check_rules(options: Options) -> None:
    """Load the user's rule files once, up front: a bad one is a usage error, not one failure per item."""
    from .rules import builtin, check_unique, resolve

    try:
        check_unique(builtin("boilerplate") + resolve(options.rules))
    except (SpeechcleanError, OSError) as e:
        raise UsageError(f"--rules: {e}") from e

