"""The command line's output formats: what ``--format`` writes for one cleaned item.

Each format is an entry of :data:`FORMATS` (name → file extension under ``--output-dir`` and writer);
:mod:`speechclean.flags` offers them as the choices of ``--format``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .batch import DEFAULT_KEEP, Item, identity, record_fields
from .page import Page


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
