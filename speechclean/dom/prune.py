"""Drop what is never main content, before any scoring.

Three families, each recorded with the signal or rule that dropped it:

* ``extract.code`` — script, style, template, forms' controls, embedded objects, comments
  (counted, not recorded: they hold no visible text);
* ``extract.hidden`` — elements hidden by an inline style, the ``hidden``/``aria-hidden``
  attributes, or a class the page's own ``<style>`` hides (anti-copy spans);
* ``extract.layout`` — ``nav``, ``aside``, ``header``, ``footer``, ``form``, ``menu`` elements;
* element rules (``extract.share``, ``extract.comment``, …, in ``rules/extract.toml``) matched on
  class and id names.

Layout elements and rule matches are kept when they hold most of the page's prose
(``PROTECT_SHARE`` of its Chinese punctuation, at least ``PROTECT_MIN_PUNCT`` marks): some sites wrap the whole article in a
``<form>`` or give the body a class such as ``comment-content``.

>>> from speechclean.dom.parse import parse
>>> from speechclean.rules import builtin
>>> root = parse("<body><div class='share'>分享到：微信</div><p>正文。</p><span style='display:none'>水印</span></body>")
>>> [(d.rule, d.text) for d in prune(root, builtin("extract"))]
[('extract.share', '分享到：微信'), ('extract.hidden', '水印')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from ..rules import Rule
from ..text import punct_count
from .parse import describe, names
from .render import render

CODE = frozenset(
    "script style noscript template iframe frame frameset object embed applet svg canvas math select option "
    "button input textarea link meta head map area audio video source track dialog".split()
)
LAYOUT = frozenset("nav aside header footer form menu".split())
PROTECT_SHARE = 0.5
PROTECT_MIN_PUNCT = 5
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px)?\s*(?:;|$)", re.I)
_CSS_HIDDEN = re.compile(r"\.([A-Za-z_][\w-]*)\s*(?:,\s*\.[\w-]+\s*)*\{[^}]*?(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)


@dataclass(frozen=True, slots=True)
class Dropped:
    """One dropped element: the rule or signal, its visible text, and the element's description."""

    rule: str
    text: str
    element: str


def css_hidden_classes(root: etree._Element) -> frozenset[str]:
    """Class names that the page's own ``<style>`` blocks hide (``.jammer{display:none}``)."""
    found: set[str] = set()
    for style in root.iter("style"):
        if style.text and "none" in style.text or style.text and "hidden" in style.text:
            for m in _CSS_HIDDEN.finditer(style.text):
                found.add(m.group(1).lower())
                found.update(c.strip(" .").lower() for c in m.group(0).split("{")[0].split(",")[1:])
    return frozenset(found)


def _hidden(el: etree._Element, hidden_classes: frozenset[str]) -> bool:
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    if el.get("hidden") is not None or el.get("aria-hidden") == "true" or el.get("type") == "hidden":
        return True
    if hidden_classes and (cls := el.get("class")):
        return any(c.lower() in hidden_classes for c in cls.split())
    return False


def prune(root: etree._Element, rules: Sequence[Rule]) -> list[Dropped]:
    """Drop code, hidden elements, layout chrome and rule-matched elements from ``root`` in place."""
    hidden_classes = css_hidden_classes(root)
    total_punct = punct_count(root.text_content()) or 1
    dropped: list[Dropped] = []
    doomed: list[etree._Element] = []
    gone: set[etree._Element] = set()
    for el in root.iter():
        parent = el.getparent()
        if parent is not None and parent in gone:
            gone.add(el)
            continue
        tag = el.tag
        if not isinstance(tag, str):  # comments and processing instructions
            doomed.append(el)
            gone.add(el)
            continue
        if tag in CODE:
            doomed.append(el)
            gone.add(el)
            continue
        rule = None
        if _hidden(el, hidden_classes):
            rule = "extract.hidden"
        elif tag in ("html", "body"):
            continue
        elif tag in LAYOUT and not _inside_article(el):
            rule = "extract.layout"
        elif (label := names(el)) and (hit := _first(rules, label)):
            rule = hit
        if rule is None:
            continue
        text = render(el)
        if rule != "extract.hidden" and punct_count(text) >= max(PROTECT_MIN_PUNCT, PROTECT_SHARE * total_punct):
            continue
        doomed.append(el)
        gone.add(el)
        if text:
            dropped.append(Dropped(rule, text, describe(el)))
    for el in doomed:
        drop_element(el)
    return dropped


def _first(rules: Sequence[Rule], label: str) -> str | None:
    for rule in rules:
        if rule.matches(label):
            return rule.id
    return None


def _inside_article(el: etree._Element) -> bool:
    """``<header>``/``<footer>`` of an ``<article>`` hold its title and byline, not site chrome."""
    if el.tag not in ("header", "footer"):
        return False
    return any(a.tag in ("article", "main") for a in el.iterancestors())


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
