r"""Page markers: what a site put between the pieces of one document, and the pieces joined again.

* chunk and page counters opening a line (``2、，工作总结…``, a run ``1、`` … ``12、`` of page starts):
  :func:`remove_page_markers` takes them out and joins the text they cut mid-sentence;
* a document-sharing site's page marker on a line of its own (``第2页 / 共43页``), which the boilerplate
  step cut: :func:`join_across_page_markers` joins the line after it to the line before when no sentence
  ended there;
* marks cut onto a line of their own (``…详见附件`` / ``）``): :func:`rejoin_marks` does again what the
  punctuation step does with them, where a removed line stood between.

>>> from speechclean import clean
>>> body = "会议强调，要统一思想，提高认识，确保各项工作落到实处，推动经济社会高质量发展。"
>>> clean(body + "\n会议要求各级党组织切实加强领导，认真组织开展学习活动，确保取得\n第2页 / 共43页\n，推动工作。").text[len(body):]
'\n会议要求各级党组织切实加强领导，认真组织开展学习活动，确保取得，推动工作。'
"""

from __future__ import annotations

import re
import statistics

from ..chrome.kinds import is_title_like
from ..chrome.spans import PAGE_MARKER
from ..code import code_lines
from ..conversion import protected_lines
from ..lines import LineEditor
from ..page import Page
from ..text import SENTENCE_END, TERMINAL, is_heading, punct_count, visible_len
from .punctuation import by_runs, join_orphan_marks

#: A run of page counters needs at least this many lines.
MARKER_MIN_RUN = 3
#: Share of a run's page breaks that must fall mid-sentence…
MARKER_MIN_CUT_SHARE = 0.5
#: …on pages at least this long on average…
MARKER_PAGE_MIN_LEN = 80
#: …or the pages are this long and this even (coefficient of variation of their lengths).
MARKER_EVEN_MIN_LEN = 100
MARKER_EVEN_MAX_CV = 0.1
#: A lone chunk marker follows a line at least this long that breaks off mid-word.
CHUNK_PREV_MIN_LEN = 40
#: A counter opening a title-like line whose predecessor opens one of this many lines before it numbers the
#: items of a list whose items run over several lines (``5、上海欢乐谷`` / … / ``6、上海海昌海洋公园``), not a chunk.
ITEM_LOOKBACK = 30
_MARKER = re.compile(r"^(\d{1,3})[、.．](?!\d)")
JOIN_AFTER = re.compile(r"[\u3400-\u9fff；]")
JOIN_BEFORE = re.compile(r"[\u3400-\u9fff“‘《（]")


def _marker_runs(lines: list[str]) -> list[list[int]]:
    runs: list[list[int]] = []
    current: list[int] = []
    expect = None
    for i, line in enumerate(lines):
        m = _MARKER.match(line)
        if m and expect is not None and int(m.group(1)) == expect:
            current.append(i)
        else:
            if len(current) >= MARKER_MIN_RUN:
                runs.append(current)
            current = [i] if m else []
        expect = int(m.group(1)) + 1 if m else None
    if len(current) >= MARKER_MIN_RUN:
        runs.append(current)
    return [r for r in runs if _is_pagination(lines, r)]


def _after_marker(line: str) -> str:
    m = _MARKER.match(line)
    return line[m.end() :] if m else line


def _is_pagination(lines: list[str], run: list[int]) -> bool:
    breaks = [lines[i - 1] for i in run[1:]]
    # a list's items end on a semicolon (1、…；/ 2、…；/ 3、…。): that is no page cut mid-sentence
    cut = sum(1 for b in breaks if not b.rstrip() or b.rstrip()[-1] not in TERMINAL and b.rstrip()[-1] not in "；;")
    starts_mid = sum(1 for i in run if _after_marker(lines[i])[:1] in "、，,；;")
    lengths = [visible_len(lines[i]) for i in run[:-1]]  # the last page is shorter
    pages = statistics.mean(lengths) >= MARKER_PAGE_MIN_LEN  # list items are short; pages are not
    if breaks and pages and (cut + starts_mid) / len(breaks) >= MARKER_MIN_CUT_SHARE and cut >= 1:
        return True
    if len(lengths) >= 2 and min(lengths) >= MARKER_EVEN_MIN_LEN:
        return statistics.pstdev(lengths) / statistics.mean(lengths) <= MARKER_EVEN_MAX_CV
    return False


def _chunk_markers(lines: list[str], taken: set[int]) -> list[int]:
    """Lone chunk markers: a counter opening a line that goes on a sentence the line before broke off
    mid-word (``…同时`` / ``2、，工作总结…``). The line before is long and is not the previous item of a
    list (it does not start with the counter before), so the counter numbers a chunk, not an item."""
    out = []
    for i in range(1, len(lines)):
        if i in taken or i - 1 in taken:
            continue
        m = _MARKER.match(lines[i])
        prev = lines[i - 1].rstrip()
        if m is None or not prev or int(m.group(1)) < 2 or not JOIN_AFTER.match(prev[-1]):
            continue
        before = _MARKER.match(prev)
        if before is not None and int(before.group(1)) == int(m.group(1)) - 1:
            continue
        if _list_item(lines, i, int(m.group(1))):
            continue
        if visible_len(prev) >= CHUNK_PREV_MIN_LEN and JOIN_BEFORE.match(_after_marker(lines[i]).lstrip("、，,；; ")[:1] or " "):
            out.append(i)
    return out


def _list_item(lines: list[str], i: int, n: int) -> bool:
    """Line ``i``, opened by counter ``n``, is the next item of a list: what follows the counter reads as an
    item's heading, and counter ``n - 1`` opens one of the ``ITEM_LOOKBACK`` lines before it."""
    if not is_title_like(_after_marker(lines[i]).strip()):
        return False
    for j in range(i - 2, max(-1, i - 1 - ITEM_LOOKBACK), -1):
        m = _MARKER.match(lines[j])
        if m is not None and int(m.group(1)) == n - 1:
            return True
    return False


def remove_page_markers(page: Page) -> None:
    ed = LineEditor(page)
    lines = ed.old
    runs = _marker_runs(lines)
    taken = {i for run in runs for i in run}
    runs += [[i] for i in _chunk_markers(lines, taken)]
    if not runs:
        return
    starts = {i: run[0] for run in runs for i in run}
    run_of = {i: run for run in runs for i in run}
    for i, line in enumerate(lines):
        if i not in starts:
            ed.keep(i)
            continue
        m = _MARKER.match(line)
        assert m is not None
        lone_run = len(run_of[i]) == 1
        page.remove("structure.page-marker", m.group(), len(ed.out) - (0 if i == starts[i] and not lone_run else 1), span=True)
        rest = line[m.end() :]
        lone = len(run_of[i]) == 1
        if lone:
            rest = rest.lstrip("、，,；; ")
        if (i != starts[i] or lone) and ed.out and (ed.out[-1][-1:] not in TERMINAL or rest[:1] in "、，,；;"):
            ed.join(i, rest)
        else:
            ed.keep(i, rest)
    ed.finish()


def rejoin_marks(page: Page) -> None:
    r"""What the punctuation step does with marks cut onto a line of their own (``…详见附件\n）``),
    done again: a line the boilerplate step or a page marker removed may have stood between them, and
    cleaning the output again would join them."""
    text = page.text
    # the whole text first (no code lines to find): a join inside a run of lines is one in the whole text
    if join_orphan_marks(text) != text:
        page.text = by_runs(text, protected_lines(text), lambda run: join_orphan_marks(run, page))


def join_across_page_markers(page: Page) -> None:
    """Join the line after a page marker the boilerplate step cut from a line of its own to the line before
    it: the marker cut the document, not a sentence, when the line before ends without closing one, reads as
    cut-off prose (a mark of prose punctuation, or ``CHUNK_PREV_MIN_LEN`` characters that are no title), Chinese meets
    Chinese at the join (or a comma-like mark goes on), and neither line is a heading."""
    at = {r.line for r in page.removals if r.rule == PAGE_MARKER and not r.span and r.line is not None}
    if not at:
        return
    ed = LineEditor(page)
    code = code_lines(ed.old)
    for i, line in enumerate(ed.old):
        if i in at and ed.out and i not in code and i - 1 not in code and _goes_on(ed.out[-1], line):
            page.count("structure.page-marker-joined")
            ed.join(i)
        else:
            ed.keep(i)
    ed.finish()


def _goes_on(prev: str, line: str) -> bool:
    if not prev or not line or prev[-1] in SENTENCE_END or is_heading(prev) or is_heading(line):
        return False
    if punct_count(prev) == 0 and (is_title_like(prev) or visible_len(prev) < CHUNK_PREV_MIN_LEN):
        return False  # a title or a label above the marker (茶树修剪机的研发设计 / 第1页 / 共49页 / 资源描述)
    return bool(JOIN_AFTER.match(prev[-1]) or prev[-1] in "，、") and bool(JOIN_BEFORE.match(line[0]) or line[0] in "，、；")


__all__ = [
    "JOIN_AFTER",
    "JOIN_BEFORE",
    "join_across_page_markers",
    "rejoin_marks",
    "remove_page_markers",
]
