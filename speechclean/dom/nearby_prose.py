"""Prose around the main content: the replies after it, a summary before it, a prose paragraph around it.

* Repeated prose blocks right after it (the replies under a question, ``REPLY_MIN_CJK`` Chinese
  characters outside links on average: not the rows of a thread index) widen it
  (:func:`replies_after`), when they weigh enough (see :mod:`~speechclean.dom.density`);
* a close ancestor whose own text is a prose paragraph (text written into an inline wrapper)
  widens it too (:func:`prose_ancestor`);
* prose paragraphs just before it but outside it (a summary in the page header) lead the text
  (:func:`leads`); an ancestor of the main content never does (it would repeat the article).
"""

from __future__ import annotations

from lxml import etree

from ..text import cjk_count
from .parse import text_of
from .scores import Scores
from .teasers import cut_off
from .weights import PUNCT_WEIGHT

REPLY_LEVELS = 6
LEAD_LEVELS = 4
LEAD_MIN_MARKS = 3
LEAD_MIN_CHARS = 60
REPLY_MIN_MARKS = 2  # prose marks a group of replies must carry
REPLY_MIN_CJK = 8  # replies hold this many Chinese characters outside links on average (index rows: 【作者】…字)


def _up(el: etree._Element, levels: int, scores: Scores) -> etree._Element:
    """The ancestor ``levels`` above ``el``, stopping below the root and below chrome."""
    for _ in range(levels):
        parent = el.getparent()
        if parent is None or parent in scores.chrome:
            break
        el = parent
    return el


def replies_after(main: etree._Element, scores: Scores) -> list[etree._Element]:
    """Repeated prose blocks that follow ``main`` closely (the replies under a question or first post).

    Blocks after ``main`` within ``REPLY_LEVELS`` ancestors, outside chrome and mostly not link
    text, grouped by their tag and class and their parent's (replies nest: a reply to a reply
    sits deeper in the same template); the group with the most prose wins if it repeats and
    carries at least ``REPLY_MIN_MARKS`` marks. Replies are prose: ``REPLY_MIN_CJK`` Chinese
    characters outside links on average, so the rows of a thread index (``标题【作者】08-11 16:58
    138字``) are not.
    """
    top = _up(main, REPLY_LEVELS, scores)
    if top is main:
        return []
    groups: dict[int, list[etree._Element]] = {}
    after = False
    last = None
    for last in main.iter():  # the last element of main's subtree, in document order
        pass
    for el in top.iter():
        if not after:
            after = el is last
            continue
        if el in scores.chrome or el not in scores.block:
            continue
        chars, marks, links = scores.block[el]
        if chars and links < 0.5 * chars and not (marks >= 2 and cut_off(el)):
            groups.setdefault(scores.local[el], []).append(el)

    good = [
        g
        for g in groups.values()
        if len(g) >= 2
        and sum(scores.block[e][1] for e in g) >= REPLY_MIN_MARKS
        and sum(map(_unlinked_cjk, g)) >= REPLY_MIN_CJK * len(g)
    ]
    return max(good, key=lambda g: prose_value(g, scores), default=[])


def _unlinked_cjk(el: etree._Element) -> int:
    """Chinese characters of ``el``'s text outside links: a reply's words, not a title link with its stamps."""
    return cjk_count(text_of(el)) - sum(cjk_count(text_of(a)) for a in el.iter("a"))


def _is_lead(el: etree._Element, scores: Scores) -> bool:
    chars, marks, links = scores.block[el]
    return marks >= LEAD_MIN_MARKS and chars >= LEAD_MIN_CHARS and links < 0.2 * chars and not cut_off(el)


def prose_ancestor(main: etree._Element, scores: Scores) -> etree._Element:
    """``main`` widened to the outermost close ancestor whose own text is a prose paragraph.

    Text written straight into an inline wrapper (``<td><font>导语……<div>正文</div></font>``)
    is the enclosing block's own text: the article's opening, around ``main``. The ancestor must
    score at least as much as ``main`` (what it adds besides its prose is not mostly chrome).
    """
    out = node = main
    for _ in range(LEAD_LEVELS):
        node = node.getparent()
        if node is None or node in scores.chrome or node.tag in ("body", "html"):
            break
        if node in scores.block and _is_lead(node, scores) and scores.score[node] >= scores.score[main]:
            out = node
    return out


def leads(main: etree._Element, scores: Scores) -> list[etree._Element]:
    """Prose paragraphs shortly before ``main`` but outside it (a summary in the page header).

    Blocks within ``LEAD_LEVELS`` ancestors of ``main`` that precede it, outside chrome, with at
    least ``LEAD_MIN_CHARS`` characters and ``LEAD_MIN_MARKS`` prose marks, little link text
    and a proper sentence ending. An ancestor of ``main`` is never a lead, even when text written
    straight into an inline wrapper (``<td><font>…``) makes its own text prose: it would hold the
    whole article again.
    """
    top = _up(main, LEAD_LEVELS, scores)
    above = set(main.iterancestors())  # a lead holding main would render the article twice
    out: list[etree._Element] = []
    for el in top.iter():
        if el is main:
            break
        if el in scores.chrome or el not in scores.block or el in above or any(a in out for a in el.iterancestors()):
            continue
        if _is_lead(el, scores):
            out.append(el)
    return out


def prose_value(blocks: list[etree._Element], scores: Scores) -> float:
    """Unlinked characters plus weighted marks of some blocks' own text."""
    return sum(scores.block[e][0] - scores.block[e][2] + PUNCT_WEIGHT * scores.block[e][1] for e in blocks)
