"""Runs of lines that go or stay together, for the boilerplate step: the list under a chrome heading
(where it ends), a menu before or after the body (a run of chrome-like short lines goes as a whole), and
short lines of symbols set apart inside a text (kept with it).

Each function takes the boilerplate step's :class:`~speechclean.steps.boilerplate.Layout` of a page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..text import SENTENCE_END, cjk_count, ends_sentence, is_heading
from .classify import MENU_ITEM_MAX_LEN, true_runs
from .kinds import is_title_like

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


#: A run of at least this many short lines outside the body (ending no sentence)…
MENU_MIN_LINES = 5
#: …whose lines score this much on average (a line a rule names counts 1)…
MENU_MIN_MEAN = 0.75
#: …is a menu as a whole: its lines scoring at least this go with it (not a title-like line, which may be
#: the article's title between the site's header and the article's metadata, unless it is bulleted).
MENU_LINE_FLOOR = 0.5
_MENU_BULLET = re.compile(r"^[•·▪◦●○■□◆◇►▶※]")


def menu_run_lines(lay: Layout, drops: dict[int, str], verdicts: dict[int, tuple[float, tuple[str, ...]]]) -> set[int]:
    """The judged lines of chrome-like runs before or after the body (a menu, a login bar) that go as a
    whole: a run of chrome goes together even where each line alone scores just under the threshold."""
    if lay.first is None or lay.last is None or not lay.density:
        return set()
    out: set[int] = set()
    run: list[int] = []

    def close() -> None:
        if len(run) >= MENU_MIN_LINES:
            scores = [1.0 if i in drops else verdicts[i][0] for i in run]
            if sum(scores) / len(scores) >= MENU_MIN_MEAN:
                out.update(i for i in run if i in verdicts and verdicts[i][0] >= MENU_LINE_FLOOR
                           and (_MENU_BULLET.match(lay.view[i]) or not is_title_like(lay.view[i])))
        run.clear()

    for i, v in enumerate(lay.view):
        if not v:
            continue
        outside = i < lay.first or i > lay.last
        if outside and (i in drops or i in verdicts and lay.lengths[i] <= MENU_ITEM_MAX_LEN and not ends_sentence(v)):
            run.append(i)
        else:
            close()
    close()
    return out


__all__ = ["above_metadata", "ends_list", "ends_tail_list", "headline", "keep_inline_symbols", "menu_run_lines"]
