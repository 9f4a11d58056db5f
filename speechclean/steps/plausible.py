"""plausible — how much a decoded string looks like real Chinese text.

Used to choose between strict decodes (GB18030 vs Big5) and to accept a
mojibake repair only when it is clearly better Chinese. The score is the share
of non-ASCII characters that are *common*: hanzi of GB2312 level 1 (the 3,755
most used Simplified characters) or Big5 level 1 (the 5,401 most used
Traditional characters), CJK punctuation and full-width forms. Mojibake and
wrong-codec decodes land in rare hanzi, kana, Cyrillic, box drawing, the
Private Use Area or Latin-1 letters, which all count against.

>>> from speechclean.steps.plausible import score
>>> score("四是以医保制度改革为抓手")
1.0
>>> score("鍥涙槸浠ュ尰淇濆埗搴︽敼闈╀负鎶撴墜") < 0.5
True
"""

from __future__ import annotations

import re
from functools import lru_cache

PUNCT = "，。、：；！？“”‘’（）《》〈〉「」『』【】〔〕—…·～　・﹏︰"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
#: how many non-ASCII characters are enough to judge a text
SAMPLE = 4000


@lru_cache(maxsize=1)
def common() -> frozenset[str]:
    """Common hanzi (GB2312 level 1 ∪ Big5 level 1), CJK punctuation and full-width forms."""
    chars: set[str] = set(PUNCT)
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width ASCII
    for lead in range(0xB0, 0xD8):  # GB2312 level 1
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for code in range(0xA440, 0xC67F):  # Big5 level 1
        try:
            chars.add(code.to_bytes(2, "big").decode("cp950"))
        except UnicodeDecodeError:
            pass
    return frozenset(chars)


def counts(text: str, sample: int = SAMPLE) -> tuple[int, int]:
    """``(common, other)`` over the first ``sample`` non-ASCII characters of ``text``."""
    chars = _NON_ASCII.findall(text, 0, len(text))[:sample] if len(text) < sample * 8 else _NON_ASCII.findall(
        text[: sample * 8]
    )[:sample]
    good = sum(map(common().__contains__, chars))
    return good, len(chars) - good


def score(text: str, sample: int = SAMPLE) -> float:
    """Share of common characters among the non-ASCII ones (1.0 when there are none).

    >>> score("hello")
    1.0
    """
    good, bad = counts(text, sample)
    return 1.0 if good + bad == 0 else good / (good + bad)
