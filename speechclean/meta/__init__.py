"""What a page says about itself: publication date, author, source, site name and URL.

Run by the extract step on HTML (:func:`read_html`, before anything is pruned, so the byline
lines the boilerplate step later removes still give their values) and by the structure step's
neighbour on text input (:func:`read_text`). The result goes to ``page.published``,
``page.author``/``page.author_role``, ``page.source``, ``page.site_name``, ``page.url``, with the
evidence for each in ``page.meta_evidence``.

>>> from speechclean.dom.parse import parse
>>> root = parse('''<html><head><title>会议召开_新闻_某某网</title></head><body><h1>会议召开</h1>
... <div class="info">2019-09-07 13:43:45 来源: 新京报</div>
... <p>今天，我们召开会议，研究部署下一阶段的工作。会议强调，要落实责任，确保各项任务按期完成。</p>
... <p>（责任编辑：杜硕_NB12556）</p></body></html>''')
>>> m = read_html(root, title="会议召开")
>>> m.published, m.source, m.author, m.author_role, m.site_name
('2019-09-07T13:43:45', '新京报', '杜硕', '责任编辑', '某某网')
"""

from __future__ import annotations

import datetime as _dt
import re
from itertools import islice
from typing import TYPE_CHECKING, Any

from .collect import Metadata, read_lines
from .htmlmeta import MARKUP_TAGS, markup_facts
from .lines import FOLLOWING_TEXTS, LineReader
from .reach import TrackedLines
from .shown import shown_date
from .zones import article_ends_within, line_skeleton

if TYPE_CHECKING:
    from lxml import etree

    from ..page import Page

#: Text nodes read first after the headline element (or from the page's start): more only when the
#: reader looked at the last line they gave.
FIRST_READ = 400
#: Text nodes read after the headline element when the first read was not enough (more when the
#: article runs past them).
FIRST_TEXTS = 1500
#: Text input: metadata is read from this many leading lines.
TEXT_HEAD_LINES = 30

_TITLE_SEPARATORS = re.compile(r"(?<!\s)(?:\s++[-–—|·]\s++|\s*+(?:_|\||｜|——|--|－)\s*+)")  # linear: see dom.title


def _site_from_title(root: etree._Element) -> str | None:
    head = root.find("head")
    title = next((t for t in (head if head is not None else root).iter("title") if t is not root), None)
    raw = " ".join(((title.text if title is not None else None) or "").split())
    parts = [p for p in _TITLE_SEPARATORS.split(raw) if p.strip()]
    if len(parts) >= 2 and 2 <= len(parts[-1]) <= 12:
        return parts[-1].strip()
    return None


def reference_date(value: Any) -> _dt.date | None:
    """A caller's reference date (``date``, ``datetime`` or ISO string) for ``昨天``/``3小时前``."""
    if value is None or isinstance(value, _dt.date):
        return value
    try:
        return _dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def read_html(root: etree._Element, *, title: str | None = None, url: str | None = None,
              reference: _dt.date | None = None) -> Metadata:
    """Metadata of an HTML document (call before pruning: it reads the whole tree)."""
    # One walk over the tree for every element read here: on a tree fresh from the parser each walk
    # costs its memory reads (~0.15 ms on a news page), more than the Python code for what it finds.
    found: dict[str, list[etree._Element]] = {tag: [] for tag in MARKUP_TAGS}
    heads: list[etree._Element] = []  # h1, h2, h3 in document order
    for el in root.iter(*MARKUP_TAGS, "h1", "h2", "h3"):
        found.get(el.tag, heads).append(el)
    facts = markup_facts(root, found)
    headings = [(h, " ".join("".join(h.itertext()).split())) for h in islice((h for h in heads if h.tag == "h1"), 3)]
    site = _site_from_title(root)
    # Reading only what follows the headline element keeps the cost down; the whole page when no
    # heading element is the headline.
    want = line_skeleton(title or "")
    start = None
    if want:
        for h in heads:
            if line_skeleton("".join(h.itertext())) == want:
                start = h
                break
    reader = LineReader(root, after=start)
    top = [" ".join(title.split())] if start is not None and title else []
    memo: dict[Any, Any] = {}  # credits per line, kept for a second read of more lines

    def read(lines: list[str]) -> Metadata:
        return read_lines(lines, title=title, markup=facts, reference=reference, url=url,
                          alternatives=tuple(text for _, text in headings), site=site, memo=memo)

    # The first FIRST_READ text nodes first: when the reader never looked at their last line, the
    # rest of the page would not change what it found.
    lines = TrackedLines([*top, *reader.read(FIRST_READ)])
    meta = read(lines)
    if reader.more and not lines.settled():
        if top:
            # Most pages' bylines and credits sit in the first text nodes after the headline; read
            # more only when the article's prose runs on to the end of what was read.
            rest = [*top, *reader.read(FIRST_TEXTS)]
            if reader.more and not article_ends_within(rest):
                rest = [*top, *reader.read(FOLLOWING_TEXTS)]
        else:
            rest = reader.read()
        meta = read(rest)
    if meta.published is None and (shown := shown_date(root, after=start)) is not None:
        meta.published, meta.evidence["published"] = shown.iso, "shown:attribute"  # 3 天前, title="2024-05-08"
    if meta.site_name is None and site:
        meta.site_name, meta.evidence["site_name"] = site, "title"
    return meta


def read_text(text: str, *, title: str | None = None, url: str | None = None,
              reference: _dt.date | None = None) -> Metadata:
    """Metadata from the head lines of plain text (the byline lines under a title)."""
    lines = [line.strip() for line in text.split("\n", TEXT_HEAD_LINES)[:TEXT_HEAD_LINES] if line.strip()]
    meta = read_lines(lines, title=title or (lines[0] if lines else None), reference=reference, url=url,
                      unlabelled=False)
    meta.site_name = None
    return meta


def apply(page: Page, meta: Metadata) -> None:
    """Copy ``meta`` onto the page's fields, keeping values the caller set."""
    for name in ("published", "author", "author_role", "source", "site_name", "url"):
        value = getattr(meta, name)
        if value is not None and getattr(page, name) is None:
            setattr(page, name, value)
    for k, v in meta.evidence.items():
        page.meta_evidence.setdefault(k, v)


__all__ = ["Metadata", "apply", "read_html", "read_lines", "read_text", "reference_date"]
