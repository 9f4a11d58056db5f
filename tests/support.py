"""Helpers for the tests: the project's own seed pages and the shared corpus location."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"


def seed(prefix: str) -> str:
    """The text of the seed page whose file name starts with ``prefix``."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def lines(text: str) -> list[str]:
    """Stripped non-empty lines."""
    return [line.strip() for line in text.split("\n") if line.strip()]


