"""Score every element of a tree: the density pass over the DOM, top-down then bottom-up.

Top-down, each element gets its *template slot* (the path of tags and first class names from the
root) and whether a chrome name covers it; bottom-up, each block its weight
(:mod:`~speechclean.dom.weights`) and each element its score, the sum of the weights in its
subtree, with and without chrome-named subtrees; teasers then count little
(:mod:`~speechclean.dom.teasers`).

>>> from speechclean.dom.parse import parse
>>> root = parse("<body><div><p>今天，我们召开会议。</p><a>首页</a></div></body>")
>>> scores = score_tree(root)
>>> scores.marks[root.find(".//div")], scores.links[root.find(".//div")]
(2, 2)
"""

from __future__ import annotations

import re

from lxml import etree

from .name_rules import NameRules, own_region
from .name_trust import NEVER_CHROME, THREAD_RULES, WEAK_NAME_RULES
from .render import INLINE
from .scores import Scores
from .teasers import TEASER_LEN, cut_off, discount, is_teaser
from .weights import LINK_BESIDE_FACTOR, MEMO_LEN, block_weight, measure_short, measure_text

_DIGITS = re.compile(r"\d+")

_FIRST_CLASS: dict[str, str] = {}


def _first_class(cls: str) -> str:
    """The first name of a class attribute without its digits (``post_12 odd`` → ``post_``), memoised."""
    first = _FIRST_CLASS.get(cls)
    if first is None:
        parts = cls.split()
        first = _DIGITS.sub("", parts[0]) if parts else ""
        if len(_FIRST_CLASS) < 50_000:
            _FIRST_CLASS[cls] = first
    return first


def score_tree(root: etree._Element, rules: NameRules | None = None) -> Scores:
    """Score every element of ``root``: slots and chrome top-down, then weights bottom-up.

    Written for speed (it visits every element twice): each tag and class is read once, text
    statistics are inlined, and a child's aggregate is one lookup that also tells an element from a
    comment (whose tail counts all the same).
    """
    out = Scores()
    elements = list(root.iter(etree.Element))  # elements only: no comments or processing instructions
    tags: list[str] = []
    slot_names: dict[etree._Element, tuple[str, str]] = {}
    slot, local, chrome, named = out.slot, out.local, out.chrome, out.named
    match = rules.match_names if rules is not None else None
    first_class = _FIRST_CLASS
    for el in elements:
        parent = el.getparent()
        tag = el.tag
        tags.append(tag)
        cls = el.get("class")
        if cls:
            first = first_class.get(cls)  # the memo read inline: a call per element costs here
            name = (tag, _first_class(cls) if first is None else first)
        else:
            name = (tag, "")
        slot_names[el] = name
        slot[el] = hash((slot.get(parent, 0), name))
        local[el] = hash((slot_names.get(parent), name))  # the root's parent None is no key: None
        is_named = False
        if match is not None and tag not in NEVER_CHROME:
            ident = el.get("id")
            if (cls is not None or ident is not None) and (rule := match(cls, ident)) and not own_region(el, rule):
                is_named = True
                named.add(el)
                if rule in WEAK_NAME_RULES:
                    out.weak.add(el)
                elif rule in THREAD_RULES:
                    out.thread.add(el)
        if is_named or parent in chrome:
            chrome.add(el)
    inline: dict[etree._Element, tuple[int, float, int, int]] = {}
    cut: list[etree._Element] = []
    agg: dict[etree._Element, tuple[float, float, int, int, int, int]] = {}  # one lookup per child
    agg_get = agg.get
    inline_pop = inline.pop
    short, measure, memo_len = measure_short, measure_text, MEMO_LEN
    inline_tags = INLINE
    own_of, block_of, beside = out.own, out.block, out.beside
    score_of, chars_of, marks_of, links_of = out.score, out.chars, out.marks, out.links
    net_of, net_marks_of = out.net, out.net_marks
    for el, tag in zip(reversed(elements), reversed(tags)):
        text = el.text
        if text and not text.isspace():  # text_stats, inlined
            c, pr, m = short(text) if len(text) <= memo_len else measure(text)
        else:
            c, pr, m = 0, 0.0, 0
        is_a = tag == "a"
        link = c if is_a else 0
        score = net = lscore = lnet = 0.0
        tc, tm, tl = c, m, link
        nm = 0
        for child in el:
            a = agg_get(child)
            if a is not None:  # an element (a comment has no aggregate, only its tail)
                cs, cn, cnm, cc, cm, cl = a
                if cs < 0 and 2 * cl >= cc:  # a link list
                    lscore += cs
                    lnet += cn
                else:
                    score += cs
                    net += cn
                nm += cnm
                tc += cc
                tm += cm
                tl += cl
                if (ins := inline_pop(child, None)) is not None:  # one lookup: an inline child's own text
                    ic, ipr, im, il = ins
                    c, pr, m, link = c + ic, pr + ipr, m + im, link + il
            tail = child.tail
            if tail and not tail.isspace():
                cc, cpr, cm = short(tail) if len(tail) <= memo_len else measure(tail)
                c, pr, m, tc, tm = c + cc, pr + cpr, m + cm, tc + cc, tm + cm
        if is_a:
            link, tl = c, tc
        if tag in inline_tags:
            inline[el] = (c, pr, m, link)
            own_of[el] = 0.0
        else:
            block_of[el] = (c, m, link)
            own = block_weight(c, pr, m, link)
            if m >= 2 and c < TEASER_LEN and cut_off(el):
                cut.append(el)
            own_of[el] = own
            score += own
            net += own
            nm += m
            if own > 0 and m >= 2 and lscore:
                lscore *= LINK_BESIDE_FACTOR
                lnet *= LINK_BESIDE_FACTOR
                beside.add(el)
        score += lscore
        net += lnet
        if el in chrome:
            net, nm = 0.0, 0
        agg[el] = (score, net, nm, tc, tm, tl)
        score_of[el] = score
        chars_of[el] = tc
        marks_of[el] = tm
        links_of[el] = tl
        net_of[el] = net
        net_marks_of[el] = nm
    cut_set = set(cut)
    for el in [el for el in cut if is_teaser(el, cut_set)]:
        discount(el, out)
    return out
