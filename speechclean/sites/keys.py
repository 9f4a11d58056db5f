"""Which site a page belongs to: the key a :class:`~speechclean.sites.SiteProfile` counts it under.

In order of preference: a key the caller gave (``meta["site"]``), the host of the page's
address (``url``: a record's url, a WARC record's ``WARC-Target-URI``), or the directory a file
was read from (``meta["path"]``, the command line's directories). ``level="domain"`` folds the
hosts of one registered domain together (``news.163.com`` and ``money.163.com`` → ``163.com``).

>>> site_key({"url": "https://WWW.Example.com:8080/a/b.html"})
'example.com'
>>> site_key({"url": "http://news.sina.com.cn/c/1.shtml"}, level="domain")
'sina.com.cn'
>>> site_key({"site": "my-site", "url": "http://x.org/"})
'my-site'
>>> site_key({"path": "crawl/fanwen/001.txt"}), site_key({"path": "./crawl//fanwen/002.txt"})
('dir:crawl/fanwen', 'dir:crawl/fanwen')
>>> site_key({}) is None
True
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal
from urllib.parse import urlsplit

KeyLevel = Literal["host", "domain"]
KEY_LEVELS: tuple[str, ...] = ("host", "domain")

#: Second-level labels under a country code that are part of the registered suffix (``com.cn``, ``gov.cn``).
_SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "ac", "co", "mil", "int"})


def host_of(url: str) -> str | None:
    """The lower-cased host of ``url`` without ``www.`` and port, or None.

    >>> host_of("HTTP://www.Gov.CN/zhengce/"), host_of("not a url")
    ('gov.cn', None)
    """
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".")
    return host.removeprefix("www.")


def domain_of(host: str) -> str:
    """The registered domain of a host, by a small rule: the last two labels, or three under a
    country code whose second level is generic (``com.cn``, ``gov.cn``, ``co.uk``).

    >>> domain_of("news.163.com"), domain_of("www.bj.gov.cn"), domain_of("localhost")
    ('163.com', 'bj.gov.cn', 'localhost')
    """
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def site_key(meta: Mapping[str, Any], level: KeyLevel = "host") -> str | None:
    """The site key of a page from what is known about it (``page.meta`` or an item's metadata)."""
    given = meta.get("site")
    if isinstance(given, str) and given:
        return given
    url = meta.get("url")
    if isinstance(url, str) and url:
        host = host_of(url)
        if host:
            return domain_of(host) if level == "domain" else host
    path = meta.get("path")
    if isinstance(path, (str, os.PathLike)):
        parent = os.path.dirname(os.path.normpath(os.fspath(path)))
        return "dir:" + (parent or ".")
    return None


__all__ = ["KEY_LEVELS", "KeyLevel", "domain_of", "host_of", "site_key"]
