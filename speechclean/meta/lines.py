"""The visible lines of a whole document, before anything is pruned: where bylines are read.

One line per block element or ``<br>``; ``<head>``, scripts, styles, templates, forms' option lists
and embedded objects give no lines. The text nodes are read in document order (an element's text
at its start, its tail at its end: ``iterwalk`` events, so no Python object per whitespace node's parent); a line breaks wherever the nearest block ancestor changes or a
block or ``<br>`` closes, and at a line break in the source between inline elements (a byline's
buttons on their own source line).

:class:`LineReader` reads on from where its last read stopped, so a caller can read the first few
hundred text nodes after a headline and more only when it needs them.

>>> from speechclean.dom.parse import parse
>>> visible_lines(parse("<html><head><title>t</title></head><body><h1>标题</h1>"
...                     "<div>2019-09-07 <span>来源：新京报</span></div><script>var a=1</script>尾</body></html>"))
['标题', '2019-09-07 来源：新京报', '尾']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain

from lxml import etree

from ..dom.render import INLINE

_SKIP = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "select", "textarea", "button")
_SKIP_SET = frozenset((*_SKIP, "head"))
_HAS_TEXT = etree.XPath("boolean(.//text())")
_EVENTS = ("start", "end", "comment", "pi")  # a comment or processing instruction: its tail, as an end
_UNSEEN: object = object()
#: After a headline element, at most this many text nodes are read (bylines and credits sit near it).
FOLLOWING_TEXTS = 6000
#: A line longer than this is read by its first and last ``LONG_LINE // 2`` characters: no byline is
#: that long, and a tag cloud of 200,000 characters costs its whitespace split otherwise.
LONG_LINE = 4000

_Event = tuple[str, etree._Element]


def _following(after: etree._Element) -> Iterator[Iterable[_Event]]:
    """The document after ``after`` (XPath's ``following``): its tail, its later siblings' subtrees
    with their tails, then the same for each ancestor."""
    node: etree._Element | None = after
    while node is not None:
        yield (("end", node),)
        for sibling in node.itersiblings():
            # a comment or processing instruction holds no text node, only its tail
            yield etree.iterwalk(sibling, events=_EVENTS) if isinstance(sibling.tag, str) else (("end", sibling),)
        node = node.getparent()


def _inside(top: etree._Element) -> Iterator[_Event]:
    """The subtree of ``top`` without ``top``'s own tail."""
    for event in etree.iterwalk(top, events=_EVENTS):
        if event[1] is not top or event[0] == "start":
            yield event


def _block(node: etree._Element, block_of: dict[etree._Element, etree._Element | None]) -> etree._Element | None:
    """The nearest block ancestor-or-self of ``node``; None inside a skipped element.

    A loop up the inline ancestors, not recursion: 2,000 unclosed ``<font>`` nest that deep."""
    chain_: list[etree._Element] = []
    found: etree._Element | None
    while True:
        if node in block_of:
            found = block_of[node]
            break
        chain_.append(node)
        tag = node.tag
        parent = node.getparent()
        if tag in _SKIP_SET:
            found = None
        elif tag in INLINE and parent is not None:
            node = parent
            continue
        elif parent is not None and parent.tag in _SKIP_SET:  # <select><option>, <svg><text>
            found = None
        else:
            found = node
        break
    for n in chain_:
        block_of[n] = found
    return found


class LineReader:
    """The visible lines of ``root`` (or of what follows ``after``, the headline element), read in steps.

    ``read(limit)`` gives the lines of the first ``limit`` text nodes (None: all of them), reading on
    from where the last call stopped; ``more`` tells whether that limit cut the text short.
    """

    def __init__(self, root: etree._Element, after: etree._Element | None = None) -> None:
        if after is not None:
            events: Iterator[_Event] = chain.from_iterable(_following(after))
        else:
            # the text of <body>, else (a fragment, a frameset) of the whole document
            bodies = [b for b in root.iter("body") if _HAS_TEXT(b)]
            events = chain.from_iterable(map(_inside, bodies)) if bodies else _inside(root)
        self._events = events
        self._block_of: dict[etree._Element, etree._Element | None] = {}
        self._parts: list[str] = []
        self._previous: etree._Element | None = None
        self.count = 0  # text nodes read
        self.more = False

    def read(self, limit: int | None = None) -> list[str]:
        """The lines of the first ``limit`` text nodes (all when None), stripped, blanks dropped."""
        left = (limit - self.count) if limit is not None else -1
        if left:
            left = self._read(left)
        self.more = left == 0  # the limit was reached: there may be more
        half = LONG_LINE // 2
        return [
            " ".join((line if len(line) <= LONG_LINE else f"{line[:half]} {line[-half:]}").split())
            for line in "".join(self._parts).split("\n")
            if line and not line.isspace()
        ]

    def _read(self, left: int) -> int:
        """Read ``left`` more text nodes (all when negative); 0 when that many were read.

        An element's text and a tail are handled in two branches written out (this loop runs for
        every text node of the page): text belongs to its element, a tail to the element's parent,
        after a line break when the element is a block or ``<br>``."""
        block_of = self._block_of
        get = block_of.get
        inline = INLINE
        append = self._parts.append
        previous = self._previous
        wanted = left
        for event, el in self._events:
            s = el.text if event == "start" else el.tail
            if s is None:
                continue
            left -= 1
            if s.isspace():  # indentation between tags: a source line break ends the line, else a space
                append(s)
            else:
                owner = el  # a text belongs to its element, a tail to the parent
                if event != "start":
                    tag = el.tag
                    if tag not in inline or tag == "br":
                        append("\n")
                    owner = el.getparent()
                if owner is not None:
                    key = get(owner, _UNSEEN)  # most text sits in an element already seen
                    if key is _UNSEEN:
                        key = _block(owner, block_of)
                    if key is not None:
                        if key is not previous:
                            append("\n")
                            previous = key
                        append(s)
            if not left:
                break
        self._previous = previous
        self.count += wanted - left
        return left


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
    reader = LineReader(root, after)
    lines = reader.read(limit if after is not None else None)
    return lines, reader.more


__all__ = ["FOLLOWING_TEXTS", "LONG_LINE", "LineReader", "lines_and_more", "visible_lines"]
