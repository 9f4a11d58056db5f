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
_SEPARATORS = re.compile(r"(?<!\s)(?:\s++[-–—|·]\s++|\s*+(?:_|\||｜|——|--|－|—|::)\s*+)")
_SPACE = re.compile(r"\s+")
_LEADING_SEPARATOR = re.compile(r"^\s*+(?:[-–—|·_｜－]|::)")
# A site or organisation name glued to the end of a title by a bare hyphen or a space
# (``…GPU-EDN 电子技术设计``, ``…交通-新华网``, ``…工作 东区办事处``): short, named like a site.
_HYPHEN_SUFFIX = re.compile(r"(?<=\S)-(?=[^-]{2,16}$)(?=[^\d]*[\u4e00-\u9fff])")
_ORG_SUFFIX = re.compile(
    r"(?<!\s)\s++(\S{2,20}?(?:网|网站|官网|在线|频道|报|日报|晚报|社|台|医院|办事处|政府|委员会|局|厅|委|院|大学|学院|学会|协会|中心|公司|集团))$"
)
# Badges a site glues before the headline in its <h1>/<h2> (原创, 独家, 置顶).
_BADGE = re.compile(r"^(?:原创|独家|置顶|精华|推荐|热门|转载|视频|图文|专题)\s*")
# A hyphened suffix named like a site or a channel (中国诗歌网, 某某论坛, 帮助开发者面试的平台).
_SITE_WORD = re.compile(r"(?:网|网站|官网|在线|频道|论坛|社区|平台|博客|百科)$")
SITE_HEAD_MIN = 4  # a title this long loses a site-named hyphened suffix however long the suffix is
MIN_LEN = 2
SITE_NAME_MAX = 5  # a leading part this long or longer is the title, not a site name
LEAD_PART_RATIO = 3  # ...unless a later part is this many times longer (``栏目名--标题``)


def _clean(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def site_free(title: str, sites: frozenset[str] = frozenset()) -> str:
    """``title`` without the site and channel names joined to it by a separator.

    ``sites`` are names the page gives itself (``og:site_name``): parts equal to one go first.

    >>> site_free("法国全国大罢工再次严重影响交通-新华网"), site_free("区领导一行到金融街开展调研工作 东区办事处_中山网")
    ('法国全国大罢工再次严重影响交通', '区领导一行到金融街开展调研工作')
    """
    if " @ " in title:  # blog convention: 文章标题 @ 博客名
        return _clean(title.split(" @ ", 1)[0])
    if _LEADING_SEPARATOR.match(title):
        return ""  # ``-铜雀历史网``: the page left its title part empty, only the site's name follows
    parts = [p for p in (_clean(p) for p in _SEPARATORS.split(title)) if p]
    if sites and len(parts) > 1:
        parts = [p for p in parts if p not in sites] or parts
    if not parts:
        return _clean(title)
    first = parts[0]
    longest = max(parts, key=len)
    if len(first) < SITE_NAME_MAX:
        first = longest if len(longest) >= 2 * len(first) else first
    elif len(longest) >= LEAD_PART_RATIO * len(first):
        first = longest
    return _strip_suffix(first)


def _strip_suffix(title: str) -> str:
    """Drop the site names glued on by a bare hyphen or a space, when the rest is at least twice as long.

    Names repeat the cut (``标题-开发者客栈-帮助开发者面试的平台``, ``标题-新华网河北频道-新华网``); a
    hyphened part named like a site (``…网``, ``…论坛``, ``…平台``) goes after any title of
    ``SITE_HEAD_MIN`` characters (``静夜思•夜-中国诗歌网``).

    >>> _strip_suffix("简历无法下载，提示服务器出现问题。-开发者客栈-帮助开发者面试的平台"), _strip_suffix("静夜思•夜-中国诗歌网")
    ('简历无法下载，提示服务器出现问题。', '静夜思•夜')
    """
    while True:
        cut = _suffix_cut(title)
        if cut is None:
            return title
        title = cut


def _suffix_cut(title: str) -> str | None:
    for pattern in (_HYPHEN_SUFFIX, _ORG_SUFFIX):
        m = pattern.search(title)
        if m:
            head = title[: m.start()].rstrip()
            suffix = title[m.start() :]
            if len(head) >= 2 * len(suffix) or (
                pattern is _HYPHEN_SUFFIX and len(head) >= SITE_HEAD_MIN and _SITE_WORD.search(suffix)
            ):
                return head
    return None


_OG_TITLE = etree.XPath("//meta[@property='og:title']/@content", smart_strings=False)
_SITE_NAMES = etree.XPath("//meta[@property='og:site_name' or @name='application-name']/@content", smart_strings=False)


def _first_title_text(root: etree._Element) -> str | None:
    """``root.findtext(".//title")`` by lxml's C tag iteration (ElementPath steps through every element in Python)."""
    for title in root.iter("title"):
        if title is not root:
            return title.text or ""
    return None


def find_title(root: etree._Element) -> str | None:
    """The best title of the document ``root`` (before pruning: it reads ``<head>``)."""
    raw = _clean(_first_title_text(root))
    if not raw:
        og = _OG_TITLE(root)
        raw = _clean(og[0]) if og else ""
    sites = frozenset(_clean(v) for v in _SITE_NAMES(root))
    main = site_free(raw, sites) if raw else ""
    for h in root.iter("h1", "h2"):
        text = _clean(text_of(h))
        if len(text) < MIN_LEN or len(text) > 120:
            continue
        if main and main in text and main != text and _BADGE.sub("", text) == main:
            return main  # the headline with a badge glued on (原创标题)
        if not main or (main in text or text in main) and len(text) >= 0.6 * len(main):
            return _strip_suffix(text)
    return main or None
