"""Script and language: is a paragraph Traditional or Simplified Chinese, is a text Chinese at all?

The script of a paragraph is judged by its **Traditional-only** characters (們, 後, 國: OpenCC
converts them and never produces them) against its **Simplified-only** ones (们, 国: OpenCC
converts them to Traditional and never produces them from it). Characters valid in both
(乾, 藉, 著, 瞭, 夥, 於, 干, 后) are no evidence either way. The two sets are derived from
OpenCC's own dictionaries by ``scripts/derive_script_chars.py`` and shipped in
``speechclean/data/script_chars.txt``.

>>> script_of("乾隆年间，萧乾写了这本书。"), script_of("乾隆年間，蕭乾寫了這本書。"), script_of("乾坤")
('hans', 'hant', None)
>>> lang_of("日本語の文章を書きました。"), lang_of("同志们：大家好！"), lang_of("Hello, world"), lang_of("한국어 문장")
('ja', 'zh', 'other', 'ko')
"""

from __future__ import annotations

import re
import sys
from functools import cache
from importlib import resources
from typing import Literal

from .config import LANGS, Lang
from .text import CJK_CLASS

Script = Literal["hans", "hant", "mixed"]

#: Hiragana and katakana, without the middle dot ・ and the long-vowel mark ー (Chinese uses them too).
KANA_CLASS = "\u3041-\u309f\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff\uff66-\uff9d"
HANGUL_CLASS = "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"
_KANA_OR_HANGUL = re.compile(f"[{KANA_CLASS}{HANGUL_CLASS}]")
_KANA = re.compile(f"[{KANA_CLASS}]")
_HANGUL = re.compile(f"[{HANGUL_CLASS}]")
_CJK = re.compile(f"[{CJK_CLASS}]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")

#: Japanese: kana are at least this share of kana + ideographs. Japanese prose runs 0.4–0.7 kana;
#: the Chinese gold pages of the shared corpus stay under 0.01 (a quoted Japanese line, の as slang).
JA_MIN_KANA_SHARE = 0.2
#: Korean: hangul syllables are at least this share of hangul + ideographs.
KO_MIN_HANGUL_SHARE = 0.5
#: Chinese (against Latin-script text): ideographs at least this share of ideographs + Latin words.
ZH_MIN_CJK_SHARE = 0.5


@cache
def _sets() -> tuple[str, str]:
    data = resources.files("speechclean").joinpath("data/script_chars.txt").read_text(encoding="utf-8")
    found = dict(line.split("\t", 1) for line in data.splitlines() if line and not line.startswith("#"))
    return found["traditional_only"], found["simplified_only"]


def traditional_only() -> str:
    """Every Traditional-only character (one string)."""
    return _sets()[0]


def simplified_only() -> str:
    """Every Simplified-only character (one string)."""
    return _sets()[1]


def _class(chars: str) -> str:
    return "[" + "".join("\\" + c if c in "\\]^-[" else c for c in chars) + "]"


class CharSet:
    """A set of characters searched fast: one class of its Basic Multilingual Plane characters plus the
    whole supplementary range, checked against the few supplementary ones on a hit (a class listing
    them one by one is ~30x slower to scan)."""

    __slots__ = ("bmp", "chars", "scan", "sup")

    def __init__(self, chars: str) -> None:
        self.chars = frozenset(chars)
        bmp = _class("".join(c for c in chars if ord(c) < 0x10000))
        self.bmp = re.compile(bmp)
        sup = "".join(c for c in chars if ord(c) >= 0x10000)
        self.sup = re.compile(_class(sup)) if sup else None
        self.scan = re.compile(bmp[:-1] + "\U00010000-\U0010ffff]") if sup else self.bmp

    def search(self, text: str) -> bool:
        """True when ``text`` holds a character of the set (one scan)."""
        if self.sup is None or not may_hold_astral(text):
            return self.bmp.search(text) is not None
        m = self.scan.search(text)
        while m is not None:
            if m.group() in self.chars:
                return True
            m = self.scan.search(text, m.end())
        return False

    def count(self, text: str) -> int:
        """How many characters of ``text`` are in the set (one scan)."""
        found = self.scan.findall(text)
        if self.sup is None:
            return len(found)
        chars = self.chars
        return sum(1 for c in found if c in chars)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_CPYTHON = sys.implementation.name == "cpython"


def may_hold_astral(text: str) -> bool:
    """False when ``text`` surely holds no supplementary-plane character: CPython stores a string
    without one in at most 2 bytes a character, so its size tells in O(1); a scan otherwise."""
    if _CPYTHON and len(text) >= 64:
        return sys.getsizeof(text) > 3 * len(text)
    return _ASTRAL.search(text) is not None


@cache
def traditional_set() -> CharSet:
    """The Traditional-only characters."""
    return CharSet(traditional_only())


@cache
def simplified_set() -> CharSet:
    """The Simplified-only characters."""
    return CharSet(simplified_only())


def script_counts(text: str) -> tuple[int, int]:
    """(Traditional-only, Simplified-only) character counts of ``text``."""
    return traditional_set().count(text), simplified_set().count(text)


def judge(trad: int, simp: int) -> Script | None:
    """The script two counts point to: ``hant`` when Traditional-only characters outnumber the
    Simplified-only ones, ``hans`` when they do not, None without evidence."""
    if trad > simp:
        return "hant"
    if simp or trad:
        return "hans"
    return None


def script_of(text: str) -> Script | None:
    """``hans`` or ``hant`` for one paragraph; None when it holds no evidence (乾坤, 人民)."""
    return judge(*script_counts(text))


#: Texts longer than this are judged on :data:`SAMPLE_WINDOWS` evenly spread windows of :data:`SAMPLE_WINDOW` characters.
SAMPLE_OVER = 40_000
SAMPLE_WINDOWS = 20
SAMPLE_WINDOW = 1_000


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_OVER:
        return text
    step = len(text) // SAMPLE_WINDOWS
    return "\n".join(text[i : i + SAMPLE_WINDOW] for i in range(0, len(text), step))


def lang_of(text: str) -> Lang | None:
    """``zh``, ``ja``, ``ko`` or ``other`` by the share of kana, hangul, ideographs and Latin words;
    None when ``text`` holds no letter at all. Long texts are judged on evenly spread samples."""
    text = _sample(text)
    cjk = len(_CJK.findall(text))
    if _KANA_OR_HANGUL.search(text) is not None:
        kana, hangul = len(_KANA.findall(text)), len(_HANGUL.findall(text))
        if kana and kana >= JA_MIN_KANA_SHARE * (kana + cjk):
            return "ja"
        if hangul and hangul >= KO_MIN_HANGUL_SHARE * (hangul + cjk):
            return "ko"
    if cjk:
        latin = len(_LATIN_WORD.findall(text)) if cjk < 4 * len(text) // 5 else 0
        return "zh" if cjk >= ZH_MIN_CJK_SHARE * (cjk + latin) else "other"
    return "other" if _LATIN_WORD.search(text) or any(ch.isalpha() for ch in text) else None


def has_kana_or_hangul(text: str) -> bool:
    """True when ``text`` holds any kana or hangul (one fast scan)."""
    return _KANA_OR_HANGUL.search(text) is not None


__all__ = [
    "LANGS",
    "CharSet",
    "Lang",
    "Script",
    "has_kana_or_hangul",
    "judge",
    "lang_of",
    "may_hold_astral",
    "script_counts",
    "script_of",
    "simplified_only",
    "simplified_set",
    "traditional_only",
    "traditional_set",
]
