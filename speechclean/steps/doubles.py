"""Anti-copy doubles for the punctuation step: ``，，``→``，``, ``，。``→``。``, ``二，、``→``二、``;
``？！``, ``……``, ``——``, ``。。。`` stay. Counted as ``punctuation.doubled``.

>>> collapse_doubles("今天，，我们开会，。明天，、后天？！")
'今天，我们开会。明天、后天？！'
"""

from __future__ import annotations

import re
from itertools import islice

from ..page import Page

RULE = "punctuation.doubled"

#: A run holding the anti-copy comma, or one mark doubled. ``、、`` is left alone: on paged
#: documents it is a page counter followed by the text's own mark (``3、、基层``), which the
#: structure step takes apart.
_MARKS_RUN = re.compile("[，、；：。？！][，、；：。？！]+")
#: The anti-copy pairs seen most, each with the mark it stands for (what ``_collapse`` gives).
_COMMON_DOUBLES = (("，，", "，"), ("，。", "。"), ("，、", "、"), ("，；", "；"), ("，？", "？"), ("，！", "！"), ("，：", "："))


def _count(page: Page | None, n: int) -> None:
    if page is not None:
        page.count(RULE, n)


def _collapse(run: str) -> str:
    if "，" not in run and not (len(set(run)) == 1 and run[0] in "；：。"):
        return run  # ？！ ！！ are meant; 、、 is left to the structure step
    if set(run) == {"。"} and len(run) >= 3:
        return run  # an ellipsis typed with 。: the author's, kept
    strong = "".join(ch for ch in run if ch in "？！")
    if strong:
        return strong[:2]
    for mark in "。；：、":
        if mark in run:
            return mark
    return "，"


#: The anti-copy comma before another mark (what the common pairs start with), giving that mark.
_ANTI_COPY = re.compile("，(?=([，。、；？！：]))")


#: Up to this many runs of marks, :func:`collapse_doubles` fixes them one by one; past it (an anti-copy page),
#: by whole-text passes.
RUN_BY_RUN_MAX = 2000


def collapse_doubles(text: str, page: Page | None = None) -> str:
    """Anti-copy doubles: the common pairs by plain replacement, then the rest by pattern
    (:func:`_collapse`). Every pair lies inside a run of marks (:data:`_MARKS_RUN`) and a replacement
    never joins two runs, so a text with few runs has them fixed one by one after one scan; a text with
    many gets whole-text passes, told by one scan which pairs it holds (a pair only loses its comma, so
    a pair missing from the text never appears later)."""
    spans = [m.span() for m in islice(_MARKS_RUN.finditer(text), RUN_BY_RUN_MAX + 1)]
    if not spans:
        return text
    if len(spans) > RUN_BY_RUN_MAX:
        present = set(_ANTI_COPY.findall(text))
        for pair, mark in _COMMON_DOUBLES:
            if pair[1] in present:
                n = text.count(pair)
                if n:
                    text = text.replace(pair, mark)
                    _count(page, n)
        new, n = _MARKS_RUN.subn(_collapse_match, text)
        if n and new != text:
            _count(page, n)
        return new
    pieces: list[str] = []
    last = pairs = runs = 0
    collapsed = False
    for start, end in spans:
        run = text[start:end]
        for pair, mark in _COMMON_DOUBLES:
            if pair in run:
                pairs += run.count(pair)
                run = run.replace(pair, mark)
        if len(run) >= 2:  # what the pattern pass then finds
            runs += 1
            new = _collapse(run)
            collapsed = collapsed or new != run
            run = new
        pieces += (text[last:start], run)
        last = end
    pieces.append(text[last:])
    _count(page, pairs)
    if collapsed:  # (the pattern pass counts every run it finds when it changes one)
        _count(page, runs)
    return "".join(pieces)


def _collapse_match(m: re.Match[str]) -> str:
    return _collapse(m.group())


__all__ = ["RULE", "RUN_BY_RUN_MAX", "collapse_doubles"]
