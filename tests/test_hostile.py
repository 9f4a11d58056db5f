"""Hostile input: deep nesting, control characters, lone surrogates, and the rewritten patterns.

Each test asserts the page is cleaned (or a clear speechclean error), never silently truncated.
"""

from __future__ import annotations

import json
import re

import pytest

import speechclean
from speechclean.dom import density
from speechclean.dom.parse import parse_report, text_of
from speechclean.steps import punctuation
from speechclean.steps.decode import drop_controls, fix_surrogates

P = "今天，我们召开会议，研究部署下一阶段的工作。"


def html(body: str) -> str:
    return f"<html><head><title>会议</title></head><body>{body}</body></html>"


# -- depth ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("levels", [255, 300, 2000])
def test_deep_nesting_keeps_the_text(levels: int) -> None:
    page = speechclean.clean(html("<div>" * levels + f"<p>{P}</p>" + "</div>" * levels))
    assert page.text == P


def test_unclosed_inline_tags_keep_the_second_half() -> None:
    body = "".join(f"<font>第{i}段，我们召开会议，研究部署工作。" for i in range(400))
    page = speechclean.clean(html(body))
    assert "第0段" in page.text and "第399段" in page.text


def test_past_the_parser_limit_nothing_is_lost_and_it_is_flagged() -> None:
    body = "".join(f"<div><span>第{i}段，我们召开会议，研究部署工作。" for i in range(3000))
    page = speechclean.clean(html(body))
    assert page.text.count("段") == 3000
    assert [f.kind for f in page.flags] == ["parse.depth"]


def test_parse_report_names_the_fallback() -> None:
    root, problems = parse_report("<body>" + "<b>字。" * 2500 + "</body>")
    assert root is not None and text_of(root).count("字") == 2500
    assert problems and problems[0][0] == "parse.depth"
    assert parse_report(html(f"<p>{P}</p>"))[1] == []


# -- control characters --------------------------------------------------------------------------
CONTROLS = [chr(c) for c in (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))]


@pytest.mark.parametrize("ch", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_control_character_moved_to_a_tail_does_not_crash(ch: str) -> None:
    page = speechclean.clean(html(f"<p>正文，研究部署工作。<script>x()</script>{ch}尾巴在这里。</p>"))
    assert page.text == "正文，研究部署工作。尾巴在这里。"
    assert page.changes.get("decode.control") == 1


def test_control_characters_in_bytes_and_text() -> None:
    assert drop_controls("a\x00b\x1fc\x0b\tx\ny") == "abc\tx\ny"
    raw = html(f"<p>{P}\x0c</p><p>第二段。\x1b</p>").encode("gb18030")
    assert speechclean.clean(raw).text == f"{P}\n第二段。"


def test_parse_survives_control_characters_without_the_decode_step() -> None:
    page = speechclean.clean(html(f"<p>{P}<style>a</style>\x01尾巴。</p>"), disable=["decode"])
    assert "尾巴" in page.text


# -- surrogates ----------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["html", "text"])
def test_lone_surrogate_is_replaced_and_flagged(kind: str) -> None:
    source = "今天，我们召开会议。\ud800研究部署下一阶段的工作，大家要认真落实。"
    page = speechclean.clean(html(f"<p>{source}</p>") if kind == "html" else source)
    assert "研究部署下一阶段的工作" in page.text  # not cut at the surrogate
    assert not re.search("[\ud800-\udfff]", page.text)
    assert "decode.surrogate" in [f.kind for f in page.flags]
    json.dumps(page.to_dict(), ensure_ascii=False).encode("utf-8")  # writable as a JSONL record


def test_surrogate_pairs_are_joined() -> None:
    assert fix_surrogates("笑\ud83d\ude00") == "笑\U0001f600"
    assert fix_surrogates("正常") == "正常"


# -- the rewritten patterns mean what they meant ---------------------------------------------------
_OLD_MORE = re.compile(r"\s*[\[【(（<]?\s*(?:详细|详情|全文|阅读全文|查看全文|更多|阅读更多|more|read more)\s*[\]】)）>»]*\s*$", re.I)
MORE_CASES = ["同志们，大家好。【详细】", "同志们 [阅读全文]", "文章 read more »»", "文章更多>>", "文章 (More) ", "更多",
              "阅读全文全文", "abc  【  全文  】  ", "正文。" + " " * 50 + "谢谢", "更多内容", "（ 查看全文 ）"]


@pytest.mark.parametrize("text", MORE_CASES)
def test_more_pattern_strips_what_it_stripped(text: str) -> None:
    assert density._MORE.sub("", text) == _OLD_MORE.sub("", text[:200])


_OLD_MARK_RUN = re.compile(f"[,:;?!()](?<=[{punctuation.C}][,:;?!()])[,:;?!()]+|[,:;?!()][,:;?!()]+(?=[{punctuation.C}])")
RUN_CASES = ["中文!!中文", "中文!?", "a!!中", "ab!!cd", "中(!)a", "a:;b", "，!!", "!!!!", "中" + "!" * 30, "!" * 30 + "中"]


@pytest.mark.parametrize("text", RUN_CASES)
def test_mark_run_pattern_finds_what_it_found(text: str) -> None:
    assert [m.span() for m in punctuation._MARK_RUN.finditer(text)] == [m.span() for m in _OLD_MARK_RUN.finditer(text)]


@pytest.mark.parametrize(
    "text",
    ["!" * 8000, "(" * 20000 + ")" * 20000, "同志们，大家好。" + " " * 10000 + "谢谢"],
    ids=["bangs", "parens", "spaces"],
)
def test_long_runs_clean(text: str) -> None:
    assert isinstance(speechclean.clean(html(f"<div>{text}</div>")), speechclean.Page)
    assert isinstance(speechclean.clean(text), speechclean.Page)
