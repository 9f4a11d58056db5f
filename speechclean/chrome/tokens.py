"""Keyword tokens: a title cut into its words, one word a line, next to the title itself.

Document-sharing sites print the words of a document's title as keyword links above or below it
(``党课`` / ``讲稿`` / ``就要`` / ``样子`` over ``党课讲稿：“大就要有大的样子”``). Each word alone looks like a
heading; the page gives them away: a run of very short lines, each a different word, all found in that
order in a line next to the run.

>>> token_lines(["温馨提示：", "党课", "讲稿", "就要", "样子", "党课讲稿：“大就要有大的样子”", "中国共产党已经成立多年。"])
[1, 2, 3, 4]
>>> token_lines(["一、总则", "二、职责", "三、附则", "总则、职责和附则"])
[]
"""

from __future__ import annotations

import re

from ..text import visible_len
from .classify import true_runs

#: A run of keyword tokens has at least this many lines…
MIN_TOKENS = 3
#: …each a word of this many characters (ideographs, letters, digits; no mark, no space)…
MIN_TOKEN_LEN = 2
MAX_TOKEN_LEN = 6
#: …found in order in one of this many non-empty lines after (or before) the run.
NEAR = 2
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]++")


def _in_order(tokens: list[str], line: str) -> bool:
    at = 0
    for t in tokens:
        at = line.find(t, at)
        if at < 0:
            return False
        at += len(t)
    return True


def token_lines(view: list[str]) -> list[int]:
    """The lines of ``view`` that are keyword tokens of a line next to them, in order."""
    nonblank = [i for i, v in enumerate(view) if v]
    word = [MIN_TOKEN_LEN <= len(view[i]) <= MAX_TOKEN_LEN and _WORD.fullmatch(view[i]) is not None for i in nonblank]
    out: list[int] = []
    for k, j in true_runs(word):
        if j - k < MIN_TOKENS:
            continue
        run = nonblank[k:j]
        tokens = [view[i] for i in run]
        if len(set(tokens)) < len(tokens):
            continue
        near = nonblank[j : j + NEAR] + nonblank[max(0, k - NEAR) : k]
        if any(visible_len(view[s]) > len("".join(tokens)) and _in_order(tokens, view[s]) for s in near):
            out += run
    return out


__all__ = ["token_lines"]
