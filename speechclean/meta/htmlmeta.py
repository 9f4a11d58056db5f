"""What a page's markup says about it: ``<meta>`` tags, JSON-LD, ``<time>``, ``<link rel=canonical>``.

Each value comes with the name of the evidence that gave it (``meta:article:published_time``,
``jsonld:datePublished``, ``time``), so a caller can see why a date or author was chosen.

>>> from speechclean.dom.parse import parse
>>> root = parse('<html><head><meta property="article:published_time" content="2019-09-07T13:43:45+08:00">'
...              '<meta property="og:site_name" content="某某网"></head><body><p>正文</p></body></html>')
>>> m = markup_facts(root)
>>> m.dates[0], m.site_name
(('meta:article:published_time', '2019-09-07T13:43:45+08:00'), ('meta:og:site_name', '某某网'))
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

log = logging.getLogger("speechclean")

#: <meta> names and properties (lower-cased) that give the publication date, most trusted first.
DATE_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "og:release_date",
    "datepublished", "pubdate", "publishdate", "publish_date", "publish-date", "publication_date",
    "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date",
    "weibo:article:create_at", "article:published", "published_time", "created",
)
#: <meta> that only complete a date the page shows without its year (updated times).
YEAR_META = ("dateupdate", "datemodified", "article:modified_time", "og:updated_time", "lastmod")
AUTHOR_META = ("article:author", "og:article:author", "author", "dc.creator", "byl", "sailthru.author")
SITE_META = ("og:site_name", "application-name", "apple-mobile-web-app-title", "sitename", "site_name")
URL_META = ("og:url",)


@dataclass
class MarkupFacts:
    """Values the markup gives, each as ``(evidence, value)``, most trusted first."""

    dates: list[tuple[str, str]] = field(default_factory=list)
    year_hints: list[tuple[str, str]] = field(default_factory=list)
    authors: list[tuple[str, str]] = field(default_factory=list)
    site_name: tuple[str, str] | None = None
    url: tuple[str, str] | None = None
    times: list[tuple[str, str]] = field(default_factory=list)  # visible <time> elements


#: The elements the markup facts come from.
MARKUP_TAGS = ("meta", "script", "time", "link")


def markup_facts(root: etree._Element, found: dict[str, list[etree._Element]] | None = None) -> MarkupFacts:
    """Read ``<meta>``, JSON-LD, ``<time>`` and the canonical link from the whole document.

    ``found``: the document's elements of :data:`MARKUP_TAGS` by tag, in document order, when the
    caller collected them (in the same walk as other tags: a walk over a page's tree fresh from the
    parser costs its memory reads, however little Python code runs).
    """
    facts = MarkupFacts()
    by_name: dict[str, str] = {}
    if found is None:
        found = {tag: [] for tag in MARKUP_TAGS}
        for el in root.iter(*MARKUP_TAGS):  # one C walk: no Python code runs for the other elements
            found[el.tag].append(el)
    for el in found["meta"]:
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key and content and key not in by_name:
            by_name[key] = content
    facts.dates = [(f"meta:{k}", by_name[k]) for k in DATE_META if k in by_name]
    facts.year_hints = [(f"meta:{k}", by_name[k]) for k in YEAR_META if k in by_name]
    facts.authors = [(f"meta:{k}", by_name[k]) for k in AUTHOR_META if k in by_name]
    for k in SITE_META:
        if k in by_name:
            facts.site_name = (f"meta:{k}", by_name[k])
            break
    for el in found["script"]:
        if (el.get("type") or "").strip().lower() == "application/ld+json" and el.text:
            _read_jsonld(el.text, facts)
    for el in found["time"]:
        value = (el.get("datetime") or el.get("pubdate") or "").strip() or "".join(el.itertext()).strip()
        if value:
            facts.times.append(("time", value[:64]))
    for el in found["link"]:
        if (el.get("rel") or "").strip().lower() == "canonical" and (href := (el.get("href") or "").strip()):
            facts.url = ("link:canonical", href)
            break
    if facts.url is None and by_name.get("og:url", "").startswith("http"):
        facts.url = ("meta:og:url", by_name["og:url"])
    return facts


def _read_jsonld(text: str, facts: MarkupFacts) -> None:
    try:
        data = json.loads(text)
    except ValueError:
        log.debug("unreadable JSON-LD block skipped")
        return
    for item in _items(data):
        types = item.get("@type")
        types = types if isinstance(types, list) else [types]
        if not any(isinstance(t, str) and ("Article" in t or t in ("BlogPosting", "WebPage", "Report")) for t in types):
            continue
        if isinstance(v := item.get("datePublished"), str):
            facts.dates.insert(0, ("jsonld:datePublished", v))
        if isinstance(v := item.get("dateModified"), str):
            facts.year_hints.append(("jsonld:dateModified", v))
        for name in _names(item.get("author")):
            facts.authors.insert(0, ("jsonld:author", name))
        pub = item.get("publisher")
        if facts.site_name is None and isinstance(pub, dict) and isinstance(pub.get("name"), str):
            facts.site_name = ("jsonld:publisher", pub["name"])


def _items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [d for x in data for d in _items(x)]
    if isinstance(data, dict):
        graph = data.get("@graph")
        return [data, *(_items(graph) if graph else [])]
    return []


def _names(author: Any) -> list[str]:
    if isinstance(author, str):
        return [author]
    if isinstance(author, dict) and isinstance(author.get("name"), str):
        return [author["name"]]
    if isinstance(author, list):
        return [n for a in author for n in _names(a)]
    return []


__all__ = ["MARKUP_TAGS", "MarkupFacts", "markup_facts"]
