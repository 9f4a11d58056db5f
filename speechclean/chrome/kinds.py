"""Kinds of line the boilerplate and structure steps both need: body prose, title-like, text at the edge.

>>> is_title_like("2024年4月份居民消费价格同比上涨0.3%"), is_title_like("首页 | 新闻 | 关于我们")
(True, False)
"""

from __future__ import annotations

import re

from ..text import cjk_count, ends_sentence, is_heading, punct_count, visible_len

#: A body line has at least this many ideographs…
BODY_MIN_CJK = 20
#: …and at least this many Chinese punctuation marks.
BODY_MIN_PUNCT = 2
#: …and at least this share of ideographs among its visible characters.
BODY_MIN_CJK_RATIO = 0.5
#: A heading-like line outside the body is at most this long…
TITLE_MAX_LEN = 60
#: …and at least this share ideographs.
TITLE_MIN_CJK_RATIO = 0.6
_FIGURES = re.compile(r"[0-9.%]")
_NAV_SEPARATORS = re.compile(r"[|｜_>»›→]|\s{2,}|\s\S{1,4}\s\S{1,4}\s")


def is_body(line: str) -> bool:
    """True for a line dense in Chinese characters and punctuation: running prose."""
    if len(line) < BODY_MIN_CJK or punct_count(line) < BODY_MIN_PUNCT:
        return False
    n = cjk_count(line)
    return n >= BODY_MIN_CJK and n >= BODY_MIN_CJK_RATIO * visible_len(line)


def is_title_like(line: str) -> bool:
    """True for a short line of mostly ideographs (and figures) with no navigation separators: a heading or title."""
    n = visible_len(line)
    if not 0 < n <= TITLE_MAX_LEN:
        return False
    cjk = cjk_count(line)
    return (
        cjk >= 2
        and cjk + len(_FIGURES.findall(line)) / 2 >= TITLE_MIN_CJK_RATIO * n  # a figure counts half
        and _NAV_SEPARATORS.search(line.strip()) is None
    )


def keeps_at_edge(line: str) -> bool:
    """Lines outside the body read as text when they are a sentence, a heading or a title."""
    return ends_sentence(line) and cjk_count(line) >= 2 or is_heading(line) or is_title_like(line)


__all__ = ["is_body", "is_title_like", "keeps_at_edge"]
