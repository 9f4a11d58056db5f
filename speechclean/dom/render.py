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
    ["a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "img", "ins", "kbd", "label", "mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr"]
)
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_WRAP = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n\s*(?=[{_CJK}])")
_SPACE = re.compile(r"[\s\u00a0]+")


def _chunk(text: str) -> str:
    if "\n" in text:
        text = _WRAP.sub("", text)
    return _SPACE.sub(" ", text)


#: Elements whose text is a typed block (the innermost one names a line's kind).
_SEMANTIC = {
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "li": "list_item", "dt": "list_item", "dd": "list_item", "td": "cell", "th": "cell",
    "blockquote": "quote", "pre": "code", "figcaption": "caption", "caption": "caption",
}


_CODE = ("code",)


def render(el: etree._Element) -> str:
    """The text of ``el``: one line per block, inline text joined, blank lines dropped."""
    return render_typed(el)[0]


def render_typed(el: etree._Element) -> tuple[str, list[tuple[str, ...]]]:
    """:func:`render`'s text and, for each of its lines, the kind of block it came from.

    A kind is ``("paragraph",)``, ``("heading", "2")``, ``("list_item",)``, ``("quote",)``,
    ``("code",)``, ``("caption",)`` or ``("cell", table, row, column)`` (numbers as strings).

    >>> from speechclean.dom.parse import parse
    >>> text, kinds = render_typed(parse("<div><h2>标题</h2><ul><li>一</li></ul><table><tr><td>甲</td><td>乙</td></tr></table></div>").find(".//div"))
    >>> text.split("\\n"), kinds
    (['标题', '一', '甲', '乙'], [('heading', '2'), ('list_item',), ('cell', '1', '1', '1'), ('cell', '1', '1', '2')])
    """
    parts: list[str] = []
    kinds: list[tuple[str, ...] | None] = []  # the kind of each part (None for line breaks)
    pre = 0
    stack: list[tuple[str, ...]] = [("paragraph",)]
    tables = rows = cols = 0
    table_stack: list[tuple[int, int, int]] = []

    def add(text: str) -> None:
        parts.append(text)
        kinds.append(stack[-1])

    def brk() -> None:
        parts.append("\n")
        kinds.append(None)

    for event, node in etree.iterwalk(el, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else None
        if tag is None:  # comment or processing instruction: only its tail is text
            if event == "end" and node.tail and node is not el:
                add(_chunk(node.tail) if not pre else node.tail)
            continue
        block = tag not in INLINE
        if event == "start":
            if tag == "pre":
                pre += 1
            if block or tag == "br":
                brk()
            if tag == "table":
                table_stack.append((tables, rows, cols))
                tables, rows, cols = tables + 1, 0, 0
                table_id = tables
            elif tag == "tr":
                rows, cols = rows + 1, 0
            semantic = _SEMANTIC.get(tag)
            if semantic == "heading":
                stack.append((semantic, tag[1]))
            elif semantic == "cell":
                cols += 1
                stack.append((semantic, str(table_id if table_stack else 0), str(rows), str(cols)))
            elif semantic:
                stack.append((semantic,))
            if node.text:
                add(node.text if pre else _chunk(node.text))
        else:
            if tag == "pre":
                pre -= 1
            if tag in _SEMANTIC and len(stack) > 1:
                stack.pop()
            if tag == "table" and table_stack:
                _, rows, cols = table_stack.pop()
            if block:
                brk()
            if node.tail and node is not el:
                add(node.tail if pre else _chunk(node.tail))
    lines: list[str] = []
    line_kinds: list[tuple[str, ...]] = []
    current: list[str] = []
    first: tuple[str, ...] | None = None
    def emit(raw: str, kind: tuple[str, ...]) -> None:
        # <pre> code keeps its indentation and the blank lines inside it (speechclean.code keeps them after)
        line = raw.rstrip() if kind == _CODE else raw.strip()
        if line.strip():
            lines.append(line)
            line_kinds.append(kind)
        elif kind == _CODE and line_kinds and line_kinds[-1] == _CODE:
            lines.append("")
            line_kinds.append(kind)

    for piece, kind in zip([*parts, "\n"], [*kinds, None]):
        if kind is None:
            emit("".join(current), first or ("paragraph",))
            current, first = [], None
            continue
        if "\n" in piece:  # <pre> text keeps its own line breaks
            chunks = piece.split("\n")
            for chunk in chunks[:-1]:
                current.append(chunk)
                if first is None and chunk.strip():
                    first = kind
                emit("".join(current), first or kind)
                current, first = [], None
            piece = chunks[-1]
        current.append(piece)
        if first is None and piece.strip():
            first = kind
    for i in range(len(lines) - 1, 0, -1):  # no blank line ends a block
        if not lines[i] and (i + 1 == len(lines) or not lines[i + 1] or line_kinds[i + 1] != _CODE):
            del lines[i], line_kinds[i]
    return "\n".join(lines), line_kinds


_TEXT_NODES = etree.XPath("descendant-or-self::text()", smart_strings=False)


def flat(el: etree._Element) -> str:
    """All text of ``el`` with whitespace runs collapsed: the cheap form kept in the audit trail.

    The text nodes come from one XPath query, in document order (what ``el.itertext()`` yields).
    """
    return " ".join(" ".join(_TEXT_NODES(el)).split())  # type: ignore[arg-type]
