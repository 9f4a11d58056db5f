"""Choose the main content by Chinese-aware density over the DOM.

Every *block* (an element that is not inline) gets a weight from the text it holds directly or
through inline children:

    weight = prose + PUNCT_WEIGHT × marks − LINK_WEIGHT × link characters − BLOCK_COST

*prose* counts Chinese characters fully and other visible characters at ``LATIN_WEIGHT``
(characters, not whitespace-separated words), outside links, scaled down by ``SHORT_FACTOR``
for short lines without prose punctuation (menus, labels, dates); *marks* counts Chinese prose
punctuation (，。、；：？！). A block of prose under ``TEASER_LEN`` characters that stops
on an ellipsis or mid-sentence is a teaser for another page and counts ``TEASER_FACTOR``, unless
it stands beside a cut-off block of its own tag (an article whose paragraphs lack full stops) or
holds several ``<br>`` lines. A block's link-list children cost ``LINK_BESIDE_FACTOR`` of their
weight when the block holds prose of its own (a table cell of article text and link tables).
An element's score is the sum of the weights in its subtree.

1. The best element is the one with the highest score that no element rule names as chrome
   (``footer``, ``comment``, ``more-stories``…), counting without the chrome-named subtrees inside
   it: it gathers prose blocks while each menu or link list around them costs it. When no prose
   stands outside chrome-named elements, the names label the content (a page of comments) and
   the full scores decide. Names are weighed against prose: comment threads
   (``extract.comments``) are the content when no post of ``NET_MIN_MARKS`` stands outside them or
   the post is named as a forum topic or question; a widget name (share, pop-up layer, font-size
   tools, ad, login, breadcrumb) on an element holding ``NAME_OVERRULE`` times the prose of the
   best other element is ignored (the article's wrapper, not a widget). The best element then
   tightens to a child holding ``TIGHT_SHARE`` of its net score.
2. Its strongest block fixes a *template slot*: the path of tags and class names from the root.
   The main content is the common ancestor of the blocks in that slot: it widens over the other
   posts of a forum thread or the other comments of a review page, and narrows to the article
   when the best element also holds a stream of teasers for other articles (whose truncated
   paragraphs are never the page's strongest block), but never drops the prose right beside the
   narrower element (an article's opening, a paper's abstract and references).
3. Repeated prose blocks right after it (the replies under a question) widen it again, when
   they weigh at least ``REPLY_MIN_SHARE`` of it and are prose (``REPLY_MIN_CJK`` Chinese
   characters outside links on average: not the rows of a thread index). A close ancestor whose
   own text is a prose paragraph (text written into an inline wrapper) widens it too.
4. Within the units holding those slots (posts, replies), the parts that hold no slot block and
   no prose and are short (user cards, 楼主/回复 bars, dates) are chrome (``density.post-chrome``).
5. Inside the main content, subtrees with a negative score made mostly of link text are dropped
   (``density.links``; not reference lists), and short date/time stamp lines (``density.stamp``).
6. Prose paragraphs just before it but outside it (a summary in the page header) lead the text;
   an ancestor of the main content never does (it would repeat the article).

>>> from speechclean.dom.parse import parse
>>> root = parse('''<body><ul><li><a>首页</a></li><li><a>新闻</a></li></ul>
... <div id="main"><p>今天，我们召开会议，研究部署工作。</p><p>会议强调，要落实责任。</p></div>
... <div><a>上一篇：某某</a><a>下一篇：某某</a></div></body>''')
>>> main_content(root, score_tree(root)).main.get("id")
'main'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from ..text import PROSE_PUNCT, cjk_count, ends_sentence
from .parse import names, text_of
from .prune import NameRules, own_region
from .render import INLINE

PUNCT_WEIGHT = 4.0
LINK_WEIGHT = 1.5
LATIN_WEIGHT = 0.35
BLOCK_COST = 3.0
SHORT_FACTOR = 0.3
SHORT_LEN = 30
LINK_BESIDE_FACTOR = 0.2  # link lists beside a block's own prose (a cell of text and link tables) cost this share
TEASER_LEN = 400
TEASER_FACTOR = 0.2
TRIM_LINK_SHARE = 0.5
LIST_MIN_LINKS = 3  # inside the article's own subtree, a link list has at least this many links
TRIM_KEEP_MARKS = 0.3  # a link-heavy subtree holding this share of the prose marks is content
NET_MIN_MARKS = 5  # prose marks outside chrome-named elements needed to trust the names
TIGHT_SHARE = 0.9  # a child holding this share of the best element's net score is tighter
NAME_OVERRULE = 10  # a widget-named element with this many times the prose marks of the best other one is content
# Families naming small widgets (a share bar, a pop-up layer, font-size tools, an ad slot): their words
# also turn up in the names of article wrappers (js_img_share_area, layer-content), so a widget name
# on an element holding far more prose than anything else is overruled. Region families (related
# lists, comments, footers, navigation) can legitimately hold much text and are never overruled.
# Comment threads under a post are chrome when the post outside them holds NET_MIN_MARKS prose marks
# and is not named as a forum topic or question; otherwise the page is the thread (a forum topic, a
# page of reviews) and they are its content.
THREAD_RULES = frozenset(("extract.comments",))
# Names that make a post the opening of a discussion (a forum topic, a question), whose replies are content.
_THREAD_NAMES = re.compile(
    r"(?:^|[\s_-])(?:topic|thread|forum|bbs|tiezi|question|questions|answers?|discussion|louzhu|postlist|plhin|t_f)(?:$|[\s_\d-])"
)
WEAK_NAME_RULES = frozenset(
    ("extract.share", "extract.popup", "extract.page-tools", "extract.ad", "extract.login", "extract.breadcrumb")
)
WRAPPER_SHARE = 0.5  # a chrome-named element holding this share of the page's text and marks is a wrapper
FEW_MARKS, FEW_CHARS = 3, 100  # below both, a page has no prose to score: fall back to text mass
MASS_SHARE = 0.9
NARROW_MIN_SHARE = 0.6  # a narrower one must hold this share of it
NARROW_MAX_LEFT = 0.2  # ...and leave out prose blocks weighing less than this share of it (teasers count little)
REPLY_LEVELS = 6
REPLY_MIN_SHARE = 0.5  # replies must weigh this share of what they are replies to
POST_CHROME_MAX = 200  # post chrome is short
LEAD_LEVELS = 4
LEAD_MIN_MARKS = 3
LEAD_MIN_CHARS = 60
REPLY_MIN_MARKS = 2  # prose marks a group of replies must carry
REPLY_MIN_CJK = 8  # replies hold this many Chinese characters outside links on average (index rows: 【作者】…字)
_NEVER_CHROME = frozenset(("html", "body", "main", "article"))
_WS = str.maketrans("", "", " \t\r\n\f\v\u00a0\u3000")
_PUNCT = tuple(PROSE_PUNCT)
_DIGITS = re.compile(r"\d+")
# Linear: a match starts only where a whitespace run starts, and no quantifier gives back (possessive).
_MORE = re.compile(
    r"(?<!\s)\s*+[\[【(（<]?+\s*+(?:阅读全文|查看全文|阅读更多|详细|详情|全文|更多|read more|more)\s*+[\]】)）>»]*+\s*+$",
    re.IGNORECASE,
)

# Citation marks closing a paragraph (``…为准）。 [1] [5]``, ``[3-4]``). Linear: a match starts only
# where a whitespace run or a run of marks starts (not after whitespace or a ``]``), and no
# quantifier gives back; only tried on text that ends with ``]``.
_CITATIONS = re.compile(r"(?<![\s\]])(?:\s*+\[\d{1,3}+(?:[-–,，]\d{1,3}+)*+\])++\s*+$")


def _stats(text: str | None) -> tuple[int, float, int]:
    """(visible characters, prose weight, marks) of a text node."""
    if not text or text.isspace():  # most tails are the source's indentation
        return 0, 0.0, 0
    if len(text) <= _MEMO_LEN:  # short texts repeat (menus, labels, cells): measured once
        return _short_stats(text)
    return _measure(text)


def _measure(text: str) -> tuple[int, float, int]:
    n = len(text.translate(_WS))
    if not n:
        return 0, 0.0, 0
    cjk = cjk_count(text)
    return n, cjk + LATIN_WEIGHT * (n - cjk), sum(map(text.count, _PUNCT))


_MEMO_LEN = 64
_short_stats = lru_cache(maxsize=1 << 14)(_measure)


def _cut_off(el: etree._Element) -> bool:
    """True when the block's text stops mid-sentence or on an ellipsis: a teaser, not a paragraph.

    A trailing "more" link (【详细】, [阅读全文], 更多>>) and trailing citation marks (``。 [1] [5]``,
    ``[3-4]``: an encyclopedia's references) are looked through.
    """
    text = _MORE.sub("", text_of(el).rstrip())
    if text.endswith("]"):
        text = _CITATIONS.sub("", text)
    return bool(text) and (not ends_sentence(text) or text.endswith(("...", "…")) and not text.endswith("……"))


def block_weight(chars: int, prose: float, marks: int, links: int) -> float:
    """The weight of one block's own text (see the module docstring)."""
    if chars == 0:
        return 0.0
    if links:
        prose = max(0.0, prose * (1 - links / chars))
    if marks == 0 and chars - links < SHORT_LEN:
        prose *= SHORT_FACTOR
    return prose + PUNCT_WEIGHT * marks - LINK_WEIGHT * links - BLOCK_COST


@dataclass(slots=True)
class Scores:
    """Per element: subtree score, own block weight, characters, link characters, marks, slot, chrome name."""

    score: dict[etree._Element, float] = field(default_factory=dict)
    own: dict[etree._Element, float] = field(default_factory=dict)
    chars: dict[etree._Element, int] = field(default_factory=dict)
    links: dict[etree._Element, int] = field(default_factory=dict)
    marks: dict[etree._Element, int] = field(default_factory=dict)
    slot: dict[etree._Element, int] = field(default_factory=dict)
    local: dict[etree._Element, int] = field(default_factory=dict)
    chrome: set[etree._Element] = field(default_factory=set)
    named: set[etree._Element] = field(default_factory=set)
    weak: set[etree._Element] = field(default_factory=set)  # named by a widget family (WEAK_NAME_RULES)
    thread: set[etree._Element] = field(default_factory=set)  # named as a comment thread (THREAD_RULES)
    beside: set[etree._Element] = field(default_factory=set)  # prose blocks whose link lists count LINK_BESIDE_FACTOR
    net: dict[etree._Element, float] = field(default_factory=dict)
    net_marks: dict[etree._Element, int] = field(default_factory=dict)
    block: dict[etree._Element, tuple[int, int, int]] = field(default_factory=dict)  # own chars, marks, links


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
        if match is not None and tag not in _NEVER_CHROME:
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
    short, measure, memo_len = _short_stats, _measure, _MEMO_LEN
    inline_tags = INLINE
    own_of, block_of, beside = out.own, out.block, out.beside
    score_of, chars_of, marks_of, links_of = out.score, out.chars, out.marks, out.links
    net_of, net_marks_of = out.net, out.net_marks
    for el, tag in zip(reversed(elements), reversed(tags)):
        text = el.text
        if text and not text.isspace():  # _stats, inlined
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
            if m >= 2 and c < TEASER_LEN and _cut_off(el):
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
    for el in [el for el in cut if _teaser(el, cut_set)]:
        _discount(el, out)
    return out


def _teaser(el: etree._Element, cut: set[etree._Element]) -> bool:
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


def _discount(el: etree._Element, scores: Scores) -> None:
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


@dataclass(slots=True)
class Choice:
    """The main content element, whether chrome names are trusted inside it, and its content slots."""

    main: etree._Element
    trusted: bool
    slots: frozenset[int] = frozenset()
    content_rules: frozenset[str] = frozenset()  # rules whose names label the content here (a thread)
    link_list: bool = False  # the main content is a list of links (dom.link_page): its links stay


def main_content(root: etree._Element, scores: Scores) -> Choice:
    """Choose the main content (see the module docstring).

    Scores count without chrome-named subtrees first; when nothing outside chrome holds
    ``NET_MIN_MARKS`` prose marks, the names label the content itself (a page of comments) or a
    wrapper around the whole page (``blq-int-nav``): the full scores decide, ignoring the names of
    elements that hold ``WRAPPER_SHARE`` of the page's text and prose marks.
    """
    best = max((el for el in scores.net if el not in scores.chrome), key=scores.net.__getitem__, default=root)
    content_rules: frozenset[str] = frozenset()
    if scores.thread and (scores.net_marks.get(best, 0) < NET_MIN_MARKS or _in_thread(best)):
        # No post of its own stands outside the comment threads, or the post is a forum topic: the
        # page is the thread (a forum topic, a page of reviews), and its comments are the content.
        _unname(root, scores, set(scores.thread))
        content_rules = THREAD_RULES
        best = max((el for el in scores.net if el not in scores.chrome), key=scores.net.__getitem__, default=root)
    if _overrule_names(root, scores, best):
        best = max((el for el in scores.net if el not in scores.chrome), key=scores.net.__getitem__, default=root)
    trusted = scores.net_marks.get(best, 0) >= NET_MIN_MARKS and scores.net[best] > 0
    if trusted:
        best = _tighten(best, scores)
    table = scores.net if trusted else scores.score
    if not trusted:  # the names label the content itself, or a wrapper around all of it: ignore those names
        _unwrap(root, scores)
        best = max((el for el in scores.score if el not in scores.chrome), key=scores.score.__getitem__, default=root)
    best_score = table.get(best, 0.0)
    if scores.marks.get(best, 0) < FEW_MARKS and scores.chars.get(best, 0) < FEW_CHARS:
        # Too little prose anywhere (code tutorials, lists, poems): the most unlinked text wins.
        # Of the elements holding nearly all of it, the tightest.
        mass = {el: scores.chars[el] - 2 * scores.links[el] for el in scores.chars if el not in scores.chrome}
        top = max(mass.values(), default=0)
        if top <= 0:
            return Choice(root, trusted, content_rules=content_rules)
        best = min((el for el, m in mass.items() if m >= MASS_SHARE * top), key=scores.chars.__getitem__)
        return Choice(best, trusted, content_rules=content_rules)
    if best_score <= 0:
        return Choice(root, trusted, content_rules=content_rules)
    anchor = _anchor(best, scores)
    if anchor is None or scores.own[anchor] <= 0:
        return Choice(best, trusted, content_rules=content_rules)
    slots = {scores.slot[anchor]}
    main = best
    members = slot_members(root, scores, anchor)
    common = _common_ancestor(members) if len(members) >= 2 else None
    # Widening over the same template slot is safe: identical positions in a repeated template
    # are posts of one thread; their cards and bars are trimmed below. Narrowing must keep most of
    # the score and leave out no prose right beside the narrower element.
    if (
        common is not None
        and common not in scores.chrome
        and common is not best
        and (
            best in common.iterdescendants()
            or table.get(common, 0.0) >= NARROW_MIN_SHARE * best_score
            and _left_out(best, common, scores) < NARROW_MAX_LEFT * table[common]
        )
    ):
        main = common
    replies = _replies(main, scores)
    if replies and _value(replies, scores) >= REPLY_MIN_SHARE * table.get(main, 0.0):
        slots.update(scores.slot[r] for r in replies)
        common = _common_ancestor([main, *replies])
        main = main if common is None else common
    main = _prose_ancestor(main, scores)
    return Choice(main, trusted, frozenset(slots), content_rules)


def _up(el: etree._Element, levels: int, scores: Scores) -> etree._Element:
    """The ancestor ``levels`` above ``el``, stopping below the root and below chrome."""
    for _ in range(levels):
        parent = el.getparent()
        if parent is None or parent in scores.chrome:
            break
        el = parent
    return el


def _replies(main: etree._Element, scores: Scores) -> list[etree._Element]:
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
        if chars and links < 0.5 * chars and not (marks >= 2 and _cut_off(el)):
            groups.setdefault(scores.local[el], []).append(el)

    good = [
        g
        for g in groups.values()
        if len(g) >= 2
        and sum(scores.block[e][1] for e in g) >= REPLY_MIN_MARKS
        and sum(map(_unlinked_cjk, g)) >= REPLY_MIN_CJK * len(g)
    ]
    return max(good, key=lambda g: _value(g, scores), default=[])


def _unlinked_cjk(el: etree._Element) -> int:
    """Chinese characters of ``el``'s text outside links: a reply's words, not a title link with its stamps."""
    return cjk_count(text_of(el)) - sum(cjk_count(text_of(a)) for a in el.iter("a"))


def _is_lead(el: etree._Element, scores: Scores) -> bool:
    chars, marks, links = scores.block[el]
    return marks >= LEAD_MIN_MARKS and chars >= LEAD_MIN_CHARS and links < 0.2 * chars and not _cut_off(el)


def _prose_ancestor(main: etree._Element, scores: Scores) -> etree._Element:
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


def _value(blocks: list[etree._Element], scores: Scores) -> float:
    """Unlinked characters plus weighted marks of some blocks' own text."""
    return sum(scores.block[e][0] - scores.block[e][2] + PUNCT_WEIGHT * scores.block[e][1] for e in blocks)


def _unwrap(root: etree._Element, scores: Scores) -> None:
    """Recompute ``scores.chrome`` ignoring names on elements that hold ``WRAPPER_SHARE`` of the page's text and marks."""
    marks, chars = WRAPPER_SHARE * scores.marks.get(root, 0), WRAPPER_SHARE * scores.chars.get(root, 0)
    scores.chrome.clear()
    for el in root.iter():
        if (
            el.getparent() in scores.chrome
            or el in scores.named
            and (scores.marks.get(el, 0) < marks or scores.chars.get(el, 0) < chars)
        ):
            scores.chrome.add(el)


def _left_out(best: etree._Element, common: etree._Element, scores: Scores) -> float:
    """The score of the prose right beside ``common`` under ``best``, which narrowing would drop.

    From ``common`` up to ``best``, the siblings just before and after each level count while they
    are prose (a positive score, mostly unlinked text): an article's opening paragraphs before a
    nested body, a paper's abstract and references. Teasers count at ``TEASER_FACTOR`` already,
    and a stream of other stories further away is not beside it.
    """
    total = 0.0
    node = common
    while node is not best and (parent := node.getparent()) is not None:
        for step in (etree._Element.itersiblings, lambda n: n.itersiblings(preceding=True)):
            for sibling in step(node):
                if sibling in scores.chrome or sibling not in scores.score:
                    continue
                chars = scores.chars[sibling]
                if scores.score[sibling] <= 0 or chars and scores.links[sibling] >= TRIM_LINK_SHARE * chars:
                    break
                total += scores.score[sibling]
        node = parent
    return total


def _in_thread(el: etree._Element) -> bool:
    """True when ``el`` or an ancestor is named as a forum topic or question (``topic-content``, ``thread``)."""
    for node in (el, *el.iterancestors()):
        if (label := names(node)) and _THREAD_NAMES.search(label):
            return True
    return False


def _tighten(best: etree._Element, scores: Scores) -> etree._Element:
    """The deepest element under ``best`` that holds ``TIGHT_SHARE`` of its net score.

    Net scores leave chrome-named subtrees out, so a container that holds the article beside a
    large named block (a comment thread, a related list) scores as much as the article itself.
    """
    while True:
        total = scores.net[best]
        child = next((c for c in best if c in scores.net and scores.net[c] >= TIGHT_SHARE * total), None)
        if child is None or child in scores.chrome:
            return best
        best = child


def _overrule_names(root: etree._Element, scores: Scores, best: etree._Element) -> bool:
    """Ignore widget names on elements holding ``NAME_OVERRULE`` times the prose marks of ``best``.

    A class or id name is a weak cue: the article's wrapper may carry a chrome word
    (``js_img_share_area``, ``layer``, ``fontsize``) while the best unnamed element is a footer
    with a few 举报电话 lines. A named element with ten times the prose is content. Returns True
    when some name was overruled (``scores.chrome`` and the net scores are then recomputed).
    """
    floor = NAME_OVERRULE * max(NET_MIN_MARKS, scores.net_marks.get(best, 0))
    overruled = {el for el in scores.weak if scores.marks.get(el, 0) >= floor and scores.score.get(el, 0.0) > 0}
    if not overruled:
        return False
    _unname(root, scores, overruled)
    return True


def _unname(root: etree._Element, scores: Scores, elements: set[etree._Element]) -> None:
    """Treat ``elements`` as unnamed: recompute ``scores.chrome`` and the net scores."""
    scores.named -= elements
    scores.chrome.clear()
    for el in root.iter():
        if el.getparent() in scores.chrome or el in scores.named:
            scores.chrome.add(el)
    _renet(root, scores)


def _renet(root: etree._Element, scores: Scores) -> None:
    """Recompute the scores without chrome-named subtrees after ``scores.chrome`` changed."""
    for el in reversed([el for el in root.iter() if el in scores.score]):
        net, nm = (
            scores.own.get(el, 0.0) if el in scores.block else 0.0,
            scores.block[el][1] if el in scores.block else 0,
        )
        factor = LINK_BESIDE_FACTOR if el in scores.beside else 1.0
        for child in el:
            if child in scores.net:
                linked = scores.score[child] < 0 and 2 * scores.links[child] >= scores.chars[child]
                net += scores.net[child] * (factor if linked else 1.0)
                nm += scores.net_marks[child]
        if el in scores.chrome:
            net, nm = 0.0, 0
        scores.net[el], scores.net_marks[el] = net, nm


def _anchor(top: etree._Element, scores: Scores) -> etree._Element | None:
    """The strongest block under ``top`` that is not inside chrome."""
    blocks = (el for el in top.iter() if el in scores.own and el not in scores.chrome)
    return max(blocks, key=scores.own.__getitem__, default=None)


def slot_members(root: etree._Element, scores: Scores, anchor: etree._Element) -> list[etree._Element]:
    """Blocks in ``anchor``'s template slot that carry positive weight and are not chrome."""
    slot = scores.slot[anchor]
    return [
        el for el, s in scores.slot.items() if s == slot and scores.own.get(el, 0.0) > 0 and el not in scores.chrome
    ]


def _common_ancestor(elements: list[etree._Element]) -> etree._Element | None:
    if not elements:
        return None
    path = [elements[0], *elements[0].iterancestors()]
    depth = {el: i for i, el in enumerate(path)}
    lowest = 0
    for el in elements[1:]:
        node = el
        while node is not None and node not in depth:
            node = node.getparent()
        if node is None:
            return None
        lowest = max(lowest, depth[node])
    return path[lowest]


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
    chars = len(text_of(el).translate(_WS))
    if not chars:
        return 1.0
    linked = sum(len(text_of(a).translate(_WS)) for a in el.iter("a") if not any(p.tag == "a" for p in a.iterancestors()))
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
