"""Invariants, by hypothesis: never raises, idempotent, nothing lost without a record."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import seed

import speechclean
from speechclean import BinaryInputError, Page
from speechclean.steps.convert import converter

CHROME = ["当前位置：首页 > 范文", "下面是小编为大家整理的讲话，供大家参考。", "猜你喜欢", "推荐访问：讲话 会议",
          "时间：2022-12-01 19:30:15 来源：某网", "全文阅读已结束", ".a{color:red;}", ";", "1、", "篇一", "（一）"]
PIECES = st.one_of(
    st.text(alphabet="的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成會議們當這個體", min_size=1, max_size=30),
    st.sampled_from(["，", "。", ",", ".", ":", "：", "；", "？", "?", "！", "、", "“", "”", '"', "(", ")", "（", "）",
                     "\n", "\n\n", " ", "\u3000", "\u00a0", "\u200b", "(dāng)", "?", "……", "——", "１２", "ＡＢ"]),
    st.sampled_from(CHROME),
    st.text(alphabet="abcXYZ0123456789-_/.%", min_size=1, max_size=8),
)
CHINESE_TEXT = st.lists(PIECES, max_size=40).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(max_size=300))
def test_never_raises_on_any_str(text: str) -> None:
    assert isinstance(speechclean.clean(text), Page)


@SETTINGS
@given(st.binary(max_size=300))
def test_bytes_give_a_page_or_a_binary_input_error(raw: bytes) -> None:
    try:
        page = speechclean.clean(raw)
    except BinaryInputError:
        return
    assert isinstance(page, Page) and page.encoding is not None


@SETTINGS
@given(CHINESE_TEXT)
def test_cleaning_is_idempotent(text: str) -> None:
    once = speechclean.clean(text).text
    assert speechclean.clean(once).text == once


def skeleton(text: str) -> Counter[str]:
    """Ideographs and ASCII letters/digits, after NFKC and Traditional → Simplified."""
    text = converter("t2s").convert(unicodedata.normalize("NFKC", text))  # type: ignore[attr-defined]
    return Counter(ch for ch in text if ch.isascii() and ch.isalnum() or "\u3400" <= ch <= "\u9fff")


def account(text: str) -> tuple[Counter[str], Counter[str]]:
    page = speechclean.clean(text)
    kept = skeleton(page.text) + skeleton(page.title or "")
    removed = Counter[str]()
    for r in page.removals:
        removed += skeleton(r.text)
    # a title taken from the text is both in .title and in the removals: count it once
    if page.title and any(r.rule == "structure.title" for r in page.removals):
        kept -= skeleton(page.title)
    return skeleton(text), kept + removed


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_kept_plus_removed_accounts_for_the_whole_seed(prefix: str) -> None:
    whole, accounted = account(seed(prefix))
    assert whole - accounted == Counter(), "characters lost without a record"


@SETTINGS
@given(CHINESE_TEXT)
def test_nothing_is_lost_without_a_record(text: str) -> None:
    whole, accounted = account(text)
    assert whole - accounted == Counter()


TAGS = ["div", "p", "span", "a", "ul", "li", "table", "tr", "td", "h1", "br", "nav", "footer", "script", "style", "form"]
ATTRS = ["", " class='share'", " class='content'", " id='comments'", " style='display:none'", " class='hide'", " hidden"]


@st.composite
def html_documents(draw: st.DrawFn) -> str:
    """Random nestings of real tags, chrome classes, hidden attributes and Chinese text."""

    def node(depth: int) -> str:
        if depth > 3 or draw(st.integers(0, 3)) == 0:
            return draw(CHINESE_TEXT)
        tag, attrs = draw(st.sampled_from(TAGS)), draw(st.sampled_from(ATTRS))
        inner = "".join(node(depth + 1) for _ in range(draw(st.integers(0, 3))))
        return f"<{tag}{attrs}>{inner}</{tag}>"

    body = "".join(node(0) for _ in range(draw(st.integers(1, 4))))
    return f"<html><head><title>{draw(CHINESE_TEXT)}</title></head><body>{body}</body></html>"


@SETTINGS
@given(html_documents())
def test_html_never_raises_and_its_text_is_stable(html: str) -> None:
    page = speechclean.clean(html, kind="html")
    assert "<" not in page.text  # no markup leaks into the text
    assert speechclean.clean(page.text).text == page.text
