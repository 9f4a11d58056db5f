"""Where a page's parts stand among its visible lines: the headline, the byline block, the body and its tail.

:func:`title_line` finds the headline; :func:`find_zones` the lines after it: the byline block
(``head``: at most ``HEAD_MAX_LINES`` lines up to the first prose line), the body (prose lines no
more than ``BODY_GAP`` lines apart, up to an end marker such as ``相关阅读``), and the credit lines
after it (``tail``, ``TAIL_LINES`` past the last prose line; ``tail_labelled``, ``TAIL_LABELLED_LINES``).

>>> lines = ["首页 > 新闻", "会议召开", "2019年09月07日 04:04 来源：北京日报",
...          "今天，我们召开会议，研究部署下一阶段的工作，会议强调要落实责任，确保各项任务按期完成。", "责任编辑：张申"]
>>> title_line(lines, "会议召开")
1
>>> zones = find_zones(lines, 1)
>>> zones.head, zones.body_start, zones.tail
(range(2, 3), 3, range(3, 5))
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..text import cjk_count, punct_count
from .date_choice import byline_date
from .words import words

#: A line with this many ideographs and two Chinese punctuation marks is article prose.
BODY_MIN_CJK = 25
#: The byline block under the title is at most this many lines.
HEAD_MAX_LINES = 14
#: The article's body ends after this many lines without prose.
BODY_GAP = 25
#: Credit lines are read this many lines past the last prose line.
TAIL_LINES = 8
#: Labelled editor and source credits are read this many lines past the last prose line.
TAIL_LABELLED_LINES = 16

_NOT_ALNUM = re.compile(r"[\W_]+")


def line_skeleton(s: str) -> str:
    """Letters, digits and ideographs only (NFKC first when the text holds full-width forms)."""
    if not s.isascii():
        s = unicodedata.normalize("NFKC", s)
    return _NOT_ALNUM.sub("", s)


def is_body(line: str) -> bool:
    # the length first (most lines are short), then the cheaper count
    return len(line) >= BODY_MIN_CJK and punct_count(line) >= 2 and cjk_count(line) >= BODY_MIN_CJK


def is_end_marker(line: str) -> bool:
    return len(line) <= 12 and line.startswith(words()["zones"]["end_markers"])


def title_line(lines: list[str], title: str | None, alternatives: tuple[str, ...] = ()) -> int:
    """The index of the headline among ``lines``, or -1.

    A line equal to the title (or to an ``<h1>`` given in ``alternatives``) wins; a line the title
    starts with comes next (a title that kept its site suffix); a line holding the title last. Among
    equal candidates, the first one followed by a byline date.
    """
    wants = [w for w in (line_skeleton(t) for t in (title, *alternatives) if t) if len(w) >= 2]
    if not wants:
        return -1
    longest = max(len(w) for w in wants) * 2 + 40
    initials = {w[0] for w in wants}
    skeletons: list[str] = []  # made as the scan reaches them: most pages' headline is their first line

    def skeleton(i: int) -> str:
        line = lines[i]
        skeletons.append(line_skeleton(line) if len(line) <= longest and not initials.isdisjoint(line) else "")
        return skeletons[i]

    first = -1
    scan: range | list[int] = range(len(lines))  # every line on the first pass, then those with a skeleton
    for test in (
        lambda sk, w: sk == w,
        lambda sk, w: len(sk) >= 6 and w.startswith(sk),
        lambda sk, w: len(w) >= 4 and w in sk and len(sk) <= 1.5 * len(w) + 12,
    ):
        for want in wants:
            for i in scan:
                sk = skeletons[i] if i < len(skeletons) else skeleton(i)
                if sk and test(sk, want):
                    if any(byline_date(lines[j], None, None) for j in range(i + 1, min(i + 7, len(lines)))):
                        return i
                    if first < 0:
                        first = i
            if isinstance(scan, range):  # the first pass made every line's skeleton
                scan = [i for i, sk in enumerate(skeletons) if sk]
    return first


@dataclass(frozen=True, slots=True)
class Zones:
    """The zones of a page's lines (indexes into them)."""

    headline: int  # the headline's line, or -1
    head: range  # the byline block under the headline (from the page's start without one)
    body_start: int  # the first line after the byline block
    tail: range  # read for every credit: the body and TAIL_LINES past its last prose line
    tail_labelled: range  # read for labelled editor and source lines: TAIL_LABELLED_LINES past it
    ended_by_marker: bool  # the body ended on an end marker (相关阅读), not on BODY_GAP lines without prose


def find_zones(lines: list[str], headline: int) -> Zones:
    """The zones of ``lines`` under the headline at index ``headline`` (-1: none found)."""
    start = headline + 1 if headline >= 0 else 0
    end = start
    while end < len(lines) and end - start < HEAD_MAX_LINES and not is_body(lines[end]):
        if is_end_marker(lines[end]):
            break
        end += 1
    last = end - 1
    i = end
    while i < len(lines) and i - last <= BODY_GAP and not is_end_marker(lines[i]):
        if is_body(lines[i]):
            last = i
        i += 1
    ended_by_marker = i < len(lines) and is_end_marker(lines[i])
    stop = min(len(lines), last + 1 + TAIL_LINES)
    tail = range(end, stop)  # read for every credit
    for j in range(last + 1, stop):
        if is_end_marker(lines[j]):
            tail = range(end, j)
            break
    # Labelled editor and source lines (责任编辑：…) also stand after an in-article box (延伸阅读).
    tail_labelled = range(end, min(len(lines), last + 1 + TAIL_LABELLED_LINES))
    return Zones(headline, range(start, end), end, tail, tail_labelled, ended_by_marker)


def article_ends_within(lines: list[str]) -> bool:
    """True when the article and its credit lines end inside ``lines`` (the same zones the reader uses)."""
    zones = find_zones(lines, -1)
    return zones.tail_labelled.stop < len(lines) or zones.ended_by_marker
