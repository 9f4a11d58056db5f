"""The weight of a block's own text: Chinese prose and punctuation count, links and short lines cost.

Every *block* (an element that is not inline) gets a weight from the text it holds directly or
through inline children:

    weight = prose + PUNCT_WEIGHT × marks − LINK_WEIGHT × link characters − BLOCK_COST

*prose* counts Chinese characters fully and other visible characters at ``LATIN_WEIGHT``
(characters, not whitespace-separated words), outside links, scaled down by ``SHORT_FACTOR``
for short lines without prose punctuation (menus, labels, dates); *marks* counts Chinese prose
punctuation (，。、；：？！). A block's link-list children cost ``LINK_BESIDE_FACTOR`` of their
weight when the block holds prose of its own (a table cell of article text and link tables).
The walk that adds them up is :func:`~speechclean.dom.scoring.score_tree`.

>>> text_stats("今天，我们开会。")  # 8 visible characters, 6 of them Chinese, 2 marks
(8, 6.7, 2)
>>> block_weight(8, 6.7, 2, 0), block_weight(4, 4.0, 0, 4)  # a sentence; a link of four characters
(11.7, -9.0)
"""

from __future__ import annotations

from functools import lru_cache

from ..text import PROSE_PUNCT, cjk_count

PUNCT_WEIGHT = 4.0
LINK_WEIGHT = 1.5
LATIN_WEIGHT = 0.35
BLOCK_COST = 3.0
SHORT_FACTOR = 0.3
SHORT_LEN = 30
LINK_BESIDE_FACTOR = 0.2  # link lists beside a block's own prose (a cell of text and link tables) cost this share
TRIM_LINK_SHARE = 0.5  # a subtree whose link characters reach this share of its characters is link text
WHITESPACE = str.maketrans("", "", " \t\r\n\f\v\u00a0\u3000")  # str.translate table deleting whitespace
_PUNCT = tuple(PROSE_PUNCT)


def text_stats(text: str | None) -> tuple[int, float, int]:
    """(visible characters, prose weight, marks) of a text node."""
    if not text or text.isspace():  # most tails are the source's indentation
        return 0, 0.0, 0
    if len(text) <= MEMO_LEN:  # short texts repeat (menus, labels, cells): measured once
        return measure_short(text)
    return measure_text(text)


def measure_text(text: str) -> tuple[int, float, int]:
    n = len(text.translate(WHITESPACE))
    if not n:
        return 0, 0.0, 0
    cjk = cjk_count(text)
    return n, cjk + LATIN_WEIGHT * (n - cjk), sum(map(text.count, _PUNCT))


MEMO_LEN = 64
measure_short = lru_cache(maxsize=1 << 14)(measure_text)


def block_weight(chars: int, prose: float, marks: int, links: int) -> float:
    """The weight of one block's own text (see the module docstring)."""
    if chars == 0:
        return 0.0
    if links:
        prose = max(0.0, prose * (1 - links / chars))
    if marks == 0 and chars - links < SHORT_LEN:
        prose *= SHORT_FACTOR
    return prose + PUNCT_WEIGHT * marks - LINK_WEIGHT * links - BLOCK_COST
