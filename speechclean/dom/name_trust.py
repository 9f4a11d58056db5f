"""When class and id names are trusted as chrome: names weighed against prose.

Scores count without the chrome-named subtrees first (``Scores.net``). Names are weighed against
prose: comment threads (``extract.comments``) are the content when no post of ``NET_MIN_MARKS``
stands outside them or the post is named as a forum topic or question; a widget name (share,
pop-up layer, font-size tools, ad, login, breadcrumb) on an element holding ``NAME_OVERRULE``
times the prose of the best other element is ignored (the article's wrapper, not a widget); when
no prose stands outside chrome-named elements, the names label the content (a page of comments)
or a wrapper around the whole page, and the names of elements holding ``WRAPPER_SHARE`` of the
page's text and marks are ignored.

>>> from speechclean.dom.parse import parse
>>> in_thread(parse("<body><div class='topic-content'><p>正文</p></div></body>").find(".//p"))
True
"""

from __future__ import annotations

import re

from lxml import etree

from .parse import names
from .scores import Scores
from .weights import LINK_BESIDE_FACTOR

NET_MIN_MARKS = 5  # prose marks outside chrome-named elements needed to trust the names
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
NEVER_CHROME = frozenset(("html", "body", "main", "article"))  # never named chrome, whatever their class or id


def unwrap(root: etree._Element, scores: Scores) -> None:
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


def in_thread(el: etree._Element) -> bool:
    """True when ``el`` or an ancestor is named as a forum topic or question (``topic-content``, ``thread``)."""
    for node in (el, *el.iterancestors()):
        if (label := names(node)) and _THREAD_NAMES.search(label):
            return True
    return False


def overrule_names(root: etree._Element, scores: Scores, best: etree._Element) -> bool:
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
    unname(root, scores, overruled)
    return True


def unname(root: etree._Element, scores: Scores, elements: set[etree._Element]) -> None:
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
