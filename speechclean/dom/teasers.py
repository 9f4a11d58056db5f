"""Teasers: short blocks cut off mid-sentence or on an ellipsis, announcing another page.

A block of prose under ``TEASER_LEN`` characters that stops on an ellipsis or mid-sentence is a
teaser for another page and counts ``TEASER_FACTOR``, unless it stands beside a cut-off block of
its own tag (an article whose paragraphs lack full stops) or holds several ``<br>`` lines.

>>> from speechclean.dom.parse import parse
>>> root = parse("<body><p>今天，我们召开会议，研究部署</p><p>会议强调，要落实责任。</p></body>")
>>> [cut_off(p) for p in root.iter("p")]
[True, False]
"""

from __future__ import annotations

import re

from lxml import etree

from ..text import ends_sentence
from .parse import text_of
from .scores import Scores

TEASER_LEN = 400
TEASER_FACTOR = 0.2
# Linear: a match starts only where a whitespace run starts, and no quantifier gives back (possessive).
_MORE = re.compile(
    r"(?<!\s)\s*+[\[【(（<]?+\s*+(?:阅读全文|查看全文|阅读更多|详细|详情|全文|更多|read more|more)\s*+[\]】)）>»]*+\s*+$",
    re.IGNORECASE,
)

# Citation marks closing a paragraph (``…为准）。 [1] [5]``, ``[3-4]``). Linear: a match starts only
# where a whitespace run or a run of marks starts (not after whitespace or a ``]``), and no
# quantifier gives back; only tried on text that ends with ``]``.
_CITATIONS = re.compile(r"(?<![\s\]])(?:\s*+\[\d{1,3}+(?:[-–,，]\d{1,3}+)*+\])++\s*+$")


def cut_off(el: etree._Element) -> bool:
    """True when the block's text stops mid-sentence or on an ellipsis: a teaser, not a paragraph.

    A trailing "more" link (【详细】, [阅读全文], 更多>>) and trailing citation marks (``。 [1] [5]``,
    ``[3-4]``: an encyclopedia's references) are looked through.
    """
    text = _MORE.sub("", text_of(el).rstrip())
    if text.endswith("]"):
        text = _CITATIONS.sub("", text)
    return bool(text) and (not ends_sentence(text) or text.endswith(("...", "…")) and not text.endswith("……"))


def is_teaser(el: etree._Element, cut: set[etree._Element]) -> bool:
    """A cut-off block is a teaser unless it stands in a run of such paragraphs.

    Teasers for other pages each sit in their own unit (a list item with its headline); an article
    whose paragraphs merely lack their full stops (some self-media sites) has them side by side:
    a cut-off block with a sibling of its own tag right before or after it that is cut off too is a
    paragraph of that article. A block of several lines (``<br>``) is not one teaser either.
    """
    if el.find("br") is not None:
        return False
    for sibling in (el.getprevious(), el.getnext()):
        if sibling is not None and sibling.tag == el.tag and sibling in cut:
            return False
    return True


def discount(el: etree._Element, scores: Scores) -> None:
    """Count a teaser's own weight at ``TEASER_FACTOR``, in it and every ancestor's score."""
    own = scores.own[el]
    delta = own * TEASER_FACTOR - own
    scores.own[el] = own + delta
    in_chrome = el in scores.chrome  # a chrome subtree adds nothing to the net scores above it
    node: etree._Element | None = el
    while node is not None:
        scores.score[node] += delta
        if not in_chrome:
            scores.net[node] += delta
        node = node.getparent()
