"""Runs of lines that go or stay together, for the boilerplate step: the list under a chrome heading
(where it ends), a menu before or after the body (a run of chrome-like short lines goes as a whole), and
short lines of symbols set apart inside a text (kept with it).

Each function takes the boilerplate step's :class:`~speechclean.steps.boilerplate.Layout` of a page.
"""

from __future__ import annotations

import re
from collections.abc import Container
from typing import TYPE_CHECKING

from ..text import SENTENCE_END, cjk_count, ends_sentence, is_heading, visible_len
from .classify import MENU_ITEM_MAX_LEN, true_runs
from .kinds import TITLE_MAX_LEN, is_title_like

if TYPE_CHECKING:
    from ..steps.boilerplate import Layout

#: A line of at most this many ASCII symbols between two lines of text is a piece of them (an operator, a
#: quote or a shell prompt the page set apart: ``set http_proxy`` / ``=`` / ``http``), not stray chrome.
INLINE_SYMBOL_MAX_LEN = 3
_ASCII_SYMBOLS = re.compile(r"^[!-/:-=?@\[-`{}~]++$")  # not | or >: the separators of menus and trails


def ends_list(line: str) -> bool:
    """Inside the body, a list under a chrome heading ends at a heading, a sentence or an article's title
    (…范文第2篇)."""
    from ..steps.structure import is_document_title  # late: structure builds on the boilerplate step

    return is_heading(line) or ends_sentence(line) and cjk_count(line) >= 2 or is_document_title(line)


def ends_tail_list(line: str) -> bool:
    """After the body, a list under a chrome heading (tags, related titles) ends where readers speak: a
    remark that ends on ！ or ？, or a reply to someone (``@name …``) — comments, not list items."""
    if line[:1] in "@＠":
        return True
    end = len(line)
    while end and not line[end - 1].isalnum() and line[end - 1] not in "！？!?":  # past emoji: 理念！👍👍
        end -= 1
    return end > 0 and line[end - 1] in "！？!?" and cjk_count(line) >= 2


def keep_inline_symbols(lay: Layout, drops: dict[int, str], chrome: dict[int, tuple[float, tuple[str, ...]]]) -> None:
    """Short lines of ASCII symbols that the stray-punctuation rule named, between lines that stay, are
    pieces of the text around them (inline code, a quote, an operator set on its own line): kept.

    Decided after the classifier, on the lines that stay, for a run of such lines at once, with the page's
    edge counting as a line that stays: what the structure step takes away later (a title, a repeated
    header) then leaves the verdict the same when the result is cleaned again."""
    nonblank = [i for i, v in enumerate(lay.view) if v]
    symbol = [drops.get(i) == "boilerplate.stray-punctuation" and len(lay.view[i]) <= INLINE_SYMBOL_MAX_LEN
              and _ASCII_SYMBOLS.match(lay.view[i]) is not None for i in nonblank]
    for k, j in true_runs(symbol):
        around = nonblank[k - 1 : k] if k else []
        around += nonblank[j : j + 1]
        if all(m not in drops and m not in chrome for m in around):
            for m in nonblank[k:j]:
                del drops[m]


#: A dense line this short that ends on no mark is a headline in a list (an advert's title), not prose.
HEADLINE_MAX_LEN = 60


def headline(line: str, length: int) -> bool:
    """A dense line that reads as a headline: short and ending on no mark (…想要作文提高15分，得这样学)."""
    return length <= HEADLINE_MAX_LEN and line[-1:] not in SENTENCE_END


def above_metadata(lay: Layout, i: int) -> bool:
    """Line ``i`` is title-like and the next non-empty line is metadata (发布时间：…): an article's title."""
    if not is_title_like(lay.view[i]):
        return False
    for j in range(i + 1, min(len(lay.view), i + 4)):
        if lay.view[j]:
            r = lay.named[j]
            return r is not None and r.id == "boilerplate.metadata"
    return False


#: The article's title (a title-like line right above its metadata) ends the page's head when at most this
#: share of the body's characters stands above it: what a site prints above an article's title and byline
#: is its header (a login bar, a prompt dense enough to pass for prose), whatever its shape.
TITLE_HEAD_MAX_BODY_SHARE = 0.2
#: An article's title is at least this long (a sidebar label above a date is not: 注册时间 / 2010-2-9).
TITLE_MIN_LEN = 6


def article_start(lay: Layout) -> int | None:
    """The line of the article's title that ends the head (see ``TITLE_HEAD_MAX_BODY_SHARE``), or None."""
    total = sum(n for n, b in zip(lay.lengths, lay.body) if b)
    above = 0
    for i, v in enumerate(lay.view):
        if not v:
            continue
        if lay.named[i] is None and _byline_follows(lay, i) and _titles(v):
            return i if above <= TITLE_HEAD_MAX_BODY_SHARE * total else None
        if lay.body[i]:
            above += lay.lengths[i]
            if above > TITLE_HEAD_MAX_BODY_SHARE * total:
                return None
    return None


def _titles(line: str) -> bool:
    """A line that may title an article: short, with some ideographs, ending no sentence (titles of technical
    posts mix in Latin words: 深入理解RESTful Api设计, which ``is_title_like`` would not take)."""
    return TITLE_MIN_LEN <= visible_len(line) <= TITLE_MAX_LEN and cjk_count(line) >= 2 and not ends_sentence(line)


def _byline_follows(lay: Layout, i: int) -> bool:
    """The next non-empty line after ``i`` (within three) is metadata (来源：… 作者：… 2022-06-14)."""
    for j in range(i + 1, min(len(lay.view), i + 4)):
        if lay.view[j]:
            r = lay.named[j]
            return r is not None and r.id == "boilerplate.metadata"
    return False


def head_to_title(edges: tuple[int | None, int | None], start: int | None) -> tuple[int | None, int | None]:
    """The classifier's ``edges`` (first and last body lines) with the head running down to the article's
    title ``start`` when the body seems to begin above it."""
    first, last = edges
    if start is None or first is None or last is None or not first < start < last:
        return edges
    return start, last


#: A menu is a run of short lines outside the body (ending no sentence, or named by a rule) that goes as a
#: whole. Its cut-offs are data (``[menu]`` of ``rules/chrome_weights.toml``, derived by
#: ``benchmarks/train_lines.py`` from labelled runs): a run of at least ``min_lines`` lines whose lines
#: score ``min_mean`` on average (a line a rule names counts 1) is a menu — a run of ``long_lines`` or more
#: (a header's whole site menu) already when they score ``long_mean`` — and its lines scoring at least
#: ``line_floor`` go with it (not a title-like line, which may be the article's title between the site's
#: header and the article's metadata, unless it is bulleted).
_MENU_BULLET = re.compile(r"^[•·▪◦●○■□◆◇►▶※]")


def outside_runs(view: list[str], lengths: list[int], first: int | None, last: int | None, drops: Container[int],
                 verdicts: dict[int, tuple[float, tuple[str, ...]]]) -> list[list[int]]:
    """The runs of menu-like lines before or after the body ``first``…``last``: each line named by a rule
    (in ``drops``) or judged (in ``verdicts``), short and ending no sentence. Runs of any length, in order."""
    if first is None or last is None:
        return []
    runs: list[list[int]] = []
    run: list[int] = []
    for i, v in enumerate(view):
        if not v:
            continue
        outside = i < first or i > last
        if outside and (i in drops or i in verdicts and lengths[i] <= MENU_ITEM_MAX_LEN and not ends_sentence(v)):
            run.append(i)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def menu_goes(view: list[str], run: list[int], drops: Container[int], verdicts: dict[int, tuple[float, tuple[str, ...]]],
              cut: dict[str, float]) -> list[int]:
    """The judged lines of ``run`` that go with it when it is a menu by the cut-offs ``cut`` (else none)."""
    if len(run) < cut["min_lines"]:
        return []
    scores = [1.0 if i in drops else verdicts[i][0] for i in run]
    if sum(scores) / len(scores) < (cut["long_mean"] if len(run) >= cut["long_lines"] else cut["min_mean"]):
        return []
    return [i for k, i in enumerate(run)
            if i in verdicts and verdicts[i][0] >= cut["line_floor"] and not _may_title(view, run, k, drops)]


def _may_title(view: list[str], run: list[int], k: int, drops: Container[int]) -> bool:
    """The ``k``-th line of ``run`` may be the article's title: title-like, not bulleted, and at a border of
    the menu (its first or last line, or next to a line a rule names: a breadcrumb above it, a byline below
    it). A title-like line between two judged menu items (• 评论与回复 / 登录后你可以 / • 下载海量资料) is one more item."""
    line = view[run[k]]
    if _MENU_BULLET.match(line) or not is_title_like(line):
        return False
    return k == 0 or k == len(run) - 1 or run[k - 1] in drops or run[k + 1] in drops


def menu_run_lines(lay: Layout, drops: dict[int, str], verdicts: dict[int, tuple[float, tuple[str, ...]]],
                   cut: dict[str, float]) -> set[int]:
    """The judged lines of chrome-like runs before or after the body (a menu, a login bar) that go as a
    whole: a run of chrome goes together even where each line alone scores just under the threshold."""
    if not lay.density:
        return set()
    out: set[int] = set()
    first, last = lay.edges()
    for run in outside_runs(lay.view, lay.lengths, first, last, drops, verdicts):
        out.update(menu_goes(lay.view, run, drops, verdicts, cut))
    return out


__all__ = [
    "above_metadata",
    "article_start",
    "ends_list",
    "ends_tail_list",
    "head_to_title",
    "headline",
    "keep_inline_symbols",
    "menu_goes",
    "menu_run_lines",
    "outside_runs",
]
