"""A numbered list goes or stays as a whole: when most of its items are chrome, so are the rest.

A document site's notices come as a numbered list (``温馨提示：`` / ``1、PDF文件下载后…`` / ``2、本站不支持迅雷
下载…`` / ``3、试题试卷类文档…``); rules and the classifier name some items by their wording, never all of them,
since every site words them its own way. A list is one block of the page: when at least
``MIN_CHROME_SHARE`` of its items are dropped, the items left go with them, and so does a short heading
right above the list (``温馨提示：``, ``友情提示``).

A list here is a run of consecutive non-empty lines numbered in order (``1、`` ``2.`` ``3）`` ``（4）``, or
``一、`` ``二、``), at least ``MIN_ITEMS`` long; a decimal (``1.5``) or a date (``2022.``) starts none.

>>> view = ["友情提示", "1、下载后请解压。", "2、本站不支持迅雷下载。", "3、请使用浏览器下载。", "正文开始，今天天气很好。"]
>>> sorted(list_lines(view, {2, 3}))
[0, 1]
>>> list_lines(view, {2})
set()
>>> list_lines(view, {1, 2, 3})
{0}
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator

from ..text import visible_len

#: A list is at least this many items…
MIN_ITEMS = 3
#: …and goes whole when at least this share of them is dropped.
MIN_CHROME_SHARE = 0.5
#: A heading above a list that goes is at most this long (visible characters), and ends on a colon or on
#: no mark.
HEADING_MAX_LEN = 8

_NUMERALS = "一二三四五六七八九十"
_ITEM = re.compile(r"^[（(]?+(\d{1,2}+|[一二三四五六七八九十]{1,2}+)[、．.:：)）](?!\d)")
_HEADING_END = re.compile(r"[：:\w]$")


def _number(line: str) -> int | None:
    m = _ITEM.match(line)
    if m is None:
        return None
    n = m.group(1)
    if n.isdigit():
        return int(n)
    if len(n) == 1:
        return _NUMERALS.index(n) + 1
    if n[0] == "十":  # 十一 … 十九
        return 10 + _NUMERALS.index(n[1]) + 1 if n[1] != "十" else None
    return (_NUMERALS.index(n[0]) + 1) * 10 if n[1] == "十" else None  # 二十, 三十…


def numbered_runs(view: list[str]) -> Iterator[list[int]]:
    """The runs of consecutive non-empty lines of ``view`` numbered in order (each number one more than the
    last), at least ``MIN_ITEMS`` long."""
    run: list[int] = []
    last: int | None = None
    for i, v in enumerate(view):
        if not v:
            continue
        n = _number(v)
        if n is not None and last is not None and n == last + 1:
            run.append(i)
        else:
            if len(run) >= MIN_ITEMS:
                yield run
            run = [i] if n is not None else []
        last = n
    if len(run) >= MIN_ITEMS:
        yield run


def list_lines(view: list[str], dropped: Container[int]) -> set[int]:
    """The lines that go with the numbered lists of ``view`` most of whose items are in ``dropped``: the
    items left, and a short heading right above the list (neither already in ``dropped``)."""
    out: set[int] = set()
    for run in numbered_runs(view):
        gone = sum(1 for i in run if i in dropped)
        if gone < MIN_CHROME_SHARE * len(run):
            continue
        out.update(i for i in run if i not in dropped)
        above = next((j for j in range(run[0] - 1, -1, -1) if view[j]), None)
        if (above is not None and above not in dropped and visible_len(view[above]) <= HEADING_MAX_LEN
                and _number(view[above]) is None and _HEADING_END.search(view[above])):
            out.add(above)
    return out


__all__ = ["list_lines", "numbered_runs"]
