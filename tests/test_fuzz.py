"""Bounded fuzzing: mangled pieces of the shared pages and generated documents (the generators of
``benchmarks/robustness.py``, which runs the same at 100,000 documents)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import speechclean
from speechclean.errors import BinaryInputError, DecodeError, StepError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import robustness  # noqa: E402

COUNT = 150


def _clean(doc: str | bytes) -> speechclean.Page | None:
    try:
        return speechclean.clean(doc)
    except (BinaryInputError, DecodeError):
        return None  # a clear answer for bytes that are not text


def test_generated_documents_never_fail_and_are_idempotent() -> None:
    rng = random.Random(2024)
    stable = total = 0
    for _ in range(COUNT):
        kind, doc = robustness.generated(rng)
        page = _clean(doc)
        assert page is not None
        if kind == "generated-html":  # the acceptance figure (text: reported by the benchmark)
            total += 1
            stable += speechclean.clean(page.text).text == page.text
    assert total > 100 and stable >= 0.97 * total


def test_mangled_real_pages_never_fail(corpus: Path) -> None:
    rng = random.Random(7)
    pages = robustness.real_pages()
    for _ in range(COUNT):
        _, doc = robustness.mangled(rng, pages)
        try:
            page = _clean(doc)
        except StepError as e:  # pragma: no cover - the failure we look for
            pytest.fail(f"{e} on {doc[:200]!r}")
        if page is not None:
            speechclean.clean(page.text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000).map(lambda b: b"<html><body><p>" + b + b"</p></body></html>"))
def test_random_bytes_inside_html_give_a_page_or_a_clear_error(raw: bytes) -> None:
    page = _clean(raw)
    assert page is None or isinstance(page.text, str)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<div>", "</div>", "<p>", "<br>", "<title>", "<script>", "&lt;p&gt;", "中文，", "。", " ",
                                 "\n", "\x0c", "\ud800", "&nbsp;", "!", "(", ")", "<font>", "&#20013;"]),
                max_size=80).map("".join))
def test_hostile_fragments_never_raise(text: str) -> None:
    page = speechclean.clean(text)
    page.to_dict()
    assert "\ud800" not in page.text
