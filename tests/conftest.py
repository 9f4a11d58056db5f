"""Shared fixtures: the shared corpus when it is there."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import CORPUS


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus folder; tests that need it skip cleanly without it."""
    if not (CORPUS / "manifest.jsonl").exists():
        pytest.skip("../shared/corpus is not present")
    return CORPUS
