"""A relative time shown with its absolute date in an attribute: ``<abbr class="timeago"
title="2024年04月22日">1 月前</abbr>``, ``<span title="2023-05-28 10:28:25">11个月前</span>``.

Forum and blog software (Ruby China, learnku, timeago.js widgets) print ``3 天前`` and keep the date in
``title``, ``data-tooltip`` or ``datetime``. When the byline shows only such a time, the first one
after the headline is the article's date; no reference date is needed, and nothing is guessed.

>>> from speechclean.dom.parse import parse
>>> root = parse('<html><body><h1>标题</h1><p>创建于 <span title="2023-05-28 10:28:25">11个月前</span></p>'
...              '<p>回复于 <abbr title="2024-01-02">3 天前</abbr></p></body></html>')
>>> shown_date(root, after=root.find(".//h1")).iso
'2023-05-28T10:28:25'
"""

from __future__ import annotations

import re

from lxml import etree

from .dates import ParsedDate, find_date

#: Attributes that carry the absolute date of a relative time.
DATE_ATTRIBUTES = ("title", "data-tooltip", "datetime", "data-time")
#: How many text nodes after the headline are looked at for the first relative time.
LOOK_AT = 400
# A relative time as such widgets print it (any unit: only recognised, never computed).
_RELATIVE = re.compile(r"\d{1,3}\s?(?:秒|分钟|小时|天|周|星期|个月|月|年)前|刚刚|今天|昨天|前天|\d{1,3}\s?\w{3,7}\s?ago")
_AFTER = etree.XPath("following::text()")
_ALL = etree.XPath("//body//text()")


def shown_date(root: etree._Element, after: etree._Element | None = None) -> ParsedDate | None:
    """The absolute date behind the first relative time shown after ``after`` (the headline), or None
    when that time has none (the page's date is then unknown: a later one is a reply's)."""
    texts = _AFTER(after) if after is not None else _ALL(root)
    for text in texts[:LOOK_AT]:
        if len(text) > 40 or _RELATIVE.search(text) is None:
            continue
        el = text.getparent()
        if text.is_tail and el is not None:  # text after an element belongs to the element around both
            el = el.getparent()
        for _ in range(2):  # the element holding the time, or the one around it (<a title><span>3 天前</span></a>)
            if el is None:
                break
            for name in DATE_ATTRIBUTES:
                value = (el.get(name) or "").strip()
                if value and (d := find_date(value[:64], short_forms=False)) is not None:
                    return d
            el = el.getparent()
        return None
    return None


__all__ = ["shown_date"]
