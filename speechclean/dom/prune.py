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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from lxml import etree

from ..rules import Rule
from ..text import punct_count
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
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px)?\s*(?:;|$)", re.IGNORECASE)
_HIDDEN_CLASS = re.compile(
    r"(?:^|\s)(?:hide|hidden|none|d-none|is-hidden|u-hidden|fn__none|display-?none|invisible|sr-only|visually-hidden"
    r"|mw-collapsed|collapsed)(?:$|\s)"
)
_CSS_HIDDEN = re.compile(
    r"\.([A-Za-z_][\w-]*)\s*(?:,\s*\.[\w-]+\s*)*\{[^}]*?(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Dropped:
    """One dropped element: the rule or signal, its visible text, and the element's description."""

    rule: str
    text: str
    element: str


def css_hidden_classes(root: etree._Element) -> frozenset[str]:
    """Class names that the page's own ``<style>`` blocks hide (``.jammer{display:none}``).

    Rules inside ``@media`` blocks apply only to some screens or to print (``@media (max-width:
    600px) { .side { display: none } }``) and are not read as hiding.
    """
    found: set[str] = set()
    for style in root.iter("style"):
        text = style.text  # each .text makes a new string of the whole sheet
        if text and ("none" in text or "hidden" in text):
            css = _without_media(text) if "@media" in text else text
            for m in _css_hidden_matches(css):
                found.add(m.group(1).lower())
                found.update(c.strip(" .").lower() for c in m.group(0).split("{")[0].split(",")[1:])
    return frozenset(found)


_HIDE_DECL = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


#: The only non-ASCII characters re.IGNORECASE matches to a letter of ``display none visibility hidden``.
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f")


def _hide_decls(css: str) -> Iterator[re.Match[str]]:
    """``_HIDE_DECL.finditer(css)``. The sheet is lower-cased and its ``display`` and ``visibility``
    words found by ``str.find``, each tried by the pattern there: a scan of every character by a
    case-blind pattern costs 20 times more. Exact when lower() keeps every position and no character
    folds to one of the words' letters (İ ı ſ); other sheets are scanned."""
    low = css.lower()
    if not css.isascii() and (len(low) != len(css) or any(c in css for c in _FOLDS_TO_ASCII)):
        # lower() changed a length (İ), or a character re.IGNORECASE matches to an ASCII letter of the words
        yield from _HIDE_DECL.finditer(css)
        return
    starts = []
    for word in ("display", "visibility"):
        at = low.find(word)
        while at >= 0:
            starts.append(at)
            at = low.find(word, at + len(word))
    for at in sorted(starts):
        if (m := _HIDE_DECL.match(css, at)) is not None:
            yield m


def _css_hidden_matches(css: str) -> Iterator[re.Match[str]]:
    """``_CSS_HIDDEN.finditer(css)``, searched only in the rules that hide something.

    A match holds no ``}``, so it lies in one ``}``-free segment (selectors and a rule's
    declarations) holding a hiding declaration: those few segments are searched, not every
    selector of the sheet against its whole rule.
    """
    end = -1
    for decl in _hide_decls(css):
        if decl.start() < end:
            continue  # in the segment just searched
        start = css.rfind("}", 0, decl.start()) + 1
        end = css.find("}", decl.end())
        if end < 0:
            end = len(css)
        yield from _CSS_HIDDEN.finditer(css, start, end)


def _without_media(css: str) -> str:
    """``css`` without its ``@media`` blocks (nested braces counted; one pass, linear)."""
    out: list[str] = []
    pos = 0
    while (start := css.find("@media", pos)) >= 0:
        out.append(css[pos:start])
        brace = css.find("{", start)
        if brace < 0:
            return "".join(out)
        depth, pos = 1, len(css)
        for m in _BRACE.finditer(css, brace + 1):
            depth += 1 if m.group() == "{" else -1
            if not depth:
                pos = m.end()
                break
    out.append(css[pos:])
    return "".join(out)


_BRACE = re.compile(r"[{}]")


def _hidden(el: etree._Element, hidden_classes: frozenset[str]) -> bool:
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    if el.get("hidden") is not None or el.get("aria-hidden") == "true" or el.get("type") == "hidden":
        return True
    if el.tag == "details" and el.get("open") is None:  # closed by default: only its summary shows
        return True
    if cls := el.get("class"):
        return _class_hidden(cls, hidden_classes)
    return False


def _class_hidden(cls: str, hidden_classes: frozenset[str]) -> bool:
    """True when a ``class`` value names a hiding class (memoised per value and page stylesheet)."""
    found = _CLASS_MEMO.get((cls, hidden_classes))
    if found is None:
        low = cls.lower()
        found = (
            bool(_HIDDEN_CLASS.search(low))
            or bool(hidden_classes)
            and any(c in hidden_classes for c in low.split())
        )
        if len(_CLASS_MEMO) < 50_000:
            _CLASS_MEMO[(cls, hidden_classes)] = found
    return found


_CLASS_MEMO: dict[tuple[str, frozenset[str]], bool] = {}


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
        # _hidden(el, hidden_classes), inlined: this loop visits every element. One call lists the
        # attribute names; a value is read only for a name that is there (half the elements have none).
        keys = el.keys()
        if (
            keys
            and (
                "style" in keys and (style := el.get("style")) and _HIDDEN_STYLE.search(style)
                or "hidden" in keys
                or "aria-hidden" in keys and el.get("aria-hidden") == "true"
                or "type" in keys and el.get("type") == "hidden"
                or tag == "details" and "open" not in keys
                or "class" in keys and (cls := el.get("class")) and _class_hidden(cls, hidden_classes)
            )
            or not keys and tag == "details"
        ):
            rule = "extract.hidden"
        elif tag in LAYOUT and not _inside_article(el):
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


class NameRules:
    """Element rules compiled for matching many class/id labels: one combined pattern rejects
    most labels at once, and each distinct label is matched only once.

    >>> from speechclean.rules import builtin
    >>> NameRules(builtin("extract")).match("bdshare-box"), NameRules(builtin("extract")).match("article-body")
    ('extract.share', None)
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        patterns = [p for r in self.rules for p in r.patterns]
        self._any = re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
        self._memo: dict[str, str | None] = {}
        self._pairs: dict[tuple[str | None, str | None], str | None] = {}

    def match_names(self, cls: str | None, ident: str | None) -> str | None:
        """``match(label)`` for the label :func:`~speechclean.dom.parse.names` makes of a class and an
        id value (memoised per pair: a page repeats its class values, so the label is built once)."""
        try:
            return self._pairs[(cls, ident)]
        except KeyError:
            pass
        label = f"{cls or ''} {ident or ''}".strip().lower() if cls is not None or ident is not None else ""
        found = self.match(label) if label else None
        if len(self._pairs) < 100_000:
            self._pairs[(cls, ident)] = found
        return found

    def match(self, label: str) -> str | None:
        """The id of the first rule matching ``label``, or None."""
        try:
            return self._memo[label]
        except KeyError:
            pass
        found = None
        if self._any is not None and self._any.search(label):
            found = next((r.id for r in self.rules if r.matches(label)), None)
        if len(self._memo) < 100_000:
            self._memo[label] = found
        return found


def _inside_article(el: etree._Element) -> bool:
    """``<header>``/``<footer>`` of an ``<article>`` hold its title and byline, not site chrome."""
    if el.tag not in ("header", "footer"):
        return False
    return any(a.tag in ("article", "main") for a in el.iterancestors())


#: Families naming the page's own regions (its header and navigation, its footer): on the ``<header>``
#: or ``<footer>`` element of an ``<article>`` the name labels that article's (or post's) region.
REGION_RULES = frozenset(("extract.nav", "extract.copyright"))


def own_region(el: etree._Element, rule: str) -> bool:
    """True when a region name (``Post-footer``, ``header``) is on an article's own ``<header>``/``<footer>``.

    In HTML a footer belongs to its nearest sectioning ancestor: the ``<footer class="Post-footer">``
    of a forum post holds the post's best-answer quote and replies line, not the site's copyright.
    """
    return rule in REGION_RULES and _inside_article(el)


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
