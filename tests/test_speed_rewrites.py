"""The speed rewrites give what the code they replaced gave (the old forms are written out here)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from speechclean.cuts import cut_all, cut_context
from speechclean.fingerprint import MAX_CHARS, fingerprint, skeleton
from speechclean.steps import punctuation as P
from speechclean.steps.convert import _ALL_TRUSTED, _ONE_OR_LOST
from speechclean.steps.normalise import _CONTROL_CHARS, drop_controls

_TEXT = st.text(alphabet=st.sampled_from(list("當前的工作(dāng)(qián)（hǎo）?men,:;!()。，、 \u00a0\u3000\n\"“”abc1\x01\x0c")), max_size=80)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_cut_all_is_findall_cut_context_and_sub(line: str) -> None:
    for pattern in (_ALL_TRUSTED, _ONE_OR_LOST):
        assert cut_all(pattern, line) == (pattern.findall(line), cut_context(pattern, line), pattern.sub("", line))


_C = P.C
_W = P._WIDE_SPACES
_OLD_MARK_RUN = re.compile(f"(?<![,:;?!()])[,:;?!()](?:(?<=[{_C}][,:;?!()])[,:;?!()]++|[,:;?!()]++(?=[{_C}]))")


def _old_wide(space: str) -> re.Pattern[str]:
    s = re.escape(space)
    return re.compile(f"{s}(?<=[{_C}]{s})[{_W}]*+|(?<![{_W}]){s}[{_W}]*+(?=[{_C}])")


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_literal_led_patterns_match_as_before(text: str) -> None:
    assert [m.span() for m in P._MARK_RUN.finditer(text)] == [m.span() for m in _OLD_MARK_RUN.finditer(text)]
    for space in ("\u00a0", "\u3000"):
        new, old = P._wide_space_in_cjk(space), _old_wide(space)
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_prefilters_skip_only_passes_that_change_nothing(text: str) -> None:
    if not any(f"{o}\n" in text for o in P._OPENERS):
        assert P._OPENERS_LINE.sub("\\1", text) == text
    if not (text[:1] in P._ORPHAN_START or any(f"\n{c}" in text for c in P._ORPHAN_START)):
        assert P._ORPHAN.sub("", text) == text
    assert drop_controls(text) == _CONTROL_CHARS.sub("", text)


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 3 * MAX_CHARS), st.integers(1, 4))
def test_fingerprint_of_a_long_text_reads_its_skeleton_start(noise: int, copies: int) -> None:
    text = "，。 " * noise + "今天的会议很重要，大家要认真落实各项任务。Speech 2024\n" * (copies * 400)
    assert fingerprint(text) == fingerprint(skeleton(text)[:MAX_CHARS])
