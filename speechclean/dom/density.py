"""Choose the main content by Chinese-aware density over the DOM.

Every *block* (an element that is not inline) gets a weight from the text it holds directly or
through inline children:

    weight = prose + PUNCT_WEIGHT × marks − LINK_WEIGHT × link characters − BLOCK_COST

where *prose* counts visible characters outside links (characters, not whitespace-separated
words), scaled down by ``SHORT_FACTOR`` for short lines without any prose punctuation (menus,
labels, dates), and *marks* counts Chinese prose punctuation (，。、；：？！). An element's
score is the sum of the weights in its subtree. The main content is the element with the
highest score: it gathers every prose block (article paragraphs, forum posts) while each
menu, link list or label around them costs it. Inside the chosen element, subtrees with a
negative score made mostly of link text are dropped (``density.links``).

>>> from speechclean.dom.parse import parse
>>> root = parse('''<body><ul><li><a>首页</a></li><li><a>新闻</a></li></ul>
... <div id="main"><p>今天，我们召开会议，研究部署工作。</p><p>会议强调，要落实责任。</p></div>
... <div><a>上一篇：某某</a><a>下一篇：某某</a></div></body>''')
>>> main_content(root).get("id")
'main'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..text import PROSE_PUNCT
from .render import INLINE

PUNCT_WEIGHT = 4.0
LINK_WEIGHT = 1.5
BLOCK_COST = 3.0
SHORT_FACTOR = 0.3
SHORT_LEN = 30
TRIM_LINK_SHARE = 0.5
_WS = str.maketrans("", "", " \t\r\n\f\v\u00a0\u3000")
_PUNCT = tuple(PROSE_PUNCT)


def _stats(text: str | None) -> tuple[int, int]:
    if not text:
        return 0, 0
    return len(text.translate(_WS)), sum(map(text.count, _PUNCT))


def block_weight(chars: int, marks: int, links: int) -> float:
    """The weight of one block's own text (see the module docstring)."""
    if chars == 0:
        return 0.0
    prose = chars - links
    if marks == 0 and prose < SHORT_LEN:
        prose *= SHORT_FACTOR
    return prose + PUNCT_WEIGHT * marks - LINK_WEIGHT * links - BLOCK_COST


@dataclass(slots=True)
class Scores:
    """Per-element subtree totals: score, visible characters, link characters, marks."""

    score: dict[etree._Element, float] = field(default_factory=dict)
    chars: dict[etree._Element, int] = field(default_factory=dict)
    links: dict[etree._Element, int] = field(default_factory=dict)
    marks: dict[etree._Element, int] = field(default_factory=dict)


def score_tree(root: etree._Element) -> Scores:
    """Score every element of ``root`` bottom-up (one pass, reversed document order)."""
    out = Scores()
    inline: dict[etree._Element, tuple[int, int, int]] = {}
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    for el in reversed(elements):
        c, m = _stats(el.text)
        link = c if el.tag == "a" else 0
        score = 0.0
        tc, tm, tl = c, m, link
        for child in el:
            if not isinstance(child.tag, str):
                cc, cm = _stats(child.tail)
                c, m, tc, tm = c + cc, m + cm, tc + cc, tm + cm
                continue
            score += out.score[child]
            tc += out.chars[child]
            tm += out.marks[child]
            tl += out.links[child]
            if child in inline:
                ic, im, il = inline.pop(child)
                c, m, link = c + ic, m + im, link + il
            cc, cm = _stats(child.tail)
            c, m, tc, tm = c + cc, m + cm, tc + cc, tm + cm
        if el.tag == "a":
            link = c
            tl = tc
        if el.tag in INLINE:
            inline[el] = (c, m, link)
        else:
            score += block_weight(c, m, link)
        out.score[el], out.chars[el], out.marks[el], out.links[el] = score, tc, tm, tl
    return out


def main_content(root: etree._Element, scores: Scores | None = None) -> etree._Element:
    """The element with the highest subtree score (``root`` when nothing scores above zero)."""
    scores = scores or score_tree(root)
    best, best_score = root, 0.0
    for el, score in scores.score.items():
        if score > best_score:
            best, best_score = el, score
    return best


def link_lists(main: etree._Element, scores: Scores) -> list[etree._Element]:
    """Subtrees inside ``main`` with a negative score made mostly of link text (outermost only)."""
    out: list[etree._Element] = []
    skip: set[etree._Element] = set()
    for el in main.iterdescendants():
        if not isinstance(el.tag, str):
            continue
        parent = el.getparent()
        if parent in skip:
            skip.add(el)
            continue
        chars = scores.chars.get(el, 0)
        if scores.score.get(el, 0.0) < 0 and chars and scores.links[el] >= TRIM_LINK_SHARE * chars:
            out.append(el)
            skip.add(el)
    return out
