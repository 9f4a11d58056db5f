"""Mojibake on whole pages: repaired through the pipeline, holes filled, technical text untouched."""

from __future__ import annotations

import difflib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import CORPUS

import speechclean
from speechclean.steps.holes import from_gbk_with_holes
from speechclean.steps.mojibake import repair_text

PAGE = (
    "按照会议安排，现在我讲三点意见。\n"
    "第一，要提高认识，把思想统一到党中央的决策部署上来。\n"
    "第二，要突出重点，2024年全市完成投资120亿元，同比增长6.5%。\n"
    "第三，要狠抓落实，确保各项任务按期完成。谢谢大家！\n"
)
MANGLINGS = {
    "utf8-as-latin1": lambda t: t.encode("utf-8").decode("latin-1"),
    "utf8-as-gbk": lambda t: t.encode("utf-8").decode("gbk", errors="replace"),
    "gbk-as-latin1": lambda t: t.encode("gb18030").decode("latin-1"),
    "utf8-as-cp1252-twice": lambda t: t.encode("utf-8").decode("latin-1").encode("utf-8").decode("latin-1"),
}


def test_u0085_inside_latin1_mojibake_is_repaired_through_the_pipeline() -> None:
    bad = "按照会议安排".encode("utf-8").decode("latin-1")
    assert "\x85" in bad
    assert speechclean.clean(bad).text == "按照会议安排"


@pytest.mark.parametrize("name", list(MANGLINGS))
def test_whole_page_repaired(name: str) -> None:
    bad = MANGLINGS[name](PAGE)
    page = speechclean.clean(bad, kind="text", disable=["boilerplate", "structure"])
    good = speechclean.clean(PAGE, kind="text", disable=["boilerplate", "structure"]).text
    if name == "utf8-as-gbk":  # bytes were lost: at most a few holes, everything else exact
        assert len(page.text) == len(good)
        assert sum(a != b for a, b in zip(page.text, good)) <= 2
    else:
        assert page.text == good
    assert page.repairs and page.repairs[0].rule.startswith("decode.mojibake")


def test_holes_filled_when_one_character_fits() -> None:
    bad = "小姐姐</a>".encode("utf-8").decode("gbk", errors="replace")
    assert from_gbk_with_holes(bad) == "小姐姐</a>"
    # a lost byte before an ASCII character: many characters fit, the frequent one wins or it stays a hole
    assert from_gbk_with_holes("移动设备的电话".encode("utf-8").decode("gbk", errors="replace")) == "移动设备的电话"


def test_repair_with_holes_is_idempotent() -> None:
    once = repair_text(MANGLINGS["utf8-as-gbk"](PAGE))
    assert repair_text(once) == once


# Technical and Latin-1 text that a GBK or UTF-8 reading would turn into hanzi: none may change.
TECHNICAL = [
    "kg/m²·s", "45°±0.5°", "J/(kg·°C)", "100m²±5m²", "±±", "××", "×××××", "±±××°°", "°±²³·×÷µ¶", "¼½¾",
    "热导率λ=0.5W/(m·K)，误差±0.2℃", "温度45°±0.5°，压力10kPa", "面积100m²±5m²", "浓度25μg/m³", "3×4=12",
    "José Martínez先生", "Müller教授说", "Ångström单位", "café咖啡", "Zürich苏黎世", "São Paulo圣保罗",
    "拼音：zhōng guó", "«引号»", "©2024 版权所有®", "价格£100、¥200", "CAFÉ ÉTÉ", "naïve façade", "Œuvre",
    "±±±±±±±Ångström", "±°C±°C±°C±°C",  # a symbol repeated reads as one hanzi over and over (hypothesis)
    # found by hypothesis: symbols with no letter, one symbol most of a run, accented letters inside words
    # (GBK readings: 撰钒C哗m倡, 遍北北迸, Jos榻回Jos閏af楫), latin-1 that is UTF-8 of foreign letters (童إף)
    "×«·°C»©m³«", "±é±±±±±Å", "José½»ØJosécafé®", "面积®²=ç«¥Ø¥×£Müller", "Sãoé°±Ø±0.5São",
]


@pytest.mark.parametrize("text", TECHNICAL)
def test_no_false_repair_on_technical_text(text: str) -> None:
    assert repair_text(text) == text
    assert speechclean.clean(text).repairs == []


LATIN_WORDS = ["Müller", "José", "café", "naïve", "Ångström", "façade", "Zürich", "São", "°C", "±", "×", "²", "µm",
               "½", "°", "·", "±0.5", "m²", "m³", "é", "ü", "ñ", "ç", "Ø", "ß", "«", "»", "©", "®", "£", "¥"]
CHINESE_WORDS = ["温度", "面积", "先生", "教授", "单位", "误差", "压力", "会议", "我们", "的", "，", "。", "（", "）"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LATIN_WORDS + CHINESE_WORDS + [" ", "1", "/", "=", "0.5", "("]), max_size=12))
def test_latin1_and_chinese_mixes_are_left_alone(words: list[str]) -> None:
    text = "".join(words)
    assert repair_text(text) == text


@pytest.mark.parametrize("name", list(MANGLINGS)[:3])
def test_gold_texts_have_no_false_repairs_and_mangled_ones_come_back(name: str) -> None:
    golds = sorted((CORPUS / "extraction" / "magic_html_benchmark").glob("*/gold/*.txt"))[:20]
    if not golds:
        pytest.skip("../shared/corpus is not present")
    for path in golds:
        text = path.read_text(encoding="utf-8")
        assert repair_text(text) == text, path.name
        fixed = repair_text(MANGLINGS[name](text))
        if name != "utf8-as-gbk":
            assert fixed == text, path.name
        else:
            # bytes were lost: holes stay (or the one likely character fills them), the rest is exact
            assert difflib.SequenceMatcher(None, fixed, text, autojunk=False).ratio() >= 0.9, path.name
