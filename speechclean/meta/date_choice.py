"""Which date a page gives for its article: a byline date, else the other evidence in order.

A date is read from a line only when the line is a byline (:func:`byline_date`: short, or labelled
``发布时间：``), never from prose. Without one in the byline block: a date split over short lines
(:func:`split_date`), then (:func:`other_date`) a labelled date credit after the body, a line that
is only a full date and time, a publication-date line anywhere on the page, ``<time>``, the
markup's dates, and a date in the URL path. Month-day forms take their year from
:func:`year_hint`.

>>> byline_date("2019年09月07日 04:04 来源：北京日报", None, None).iso
'2019-09-07T04:04'
>>> byline_date("今天是2019年09月07日，我们召开会议，研究部署下一阶段的工作，会议强调要落实责任。", None, None) is None
True
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable

from ..text import cjk_count, punct_count
from .bylines import Credit, credits
from .dates import ParsedDate, find_date, parse_iso
from .htmlmeta import MarkupFacts

#: A byline line holds at most this many ideographs besides its date.
BYLINE_MAX_CJK = 18
#: Date labels that name the publication date itself (read anywhere on the page as a last visible resort).
PUBLISH_LABELS = ("发布时间", "发布日期", "发稿时间", "发表时间", "发表日期", "發布時間", "發佈時間", "發布日期", "發佈日期")

# A date in a URL path: /2019-09-07/, /20190907/, /2019/0907/, /201909/07/.
_URL_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/_]?(?P<m>1[0-2]|0[1-9])[-/_]?(?P<d>3[01]|[12]\d|0[1-9])(?!\d)")


def byline_date(line: str, year: int | None, reference: _dt.date | None,
                read: Callable[[str], list[Credit]] = credits) -> ParsedDate | None:
    """A date on a byline line; None when the line is prose that mentions a date."""
    labelled = [c for c in read(line) if c.kind == "date"]
    d = find_date(line, year=year, reference=reference, short_forms=True)
    if d is None:
        return None
    rest = line[: d.start] + line[d.end:]
    if labelled or cjk_count(rest) <= BYLINE_MAX_CJK and punct_count(rest) <= 2:
        return d
    return None


def year_hint(markup: MarkupFacts, url: str | None, reference: _dt.date | None) -> int | None:
    """The year for month-day forms: the markup's dates, the URL's, the reference date's."""
    for _, value in markup.dates + markup.year_hints + markup.times:
        d = parse_iso(value)
        if d:
            return d.year
    if url and (m := _URL_DATE.search(url)):
        return int(m["y"])
    if reference is not None:
        return reference.year
    return None


def split_date(lines: list[str], head: range, year: int | None,
               reference: _dt.date | None) -> tuple[ParsedDate, int, int] | None:
    """A date the page splits over short lines (``2019`` / ``09/07`` / ``19:02``), its first and last line."""
    zone = list(head)
    for k, i in enumerate(zone):
        group = []
        for j in zone[k:k + 4]:
            if len(lines[j]) > 8:
                break
            group.append(lines[j])
        if len(group) >= 2:
            joined = " ".join(group)
            d = find_date(joined, year=year, reference=reference)
            if d and d.start == 0:
                offset, last = 0, i
                for k2, g in enumerate(group):  # the last line the date reaches into
                    if offset < d.end:
                        last = i + k2
                    offset += len(g) + 1
                return d, i, last
    return None


def other_date(lines: list[str], tail: range, tail_credits: list[tuple[int, Credit]], year: int | None,
               reference: _dt.date | None, markup: MarkupFacts, url: str | None,
               read: Callable[[str], list[Credit]]) -> tuple[str | None, str | None, str | None]:
    """The date when the byline block gives none: (ISO date, evidence, the byline line found elsewhere).

    The third value is the publication-date line the date came from when it stands away from where
    the headline was found (its other values count as the byline's), else None.
    """
    for _, c in tail_credits:
        if c.kind == "date":
            d = find_date(c.value, year=year, reference=reference)
            if d:
                return d.iso, "credit", None
    for i in tail:  # a line that is only a full date and time, under the first paragraphs
        line = lines[i]
        if (len(line) <= 25 and (d := find_date(line, short_forms=False)) and "T" in d.iso
                and cjk_count(line[: d.start] + line[d.end:]) == 0):
            return d.iso, "byline", None
    for line in lines:  # a publication-date line anywhere on the page (发布时间：2019-05-18)
        if len(line) > 60 or not any(label in line for label in PUBLISH_LABELS):
            continue
        if cs := [c for c in read(line) if c.kind == "date" and c.label in PUBLISH_LABELS]:
            d = find_date(cs[0].value, year=year, reference=reference)
            if d:
                return d.iso, "byline", line  # the page's byline, away from where the headline was found
    for ev, value in markup.times:
        d = parse_iso(value)
        if d:
            return d.iso, ev, None
    for ev, value in markup.dates:
        d = parse_iso(value)
        if d:
            return d.iso, ev, None
    if url and (m := _URL_DATE.search(url.split("?")[0])):
        return f"{m['y']}-{m['m']}-{m['d']}", "url", None
    return None, None, None
