"""Marks cut onto a line of their own go back to the line before, also where a removed line stood between."""

from __future__ import annotations

import pytest

import speechclean


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("0\n第2页 / 共43页\n]", "0]"),  # hypothesis found this: the second clean joined what the first did not
    ],
)
def test_marks_rejoin_across_a_removed_page_marker_and_cleaning_again_changes_nothing(text: str, joined: str) -> None:
    once = speechclean.clean(text)
    assert joined in once.text
    assert speechclean.clean(once.text).text == once.text
    assert any(r.rule.endswith("page-marker") for r in once.removals)  # the marker is recorded, not lost


def test_with_punctuation_disabled_no_marks_move() -> None:
    page = speechclean.clean("0\n第2页 / 共43页\n]", disable=("punctuation",))
    assert "0]" not in page.text
