"""The visible lines of a whole document, before anything is pruned: where bylines are read.

One line per block element or ``<br>``; ``<head>``, scripts, styles, templates, forms' option lists
and embedded objects give no lines.

>>> from speechclean.dom.parse import parse
>>> visible_lines(parse("<html><head><title>t</title></head><body><h1>标题</h1>"
...                     "<div>2019-09-07 <span>来源：新京报</span></div><script>var a=1</script></body></html>"))
['标题', '2019-09-07 来源：新京报']
"""

from __future__ import annotations

import re

from lxml import etree

from ..dom.render import INLINE

_SKIP = frozenset("head script style noscript template svg iframe object embed select option textarea button".split())
_SPACE = re.compile(r"[\s\u00a0\u3000]+")


def visible_lines(root: etree._Element) -> list[str]:
    """The document's text, one stripped non-empty line per block."""
    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, node in walker:
        tag = node.tag
        if not isinstance(tag, str):
            if event == "end" and node.tail:
                parts.append(node.tail)
            continue
        if event == "start":
            if tag in _SKIP:
                walker.skip_subtree()  # its end event still comes, and adds the tail
                continue
            if tag not in INLINE or tag == "br":
                parts.append("\n")
            if node.text:
                parts.append(node.text)
        else:
            if tag not in INLINE and tag not in _SKIP:
                parts.append("\n")
            if node.tail and node is not root:
                parts.append(node.tail)
    out = []
    for line in "".join(parts).split("\n"):
        line = _SPACE.sub(" ", line).strip()
        if line:
            out.append(line)
    return out


__all__ = ["visible_lines"]
