"""convert: pinyin annotations out, Traditional to Simplified, garbled spans flagged."""

from __future__ import annotations

import pytest

import speechclean
from speechclean.steps.convert import has_traditional


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("當(dāng)前位置", "当前位置"),
        ("中國（guó）人民", "中国人民"),
        ("我們(men)的工(gōng)作(zuò)很重(zhòng)要", "我们的工作很重要"),  # neutral tone trusted beside toned ones
        ("付費(dip)試點", "付费（dip）试点"),  # an abbreviation is not pinyin
        ("我們(men)的工作", "我们（men）的工作"),  # untoned alone is not trusted
    ],
)
def test_pinyin_annotations(raw: str, clean: str) -> None:
    assert speechclean.clean(raw).text == clean


def test_every_annotation_is_recorded_line_by_line() -> None:
    page = speechclean.clean("當(dāng)前位(wèi)置\n同志(zhì)們")
    assert [(r.step, r.rule, r.text, r.line, r.span) for r in page.removals] == [
        ("convert", "convert.pinyin", "(dāng)(wèi)", 0, True),
        ("convert", "convert.pinyin", "(zhì)", 1, True),
    ]


def test_lost_character_with_annotation_is_flagged() -> None:
    page = speechclean.clean("干部隊伍重在實打?qū)?，切忌空談。")
    assert "qū" not in page.text
    assert [f.kind for f in page.flags] == ["garbled.lost-character"]


@pytest.mark.parametrize(
    "variant, text, expected",
    [  # the regional variants differ on a few characters; these hold for both converter packages
        ("t2s", "縣裡的屋簷下，枱上有糭。", "县里的屋簷下，枱上有糭。"),
        ("tw2s", "縣裡的屋簷下，枱上有糭。", "县里的屋檐下，枱上有糭。"),
        ("hk2s", "縣裡的屋簷下，枱上有糭。", "县里的屋簷下，台上有粽。"),
    ],
)
def test_variants(variant: str, text: str, expected: str) -> None:
    assert speechclean.clean(text, convert=variant).text == expected


def _official_opencc() -> bool:
    from importlib import metadata

    return any((d.metadata["Name"] or "").lower() == "opencc" for d in metadata.distributions())


@pytest.mark.skipif(not _official_opencc(), reason="the reimplementation's older dictionaries give 干安县")
def test_official_opencc_dictionaries_are_phrase_aware() -> None:
    assert speechclean.clean("乾安縣的乾隆年間").text == "乾安县的乾隆年间"


def test_simplified_text_skips_the_converter() -> None:
    assert not has_traditional("同志们：今天的会议很重要。")
    assert has_traditional("會議")
    page = speechclean.clean("同志们：今天的会议很重要。")
    assert "convert.t2s" not in page.changes
    assert "convert.t2s" in speechclean.clean("會議很重要。").changes


@pytest.mark.parametrize(
    "text, kind",
    [
        ("特定區域\ue479邇A斜", "garbled.private-use"),
        ("数据\ufffd损坏", "garbled.unrecoverable"),
        ("锟斤拷锟斤拷测试", "garbled.unrecoverable"),
        ("实施┱政策", "garbled.unrecoverable"),
    ],
)
def test_unrecoverable_spans_are_flagged(text: str, kind: str) -> None:
    page = speechclean.clean(text)
    assert kind in {f.kind for f in page.flags}


def test_clean_text_has_no_flags() -> None:
    assert speechclean.clean("同志们：今天的会议很重要。┌表格┐").flags == []
