"""Names without a label: a byline's account or outlet, and whether ``<meta name=author>`` is a person.

Names come only from labelled values (:mod:`~speechclean.meta.bylines`), the byline block's own
unlabelled name (:func:`byline_account`: a self-media account, ``加拿大必读`` over ``发布时间：…``) or
``<meta name=author>`` when it is a name (:func:`plausible_meta_author`).

>>> unlabelled_name("原创 加拿大必读"), unlabelled_name("发布时间：2019-05-18")
('加拿大必读', None)
>>> plausible_meta_author("网易", "网易新闻"), plausible_meta_author("张三", "网易新闻")
(False, True)
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable

from ..text import cjk_count
from .bylines import Credit
from .dates import find_date, has_relative
from .words import words
from .zones import Zones, line_skeleton

_BADGES = re.compile(r"^(?:原创|独家|首发|置顶|热|荐)\s*")
_NAME_LIKE = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9·\-_ ]{1,13}$")
_SEPARATOR_LINE = re.compile(r"^[·•|｜/\-—_:：\s]+$")
# 由 ddos8919发布于 | 张三 发表于: a name, then the verb that dates it (a bounded name: linear).
_POSTED_BY = re.compile(r"(?:^|\s|由)(?P<name>[^\s:：由]{2,20}?)\s?(?:发布于|发表于)[:：]?$")
_BRACKET_TAG = re.compile(r"\[[^\]]{1,6}\]$")  # 游民星空[整理]


def unlabelled_name(text: str) -> str | None:
    """A byline's unlabelled name (an outlet or self-media account), or None."""
    text = _BADGES.sub("", text.strip(" ·•|｜"))
    text = _BRACKET_TAG.sub("", text).strip()  # 游民星空[整理]
    first = text.split(" ")[0] if text else ""
    w = words()
    if not first or not _NAME_LIKE.match(first) or cjk_count(first) + sum(c.isalpha() for c in first) < 2:
        return None
    if has_relative(first):
        return None
    ui = w["labels"]["other"] + w["labels"]["date"] + w["names"]["not_names"] + w["names"]["placeholders"]
    if first.startswith(ui) or first.endswith(("分享", "举报", "关注", "收藏", "评论") + w["names"]["not_account_endings"]):
        return None
    if first in w["names"]["not_accounts"] or any(word in first for word in w["names"]["not_account_words"]):
        return None
    return first


def _posted_by(before: str) -> str | None:
    """The name in ``由 ddos8919发布于`` / ``张三 发表于`` just before a date, or None."""
    m = _POSTED_BY.search(before)
    return unlabelled_name(m["name"]) if m else None


def byline_account(lines: list[str], zones: Zones, title_skeletons: set[str], date_line: int, date_end: int,
            reference: _dt.date | None, read: Callable[[str], list[Credit]]) -> tuple[str, bool] | None:
    """The unlabelled name in the byline block, and whether it names the author.

    A name over a follow button (``中国广州发布`` / ``关注``), before the date on its line
    (``中国网 2019-11-25``) or on the line above it (``加拿大必读`` over ``发布时间：…``) is the
    publishing account: author and source. A name after the date, on its line or below it
    (``2019-09-26 10:56:28`` / ``证券时报网``), is the outlet: source only. ``date_line`` and
    ``date_end`` are the lines the byline date starts and ends on (-1: none); ``read`` gives a
    line's credits.
    """
    for j in zones.head:
        nxt = lines[j + 1] if j + 1 < len(lines) else ""
        if (len(nxt) <= 4 and nxt.strip("+ ＋").startswith("关注")
                and (name := _name_line(lines, zones, title_skeletons, j, read))):
            return name, True
    if date_line < 0:
        return None
    line = lines[date_line]
    before = after = ""
    d = find_date(line, year=2000, reference=reference or _dt.date(2000, 1, 1))
    if d is not None:
        if any(c.kind != "date" for c in read(line)):
            return None
        before, after = line[: d.start].strip(), line[d.end:].strip()
    if before and (name := _posted_by(before) or unlabelled_name(before)):
        return name, True
    if name := _name_line(lines, zones, title_skeletons, date_line - 1, read):
        return name, True
    if after and (name := unlabelled_name(after)):
        return name, False
    for j in (date_end + 1, date_end + 2):
        if name := _name_line(lines, zones, title_skeletons, j, read):
            return name, False
    return None


def _name_line(lines: list[str], zones: Zones, title_skeletons: set[str], j: int,
               read: Callable[[str], list[Credit]]) -> str | None:
    """Line ``j`` of the byline block as a name alone, or None."""
    if j == zones.headline or j not in zones.head:
        return None
    text = lines[j]
    if line_skeleton(text) in title_skeletons or _SEPARATOR_LINE.match(text):
        return None
    if read(text) or find_date(text, year=2000) is not None:
        return None
    if j > 0 and lines[j - 1].rstrip().endswith(("：", ":")):
        return None  # the value of the label above (来源：/山西日报)
    return unlabelled_name(text)


def plausible_meta_author(value: str | None, site: str | None, source: str | None = None) -> bool:
    """True when a markup author (``<meta name=author>``, JSON-LD) reads as a person, not the site or outlet."""
    if not value:
        return False
    value = value.strip()
    if not value or len(value) > 20 or "@" in value or "," in value or "." in value or value.isdigit():
        return False
    if site and (value in site or site in value):
        return False
    if source and line_skeleton(value) == line_skeleton(source):
        return False
    return cjk_count(value) >= 2 or value.isalpha()
