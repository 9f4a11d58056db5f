"""Normalised lines and their hashes: what a site profile counts.

A line is normalised so that the same chrome matches across pages whatever its spacing, its
width (NFKC: ``：`` and ``:`` are one) and its Latin case. Figures are kept: folding them
(``浏览次数：35`` = ``浏览次数：128``) would also fold content made from one template
(``第3条`` = ``第4条``, ``2019年工作总结`` = ``2020年工作总结``), and a profile must never remove content. Its key is the first 8 bytes of
BLAKE2b of the normalised text: stable across processes and runs (Python's ``hash`` is not),
so partial profiles from many workers merge and a saved profile loads anywhere.

Lines shorter than :data:`MIN_LEN` or longer than :data:`MAX_LEN` visible characters are not
counted: chrome is short, and a long paragraph repeating is a duplicate page, not a template.

>>> normalise(" 网站 首页： Home ") == normalise("网站首页:home")
True
>>> [i for i, _ in line_keys("首页\\n同志们：\\n\\nx")]
[0, 1]
"""

from __future__ import annotations

import re
import unicodedata
from hashlib import blake2b

from ..text import visible_len

#: Lines with fewer visible characters are not counted (a lone bullet or mark says nothing).
MIN_LEN = 2
#: Lines with more visible characters are not counted (paragraphs, not chrome).
MAX_LEN = 300

_SPACE = re.compile(r"\s+")


def normalise(line: str) -> str:
    """The form of ``line`` that is counted: NFKC, no whitespace, lower case."""
    text = unicodedata.normalize("NFKC", line)
    return _SPACE.sub("", text).lower()


def line_hash(normalised: str) -> int:
    """A stable 64-bit key for a normalised line."""
    return int.from_bytes(blake2b(normalised.encode("utf-8"), digest_size=8).digest(), "little")


def countable(line: str) -> bool:
    """True when ``line`` is of a length a profile counts."""
    return MIN_LEN <= visible_len(line) <= MAX_LEN


def keyed_lines(text: str) -> list[tuple[int, int, str]]:
    """``(line index, hash, line)`` for every countable line of ``text`` (split on ``\\n``).

    The page is normalised in one call (NFKC maps no character to a line break, so its lines
    stay aligned; if they ever did not, each line is normalised on its own).
    """
    raw = text.split("\n")
    folded = unicodedata.normalize("NFKC", text).split("\n")
    if len(folded) != len(raw):  # pragma: no cover - defensive
        folded = [unicodedata.normalize("NFKC", line) for line in raw]
    out = []
    blake = blake2b
    for i, (line, norm) in enumerate(zip(raw, folded)):
        if line and MIN_LEN <= visible_len(line) <= MAX_LEN:
            key = _SPACE.sub("", norm).lower().encode("utf-8")
            out.append((i, int.from_bytes(blake(key, digest_size=8).digest(), "little"), line))
    return out


def line_keys(text: str) -> list[tuple[int, int]]:
    """``(line index, hash)`` for every countable line of ``text`` (split on ``\\n``)."""
    return [(i, h) for i, h, _ in keyed_lines(text)]


__all__ = ["MAX_LEN", "MIN_LEN", "countable", "keyed_lines", "line_hash", "line_keys", "normalise"]
