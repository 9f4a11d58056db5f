"""The word lists of ``words.toml``, loaded once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..rules import read_toml

_PATH = Path(__file__).with_name("words.toml")


@cache
def words() -> dict[str, dict[str, tuple[str, ...]]]:
    """``words()["labels"]["reporter"]`` and so on, as tuples."""
    data = read_toml(_PATH)
    return {table: {k: tuple(v) for k, v in entries.items()} for table, entries in data.items()}


__all__ = ["words"]
