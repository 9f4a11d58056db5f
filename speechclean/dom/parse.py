"""Parse decoded HTML into an lxml tree, and describe elements for the audit trail.

libxml2 stops at 2048 levels of nesting even with ``huge_tree`` (256 without it) and silently
drops the rest of the page. :func:`parse_report` notices the depth error and parses again with
inline formatting tags left out, then, if still too deep, with every container tag turned into
a line break; each fallback is reported so the caller can flag it.

>>> root = parse("<html><body><div class='a b' id='x'><p>正文</p></div></body></html>")
>>> describe(root.find(".//div"))
'div.a.b#x'
>>> root, problems = parse_report("<body>" + "<font>第一段。" * 3000 + "</body>")
>>> text_of(root).count("段"), problems
(3000, [('parse.depth', 'nesting deeper than 2048 levels; parsed without inline tags')])
"""

from __future__ import annotations

import re

from lxml import etree

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Browsers ignore </body> and </html> and keep what follows in the body; libxml2 stops there, and
# templated pages close the document after their header include (a gov.cn page did).
# (Case spelled out, not re.I: the literal "</" then lets the regex engine skip ahead by a fast search.)
_END_TAGS = re.compile(r"</(?:[bB][oO][dD][yY]|[hH][tT][mM][lL])\s*>")
# Characters lxml refuses in a str (it raises "All strings must be XML compatible" when one
# reaches a .text or .tail): C0 controls but tab/newline/CR, lone surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_C0_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])

# Plain etree elements (no lxml.html class lookup per element: a third of the parse-and-walk time);
# comments and processing instructions never reach the tree. ``huge_tree`` lifts the 256-level
# depth limit (to 2048) and the 10 MB text-node limit. ``collect_ids=False``: no hash table of the
# ``id`` values is built (nothing looks elements up by id; the tree is the same, the parse ~3% faster).
_PARSER = etree.HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, recover=True, huge_tree=True, collect_ids=False
)
# Fallbacks for pages nested deeper than libxml2 allows: inline formatting tags go (400 unclosed
# <font> are the usual cause), then every tag but the raw-text ones becomes a line break.
_INLINE_TAG = re.compile(
    r"</?(?:font|span|b|i|u|s|em|strong|small|big|strike|tt|sub|sup|mark|cite|q|abbr|ins|del|label|bdo|bdi)"
    r"(?=[\s/>])[^<>]*+>",
    re.IGNORECASE,
)
_TITLE_OPEN = re.compile(r"<title\b[^<>]*+>", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.IGNORECASE)
_MARKUP = re.compile(r"<[^<>]*+>")
_ANY_TAG = re.compile(r"</?(?!(?:script|style|textarea|title|noscript|template|html|head|body|br)[\s/>])[A-Za-z][^<>]*+>")


def _has_not_xml(text: str) -> bool:
    """``_NOT_XML.search(text)``, in C: a regex scan of a character class costs ~3 ns a character.

    UTF-8 cannot encode a lone surrogate; C0 controls are single bytes in UTF-8 (deleting them
    shortens the bytes); U+FFFE/U+FFFF are found by substring search.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return len(data.translate(None, _C0_BYTES)) != len(data) or "\ufffe" in text or "\uffff" in text


def parse(html: str) -> etree._Element | None:
    """The document tree of ``html``, or None when there is nothing to parse."""
    return parse_report(html)[0]


def _too_deep() -> bool:
    return any(e.type_name == "ERR_RESOURCE_LIMIT" and "depth" in e.message for e in _PARSER.error_log)


_FEED = re.compile(r"(?<!\s)\s*+(?:<\?xml[^<>]*+>\s*+)?(?:<!--[^<>]*+-->\s*+)*+<(?:rss|feed|rdf:rdf)\b", re.IGNORECASE)
#: Feed elements that carry escaped HTML (``&lt;p&gt;``): it is markup, not text.
FEED_HTML = ("description", "content", "summary", "content:encoded", "subtitle")


#: Markup a CMS escaped twice (``&lt;br /&gt;`` in the page source): tags a reader never meant to see.
_ESCAPED_TAG = re.compile(r"</?(?:br|p|div|span|strong|b|em|i|u|font|img|a|h[1-6]|li|ul|ol|table|tr|td)\b[^<>]{0,200}+>", re.IGNORECASE)


def is_feed(text: str) -> bool:
    """True when ``text`` is an RSS or Atom feed (what its start says)."""
    return _FEED.match(text) is not None


def _unescape_markup(root: etree._Element) -> None:
    """Text holding escaped tags (``<br />`` as text) is parsed as the markup it is, in place."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "textarea", "title", "pre", "code"):
            continue
        if el.text and "<" in el.text and _ESCAPED_TAG.search(el.text):
            div = _fragment(el.text)
            if div is not None:
                el.text = div.text
                for i, child in enumerate(list(div)):
                    el.insert(i, child)
        tail = el.tail
        parent = el.getparent()
        if tail and "<" in tail and parent is not None and _ESCAPED_TAG.search(tail):
            div = _fragment(tail)
            if div is not None:
                el.tail = div.text
                at = parent.index(el)
                for i, child in enumerate(list(div)):
                    parent.insert(at + 1 + i, child)


def _fragment(text: str) -> etree._Element | None:
    fragment = etree.fromstring(f"<html><body><div>{text}</div></body></html>", _PARSER)
    return fragment.find(".//div") if fragment is not None else None


def _unescape_feed(root: etree._Element) -> None:
    """Parse the escaped HTML inside a feed's entries and put it in place of the text."""
    for el in list(root.iter(*FEED_HTML)):
        text = el.text
        if not text or "<" not in text or len(el):
            continue
        fragment = etree.fromstring(f"<html><body><div>{text}</div></body></html>", _PARSER)
        div = fragment.find(".//div") if fragment is not None else None
        if div is not None:
            el.text = None
            el.append(div)


def parse_report(html: str) -> tuple[etree._Element | None, list[tuple[str, str]]]:
    """The document tree of ``html`` and the problems met parsing it, as ``(kind, message)``."""
    feed = is_feed(html)
    source = html
    html = _XML_DECL.sub("", html, count=1)  # lxml refuses str input that declares an encoding
    html = _END_TAGS.sub("", html)
    if _has_not_xml(html):
        html = _NOT_XML.sub("", html)  # the decode step removes and counts them; this is the safety net
    if not html.strip():
        return None, []
    problems: list[tuple[str, str]] = []
    if (opened := _TITLE_OPEN.search(html)) is not None and _TITLE_CLOSE.search(html, opened.end()) is None:
        # an unclosed <title> would hold the rest of the page as its text: close it at the next tag
        cut = html.find("<", opened.end())
        cut = len(html) if cut == -1 else cut
        html = html[:cut] + "</title>" + html[cut:]
        problems.append(("parse.unclosed-title", "<title> was never closed; closed before the next tag"))
    try:
        root = etree.fromstring(html, _PARSER)
        if root is not None and _too_deep():
            root = etree.fromstring(_INLINE_TAG.sub("", html), _PARSER)
            how = "parsed without inline tags"
            if root is not None and _too_deep():
                root = etree.fromstring(_ANY_TAG.sub("<br>", html), _PARSER)
                how = "parsed with every container tag as a line break"
            if root is not None and _too_deep():
                how = "the part past that depth is lost"
            problems.append(("parse.depth", f"nesting deeper than 2048 levels; {how}"))
        if root is not None and feed:
            _unescape_feed(root)
        if root is not None and "&lt;" in source:
            _unescape_markup(root)
        if root is not None:
            for title in root.iter("title"):  # its text is raw: markup written inside it is not text
                if title.text and "<" in title.text:
                    title.text = _MARKUP.sub("", title.text)
        return root, problems
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None, problems


_STRING = etree.XPath("string()", smart_strings=False)


def text_of(el: etree._Element) -> str:
    """All text inside ``el``, concatenated (what ``text_content()`` gives in lxml.html).

    XPath's string value, joined by libxml2: the same string as ``"".join(el.itertext())`` without
    a Python string per text node (three times faster on a subtree, faster on a leaf too).
    """
    return _STRING(el)  # type: ignore[return-value]


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
