"""Hostile input: deep nesting, control characters, lone surrogates, and the rewritten patterns.

Each test asserts the page is cleaned (or a clear speechclean error), never silently truncated.
"""

from __future__ import annotations

import json
import re

import pytest

import speechclean
from speechclean.dom import teasers
from speechclean.dom.parse import parse_report, text_of
from speechclean.steps import punctuation
from speechclean.steps.normalise import drop_controls, fix_surrogates

P = "今天，我们召开会议，研究部署下一阶段的工作。"


def html(body: str) -> str:
    return f"<html><head><title>会议</title></head><body>{body}</body></html>"


# -- depth ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("levels", [255, 300, 2000])
def test_deep_nesting_keeps_the_text(levels: int) -> None:
    page = speechclean.clean(html("<div>" * levels + f"<p>{P}</p>" + "</div>" * levels))
    assert page.text == P


@pytest.mark.parametrize("n", [400, 2000])
def test_unclosed_inline_tags_keep_the_second_half(n: int) -> None:
    body = "".join(f"<font>第{i}段，我们召开会议，研究部署工作。" for i in range(n))
    page = speechclean.clean(html(body))
    assert "第0段" in page.text and f"第{n - 1}段" in page.text


@pytest.mark.parametrize("tag", ["font", "span", "a", "div", "ul><li", "table><tr><td", "blockquote"])
def test_no_recursion_limit_on_deep_trees(tag: str) -> None:
    page = speechclean.clean(html(f"<{tag}>" * 2040 + f"<p>{P}</p>"))
    assert P in page.text


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
    assert teasers._MORE.sub("", text) == _OLD_MORE.sub("", text[:200])


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


# -- odd charset declarations (WHATWG labels) ------------------------------------------------------
ZH = "今天，我们召开会议，研究部署下一阶段的工作。"


@pytest.mark.parametrize("label", ["punycode", "undefined", "cp037", "rot13", "idna", "x-user-defined", "nonsense"])
def test_labels_outside_the_standard_are_ignored(label: str) -> None:
    raw = f"<html><head><meta charset='{label}'></head><body><p>{ZH}</p></body></html>".encode()
    page = speechclean.clean(raw)
    assert page.text == ZH and page.encoding is not None and page.encoding.name == "utf-8"


def test_meta_declared_utf16_means_utf8() -> None:
    raw = b"<html><head><meta charset='utf-16'></head><body><p>plain ASCII words here.</p></body></html>"
    page = speechclean.clean(raw)
    assert page.text == "plain ASCII words here." and page.encoding is not None and page.encoding.name == "utf-8"


def test_http_declared_utf16_is_utf16() -> None:
    raw = f"<html><body><p>{ZH}</p></body></html>".encode("utf-16-le")
    page = speechclean.clean(raw, content_type="text/html; charset=utf-16")
    assert page.text == ZH


def test_forced_codec_that_cannot_decode_is_a_decode_error() -> None:
    with pytest.raises(speechclean.DecodeError):
        speechclean.clean(b"abc", encoding="undefined")


# -- binary gaps -------------------------------------------------------------------------------------
RANDOM = bytes((i * 7919 + 13) % 128 + 128 for i in range(65536))  # high bytes, no structure
BINARY = {
    "pdf-after-newline": b"\n\n%PDF-1.7\n" + RANDOM[:3000],
    "pdf-after-bom": b"\xef\xbb\xbf%PDF-1.4\n" + RANDOM[:3000],
    "utf16-bom-then-bytes": b"\xff\xfe" + RANDOM[:5000],
    "utf16-bom-then-ascii": b"\xff\xfe" + b"hello world " * 100,
    "random-high-bytes": RANDOM,
    "utf8-bom-then-bytes": b"\xef\xbb\xbf" + RANDOM[:5000],
}


@pytest.mark.parametrize("name", list(BINARY))
def test_binary_is_a_binary_input_error(name: str) -> None:
    with pytest.raises(speechclean.BinaryInputError):
        speechclean.clean(BINARY[name])


@pytest.mark.parametrize("offset", [100, 3000, 5000])
def test_one_stray_nul_does_not_reject_a_real_page(offset: int) -> None:
    raw = f"<html><head><meta charset='gbk'></head><body><p>{ZH * 200}</p></body></html>".encode("gbk")
    page = speechclean.clean(raw[:offset] + b"\x00" + raw[offset:])
    assert page.text.startswith(ZH[:10]) and "\x00" not in page.text


def test_real_utf16_with_bom_is_text() -> None:
    assert speechclean.clean(f"{ZH}\n{ZH}".encode("utf-16")).text == f"{ZH}\n{ZH}"


# -- idempotence and leaks -------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["Tur-v (Turbo(金锺国、金正男)、UV)", "在韩国，Tur-v (Turbo(金锺国、金正男)、UV)是组合。",
                                  "(a(中)b)", "((中文))", "中(a(b)c)", "(1(2(3(中)3)2)1)"])
def test_nested_parentheses_are_stable(text: str) -> None:
    once = speechclean.clean(text).text
    assert speechclean.clean(once).text == once


def test_title_in_body_leaks_no_tags() -> None:
    page = speechclean.clean(html(f"<div><title>正文标题<span>副</span></title><p>{P}</p><p>{P}</p></div>"))
    assert "<" not in page.text and "<" not in (page.title or "")


def test_unclosed_title_is_closed_and_flagged() -> None:
    page = speechclean.clean(f"<html><head><title>页面标题</head><body><p>{P}</p><p>第二段，内容。</p></body></html>")
    assert P in page.text and page.title == "页面标题"
    assert "parse.unclosed-title" in [f.kind for f in page.flags]


FEED_ITEM = "&lt;p&gt;今天，我们召开会议，研究部署工作。&lt;br /&gt;会议强调，要落实责任。&lt;/p&gt;"


@pytest.mark.parametrize(
    "feed",
    [
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>某某网</title><item><title>会议召开'
        f"</title><description>{FEED_ITEM}</description></item></channel></rss>",
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>某某网</title><entry>'
        f'<title>会议召开</title><content type="html">{FEED_ITEM}</content></entry></feed>',
    ],
    ids=["rss", "atom"],
)
def test_feeds_escaped_html_is_markup(feed: str) -> None:
    for source in (feed, feed.encode("utf-8")):
        page = speechclean.clean(source)
        assert "<" not in page.text and "今天，我们召开会议，研究部署工作。\n会议强调，要落实责任。" in page.text
        assert speechclean.clean(page.text).text == page.text
