"""Chinese-aware measures shared by the steps: characters, not words.

>>> cjk_count("第1章 Hello，世界")
4
>>> round(cjk_ratio("第1章 Hello，世界"), 2)
0.36
>>> is_heading("（三）加强组织领导")
True
"""

from __future__ import annotations

import re
import sys

# CJK ideographs: Unified, Extension A, Compatibility, Extensions B+ (supplementary planes).
CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
CJK = re.compile(f"[{CJK_CLASS}]")
CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
NOT_CJK = re.compile(f"[^{CJK_CLASS}]+")

#: Full-width Chinese punctuation that marks running prose.
CHINESE_PUNCT = "，。、；：？！“”‘’（）《》【】—…·「」『』〈〉"
#: The marks of running prose (no brackets or quotes, which titles carry too).
PROSE_PUNCT = "，。、；：？！"
PROSE_PUNCT_RE = re.compile(f"[{PROSE_PUNCT}]")
#: Marks that end a sentence (a line ending in one of these is complete).
SENTENCE_END = "。！？!?…；;：:”’」』)）》】"
#: Marks that end a sentence for certain (not a colon or a closing bracket).
TERMINAL = "。！？!?…"

# Counters for headings and list items: 一、 （三） 1. 1、 第一， ① 一是 (1)
_NUM = "一二三四五六七八九十百零〇两"
HEADING = re.compile(
    rf"^\s*(?:[{_NUM}]+\s*[、.．]|[（(]\s*[{_NUM}\d]+\s*[)）]|\d{{1,3}}\s*[、.．](?!\d)"
    rf"|第[{_NUM}\d]+[章节条部分篇项点，,、\s]|[①-⑳]|[{_NUM}]是|[A-Za-z]\s*[、.．](?=\S)"
    rf"|[『【〔][{_NUM}壹贰叁肆伍陆柒捌玖拾貳參陸]{{1,3}}[』】〕])"
)
SPACE_RE = re.compile(r"[ \t\u00a0\u3000]+")


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph."""
    return CJK.match(ch) is not None


#: The high bytes (UTF-16) of the Basic Multilingual Plane's ideographs of :data:`CJK_CLASS` but
#: U+4D00–U+4DBF (the block of 0x4D also holds the hexagram symbols), deleted from a text's high bytes
#: so that what is left are the others.
_NOT_CJK_HIGH = bytes(b for b in range(256) if not (0x34 <= b <= 0x4C or 0x4E <= b <= 0x9F or 0xF9 <= b <= 0xFA))
_CJK_4D = re.compile("[\u4d00-\u4dbf]")
_CPYTHON = sys.implementation.name == "cpython"
#: Texts from this long are counted on their bytes (shorter ones are scanned faster than encoded), when
#: their size tells (CPython, O(1)) that they hold no supplementary character.
_BY_BYTES_FROM = 100


def cjk_count(text: str) -> int:
    """Number of CJK ideographs in ``text``.

    Counted on the high bytes of the UTF-16 encoding (an encode, a slice and a byte deletion, in C):
    two to four times faster than a regex scan of long lines; short texts and a text that may hold
    supplementary characters (surrogate pairs in UTF-16) are scanned.
    """
    if text.isascii():
        return 0
    n = len(text)
    if n < _BY_BYTES_FROM or not _CPYTHON or sys.getsizeof(text) > 3 * n:
        return sum(map(len, CJK_RUN.findall(text)))
    high = text.encode("utf-16-le", "surrogatepass")[1::2]  # (a lone surrogate is no ideograph)
    count = len(high.translate(None, _NOT_CJK_HIGH))
    if b"\x4d" in high:
        count += len(_CJK_4D.findall(text))
    return count


def visible_len(text: str) -> int:
    """Length of ``text`` without whitespace."""
    if " " not in text and "\u3000" not in text and "\t" not in text and "\u00a0" not in text:
        return len(text)  # most Chinese lines: four scans that stop at nothing are cheaper than four counts
    return len(text) - sum(map(text.count, " \t\u00a0\u3000"))


def cjk_ratio(text: str) -> float:
    """Share of CJK ideographs among the non-space characters (0 for empty text)."""
    n = visible_len(text)
    return cjk_count(text) / n if n else 0.0


def punct_count(text: str) -> int:
    """Number of the marks of running prose (，。、；：？！)."""
    return sum(map(text.count, PROSE_PUNCT))


def punctuation_density(text: str) -> float:
    """Prose punctuation marks per CJK character (0 when there is no CJK)."""
    n = cjk_count(text)
    return punct_count(text) / n if n else 0.0


def is_heading(line: str) -> bool:
    """True when ``line`` starts with a heading or list counter (一、 （三） 1、 第一 ①)."""
    return HEADING.match(line) is not None


def ends_sentence(line: str) -> bool:
    """True when ``line`` ends with a mark that closes a sentence or clause block."""
    s = line.rstrip()
    return bool(s) and s[-1] in SENTENCE_END


__all__ = [
    "CHINESE_PUNCT",
    "CJK",
    "CJK_CLASS",
    "CJK_RUN",
    "HEADING",
    "PROSE_PUNCT",
    "SENTENCE_END",
    "TERMINAL",
    "cjk_count",
    "cjk_ratio",
    "ends_sentence",
    "is_cjk",
    "is_heading",
    "punct_count",
    "punctuation_density",
    "visible_len",
]
