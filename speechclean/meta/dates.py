"""Chinese and ISO date forms as pages show them, read at the precision shown.

Forms: ``2019年09月07日 04:04``, ``2019-09-07 13:43:45``, ``2019/9/7``, ``2019 09/07 19:02``,
``2019-09-07T13:43:45+08:00`` (zone dropped: the value is the page's local time), ``18-03-08 23:16``
(yy-mm-dd, only where a date label or byline context says it is a date), ``10-08 12:00``
(month-day-time: the year must come from other evidence), and ``昨天``/``3小时前`` (only with a
reference date the caller gives).

>>> find_date("2019年09月07日 04:04 来源：北京日报").iso
'2019-09-07T04:04'
>>> find_date("发布时间：10-0812:00", year=2019).iso
'2019-10-08T12:00'
>>> find_date("发布时间：18-03-0823:16").iso
'2018-03-08T23:16'
>>> find_date("昨天 10:30") is None
True
>>> import datetime
>>> find_date("昨天 10:30", reference=datetime.date(2020, 3, 2)).iso
'2020-03-01T10:30'
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

MIN_YEAR = 1990
MAX_YEAR = 2100

_TIME = r"(?:\s{0,3}(?:T\s?)?(?P<H>[01]?\d|2[0-3])\s?[:：时]\s?(?P<M>[0-5]\d)(?:\s?[:：分]\s?(?P<S>[0-5]\d))?)?"
# Every quantifier is bounded and the pieces are separated by fixed characters: linear on any input.
_FULL = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)\s{0,3}(?:[-/.年]\s{0,3}|\s{1,3})(?P<m>1[0-2]|0?[1-9])\s{0,3}[-/.月]\s{0,3}"
    r"(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)\s{0,2}日?" + _TIME
)
_COMPACT = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<m>1[0-2]|0[1-9])(?P<d>3[01]|[12]\d|0[1-9])(?!\d)")
_YMD2 = re.compile(r"(?<![\d-])(?P<y>\d\d)-(?P<m>1[0-2]|0[1-9])-(?P<d>3[01]|[12]\d|0[1-9])" + _TIME)
_MD_TIME = re.compile(
    r"(?<![\d-])(?P<m>1[0-2]|0?[1-9])\s?[-/月]\s?(?P<d>3[01]|[12]\d|0[1-9])\s?日?"
    r"\s{0,3}(?P<H>[01]?\d|2[0-3])[:：](?P<M>[0-5]\d)(?:[:：](?P<S>[0-5]\d))?"
)
_MD_CN = re.compile(r"(?<!\d)(?P<m>1[0-2]|0?[1-9])月(?P<d>3[01]|[12]\d|0?[1-9])日" + _TIME)
_RELATIVE = re.compile(
    r"(?P<word>今天|昨天|前天)" + _TIME + r"|(?P<n>\d{1,3})\s?(?P<unit>分钟|小时|天)前"
)


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A date found in text: ``iso`` at the precision shown, the ``raw`` text it came from, and ``form``."""

    iso: str
    raw: str
    form: str  # full, compact, yy-mm-dd, month-day, relative
    start: int = 0
    end: int = 0

    @property
    def year(self) -> int:
        return int(self.iso[:4])


def _iso(y: int, m: int, d: int, hh: str | None, mm: str | None, ss: str | None) -> str | None:
    try:
        _dt.date(y, m, d)
    except ValueError:
        return None
    out = f"{y:04d}-{m:02d}-{d:02d}"
    if hh is not None and mm is not None:
        out += f"T{int(hh):02d}:{mm}"
        if ss is not None:
            out += f":{ss}"
    return out


def find_date(
    text: str,
    *,
    year: int | None = None,
    reference: _dt.date | _dt.datetime | None = None,
    short_forms: bool = True,
) -> ParsedDate | None:
    """The first date in ``text``, or None.

    ``year`` completes month-day forms (``10-08 12:00``); without it they are skipped.
    ``reference`` resolves ``昨天``/``3小时前``; without it they are skipped.
    ``short_forms`` allows ``yy-mm-dd`` and month-day forms (off for text with no date context).
    """
    found: list[ParsedDate] = []
    m = _FULL.search(text)
    if m and MIN_YEAR <= int(m["y"]) <= MAX_YEAR:
        iso = _iso(int(m["y"]), int(m["m"]), int(m["d"]), m["H"], m["M"], m["S"])
        if iso:
            found.append(ParsedDate(iso, m.group().strip(), "full", m.start(), m.end()))
    if short_forms:
        m = _YMD2.search(text)
        if m:
            iso = _iso(2000 + int(m["y"]), int(m["m"]), int(m["d"]), m["H"], m["M"], m["S"])
            if iso:
                found.append(ParsedDate(iso, m.group().strip(), "yy-mm-dd", m.start(), m.end()))
        if year is not None:
            for rx in (_MD_TIME, _MD_CN):
                m = rx.search(text)
                if m:
                    iso = _iso(year, int(m["m"]), int(m["d"]), m["H"], m["M"], m["S"])
                    if iso:
                        found.append(ParsedDate(iso, m.group().strip(), "month-day", m.start(), m.end()))
    if reference is not None:
        m = _RELATIVE.search(text)
        if m:
            found.append(_relative(m, reference))
    if not found:
        m = _COMPACT.search(text) if short_forms else None
        if m and MIN_YEAR <= int(m["y"]) <= MAX_YEAR:
            iso = _iso(int(m["y"]), int(m["m"]), int(m["d"]), None, None, None)
            if iso:
                return ParsedDate(iso, m.group(), "compact", m.start(), m.end())
        return None
    # Earliest in the text; on a tie the longer (more precise) match.
    return min(found, key=lambda p: (p.start, -(p.end - p.start)))


def _relative(m: re.Match[str], reference: _dt.date | _dt.datetime) -> ParsedDate:
    ref = reference if isinstance(reference, _dt.datetime) else _dt.datetime(reference.year, reference.month, reference.day)
    if m["word"]:
        day = ref - _dt.timedelta(days=("今天", "昨天", "前天").index(m["word"]))
        iso = day.strftime("%Y-%m-%d")
        if m["H"] is not None:
            iso += f"T{int(m['H']):02d}:{m['M']}" + (f":{m['S']}" if m["S"] else "")
        return ParsedDate(iso, m.group().strip(), "relative", m.start(), m.end())
    n = int(m["n"])
    delta = {"分钟": _dt.timedelta(minutes=n), "小时": _dt.timedelta(hours=n), "天": _dt.timedelta(days=n)}[m["unit"]]
    when = ref - delta
    has_time = isinstance(reference, _dt.datetime) and m["unit"] != "天"
    iso = when.strftime("%Y-%m-%dT%H:%M") if has_time else when.strftime("%Y-%m-%d")
    return ParsedDate(iso, m.group().strip(), "relative", m.start(), m.end())


def has_relative(text: str) -> bool:
    """True when ``text`` holds a relative date (``昨天``, ``3小时前``)."""
    return _RELATIVE.search(text) is not None


def parse_iso(value: str) -> ParsedDate | None:
    """A machine date (``<time datetime>``, JSON-LD, ``<meta>``): ISO forms and Unix timestamps, zone dropped.

    >>> parse_iso("2019-09-07T13:43:45+08:00").iso
    '2019-09-07T13:43:45'
    >>> parse_iso("2019-10-08 12:00:57").iso
    '2019-10-08T12:00:57'
    """
    value = value.strip()
    if not value:
        return None
    if value.isdigit() and len(value) in (10, 13):
        t = _dt.datetime.fromtimestamp(int(value[:10]), _dt.timezone(_dt.timedelta(hours=8)))
        return ParsedDate(t.strftime("%Y-%m-%dT%H:%M:%S"), value, "timestamp")
    return find_date(value[:64], short_forms=False)


__all__ = ["ParsedDate", "find_date", "has_relative", "parse_iso"]
