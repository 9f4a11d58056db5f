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

from lxml import etree

from ..dom.render import INLINE

_SKIP = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "select", "textarea", "button")
_SKIP_SET = frozenset((*_SKIP, "head"))
_TEXTS = etree.XPath("//body//text()")
_ALL_TEXTS = etree.XPath("//text()")
_FOLLOWING = etree.XPath("following::text()[position() <= $limit]")
_UNSEEN: object = object()
#: After a headline element, at most this many text nodes are read (bylines and credits sit near it).
FOLLOWING_TEXTS = 6000


def visible_lines(root: etree._Element, after: etree._Element | None = None, limit: int = FOLLOWING_TEXTS) -> list[str]:
    """The document's text, one stripped non-empty line per block.

    With ``after`` (the headline element), only the text that follows it in the document, at most
    ``limit`` text nodes of it.
    """
    return lines_and_more(root, after, limit)[0]


def lines_and_more(
    root: etree._Element, after: etree._Element | None = None, limit: int = FOLLOWING_TEXTS
) -> tuple[list[str], bool]:
    """:func:`visible_lines`, and whether ``limit`` cut the text short (there is more after ``after``)."""
    texts = _FOLLOWING(after, limit=limit) if after is not None else (_TEXTS(root) or _ALL_TEXTS(root))
    more = after is not None and len(texts) >= limit
    block_of: dict[etree._Element, etree._Element | None] = {}
    inline = INLINE
    skip = _SKIP_SET

    def block(node: etree._Element) -> etree._Element | None:
        """The nearest block ancestor-or-self of ``node``; None inside a skipped element.

        A loop up the inline ancestors, not recursion: 2,000 unclosed ``<font>`` nest that deep."""
        chain: list[etree._Element] = []
        found: etree._Element | None
        while True:
            if node in block_of:
                found = block_of[node]
                break
            chain.append(node)
            tag = node.tag
            parent = node.getparent()
            if tag in skip:
                found = None
            elif tag in inline and parent is not None:
                node = parent
                continue
            elif parent is not None and parent.tag in skip:  # <select><option>, <svg><text>
                found = None
            else:
                found = node
            break
        for n in chain:
            block_of[n] = found
        return found

    parts: list[str] = []
    append = parts.append
    previous = None
    for s in texts:
        if s.isspace():  # indentation between tags: a source line break ends the line
            append("\n" if "\n" in s else " ")
            continue
        el = s.getparent()
        if el is None:
            continue
        if s.is_tail:
            if el.tag not in inline or el.tag == "br":
                append("\n")
            el = el.getparent()
            if el is None:
                continue
        key = block_of.get(el, _UNSEEN)  # most text sits in an element already seen
        if key is _UNSEEN:
            key = block(el)
        if key is None:
            continue
        if key is not previous:
            append("\n")
            previous = key
        append(s)
    out = []
    for line in "".join(parts).split("\n"):
        if line and not line.isspace():
            out.append(" ".join(line.split()))
    return out, more


__all__ = ["lines_and_more", "visible_lines"]
