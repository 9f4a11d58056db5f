"""The word lists of ``words.toml``, loaded once."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

_PATH = Path(__file__).with_name("words.toml")


@cache
def words() -> dict[str, dict[str, tuple[str, ...]]]:
    """``words()["labels"]["reporter"]`` and so on, as tuples."""
    data = tomllib.loads(_PATH.read_text(encoding="utf-8"))
    return {table: {k: tuple(v) for k, v in entries.items()} for table, entries in data.items()}


__all__ = ["words"]
