"""structure — page markers out, broken paragraphs rejoined, title found, articles split.

Four passes, each recorded:

* ``structure.page-marker`` — document-sharing sites cut the text into pages and
  start each with its number (``2、统干部职工``), often mid-word. A run of
  consecutive counters whose lines are cut mid-sentence (or of equal length) is
  pagination, not a list: the counters go and the pieces are rejoined.
* ``structure.rejoin`` — paragraphs the site split at semicolons or mid-sentence
  are joined again.
* ``structure.title`` — for text input, a title-like line before the body that is
  confirmed by repetition, by an editor preface naming it, or by chrome around it
  becomes ``page.title``; lines repeating the title are dropped.
* ``structure.documents`` — a page holding several articles (…讲话篇一 … 篇六) is
  split into :class:`~speechclean.page.Document` objects, each with its title.

>>> from speechclean import clean
>>> fill = "我们将以此次会议精神为指引，迅速组织动员、广泛发动，确保各项工作科学有序推进，" * 2
>>> page = clean(f"1、{fill}全面提升全系\\n2、统干部职工的能力，{fill}提高重症救治水平\\n3、、基层医疗服务能力。")
>>> "全面提升全系统干部职工" in page.text, "救治水平、基层" in page.text, page.text.count("\\n")
(True, True, 0)
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..chrome.cues import vocab_cues
from ..chrome.view import simplified_lines
from ..code import code_lines
from ..lines import LineEditor
from ..page import Document, Page
from ..rules import Rule, builtin
from ..text import SENTENCE_END, TERMINAL, cjk_count, is_heading, punct_count, visible_len
from . import Step
from .boilerplate import is_body, is_title_like
from .page_markers import JOIN_AFTER, JOIN_BEFORE, join_across_page_markers, rejoin_marks, remove_page_markers

#: A line cut mid-sentence is at least this long (shorter ones are headings and titles).
REJOIN_MIN_LEN = 30
#: A multi-article page's header (the lines above its first article) is at most this many title lines.
HEADER_MAX_LINES = 2
#: Headings are at most this long.
HEADING_MAX_LEN = 60
_PREFACE_TITLE = re.compile(r"整理(?:了|的)(?:关于)?[“《]?([^，,。；;]{4,80}?)[”》]?[，,。]?\s*(?:供|希望|欢迎|仅供|以供)")
#: A title-like line this short that holds a chrome word is a label, not a title.
SHORT_LABEL_LEN = 6
#: The title above the article's metadata may stand this many lines past the first dense line.
META_TITLE_SLACK = 3
_BULLET = re.compile(r"^[•·▪◦●○■□◆◇►▶※*＊]")
#: A field of the page's metadata: a short label naming one (原文作者：… 来源：…) before a colon.
_FIELD_LABEL = re.compile(r"^([^：:\s]{1,6}+)\s*+[：:]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}+")
#: Lines longer than this are never compared with a title.
TITLE_KEY_MAX_LEN = 120
_NOT_TITLE_END = TERMINAL + "；;：:，,、"
_NORMALIZE = re.compile(r"[\s\W_]+")


@cache
def _rule(rule_id: str) -> Rule:
    return next(r for r in builtin("structure") if r.id == rule_id)


@lru_cache(maxsize=1 << 14)  # pages repeat lines (cells, dates, buttons): each judged once
def is_document_title(line: str) -> bool:
    """True for the title of one article on a multi-article page (…篇一, 【篇二】)."""
    return _rule("structure.document-title").matches(line)


def clean_title(title: str) -> str:
    """A title without what the site appended to it (（优秀六篇）, _范文大全, - 新华网)."""
    rule = _rule("structure.title-suffix")
    for start, end in reversed(rule.spans(title)):
        title = title[:start] + title[end:]
    return title.strip()


@lru_cache(maxsize=1 << 14)
def _key(line: str) -> str:
    """A line reduced for comparison with a title ("" for lines far too long to be one)."""
    if len(line) > TITLE_KEY_MAX_LEN:
        return ""
    return _NORMALIZE.sub("", clean_title(line))


def _is_heading_line(line: str) -> bool:
    return is_heading(line) and "。" not in line and visible_len(line) <= HEADING_MAX_LEN


def drop_blank_lines(page: Page) -> None:
    ed = LineEditor(page)
    code = code_lines(ed.old)  # code keeps its blank lines and indentation (speechclean.code)
    for i, line in enumerate(ed.old):
        if i in code:
            ed.keep(i)
        elif line.strip():
            ed.keep(i, line.strip())
        else:
            ed.drop(i, "")
    ed.finish()


# -- pass 2: broken paragraphs -------------------------------------------------------------
_TAIL = 256


def continues(prev: str, line: str) -> bool:
    """True when ``line`` continues the paragraph ``prev`` that the site broke off.

    Only Chinese meets Chinese at the join (an ideograph or ``；`` before, an ideograph or an
    opening mark after), so joining never puts ASCII marks into a new context.
    """
    last = prev[-1:]
    if last in SENTENCE_END and last != "；":  # most lines: a finished sentence
        return False
    if not JOIN_AFTER.match(last) or not JOIN_BEFORE.match(line):
        return False
    if is_document_title(prev) or is_document_title(line) or _is_heading_line(line):
        return False
    if last == "；":
        return not _is_heading_line(prev)
    if _is_heading_line(prev):
        return False
    # The counts only grow with the text: a bounded tail decides almost always (paragraphs joined
    # line by line would otherwise be recounted whole at every line).
    for text in (prev[-_TAIL:], prev) if len(prev) > _TAIL else (prev,):
        if (
            visible_len(text) >= REJOIN_MIN_LEN
            and punct_count(text) >= 1  # a sentence cut short has clauses; a heading has none
            and cjk_count(text) >= REJOIN_MIN_LEN // 2
        ):
            return True
    return False


def rejoin(page: Page, at: set[int] | None = None) -> None:
    """Join the lines that continue the line before them; with ``at``, only those lines (which the
    caller knows are not code)."""
    ed = LineEditor(page)
    code = code_lines(ed.old) if at is None else set()
    for i, line in enumerate(ed.old):
        s = line.strip()
        if i in code or i - 1 in code:
            ed.keep(i)
        elif not s:
            ed.drop(i, "")
        elif (at is None or i in at) and ed.out and continues(ed.out[-1], s):
            page.count("structure.rejoin")
            ed.join(i, s)
        else:
            ed.keep(i, s)
    ed.finish()


# -- pass 3: title -------------------------------------------------------------------------
def _header_lines(page: Page, lines: list[str]) -> tuple[str | None, set[int]]:
    """The title the text itself confirms, and the header lines to drop with it.

    Before the first body line, a title-like line is confirmed as the title by being repeated on
    the page, by an editor preface naming it, or by chrome removed before it. Every other title-like line repeated in that header is dropped too (a site's name,
    a repeated nav entry), so that cleaning the result again finds nothing more to drop. When the
    page has its title already (the HTML's), chrome around a line does not make it a second title:
    a short reply between two removed placeholders (该评论已删除) is not a title.
    """
    first_body = next((i for i, s in enumerate(lines) if is_body(s)), len(lines))
    keys = [_key(s) for s in lines]  # cheap: long lines get ""
    counts: dict[str, int] = {}
    said: set[str] = set()  # keys a copy of which ends a sentence: a repeated remark (元旦快乐！), not a title
    for s, key in zip(lines, keys):
        if key:
            counts[key] = counts.get(key, 0) + 1
            if s.rstrip()[-1:] in TERMINAL:
                said.add(key)
    preface = next(
        (t for r in page.removals if r.rule == "boilerplate.editor-preface"
         and (m := _PREFACE_TITLE.search(r.text)) and len(_key(t := clean_title(m.group(1)))) >= 4),
        None,
    )
    # Chrome removed before a line (or right after it) frames it as the page's header.
    chrome_lines = [r.line for r in page.removals if r.step == "boilerplate" and not r.span and r.line is not None]
    first_chrome = min(chrome_lines, default=None)
    # The article's own metadata (来源：… 作者：… 2022-06-14) stands right under its title.
    meta_after = {r.line for r in page.removals if r.rule == "boilerplate.metadata" and not r.span and r.line is not None}
    repeated: set[int] = set()
    twice = framed = above_meta = None
    for i in range(first_body):
        s = lines[i]
        if not _confirmable(s):
            continue
        key = keys[i]
        if counts[key] >= 2 and key not in said:
            repeated.add(i)
            twice = twice or clean_title(s)
        elif not _may_be_title(s):
            continue
        elif framed is None and page.title is None and first_chrome is not None and first_chrome <= i + 1:
            framed = clean_title(s)
    if meta_after:  # the line above the first metadata, even past a dense chrome line (完善资料…，立即完善>)
        i = min(meta_after) - 1
        if 0 <= i <= first_body + META_TITLE_SLACK and _confirmable(lines[i]) and _may_be_title(lines[i]):
            above_meta = clean_title(lines[i])
    # A line the page repeats is its title even when a preface names another; then the preface's
    # words, then the line above the article's metadata, then a line framed by chrome. (A clean text
    # that opens with a heading keeps it.)
    title = twice or preface or above_meta or framed
    return title, repeated


def _confirmable(s: str) -> bool:
    """A line shaped like a title the page could confirm (not a heading, an article's title, a sentence)."""
    if not s or not _title_like(s) or _is_heading_line(s) or is_document_title(s) or s[-1] in _NOT_TITLE_END:
        return False
    return len(_key(s)) >= 4  # also excludes the "" of long lines


def _title_like(line: str) -> bool:
    """Title-like, a Latin word counting as one character (深入理解RESTful Api设计)."""
    return is_title_like(line) or is_title_like(_LATIN_WORD.sub("A", line))


def _may_be_title(line: str) -> bool:
    """A line framed by chrome is the title unless it is an item of a menu (``• 系统消息``) or a short
    label naming chrome (``正文内容``, ``会员中心``): a sidebar word, not an article's name."""
    if _BULLET.match(line) or _is_field(line):
        return False
    return visible_len(line) > SHORT_LABEL_LEN or not vocab_cues(simplified_lines([line])[0])


def _is_field(line: str) -> bool:
    """A field of the metadata (``原文作者：Lunamos``), not a title: its label before the colon names one
    (the chrome vocabulary's ``meta`` family); a title's own colon follows its words (党课讲稿：“…”)."""
    m = _FIELD_LABEL.match(line)
    return m is not None and "vocab.meta" in vocab_cues(simplified_lines([m.group(1)])[0])


def find_title(page: Page) -> None:
    """Set ``page.title`` (unless the HTML gave one) and drop the lines that repeat it."""
    lines = page.text.split("\n")
    code = code_lines(lines)  # code is content: never a title, never dropped as one
    confirmed, repeated = _header_lines(page, ["" if i in code else s for i, s in enumerate(lines)])
    if page.title is None:
        page.title = confirmed
    if not page.title and not repeated:
        return
    keys = {k for t in (page.title, confirmed) if t and (k := _key(t))}
    ed = LineEditor(page)
    gaps: set[int] = set()  # kept lines (new numbers) that now follow a kept line across a dropped one
    dropped = False
    for i, s in enumerate(lines):
        if i not in code and not is_document_title(s) and (_key(s) in keys or i in repeated):
            ed.drop(i, "structure.title" if _key(s) in keys else "structure.repeated-header")
            dropped = True
            continue
        if dropped and ed.out and i not in code and i - 1 not in code:
            gaps.add(len(ed.out))
        dropped = False
        ed.keep(i)
    ed.finish()
    if gaps:  # rejoin ran with the title line in the way; else cleaning the output again joins them
        rejoin(page, at=gaps)
    if page.title:
        page.title = clean_title(page.title)


# -- pass 4: documents ---------------------------------------------------------------------
def split_documents(page: Page, enabled: bool) -> None:
    lines = page.text.split("\n")
    code = code_lines(lines)
    kept = [i for i, s in enumerate(lines) if s.strip() or i in code]
    lines = [lines[i] for i in kept]
    titles = [n for n, s in enumerate(lines) if kept[n] not in code and is_document_title(s)] if enabled else []
    if len(titles) < 2:
        text = "\n".join(lines)
        page.documents = [Document(page.title, text)] if text else []
        page.text = text
        return
    docs: list[Document] = []
    header = lines[: titles[0]]
    if header and len(header) <= HEADER_MAX_LINES and all(is_title_like(s) and s[-1] not in _NOT_TITLE_END for s in header):
        # the page's own header above its articles: the first line is the page title
        if page.title is None:
            page.title = clean_title(header[0])
        page.text = "\n".join(lines)
        ed = LineEditor(page)
        for i in range(len(lines)):
            if i < len(header):
                ed.drop(i, "structure.title")
            else:
                ed.keep(i)
        ed.finish()
        lines, titles, header = lines[len(header) :], [t - len(header) for t in titles], []
    if header:
        docs.append(Document(page.title, "\n".join(header)))
    for n, start in enumerate(titles):
        end = titles[n + 1] if n + 1 < len(titles) else len(lines)
        title = clean_title(lines[start])
        if title != lines[start]:
            page.remove("structure.title-suffix", lines[start][len(title):].strip() or lines[start], start, span=True)
        docs.append(Document(title, "\n".join(lines[start + 1 : end])))
    page.count("structure.documents", len(docs))
    page.documents = docs
    page.text = "\n\n".join(f"{d.title}\n{d.text}" if d.title and d.text else d.title or d.text for d in docs)


class Structure(Step):
    """Remove page markers, rejoin paragraphs, find the title, split articles."""

    name = "structure"

    def __call__(self, page: Page) -> Page:
        drop_blank_lines(page)  # first, so page counters sit on adjacent lines
        remove_page_markers(page)
        if "punctuation" not in self.options.disable:
            rejoin_marks(page)
        join_across_page_markers(page)
        rejoin(page)
        find_title(page)
        split_documents(page, self.options.split_documents)
        return page


STEP = Structure
