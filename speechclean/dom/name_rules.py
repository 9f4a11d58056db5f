"""Element rules matched against class/id names, and the regions an article names for itself.

:class:`NameRules` matches the labels :func:`speechclean.dom.parse.names` makes; a region name
(``header``, ``Post-footer``) on an article's own ``<header>``/``<footer>`` is that article's, not
the site's (:func:`own_region`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from ..rules import Rule


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


def inside_article(el: etree._Element) -> bool:
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
    return rule in REGION_RULES and inside_article(el)

