"""Parse decoded HTML into an lxml tree, and describe elements for the audit trail.

>>> root = parse("<html><body><div class='a b' id='x'><p>正文</p></div></body></html>")
>>> describe(root.find(".//div"))
'div.a.b#x'
"""

from __future__ import annotations

import re

from lxml import etree

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# Browsers ignore </body> and </html> and keep what follows in the body; libxml2 stops there, and
# templated pages close the document after their header include (a gov.cn page did).
_END_TAGS = re.compile(r"</(?:body|html)\s*>", re.I)
# Plain etree elements (no lxml.html class lookup per element: a third of the parse-and-walk time);
# comments and processing instructions never reach the tree.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True)


def parse(html: str) -> etree._Element | None:
    """The document tree of ``html``, or None when there is nothing to parse."""
    html = _XML_DECL.sub("", html, count=1)  # lxml refuses str input that declares an encoding
    html = _END_TAGS.sub("", html)
    if not html.strip():
        return None
    try:
        return etree.fromstring(html, _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def text_of(el: etree._Element) -> str:
    """All text inside ``el``, concatenated (what ``text_content()`` gives in lxml.html)."""
    return "".join(el.itertext())


def names(el: etree._Element) -> str:
    """The element's class and id names, lower-cased and joined by spaces: what element rules match."""
    cls = el.get("class")
    ident = el.get("id")
    if cls is None and ident is None:
        return ""
    return f"{cls or ''} {ident or ''}".strip().lower()


def describe(el: etree._Element) -> str:
    """A short CSS-like description of ``el`` for the audit trail: ``div.share-box#bdshare``."""
    tag = el.tag if isinstance(el.tag, str) else "comment"
    out = tag + "".join(f".{c}" for c in (el.get("class") or "").split()[:3])
    ident = el.get("id")
    return out + (f"#{ident}" if ident else "")
