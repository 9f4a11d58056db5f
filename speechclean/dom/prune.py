"""Drop what is never main content, before any scoring.

Before scoring (:func:`prune`), recorded with the signal that dropped them:

* ``extract.code`` — script, style, template, forms' controls, embedded objects, comments
  (recorded when they hold text a reader sees: ``<button>``, ``<select>``, ``<textarea>``,
  ``<noscript>``, ``<iframe>`` fallbacks);
* ``extract.hidden`` — elements hidden by an inline style, the ``hidden``/``aria-hidden``
  attributes, a class the page's own ``<style>`` hides (anti-copy spans), or a class named to
  hide (``hide``, ``d-none``, ``sr-only``…: the stylesheet that hides them is not in the page);
* ``extract.layout`` — ``nav``, ``aside``, ``header``, ``footer``, ``form``, ``menu`` elements;

A hidden or layout element is kept when it holds more prose than ``PROTECT_SHARE`` of what stays
visible (counted in Chinese punctuation, at least ``PROTECT_MIN_PUNCT`` marks): some sites wrap
the whole article in a ``<form>`` or fill a hidden editor pane with it.

After the main content is chosen (:func:`prune_named`): elements inside it whose class or id
an element rule names (``extract.share``, ``extract.comment``, …, in ``rules/extract.toml``),
unless that rule's matches together hold most of its prose (``comment-item`` on a review page
*is* the content).

>>> from speechclean.dom.parse import parse
>>> from speechclean.rules import builtin
>>> root = parse("<body><div class='share'>分享到：微信</div><p>正文。</p><span style='display:none'>水印</span></body>")
>>> [(d.rule, d.text) for d in prune(root)]
[('extract.hidden', '水印')]
>>> from speechclean.dom.scoring import score_tree
>>> [(d.rule, d.text) for d in prune_named(root, NameRules(builtin("extract")), score_tree(root).marks)]
[('extract.share', '分享到：微信')]
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lxml import etree

from ..text import punct_count
from .hidden import HIDDEN_STYLE, class_hidden, css_hidden_classes
from .name_rules import NameRules, inside_article, own_region
from .parse import describe, names, text_of
from .render import flat

CODE = frozenset(
    ["script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "canvas", "math", "select", "option", "button", "input", "textarea", "link", "meta", "head", "map", "area", "audio", "video", "source", "track", "dialog"]
)
#: Code elements whose text a reader sees (controls, fallback content): their removal is recorded.
CODE_TEXT = CODE - frozenset(["script", "style", "template", "head", "meta", "link"])
LAYOUT = frozenset(["nav", "aside", "header", "footer", "form", "menu"])
PROTECT_SHARE = 0.5
PROTECT_MIN_PUNCT = 5


@dataclass(frozen=True, slots=True)
class Dropped:
    """One dropped element: the rule or signal, its visible text, and the element's description."""

    rule: str
    text: str
    element: str


def prune(root: etree._Element) -> list[Dropped]:
    """Drop code, hidden elements and layout chrome from ``root`` in place (before scoring)."""
    hidden_classes = css_hidden_classes(root)
    code: list[Dropped] = []
    gone_code: set[etree._Element] = set()
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction, etree.Entity, *CODE)):
        # comments, processing instructions, scripts and styles hold no visible text; controls
        # (<button>, <select>, <textarea>) and fallbacks (<noscript>, <iframe>) do: recorded
        if el.tag in CODE_TEXT and not any(a in gone_code for a in el.iterancestors()) and (text := flat(el)):
            code.append(Dropped("extract.code", text, describe(el)))
        gone_code.add(el)
        drop_element(el)
    total = punct_count(text_of(root))
    candidates: dict[etree._Element, tuple[str, str, int]] = {}
    for el in root.iter(etree.Element):
        tag = el.tag
        if tag == "html" or tag == "body":
            continue
        # is_hidden(el, hidden_classes), inlined: this loop visits every element. One call lists the
        # attribute names; a value is read only for a name that is there (half the elements have none).
        keys = el.keys()
        if (
            keys
            and (
                "style" in keys and (style := el.get("style")) and HIDDEN_STYLE.search(style)
                or "hidden" in keys
                or "aria-hidden" in keys and el.get("aria-hidden") == "true"
                or "type" in keys and el.get("type") == "hidden"
                or tag == "details" and "open" not in keys
                or "class" in keys and (cls := el.get("class")) and class_hidden(cls, hidden_classes)
            )
            or not keys and tag == "details"
        ):
            rule = "extract.hidden"
        elif tag in LAYOUT and not inside_article(el):
            rule = "extract.layout"
        else:
            continue
        text = flat(el)
        candidates[el] = (rule, text, punct_count(text))
    doomed = _judge(root, candidates, total)
    dropped = code + [Dropped(candidates[el][0], candidates[el][1], describe(el)) for el in doomed if candidates[el][1]]
    for el in doomed:
        drop_element(el)
    return dropped


def _judge(
    root: etree._Element, candidates: Mapping[etree._Element, tuple[str, str, int]], total: int
) -> list[etree._Element]:
    """The hidden and layout elements to drop, outermost first.

    What stays visible is the page. An element holding more prose than ``PROTECT_SHARE`` of it is
    the content itself (a form around the article, an editor pane filled with it) and is kept,
    unless it is hidden and a copy of text that is visible (a print box or lightbox repeating the
    article); of several hidden copies of the same text, the one with the least markup is kept.
    Inside a kept element, nested hidden elements are judged the same way.
    """
    page = ""  # the page's text without whitespace, made when a hidden element needs the copy test
    doomed: list[etree._Element] = []
    gone: list[str] = []  # stripped text of the doomed and of those still to judge
    visible = total
    level = [el for el in candidates if _next_candidate_up(el, candidates) is None]
    while level:
        visible -= sum(candidates[el][2] for el in level)
        protect = max(PROTECT_MIN_PUNCT, PROTECT_SHARE * visible)
        strong = [el for el in level if candidates[el][2] >= protect]
        if not strong:
            doomed.extend(level)
            break
        stripped = {el: "".join(candidates[el][1].split()) for el in level}
        gone.extend(stripped.values())
        if not page and any(candidates[el][0] == "extract.hidden" for el in strong):
            page = "".join(text_of(root).split())
        kept: list[etree._Element] = []
        for el in sorted(strong, key=lambda el: -candidates[el][2] / max(1, len(stripped[el]))):
            if candidates[el][0] == "extract.hidden" and _copy(stripped[el], page, gone):
                continue
            kept.append(el)
            gone.remove(stripped[el])
        doomed.extend(el for el in level if el not in kept)
        visible += sum(candidates[el][2] for el in kept)
        level = [
            d
            for el in kept
            for d in el.iterdescendants()
            if d in candidates and _next_candidate_up(d, candidates) is el
        ]
    return doomed


_SENTENCE = re.compile(r"[。！？!?]")


def _copy(text: str, page: str, gone: Sequence[str]) -> bool:
    """True when most of the longest sentences of ``text`` also stand in the visible part of ``page``."""
    sentences = sorted((p for p in _SENTENCE.split(text) if len(p) >= 12), key=len, reverse=True)[:3]
    if not sentences:
        return False
    seen = sum(page.count(p) > sum(g.count(p) for g in gone) for p in sentences)
    return 2 * seen > len(sentences)


def _next_candidate_up(el: etree._Element, candidates: Mapping[etree._Element, object]) -> etree._Element | None:
    return next((a for a in el.iterancestors() if a in candidates), None)


def prune_named(
    main: etree._Element,
    rules: NameRules,
    marks: Mapping[etree._Element, int],
    trusted: bool = False,
    skip: frozenset[str] = frozenset(),
) -> list[Dropped]:
    """Drop elements inside ``main`` whose class/id names an element rule matches.

    Unless the names are ``trusted`` (prose was found outside them), a rule is not applied when
    its matches together hold ``PROTECT_SHARE`` of the prose marks of ``main``: the names then
    label the content itself (``comment-item`` on a review page). Rules in ``skip`` were found to
    label the content (a forum thread) and are not applied.
    """
    matches: dict[str, list[etree._Element]] = {}
    gone: set[etree._Element] = set()
    for el in main.iterdescendants():
        if el.getparent() in gone:
            gone.add(el)
            continue
        if (
            isinstance(el.tag, str)
            and (label := names(el))
            and (rule := rules.match(label))
            and rule not in skip
            and not own_region(el, rule)
        ):
            matches.setdefault(rule, []).append(el)
            gone.add(el)
    protect = max(PROTECT_MIN_PUNCT, PROTECT_SHARE * marks.get(main, 0))
    dropped: list[Dropped] = []
    for rule, elements in matches.items():
        if not trusted and sum(marks.get(el, 0) for el in elements) >= protect:
            continue
        for el in elements:
            if text := flat(el):
                dropped.append(Dropped(rule, text, describe(el)))
            drop_element(el)
    return dropped


def drop_element(el: etree._Element) -> None:
    """Remove ``el`` but keep its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)

