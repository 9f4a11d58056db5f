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


def cjk_count(text: str) -> int:
    """Number of CJK ideographs in ``text``."""
    return sum(map(len, CJK_RUN.findall(text)))


def visible_len(text: str) -> int:
    """Length of ``text`` without whitespace."""
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
