"""The text path's speed rewrites give what the code they replaced gave (the old forms are written out here)."""

from __future__ import annotations

import re
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from speechclean import code
from speechclean import conversion as CO
from speechclean.code import INLINE_CODE, code_lines, front_matter, inline_code_spans
from speechclean.config import Options
from speechclean.conversion import foreign_lines, protected_lines
from speechclean.cuts import cut_all
from speechclean.page import Page
from speechclean.steps import convert as CV
from speechclean.steps import doubles as D
from speechclean.steps import punctuation as P
from speechclean.text import CJK_CLASS

_TEXT = st.text(
    alphabet=st.sampled_from(list("當前的工作國們(dāng)(qián)（hǎo）?qūmen,:;!()。，、 \u00a0\n\"abcü\ue001\ufffd锟斤拷\u2502")),
    max_size=80,
)

_T, _S = CV._TONED, CV._SYL_TONED
_OLD_LOST = re.compile(rf"(?<=\?)[(（]?{_S}[)）]")
_OLD_PLAIN = re.compile(rf"(?<=[{CJK_CLASS}])[(（]{CV._SYLLABLE}[)）]")
_OLD_ONE_OR_LOST = re.compile(rf"[(（]{_S}[)）]|{_OLD_LOST.pattern}")
_OLD_ALL = re.compile(f"{CV.PINYIN_TONED.pattern}|{_OLD_LOST.pattern}|{_OLD_PLAIN.pattern}")
_OLD_GARBLE = re.compile(
    rf"[\ue000-\uf8ff\ufffd]+|(?:锟斤拷)+|[\u2500-\u257f](?<=[{CJK_CLASS}].)[\u2500-\u257f]*(?=[{CJK_CLASS}])"
)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_class_led_pinyin_and_garble_patterns_match_as_before(text: str) -> None:
    assert _spans(CV.PINYIN_LOST, text) == _spans(_OLD_LOST, text)
    assert _spans(CV.PINYIN_PLAIN, text) == _spans(_OLD_PLAIN, text)
    assert _spans(CV._ONE_OR_LOST, text) == _spans(_OLD_ONE_OR_LOST, text)
    assert _spans(CV._ALL_TRUSTED, text) == _spans(_OLD_ALL, text)
    assert _spans(CV._GARBLE, text) == _spans(_OLD_GARBLE, text)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_pinyin_probes_answer_as_the_patterns(text: str) -> None:
    toned = sum(len(p.findall(text)) for p in CV._TONED_PROBES)
    assert toned == len(CV.PINYIN_TONED.findall(text))
    assert (CV._LOST_PROBE.search(text) is None) == (CV.PINYIN_LOST.search(text) is None)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=4))
def test_strip_pinyin_records_what_cut_all_gives(lines: list[str]) -> None:
    text = "\n".join(["當(dāng)前(qián)工(gōng)"] + lines)
    page = Page(text=text, step="convert")
    CV.strip_pinyin(page)
    removals = [r for r in page.removals if r.rule == "convert.pinyin"]
    pattern = CV._ALL_TRUSTED
    cut = [("(" in line or "（" in line or ")" in line) and pattern.search(line) for line in text.split("\n")]
    expected = [(i, cut_all(pattern, line)) for i, line in enumerate(text.split("\n")) if cut[i]]
    assert [(r.line, r.text, r.context) for r in removals] == [(i, "".join(f), c) for i, (f, c, _) in expected]
    assert page.text == "\n".join(cut_all(pattern, line)[2] if cut[i] else line for i, line in enumerate(text.split("\n")))


def _convert(text: str, fast: bool) -> tuple[object, ...]:
    saved = CV._plain
    if not fast:
        CV._plain = lambda text: False  # type: ignore[assignment]
    try:
        page = CV.Convert(Options())(Page(text=text, step="convert"))
    finally:
        CV._plain = saved  # type: ignore[assignment]
    return page.text, page.script, page.lang, page.flags, page.changes, page.repairs, page.removals


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("当前的工作国们後來乾\ue001\ufffd锟\u2502の한 ab,\n")), max_size=40))
def test_plain_text_fast_path_is_what_the_step_would_do(text: str) -> None:
    assert _convert(text, fast=True) == _convert(text, fast=False)


_C = P.C
_OLD_AFTER = {m: re.compile(f"{re.escape(m)}(?<=[{_C}]{re.escape(m)})") for m in ",:;?!"}
_OLD_BEFORE = {m: re.compile(f"{re.escape(m)}(?=[{_C}])") for m in ",:;"}
_OLD_LONE_PAREN = re.compile(f"[()](?<=[{_C}].)|[()](?=[{_C}])")
_MARK_TEXT = st.text(alphabet=st.sampled_from(list(",:;?!()中文a1 .，。、；：？！\n")), max_size=60)
_DOUBLE_TEXT = st.text(alphabet=st.sampled_from(list("，，。、；：？！中a\n")), max_size=60)


def _old_halfwidth(text: str, page: Page) -> str:
    text = P._sub(page, "h", P._MARK_RUN, lambda m: m.group().translate(P._MARKS_TABLE), text)
    text = P._sub(page, "h", _OLD_LONE_PAREN, lambda m: P._HALF_TO_FULL[m.group()], text)
    for patterns in (_OLD_AFTER, _OLD_BEFORE):
        for mark, pattern in patterns.items():
            text = P._sub(page, "h", pattern, P._HALF_TO_FULL[mark], text)
    return text


def _new_halfwidth(text: str, page: Page) -> str:
    text = P._sub(page, "h", P._COMMA_PAIR_RUN, "，，", text)
    text = P._sub(page, "h", P._MARK_RUN, P._to_full, text)
    for mark, pattern in P._SINGLE_MARK.items():
        text = P._sub(page, "h", pattern, P._HALF_TO_FULL[mark], text)
    return text


@settings(max_examples=500, deadline=None)
@given(_MARK_TEXT)
def test_single_marks_by_mark_convert_what_the_passes_in_turn_did(text: str) -> None:
    old, new = Page(), Page()
    assert _new_halfwidth(text, new) == _old_halfwidth(text, old)
    assert new.changes == old.changes


def _old_doubles(text: str, page: Page) -> str:
    for pair, mark in D._COMMON_DOUBLES:
        n = text.count(pair)
        if n:
            text = text.replace(pair, mark)
            page.count("punctuation.doubled", n)
    return P._sub(page, "punctuation.doubled", D._MARKS_RUN, lambda m: D._collapse(m.group()), text)


@settings(max_examples=500, deadline=None)
@given(_DOUBLE_TEXT)
def test_doubles_run_by_run_give_what_the_whole_text_passes_gave(text: str) -> None:
    saved = D.RUN_BY_RUN_MAX
    try:
        for most in (saved, 0):  # run by run, and by whole-text passes
            D.RUN_BY_RUN_MAX = most
            old, new = Page(), Page()
            assert D.collapse_doubles(text, new) == _old_doubles(text, old)
            assert new.changes == old.changes
    finally:
        D.RUN_BY_RUN_MAX = saved


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("`ab_.(x)\"' 中\n，f(")), max_size=60))
def test_inline_code_spans_are_the_pattern_s(text: str) -> None:
    assert inline_code_spans(text) == [m.span() for m in INLINE_CODE.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("日本語の文章한국어中文 a\n")), max_size=60))
def test_protected_lines_find_the_foreign_lines_line_by_line(text: str) -> None:
    lines = text.split("\n")
    assert protected_lines(text) == code_lines(lines) | foreign_lines(lines)


def _old_resolve(verdicts: list[str | None]) -> list[bool]:
    out = [v == "hant" for v in verdicts]
    judged = [i for i, v in enumerate(verdicts) if v is not None]
    edges = [-1, *judged, len(verdicts)]
    for a, b in pairwise(edges):
        if b - a > 1:
            sides = [verdicts[x] for x in (a, b) if 0 <= x < len(verdicts)]
            if sides and all(x == "hant" for x in sides):
                out[a + 1 : b] = [True] * (b - a - 1)
    return out


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("我們國後來这们国乾坤 a\n\n")), max_size=60), st.sets(st.integers(0, 12)))
def test_verdicts_of_all_lines_are_each_line_s(text: str, protected: set[int]) -> None:
    lines = text.split("\n")
    verdicts = CO._verdicts(text, lines, protected)
    assert verdicts == [None if i in protected else CO._verdict(line) for i, line in enumerate(lines)]
    assert CO._resolve(verdicts) == _old_resolve(verdicts)


def _old_code_lines(lines: list[str]) -> set[int]:
    out = set(front_matter(lines))
    fence_open = None
    for i, line in enumerate(lines):
        if ("`" in line or "~" in line) and code._FENCE.match(line):
            if fence_open is None:
                fence_open = i
            else:
                out.update(range(fence_open, i + 1))
                fence_open = None
    scores = [code._score(line) for line in lines]
    i, n = 0, len(lines)
    while i < n:
        if i in out or scores[i] <= 0:
            i += 1
            continue
        start, scored, strong, last, j = i, [], 0, i, i
        while j < n and j not in out:
            if not lines[j].strip():
                j += 1
                continue
            if scores[j] <= 0:
                break
            scored.append(j)
            strong += scores[j] == 2
            last = j
            j += 1
        if len(scored) >= code.MIN_BLOCK_LINES and strong:
            out.update(range(start, last + 1))
        i = last + 1
    return out


_CODE_LINE = st.sampled_from(["", "  ", "def f():", "    return x;", "}", "x = 1", "a := b", "```", "~~~", "---",
                              "title: 好", "同志们：", "（一）加强领导。", "1、今年的工作很重要，大家要落实好各项任务和要求。",
                              "// 注释", "\u3000正文。", "x = 1\n}", "print('x')", "$ ls -l \\\\", "@Override", "#include <x>"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_CODE_LINE, max_size=14))
def test_code_lines_scoring_only_candidates_finds_what_scoring_all_did(lines: list[str]) -> None:
    assert code_lines(lines) == _old_code_lines(lines)


def test_a_fact_learned_of_the_text_holds_until_the_text_changes() -> None:
    """The convert step tells the punctuation step that a plain Simplified page holds no kana or hangul
    on the page itself (Page.learn), not through module state: a new text, even an equal one, forgets it."""
    text = "同志们：今天的会议，主要任务是部署今年的工作。\n" * 20
    page = CV.Convert(Options())(Page(text=text))
    assert page.knows(CO.NO_KANA_OR_HANGUL)
    other = Page(text="".join(list(text)))  # the same characters, another string: nothing known of it
    assert not other.knows(CO.NO_KANA_OR_HANGUL)
    page.text = page.text + "日本語の文章を書きました。"
    assert not page.knows(CO.NO_KANA_OR_HANGUL)
    japanese = "同志们：\n日本語の文章を書きました。私は学生です,よろしく!"
    page = P.Punctuation(Options())(CV.Convert(Options())(Page(text=japanese)))
    assert page.text.split("\n")[1] == japanese.split("\n")[1]  # the Japanese line is kept as it is


_SCRIPTS = st.text(
    alphabet=st.sampled_from(["\u3400", "\u4dbf", "\u4dc0", "\u4d00", "\u4e00", "\u9fff", "\ua000", "\uf8ff", "\uf900",
                              "\ufaff", "\ufb00", "\U00020000", "\U0003134f", "\U00031350", "a", "é", "，", " ", "\u3000",
                              "\t", "\u00a0", "\u33ff", "\ud800", "中", "\u34ff", "\u4cff"]),
    max_size=300,
)


@settings(max_examples=600, deadline=None)
@given(_SCRIPTS, st.integers(min_value=0, max_value=3))
def test_cjk_count_and_visible_len_are_the_scans(text: str, times: int) -> None:
    """cjk_count (on UTF-16 high bytes for long texts) and visible_len (a gate for lines without spaces)
    give what the regex scan and the four counts gave, on texts of every width and length."""
    from speechclean.text import CJK_RUN, cjk_count, visible_len

    text = text * times
    assert cjk_count(text) == sum(map(len, CJK_RUN.findall(text)))
    assert visible_len(text) == len(text) - sum(map(text.count, " \t\u00a0\u3000"))


_QUOTED = st.text(alphabet=st.sampled_from(list('"“”中文ab \n\t\u3000')), max_size=60)


@settings(max_examples=500, deadline=None)
@given(_QUOTED)
def test_quote_lines_and_space_runs_are_the_passes(text: str) -> None:
    """The quote pass found through the quotes and the space runs halved by replace give what the regex
    passes gave, with the same counts."""
    old, new = Page(), Page()
    assert P._quote_lines(text, new) == P._sub(old, "punctuation.quotes", P._STRAIGHT_QUOTE_LINE, P._quotes, text)
    assert new.changes == old.changes
    assert P._one_space(text) == P._MULTI_SPACE.sub(" ", text)
