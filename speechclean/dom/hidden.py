"""What a page hides: inline styles, hiding attributes, class names, and the classes its own ``<style>`` hides.

:func:`is_hidden` is the test :func:`speechclean.dom.prune.prune` makes of every element (inlined
there, over the attribute names an element has); :func:`css_hidden_classes` reads the page's
stylesheets once, for :func:`class_hidden`.

>>> from speechclean.dom.parse import parse
>>> root = parse("<style>.jammer{display:none}</style><p>正文<span class='jammer'>水印</span></p>")
>>> hiding = css_hidden_classes(root)
>>> sorted(hiding), class_hidden("jammer", hiding), class_hidden("d-none", frozenset())
(['jammer'], True, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px)?\s*(?:;|$)", re.IGNORECASE)
_HIDDEN_CLASS = re.compile(
    r"(?:^|\s)(?:hide|hidden|none|d-none|is-hidden|u-hidden|fn__none|display-?none|invisible|sr-only|visually-hidden"
    r"|mw-collapsed|collapsed)(?:$|\s)"
)
_CSS_HIDDEN = re.compile(
    r"\.([A-Za-z_][\w-]*)\s*(?:,\s*\.[\w-]+\s*)*\{[^}]*?(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.IGNORECASE
)


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


def is_hidden(el: etree._Element, hidden_classes: frozenset[str]) -> bool:
    """True when ``el`` is hidden: an inline style, a hiding attribute, a closed ``<details>``, a hiding class
    (:func:`speechclean.dom.prune.prune` makes this test inline, in its loop over every element)."""
    style = el.get("style")
    if style and HIDDEN_STYLE.search(style):
        return True
    if el.get("hidden") is not None or el.get("aria-hidden") == "true" or el.get("type") == "hidden":
        return True
    if el.tag == "details" and el.get("open") is None:  # closed by default: only its summary shows
        return True
    if cls := el.get("class"):
        return class_hidden(cls, hidden_classes)
    return False


def class_hidden(cls: str, hidden_classes: frozenset[str]) -> bool:
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

