"""The page title: ``<h1>`` when it agrees with ``<title>``, else ``<title>``/``og:title`` without the site name.

Titles carry the site and channel names after a separator (``标题 - 新华网``,
``标题_范文大全_某某网``, ``标题 | 站名``); the title is the leading part unless that part
is as short as a site name and a later part is at least twice as long.

>>> site_free("关于开展安全生产检查的通知_通知公告_某某市人民政府")
'关于开展安全生产检查的通知'
>>> site_free("新华网 - 习近平会见外国领导人并举行会谈")
'习近平会见外国领导人并举行会谈'
"""

from __future__ import annotations

import re

from lxml import etree

from .parse import text_of

# Linear: tried only where a whitespace run starts, quantifiers never give back.
_SEPARATORS = re.compile(r"(?<!\s)(?:\s++[-–—|·]\s++|\s*+(?:_|\||｜|——|--|－|—)\s*+)")
_SPACE = re.compile(r"\s+")
MIN_LEN = 2
SITE_NAME_MAX = 5  # a leading part this long or longer is the title, not a site name


def _clean(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def site_free(title: str) -> str:
    """``title`` without the site and channel names joined to it by a separator."""
    parts = [p for p in (_clean(p) for p in _SEPARATORS.split(title)) if p]
    if not parts:
        return _clean(title)
    first = parts[0]
    if len(first) >= SITE_NAME_MAX:
        return first
    longest = max(parts, key=len)
    return longest if len(longest) >= 2 * len(first) else first


def find_title(root: etree._Element) -> str | None:
    """The best title of the document ``root`` (before pruning: it reads ``<head>``)."""
    raw = _clean(root.findtext(".//title"))
    if not raw:
        og = root.xpath("//meta[@property='og:title']/@content")
        raw = _clean(og[0]) if og else ""
    main = site_free(raw) if raw else ""
    for h in root.iter("h1", "h2"):
        text = _clean(text_of(h))
        if len(text) < MIN_LEN or len(text) > 120:
            continue
        if not main or (main in text or text in main) and len(text) >= 0.6 * len(main):
            return text
    return main or None
