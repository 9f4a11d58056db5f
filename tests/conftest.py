"""Shared fixtures: the shared corpus when it is there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings
from support import CORPUS, NO_CORPUS

# CI explores the same examples on every run (a red build then names a change, not a lucky draw);
# local runs stay random and keep finding new cases. `.ci/run` sets HYPOTHESIS_PROFILE=ci.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus folder; tests that need it skip cleanly without it."""
    if not (CORPUS / "manifest.jsonl").exists():
        pytest.skip(NO_CORPUS)
    return CORPUS


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test parametrized over corpus entries has none without the corpus: say that, not pytest's
    cryptic ``got empty parameter set``."""
    corpus_missing = not (CORPUS / "manifest.jsonl").exists()
    for item in items:
        skip = item.get_closest_marker("skip")
        if skip is not None and str(skip.kwargs.get("reason", "")).startswith("got empty parameter set"):
            reason = NO_CORPUS if corpus_missing else f"no cases: {skip.kwargs['reason']}"
            item.own_markers.insert(0, pytest.mark.skip(reason=reason).mark)
