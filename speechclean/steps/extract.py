"""extract — HTML only: drop code, hidden elements and chrome; keep the main text with its paragraphs.

Parse once with lxml, then (each part in :mod:`speechclean.dom`):

1. title from ``<h1>``/``<title>`` without the site name (:mod:`~speechclean.dom.title`);
2. prune code, hidden elements, layout elements and chrome named by class/id
   (:mod:`~speechclean.dom.prune`, rules in ``rules/extract.toml``);
3. choose the main content by Chinese text, punctuation and link density and drop link lists
   inside it (:mod:`~speechclean.dom.density`), unless the page is a list of links
   (:mod:`~speechclean.dom.link_page`: a chapter index, a site map);
4. render it with a line per block (:mod:`~speechclean.dom.render`).

Everything dropped is in the audit trail with the element it came from. The text steps then
run on the result as on any text.

>>> import speechclean
>>> page = speechclean.clean('''<html><head><title>会议召开_新闻中心_某某网</title></head><body>
... <div class="nav"><a href="/">首页</a> <a href="/news">新闻</a></div>
... <div class="content"><h1>会议召开</h1><p>今天，我们召开会议，研究部署工作。</p>
... <p>会议强调，要落实责任。</p><div class="share">分享到：微信 微博</div></div>
... </body></html>''')
>>> page.title, page.text
('会议召开', '今天，我们召开会议，研究部署工作。\\n会议强调，要落实责任。')
>>> sorted({r.rule for r in page.removals})
['extract.nav', 'extract.share', 'structure.title']
"""

from __future__ import annotations

import re
from functools import cache

from lxml import etree

from ..dom.density import main_content
from ..dom.link_page import list_page
from ..dom.name_rules import NameRules
from ..dom.nearby_prose import leads
from ..dom.parse import describe, names, parse_report
from ..dom.post_chrome import unit_chrome
from ..dom.posts import widen
from ..dom.prune import drop_element, prune, prune_named
from ..dom.render import flat, render_typed
from ..dom.scoring import score_tree
from ..dom.semantic import the_article
from ..dom.title import find_title
from ..dom.trim import link_lists, post_chrome, stamp_lines
from ..meta.step import read_metadata, read_text_metadata
from ..meta.trafilatura import extract_with_trafilatura
from ..page import Page
from ..rules import builtin, check_unique, resolve
from . import Step
from .convert import convert_text, strip_pinyin
from .punctuation import normalize

_DOCUMENT = re.compile(
    r"<(?:!doctype\s+html|html|head|body|rss|feed|rdf:RDF)[\s>]|<meta\s[^>]*charset", re.IGNORECASE
)  # feeds (RSS/Atom/RDF) are markup too
_BLOCK_TAGS = [
    "p",
    "div",
    "table",
    "tr",
    "td",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "article",
    "section",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "blockquote",
    "pre",
    "dl",
    "dt",
    "dd",
    "form",
    "figure",
    "figcaption",
    "center",
    "font",
    "span",
    "a",
    "strong",
    "b",
    "em",
    "i",
]
_OPEN = re.compile(r"<(" + "|".join(_BLOCK_TAGS) + r")(?=[\s>/])[^<>]{0,300}>", re.IGNORECASE)
_CLOSE = re.compile(r"</(" + "|".join(_BLOCK_TAGS) + r")\s*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,15}(?:\s[^<>]{0,300})?/?>")
_INLINE_TAGS = frozenset({"a", "span", "strong", "b", "em", "i", "font"})
SNIFF_CHARS = 8192
MIN_PAIRS = 2  # closed tag pairs that make a text HTML without a document structure
MARKUP_SHARE = 0.02  # ...and the share of its characters inside tags


def html_evidence(text: str) -> str | None:
    """Why the start of ``text`` is HTML, or None when it is plain text.

    ``document``: a doctype, ``<html>``/``<head>``/``<body>``, a feed's root (``<rss>``, ``<feed>``)
    or a charset ``<meta>``;
    ``fragment``: it starts with a tag, ends with a closing tag and closes one it opened
    (``<p>正體</p>``, ``<article><h2>…</h2>…</article>``); ``markup``: ``MIN_PAIRS`` opened and
    closed tags and ``MARKUP_SHARE`` of the characters inside tags. Prose that quotes a tag or two
    (``用<a>标签写链接，<input>用于输入``) has neither.

    >>> html_evidence("<p>正體中文</p>"), html_evidence("使用<a>标签创建链接，<input>用于输入。")
    ('fragment', None)
    """
    head = text[:SNIFF_CHARS]
    if _DOCUMENT.search(head):
        return "document"
    opened = [m.group(1).lower() for m in _OPEN.finditer(head)]
    if not opened:
        return None
    closed = [m.group(1).lower() for m in _CLOSE.finditer(head)]
    pairs = sum(min(opened.count(t), closed.count(t)) for t in set(closed))
    stripped = head.strip()
    if pairs and stripped.startswith("<") and stripped.endswith(">") and _CLOSE.search(stripped[-40:]):
        return "fragment"
    markup = sum(len(m.group()) for m in _ANY_TAG.finditer(head))
    # Pairs of inline tags alone (<a>…</a>) are a text quoting markup (a tutorial's code lines); HTML
    # without a document around it still has a block (p, div, li, td…) that it closes.
    blocks = any(t not in _INLINE_TAGS and t in opened for t in closed)
    if pairs >= MIN_PAIRS and blocks and markup >= MARKUP_SHARE * len(head):
        return "markup"
    return None


def looks_like_html(text: str) -> bool:
    """True when the start of ``text`` shows evidence of HTML (:func:`html_evidence`).

    >>> looks_like_html("<html><body><p>正文</p></body></html>"), looks_like_html("同志们：")
    (True, False)
    """
    return html_evidence(text) is not None


@cache
def element_rules(extra: tuple[object, ...]) -> NameRules:
    """Built-in element rules plus the user's ``scope = "element"`` rules (cached per rule option)."""
    rules = builtin("extract") + tuple(r for r in resolve(extra, "extract") if r.scope == "element")
    check_unique(rules)
    return NameRules(rules)


class Extract(Step):
    """Replace HTML in ``page.text`` by its main text; plain text passes through."""

    name = "extract"

    def clean_title(self, title: str) -> str:
        """The title through the same pinyin, conversion and punctuation functions as the text.

        >>> from speechclean.config import Options
        >>> Extract(Options()).clean_title("日本企業5月信心保持穩定,出口回升")
        '日本企业5月信心保持稳定，出口回升'
        """
        options = self.options
        if "convert" not in options.disable:
            if options.pinyin and ("(" in title or "（" in title):
                scratch = Page(text=title)
                strip_pinyin(scratch)
                title = scratch.text
            if options.convert != "off":
                scratch = Page(text=title)
                convert_text(scratch, options.convert)  # script-aware, as the text is
                title = scratch.text
        if "punctuation" not in options.disable:
            title = normalize(title)
        return title.strip()

    def __call__(self, page: Page) -> Page:
        if page.kind == "auto":
            evidence = html_evidence(page.text)
            page.kind = "html" if evidence else "text"
            if evidence:
                page.meta["html_evidence"] = evidence
        if page.kind != "html":
            read_text_metadata(page, self.options.reference_date)
            return page
        if self.options.extractor == "trafilatura":
            return extract_with_trafilatura(page, self.options.reference_date)
        root, problems = parse_report(page.text)
        for kind, message in problems:
            page.flag(kind, message)
        if root is None:
            page.text = ""
            return page
        title = find_title(root)
        if title and not page.title:
            page.title = self.clean_title(title)
        read_metadata(page, root, self.options.reference_date)
        for d in prune(root):
            page.remove(d.rule, d.text, element=d.element)
        rules = element_rules(tuple(self.options.rules))
        scores = score_tree(root, rules)
        choice = widen(root, scores, main_content(root, scores))  # over every post of a thread
        choice = list_page(root, scores, choice)  # a chapter index, a site map: the list is the content
        choice = the_article(root, scores, choice)  # the page's one <article> over weak prose elsewhere
        main = choice.main
        for el in unit_chrome(main, scores):
            page.remove("posts.chrome", flat(el), element=describe(el))
            drop_element(el)
        for el in post_chrome(choice, scores):
            page.remove("density.post-chrome", flat(el), element=describe(el))
            drop_element(el)
        for d in prune_named(main, rules, scores.marks, choice.trusted, choice.content_rules):
            page.remove(d.rule, d.text, element=d.element)
        for el in [] if choice.link_list else link_lists(main, scores):
            page.remove("density.links", flat(el), element=describe(el))
            drop_element(el)
        for el in stamp_lines(main, scores):
            page.remove("density.stamp", flat(el), element=describe(el))
            drop_element(el)
        lead_blocks = leads(main, scores)
        lead = [render_typed(el) for el in lead_blocks]
        for el in lead_blocks:
            drop_element(el)
        body = render_typed(main)
        page.text = "\n".join([*filter(None, (t for t, _ in lead)), body[0]]).strip("\n")
        page.line_kinds = [lk for t, kinds in (*lead, body) if t for lk in zip(t.split("\n"), kinds)]
        lines = page.text.count("\n") + 1 if page.text else 0
        _record_outside(page, main, lines, rules)
        return page


def _record_outside(page: Page, main: etree._Element, lines: int, rules: NameRules) -> None:
    """Record the text of every subtree outside ``main``, anchored before or after the kept text.

    A subtree whose class/id an element rule names is recorded under that rule, the rest as
    ``density.outside-main``.
    """
    node = main
    while (parent := node.getparent()) is not None:
        before = True
        for sibling in parent:
            if sibling is node:
                before = False
                if node.tail and node.tail.strip():
                    page.remove("density.outside-main", node.tail.strip(), lines, element=describe(parent))
                continue
            if not isinstance(sibling.tag, str):
                continue
            anchor = 0 if before else lines
            rule = rules.match(label) if (label := names(sibling)) else None
            page.remove(rule or "density.outside-main", flat(sibling), anchor, element=describe(sibling))
            if sibling.tail and sibling.tail.strip():
                page.remove("density.outside-main", sibling.tail.strip(), anchor, element=describe(parent))
        if parent.text and parent.text.strip():
            page.remove("density.outside-main", parent.text.strip(), 0, element=describe(parent))
        node = parent


STEP = Extract
