"""Typed blocks of the clean text — heading (with level), paragraph, list item, table, quote, code,
caption — and the Markdown made from them.

HTML pages carry the kind of block each line came from (the extract step records it); text input
gets headings from Chinese numbering (``第一章``, ``篇一``, ``一、``, ``（一）``). ``page.text`` is
unchanged: blocks are a second view of the same lines.

>>> import speechclean
>>> page = speechclean.clean("<html><body><div class='article'><h1>工作报告</h1><h2>一、总体情况</h2>"
...     "<p>今年以来，我们认真落实各项工作部署，取得了明显成效，群众满意度不断提高。</p>"
...     "<ul><li>完成重点项目十二个。</li><li>新增就业三千人。</li></ul>"
...     "<table><tr><th>指标</th><th>数值</th></tr><tr><td>产值</td><td>100亿元</td></tr></table></div></body></html>")
>>> [b.kind for b in page.blocks]
['heading', 'paragraph', 'list_item', 'list_item', 'table']
>>> print(page.to_markdown())
# 工作报告
<BLANKLINE>
## 一、总体情况
<BLANKLINE>
今年以来，我们认真落实各项工作部署，取得了明显成效，群众满意度不断提高。
<BLANKLINE>
- 完成重点项目十二个。
- 新增就业三千人。
<BLANKLINE>
| 指标 | 数值 |
| --- | --- |
| 产值 | 100亿元 |
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .page import Page

BlockKind = Literal["heading", "paragraph", "list_item", "table", "quote", "code", "caption"]

#: A numbered heading in plain text is at most this long.
TEXT_HEADING_MAX_LEN = 40
#: How far ahead (in extracted lines) a clean line is looked for among the extract step's lines.
ALIGN_WINDOW = 40

_NUM = "一二三四五六七八九十百零〇两"
# Levels: 第一章/篇一 → 1, 第一节 → 2, 一、 → 2, （一） → 3. Bounded, anchored: linear.
_TEXT_HEADINGS = (
    (re.compile(rf"^(?:第[{_NUM}\d]{{1,4}}[章部篇编卷]|篇[{_NUM}]{{1,3}})(?:\s|[：:、]|$)"), 1),
    (re.compile(rf"^第[{_NUM}\d]{{1,4}}节(?:\s|[：:、]|$)"), 2),
    (re.compile(rf"^[{_NUM}]{{1,3}}、"), 2),
    (re.compile(rf"^[（(][{_NUM}]{{1,3}}[）)]"), 3),
)
_SENTENCE_END = re.compile(r"[。！？；，]$")
_PROSE = re.compile(r"[，。！？；]")
#: A table cell longer than this with three prose marks is a paragraph laid out in a table.
LAYOUT_CELL_CHARS = 80


@dataclass
class Block:
    """One block of the clean text. ``rows`` holds a table's cells; ``level`` a heading's level (1–6)."""

    kind: BlockKind
    text: str
    level: int | None = None
    rows: list[list[str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.level is not None:
            d["level"] = self.level
        if self.rows:
            d["rows"] = [list(r) for r in self.rows]
        return d


def text_heading_level(line: str) -> int | None:
    """The heading level of a plain-text line numbered the Chinese way, or None.

    >>> text_heading_level("第一章 总则"), text_heading_level("一、总体要求"), text_heading_level("（二）主要任务")
    (1, 2, 3)
    >>> text_heading_level("一、要提高认识，加强领导，确保各项工作落到实处。") is None
    True
    """
    if len(line) > TEXT_HEADING_MAX_LEN or _SENTENCE_END.search(line):
        return None
    for rx, level in _TEXT_HEADINGS:
        if rx.match(line):
            return level
    return None


def _same(a: str, b: str) -> bool:
    """True when clean line ``a`` is extracted line ``b`` after in-place normalisation (t2s, punctuation)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > max(2, len(b) // 10):
        return a.startswith(b[:8]) or b.endswith(a[-8:]) if len(a) >= 8 and len(b) >= 8 else False
    n = min(len(a), len(b))
    if n == 0:
        return False
    same = sum(1 for x, y in zip(a, b) if x == y)
    return same >= 0.6 * n


def line_kinds(page: Page) -> list[tuple[str, ...]]:
    """The kind of block each line of ``page.text`` came from (``("paragraph",)`` where unknown).

    The clean text keeps a subsequence of the extract step's lines, changed in place (t2s,
    punctuation, joined paragraphs); each clean line is matched to the next extracted line like it.
    """
    lines = page.text.split("\n") if page.text else []
    hints = page.line_kinds
    if not hints:
        return [_text_kind(line) for line in lines]
    out: list[tuple[str, ...]] = []
    j = 0
    for line in lines:
        kind: tuple[str, ...] = ("paragraph",)
        for k in range(j, min(j + ALIGN_WINDOW, len(hints))):
            if _same(line, hints[k][0]):
                kind, j = hints[k][1], k + 1
                if kind[0] == "code":  # the extracted line, indented as the page shows it
                    kind = ("code", hints[k][0])
                break
        out.append(kind)
    return out


def _text_kind(line: str) -> tuple[str, ...]:
    level = text_heading_level(line.strip())
    return ("heading", str(level)) if level else ("paragraph",)


def build_blocks(page: Page) -> list[Block]:
    """The typed blocks of ``page.text``."""
    lines = page.text.split("\n") if page.text else []
    blocks: list[Block] = []
    table: tuple[str, int, tuple[int, int]] | None = None  # (table id, row, (row, column)) of the open table
    for raw, kind in zip(lines, line_kinds(page)):
        line = raw.strip()
        if not line:
            table = None
            continue
        name = kind[0]
        if name == "cell":
            key, row, col = kind[1], int(kind[2]), int(kind[3])
            if table is None or table[0] != key or not blocks or blocks[-1].kind != "table":
                blocks.append(Block("table", ""))
                table = (key, -1, (-1, -1))
            current = blocks[-1]
            if table[1] != row:
                current.rows.append([])
            cells = current.rows[-1]
            current.__dict__.setdefault("_lines", []).append(line)
            if table[2] == (row, col) and cells:
                cells[-1] += " " + line  # a cell with several lines
            else:
                cells.append(line)
            table = (key, row, (row, col))
            continue
        table = None
        if name == "heading":
            blocks.append(Block("heading", line, level=int(kind[1]) if len(kind) > 1 else 2))
        elif name == "code":  # consecutive code lines are one block, indented as the page shows them
            raw_line = kind[1].rstrip() if len(kind) > 1 and kind[1].strip() == line else raw.rstrip()
            if blocks and blocks[-1].kind == "code":
                blocks[-1].text += "\n" + raw_line
            else:
                blocks.append(Block("code", raw_line))
        elif name in ("list_item", "quote", "caption"):
            blocks.append(Block(name, line))  # type: ignore[arg-type]
        else:
            blocks.append(Block("paragraph", line))
    out: list[Block] = []
    for b in blocks:
        if b.kind != "table":
            out.append(b)
        elif _layout_table(b.rows):  # a table that only lays out prose: its lines are paragraphs
            out.extend(Block("paragraph", line) for line in b.__dict__.pop("_lines"))
        else:
            b.__dict__.pop("_lines", None)
            b.text = "\n".join(" ".join(r) for r in b.rows)
            out.append(b)
    return out


def _layout_table(rows: list[list[str]]) -> bool:
    """True for a table used for layout: one column, or a cell holding paragraphs of prose."""
    if max((len(r) for r in rows), default=0) <= 1:
        return True
    return any(len(c) > LAYOUT_CELL_CHARS and len(_PROSE.findall(c)) >= 3 for r in rows for c in r)


def to_markdown(page: Page) -> str:
    """Markdown of the page: ``#`` title, headings, ``-`` lists, ``|`` tables, fenced code, ``>`` quotes."""
    out: list[str] = []
    if page.title:
        out.append(f"# {page.title}")
    blocks = page.blocks or build_blocks(page)
    previous = ""
    for b in blocks:
        if b.kind == "heading":
            if page.title and b.text == page.title:
                continue
            text = "#" * max(2, min(6, b.level or 2)) + " " + b.text
        elif b.kind == "list_item":
            text = "- " + b.text
        elif b.kind == "table":
            text = _table(b.rows)
        elif b.kind == "code":
            text = "```\n" + b.text + "\n```"
        elif b.kind == "quote":
            text = "> " + b.text
        elif b.kind == "caption":
            text = "*" + b.text + "*"
        else:
            text = b.text
        if out and not (b.kind == "list_item" and previous == "list_item"):
            out.append("")
        out.append(text)
        previous = b.kind
    return "\n".join(out)


def _table(rows: list[list[str]]) -> str:
    width = max((len(r) for r in rows), default=0)
    if width == 0:
        return ""
    lines = []
    for n, row in enumerate(rows):
        cells = [c.replace("|", "\\|") for c in row] + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if n == 0:
            lines.append("|" + " --- |" * width)
    return "\n".join(lines)


__all__ = ["Block", "BlockKind", "build_blocks", "line_kinds", "text_heading_level", "to_markdown"]
