"""Helpers for the tests: the project's own seed pages and the shared corpus location.

The corpus is ``../shared/corpus`` beside the checkout, or wherever ``SPEECHCLEAN_CORPUS`` says.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "seeds"
CORPUS = Path(os.environ.get("SPEECHCLEAN_CORPUS") or ROOT.parent / "shared" / "corpus").expanduser()
#: Why corpus tests skip, said the same way everywhere.
NO_CORPUS = f"the shared corpus is not at {CORPUS} (set SPEECHCLEAN_CORPUS to its folder)"


def seed(prefix: str) -> str:
    """The text of the seed page whose file name starts with ``prefix``."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def lines(text: str) -> list[str]:
    """Stripped non-empty lines."""
    return [line.strip() for line in text.split("\n") if line.strip()]


