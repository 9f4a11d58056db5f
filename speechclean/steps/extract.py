"""extract — HTML only: drop scripts, styles, hidden elements and navigation; keep the main text.

>>> from speechclean.steps.extract import looks_like_html
>>> looks_like_html("<html><body><p>正文</p></body></html>"), looks_like_html("同志们：")
(True, False)
"""

from __future__ import annotations

import re

from ..page import Page
from . import Step

_TAGS = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|br|span|table|script|a)[\s>/]", re.I)
_DROP = ("script", "style", "noscript", "template", "iframe", "nav", "header", "footer", "aside", "form")
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote", "pre", "table", "ul", "ol", "dd", "dt"}


def looks_like_html(text: str) -> bool:
    """True when the start of ``text`` holds at least two HTML tags."""
    return len(_TAGS.findall(text[:4096], 0)) >= 2


def html_to_text(html: str) -> tuple[str, str | None]:
    """The visible text of ``html`` with block elements on their own lines, and the ``<title>``."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml raises ParserError on empty documents
        return "", None
    title_el = root.find(".//title")
    title = title_el.text_content().strip() if title_el is not None else None
    for el in root.iter(*_DROP):
        el.drop_tree()
    parts: list[str] = []
    body = root.find("body")
    for event, el in __import__("lxml.etree", fromlist=["iterwalk"]).iterwalk(body if body is not None else root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                parts.append("\n")
            if el.text and tag:
                parts.append(el.text)
        else:
            if tag in _BLOCKS:
                parts.append("\n")
            if el.tail:
                parts.append(el.tail)
    text = "\n".join(line.strip() for line in "".join(parts).split("\n") if line.strip())
    return text, title or None


class Extract(Step):
    """Replace HTML in ``page.text`` by its main text; plain text passes through."""

    name = "extract"

    def __call__(self, page: Page) -> Page:
        if page.kind == "auto":
            page.kind = "html" if looks_like_html(page.text) else "text"
        if page.kind != "html":
            return page
        page.text, title = html_to_text(page.text)
        if title and not page.title:
            page.title = title
        return page


STEP = Extract
