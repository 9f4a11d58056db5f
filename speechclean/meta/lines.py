"""The visible lines of a whole document, before anything is pruned: where bylines are read.

One line per block element or ``<br>``; ``<head>``, scripts, styles, templates, forms' option lists
and embedded objects give no lines. The text nodes come from one XPath query (C speed); a line
breaks wherever the nearest block ancestor changes or a block or ``<br>`` closes, and at a
line break in the source between inline elements (a byline's buttons on their own source line).

>>> from speechclean.dom.parse import parse
>>> visible_lines(parse("<html><head><title>t</title></head><body><h1>标题</h1>"
...                     "<div>2019-09-07 <span>来源：新京报</span></div><script>var a=1</script>尾</body></html>"))
['标题', '2019-09-07 来源：新京报', '尾']
"""

from __future__ import annotations

import re

from lxml import etree

from ..dom.render import INLINE

_SKIP = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "select", "textarea", "button")
_SKIP_SET = frozenset((*_SKIP, "head"))
_TEXTS = etree.XPath("//body//text()")
_ALL_TEXTS = etree.XPath("//text()")
_SPACE = re.compile(r"[\s\u00a0\u3000]+")


def visible_lines(root: etree._Element) -> list[str]:
    """The document's text, one stripped non-empty line per block."""
    texts = _TEXTS(root) or _ALL_TEXTS(root)
    block_of: dict[etree._Element, etree._Element | None] = {}

    def block(el: etree._Element) -> etree._Element:
        found = block_of.get(el)
        if found is None:
            parent = el.getparent()
            found = el if (el.tag not in INLINE or parent is None) else block(parent)
            block_of[el] = found
        return found

    parts: list[str] = []
    previous = None
    for s in texts:
        el = s.getparent()
        if el is None:
            continue
        if s.is_tail:
            if el.tag not in INLINE or el.tag == "br":
                parts.append("\n")
            container = el.getparent()
            if container is None:
                continue
        else:
            container = el
        if container.tag in _SKIP_SET:
            continue
        parent = container.getparent()
        if parent is not None and parent.tag in _SKIP_SET:  # <select><option>, <svg><text>, <button><span>
            continue
        key = block(container)
        if key is not previous:
            parts.append("\n")
            previous = key
        parts.append(s)
    out = []
    for line in "".join(parts).split("\n"):
        line = _SPACE.sub(" ", line).strip()
        if line:
            out.append(line)
    return out


__all__ = ["visible_lines"]
