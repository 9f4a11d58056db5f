"""speechclean.script: Traditional-only / Simplified-only sets from OpenCC's dictionaries, script and language."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import ROOT

from speechclean.conversion import convert_text
from speechclean.page import Page
from speechclean.script import lang_of, script_of, simplified_only, traditional_only


def test_characters_valid_in_simplified_are_not_traditional_only() -> None:
    trad, simp = set(traditional_only()), set(simplified_only())
    for ch in "乾藉著瞭夥於干后于着了借伙台":
        assert ch not in trad, ch
    for ch in "後們國這說會髮發裡臺":
        assert ch in trad, ch
    for ch in "们国这说会发":
        assert ch in simp, ch
    assert not trad & simp


def _official_opencc() -> str | None:
    try:
        return metadata.version("OpenCC")
    except metadata.PackageNotFoundError:
        return None


def test_shipped_sets_are_what_the_script_derives(tmp_path) -> None:
    shipped = (ROOT / "speechclean" / "data" / "script_chars.txt").read_text(encoding="utf-8")
    version = _official_opencc()
    if version is None or f"OpenCC {version} " not in shipped:
        pytest.skip("the shipped sets come from another OpenCC release")
    out = tmp_path / "sets.txt"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "derive_script_chars.py"), "--out", str(out)],
                   check=True, capture_output=True)
    assert out.read_text(encoding="utf-8") == shipped


@pytest.mark.parametrize(
    "text, script",
    [("萧乾的著作", "hans"), ("蕭乾的著作", "hant"), ("乾坤", None), ("後来", "hans"), ("後來", "hant"), ("", None)],
)
def test_script_of(text: str, script: str | None) -> None:
    assert script_of(text) == script


@pytest.mark.parametrize(
    "text, lang",
    [
        ("今天の天気はとても良いです。", "ja"),
        ("我の世界，今天天气很好，我们一起出去玩吧。", "zh"),  # の as slang
        ("列夫・托尔斯泰的小说", "zh"),  # the katakana middle dot alone is not Japanese
        ("안녕하세요", "ko"),
        ("Python 的 list comprehension 很好用", "zh"),
        ("The quick brown fox jumps over the lazy dog 狐狸", "other"),
        ("12345 ---", None),
    ],
)
def test_lang_of(text: str, lang: str | None) -> None:
    assert lang_of(text) == lang


_SIMPLIFIED = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF).filter(lambda c: c not in set(traditional_only()))
_TEXT = st.lists(st.one_of(_SIMPLIFIED, st.sampled_from("，。、\n 　abc1")), max_size=200).map("".join)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_text_without_traditional_only_characters_is_never_converted(text: str) -> None:
    page = Page(text=text)
    convert_text(page, "t2s")
    assert page.text == text


@settings(max_examples=100, deadline=None)
@given(_TEXT, st.sampled_from("後們國這說會"))
def test_in_simplified_only_traditional_only_characters_change(text: str, stray: str) -> None:
    body = "这是简体中文的一段话，我们来看看。" + text.replace("\n", "")
    page = Page(text=stray + body)
    convert_text(page, "t2s")
    assert page.text[1:] == body and page.text[0] != stray


@pytest.mark.parametrize("pad", [0, 10, 200])
def test_supplementary_plane_characters_are_found(pad: int) -> None:
    from speechclean.script import traditional_set

    sup = sorted(c for c in traditional_set().chars if ord(c) > 0xFFFF)
    assert sup, "OpenCC lists Traditional-only characters outside the BMP"
    assert traditional_set().search("中" * pad + sup[0])
    assert not traditional_set().search("中" * pad + "😀")
    assert traditional_set().count("中" * pad + sup[0] + "後😀") == 2
