"""What goes from inside the main content: per-post chrome, link lists and stamp lines.

1. Within the units holding the content slots (posts, replies), the parts that hold no slot block
   and no prose and are short (user cards, 楼主/回复 bars, dates) are chrome
   (``density.post-chrome``).
2. Subtrees with a negative score made mostly of link text are dropped (``density.links``; not
   reference lists), and short date/time stamp lines (``density.stamp``).

>>> from speechclean.dom.parse import parse
>>> from speechclean.dom.scoring import score_tree
>>> root = parse("<body><div><p>今天，我们召开会议，研究部署工作。</p><p>2020.06.09 09:42 发布</p></div></body>")
>>> main = root.find(".//div")
>>> [el.text for el in stamp_lines(main, score_tree(root))]
['2020.06.09 09:42 发布']
"""

from __future__ import annotations

import re

from lxml import etree

from .density import Choice
from .parse import names, text_of
from .render import INLINE
from .scores import Scores
from .weights import TRIM_LINK_SHARE, WHITESPACE

LIST_MIN_LINKS = 3  # inside the article's own subtree, a link list has at least this many links
TRIM_KEEP_MARKS = 0.3  # a link-heavy subtree holding this share of the prose marks is content
POST_CHROME_MAX = 200  # post chrome is short
# Parts of an article, never a post's user card or bar: subheads, infobox and data tables, captions.
_NEVER_POST_CHROME = frozenset(["h1", "h2", "h3", "h4", "h5", "h6", "table", "figure", "figcaption", "caption"])
# Nor code or a quote, nor a part holding one: a tutorial's examples have no Chinese punctuation and are short.
_CODE_TAGS = ("pre", "code", "blockquote")


def post_chrome(choice: Choice, scores: Scores) -> list[etree._Element]:
    """In a main content of repeated units (posts, replies), the parts of each unit with no slot block and no prose.

    A part holding code or a quote (``<pre>``, ``<code>``, ``<blockquote>``) is content, however short.
    """
    main = choice.main
    members = [el for el in main.iterdescendants() if scores.slot.get(el) in choice.slots and el in scores.block]
    holders: set[etree._Element] = set()
    units: set[etree._Element] = set()
    for el in members:
        node = el
        while node is not None and node is not main:
            holders.add(node)
            if node.getparent() is main:
                units.add(node)
            node = node.getparent()
    if len(units) < 2:
        return []
    member_set = set(members)
    out: list[etree._Element] = []
    stack = [u for u in units if u not in member_set]
    while stack:
        node = stack.pop()
        for child in node:
            if not isinstance(child.tag, str) or child in member_set:
                continue
            if child in holders:
                stack.append(child)
            elif (
                child.tag not in _NEVER_POST_CHROME
                and scores.marks.get(child, 0) == 0
                and 0 < scores.chars.get(child, 0) <= POST_CHROME_MAX
                and next(child.iter(*_CODE_TAGS), None) is None
            ):
                out.append(child)
    return out


_REFERENCES = re.compile(
    r"(?:^|[\s_-])(?:references?|reflist|refs|citations?|cite|footnotes?|cankao|wenxian)(?:$|[\s_\d-])"
)


def link_lists(main: etree._Element, scores: Scores) -> list[etree._Element]:
    """Subtrees inside ``main`` with a negative score made mostly of link text (outermost only).

    Inside a subtree holding ``TRIM_KEEP_MARKS`` of the prose (the article's own cell), only
    lists of links go (``LIST_MIN_LINKS`` links or more): a paragraph that is one URL stays.
    Reference lists (``ol.references``, ``reflist``) are citations, not link lists. The share of
    link text is checked again on what stays: a short reply whose author name and 回复 bar were the
    links is left a sentence once post chrome took them out.
    """
    out: list[etree._Element] = []
    skip: set[etree._Element] = set()
    content: set[etree._Element] = set()
    keep = max(5, TRIM_KEEP_MARKS * scores.marks.get(main, 0))
    for el in main.iterdescendants():
        if not isinstance(el.tag, str):
            continue
        parent = el.getparent()
        if parent in skip:
            skip.add(el)
            continue
        inside = parent in content
        if inside or scores.marks.get(el, 0) >= keep:
            content.add(el)
        if (label := names(el)) and _REFERENCES.search(label):
            skip.add(el)  # citations are links by nature, and part of the text
            continue
        chars = scores.chars.get(el, 0)
        if scores.score.get(el, 0.0) < 0 and chars and scores.links[el] >= TRIM_LINK_SHARE * chars:
            if inside and sum(1 for _ in el.iter("a")) < LIST_MIN_LINKS:
                continue
            if _linked_share(el) < TRIM_LINK_SHARE:
                continue  # mostly links only through the author card and bar that post chrome took out
            out.append(el)
            skip.add(el)
    return out


def _linked_share(el: etree._Element) -> float:
    """The share of link text in what stays of ``el`` (its scores were counted before post chrome went)."""
    chars = len(text_of(el).translate(WHITESPACE))
    if not chars:
        return 1.0
    linked = sum(len(text_of(a).translate(WHITESPACE)) for a in el.iter("a") if not any(p.tag == "a" for p in a.iterancestors()))
    return linked / chars


# A stamp line: a short block that is only a date or time with a name or a verb beside it
# (``2020.06.09 09:42 发布``, ``客栈小K | 扫地 | 6天前``, ``2023年12月7日``): post metadata, not prose.
# Linear: numbers are matched only from the start of a digit run, possessively.
_STAMP = re.compile(
    r"(?<!\d)(?:\d{4}\s*+[-./年]\s*+\d{1,2}\s*+[-./月]\s*+\d{1,2}|\d{1,2}:\d{2}|\d++\s*+(?:秒|分钟|小时|天|周|个?月|年)前)"
    r"|刚刚|昨天|前天"
)
_SENTENCE_MARKS = frozenset("，。；！？")
STAMP_MAX = 40


def stamp_lines(main: etree._Element, scores: Scores) -> list[etree._Element]:
    """Blocks inside ``main`` (of inline content only, not table cells) whose text is a short stamp line."""
    out: list[etree._Element] = []
    for el in main.iterdescendants():
        if el not in scores.block or el.tag in ("td", "th"):
            continue
        chars = scores.chars.get(el, 0)
        if not chars or chars > STAMP_MAX or any(d.tag not in INLINE for d in el.iterdescendants()):
            continue
        text = text_of(el)
        if _STAMP.search(text) and not _SENTENCE_MARKS.intersection(text):
            out.append(el)
    return out
