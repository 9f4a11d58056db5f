"""Where cut pieces stood: the text right before each piece a pattern cuts out of a line.

A step that cuts many small pieces from one line (pinyin annotations: ``當(dāng)前``) records them
as one span :class:`~speechclean.page.Removal`; :func:`cut_context` gives, for each piece, the few
characters the piece followed, so that a view (:mod:`speechclean.render`) can put every piece back
where it stood even after later steps changed the line.

>>> import re
>>> cut_context(re.compile(r"\\([a-zāáǎà]+\\)"), "當(dāng)前(qián)的工作", width=2)
('當', '當前')
>>> split_pieces("(dāng)(qián)", 2)
['(dāng)', '(qián)']
"""

from __future__ import annotations

import re

#: Characters of context kept before each cut piece.
WIDTH = 4
_CLOSE = ")）"


def cut_context(pattern: re.Pattern[str], line: str, width: int = WIDTH) -> tuple[str, ...]:
    """For every match of ``pattern`` in ``line``, the ``width`` characters before it once the
    earlier matches are cut (what the piece followed in the line as it reads afterwards)."""
    out: list[str] = []
    tail = ""
    last = 0
    for m in pattern.finditer(line):
        tail = (tail + line[last : m.start()])[-width:]
        out.append(tail)
        last = m.end()
    return tuple(out)


def cut_all(pattern: re.Pattern[str], line: str, width: int = WIDTH) -> tuple[list[str], tuple[str, ...], str]:
    """One pass of ``pattern`` over ``line``: the pieces it matches, their :func:`cut_context`, and the
    line with them cut — what ``findall``, ``cut_context`` and ``sub("", …)`` give for a pattern without
    groups, in one scan instead of three.

    >>> cut_all(re.compile(r"\\([a-zāáǎà]+\\)"), "當(dāng)前(qián)的工作", width=2)
    (['(dāng)', '(qián)'], ('當', '當前'), '當前的工作')
    """
    pieces: list[str] = []
    out: list[str] = []
    gaps: list[str] = []
    tail = ""
    last = 0
    for m in pattern.finditer(line):
        start, end = m.span()
        gap = line[last:start]
        gaps.append(gap)
        tail = gap[-width:] if len(gap) >= width else (tail + gap)[-width:]
        out.append(tail)
        pieces.append(line[start:end])
        last = end
    gaps.append(line[last:])
    return pieces, tuple(out), "".join(gaps)


def split_pieces(text: str, count: int) -> list[str] | None:
    """The ``count`` bracketed pieces joined in ``text`` (``(dāng)(qián)``), or None when they do not split so."""
    pieces: list[str] = []
    start = 0
    for i, ch in enumerate(text):  # a plain scan: linear whatever the text
        if ch in _CLOSE:
            pieces.append(text[start : i + 1])
            start = i + 1
    return pieces if start == len(text) and len(pieces) == count else None


__all__ = ["WIDTH", "cut_all", "cut_context", "split_pieces"]
