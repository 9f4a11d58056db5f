"""mojibake read as GBK — runs of UTF-8 bytes a GBK/GB18030 decode turned into rare hanzi.

``decode.mojibake-utf8-as-gbk``: ``鍥涙槸浠ュ尰`` → ``四是以医``, also with ``errors="replace"``
holes (each U+FFFD one lost byte) and across good CJK punctuation.

>>> fix_gbk_run("鍥涙槸浠ュ尰淇濆埗搴︽敼闈╀负鎶撴墜")
'四是以医保制度改革为抓手'
>>> fix_gbk_run("四是以医保制度改革为抓手") is None
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from .holes import from_gbk_with_holes
from .mojibake_judge import better
from .plausible import PUNCT, common

# UTF-8 read as GBK, encoded back: mostly three-byte UTF-8 sequences.
_UTF8_3 = re.compile(rb"[\xe0-\xef][\x80-\xbf][\x80-\xbf]")
_PUNCT_SPLIT = re.compile(f"([{PUNCT}])")


@lru_cache(maxsize=1)
def rare_pattern() -> re.Pattern[str]:
    """Matches a non-ASCII character that is not common Chinese (a mojibake candidate)."""
    chars = "".join(sorted(common()))
    return re.compile("[^\x00-\x7f" + re.escape(chars).replace("-", r"\-") + "]")


def fix_gbk_run(run: str) -> str | None:
    """UTF-8 bytes that were read as GB18030: the repaired run, or None."""
    rare = rare_pattern()
    first = rare.search(run)
    if first is None or rare.search(run, first.end()) is None:  # fewer than two rare characters
        return None
    try:
        if "\ufffd" in run:  # a GBK decode with errors="replace": each hole is one lost byte
            after = from_gbk_with_holes(run)
            if after.count("\ufffd") > run.count("\ufffd"):
                return None
        else:
            after = run.encode("gb18030").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return after if better(run, after) else None


def _looks_utf8(run: str) -> bool:
    """Cheap test: do the GB18030 bytes of ``run`` hold UTF-8 sequences for a third of their length?"""
    raw = run.encode("gb18030", "replace")
    return 3 * len(_UTF8_3.findall(raw)) * 3 >= len(raw)


def fix_gbk_pieces(run: str) -> str | None:
    """Like :func:`fix_gbk_run` on the pieces of ``run`` between good CJK punctuation."""
    pieces = _PUNCT_SPLIT.split(run)
    if len(pieces) < 2 or not _looks_utf8(run):
        return None
    fixed = [fix_gbk_run(p) if len(p) > 1 else None for p in pieces]
    if not any(fixed):
        return None
    return "".join(f if f is not None else p for p, f in zip(pieces, fixed))

