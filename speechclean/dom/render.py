"""Text of an element with paragraph breaks: block elements and ``<br>`` end lines, inline ones do not.

Whitespace inside text is collapsed; a line break in the HTML source between two Chinese
characters disappears (source files wrap lines anywhere), elsewhere it becomes a space.
``<pre>`` keeps its lines.

>>> from speechclean.dom.parse import parse
>>> root = parse("<div><p>第一段，<b>加粗</b>文字。</p><p>第二\\n段。<br>换行</p></div>")
>>> render(root.find(".//div"))
'第一段，加粗文字。\\n第二段。\\n换行'
"""

from __future__ import annotations

import re

from lxml import etree

INLINE = frozenset(
    "a abbr b bdi bdo big cite code data del dfn em font i img ins kbd label mark q rp rt ruby s samp small "
    "span strike strong sub sup time tt u var wbr".split()
)
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_WRAP = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n\s*(?=[{_CJK}])")
_SPACE = re.compile(r"[\s\u00a0]+")


def _chunk(text: str) -> str:
    if "\n" in text:
        text = _WRAP.sub("", text)
    return _SPACE.sub(" ", text)


def render(el: etree._Element) -> str:
    """The text of ``el``: one line per block, inline text joined, blank lines dropped."""
    parts: list[str] = []
    pre = 0
    for event, node in etree.iterwalk(el, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else None
        if tag is None:  # comment or processing instruction: only its tail is text
            if event == "end" and node.tail and node is not el:
                parts.append(_chunk(node.tail) if not pre else node.tail)
            continue
        block = tag not in INLINE
        if event == "start":
            if tag == "pre":
                pre += 1
            if block or tag == "br":
                parts.append("\n")
            if node.text:
                parts.append(node.text if pre else _chunk(node.text))
        else:
            if tag == "pre":
                pre -= 1
            if block:
                parts.append("\n")
            if node.tail and node is not el:
                parts.append(node.tail if pre else _chunk(node.tail))
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def flat(el: etree._Element) -> str:
    """All text of ``el`` with whitespace runs collapsed: the cheap form kept in the audit trail."""
    return " ".join(" ".join(el.itertext()).split())
