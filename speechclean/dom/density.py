"""Choose the main content by Chinese-aware density over the DOM.

The density pass and its parts, one module each:

* :mod:`.weights` — every *block* (an element that is not inline) weighs the text it holds directly
  or through inline children: Chinese prose and its punctuation count, link text and short lines
  without punctuation cost;
* :mod:`.scoring` — :func:`~speechclean.dom.scoring.score_tree`: an element's score is the sum of
  the weights in its subtree, with and without chrome-named subtrees, and each element's template
  slot (the path of tags and class names from the root), in :class:`~speechclean.dom.scores.Scores`;
* :mod:`.teasers` — short blocks cut off mid-sentence or on an ellipsis count little;
* :mod:`.name_trust` — when class and id names are trusted as chrome, weighed against prose;
* this module — the choice of the main element (steps 1-3 below);
* :mod:`.nearby_prose` — the replies after it, the leads before it, a prose paragraph around it
  (steps 3 and 6);
* :mod:`.trim` — what goes from inside it (steps 4-5).

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
>>> from speechclean.dom.scoring import score_tree
>>> root = parse('''<body><ul><li><a>首页</a></li><li><a>新闻</a></li></ul>
... <div id="main"><p>今天，我们召开会议，研究部署工作。</p><p>会议强调，要落实责任。</p></div>
... <div><a>上一篇：某某</a><a>下一篇：某某</a></div></body>''')
>>> main_content(root, score_tree(root)).main.get("id")
'main'
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .name_trust import NET_MIN_MARKS, THREAD_RULES, in_thread, overrule_names, unname, unwrap
from .nearby_prose import prose_ancestor, prose_value, replies_after
from .scores import Scores
from .weights import TRIM_LINK_SHARE

TIGHT_SHARE = 0.9  # a child holding this share of the best element's net score is tighter
FEW_MARKS, FEW_CHARS = 3, 100  # below both, a page has no prose to score: fall back to text mass
MASS_SHARE = 0.9
NARROW_MIN_SHARE = 0.6  # a narrower one must hold this share of it
NARROW_MAX_LEFT = 0.2  # ...and leave out prose blocks weighing less than this share of it (teasers count little)
REPLY_MIN_SHARE = 0.5  # replies must weigh this share of what they are replies to


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
    if scores.thread and (scores.net_marks.get(best, 0) < NET_MIN_MARKS or in_thread(best)):
        # No post of its own stands outside the comment threads, or the post is a forum topic: the
        # page is the thread (a forum topic, a page of reviews), and its comments are the content.
        unname(root, scores, set(scores.thread))
        content_rules = THREAD_RULES
        best = max((el for el in scores.net if el not in scores.chrome), key=scores.net.__getitem__, default=root)
    if overrule_names(root, scores, best):
        best = max((el for el in scores.net if el not in scores.chrome), key=scores.net.__getitem__, default=root)
    trusted = scores.net_marks.get(best, 0) >= NET_MIN_MARKS and scores.net[best] > 0
    if trusted:
        best = _tighten(best, scores)
    table = scores.net if trusted else scores.score
    if not trusted:  # the names label the content itself, or a wrapper around all of it: ignore those names
        unwrap(root, scores)
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
    common = common_ancestor(members) if len(members) >= 2 else None
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
    replies = replies_after(main, scores)
    if replies and prose_value(replies, scores) >= REPLY_MIN_SHARE * table.get(main, 0.0):
        slots.update(scores.slot[r] for r in replies)
        common = common_ancestor([main, *replies])
        main = main if common is None else common
    main = prose_ancestor(main, scores)
    return Choice(main, trusted, frozenset(slots), content_rules)


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


def common_ancestor(elements: list[etree._Element]) -> etree._Element | None:
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


__all__ = ["Choice", "common_ancestor", "main_content", "slot_members"]
