"""extract — HTML only: drop code, hidden elements and chrome; keep the main text with its paragraphs.

Parse once with lxml, then (each part in :mod:`speechclean.dom`):

1. title from ``<h1>``/``<title>`` without the site name (:mod:`~speechclean.dom.title`);
2. prune code, hidden elements, layout elements and chrome named by class/id
   (:mod:`~speechclean.dom.prune`, rules in ``rules/extract.toml``);
3. choose the main content by Chinese text, punctuation and link density and drop link lists
   inside it (:mod:`~speechclean.dom.density`);
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

from ..dom.density import leads, link_lists, main_content, post_chrome, score_tree
from ..dom.parse import describe, names, parse
from ..dom.prune import NameRules, drop_element, prune, prune_named
from ..dom.render import flat, render_typed
from ..dom.title import find_title
from ..meta.step import read_metadata, read_text_metadata
from ..meta.trafilatura import extract_with_trafilatura
from ..page import Page
from ..rules import builtin, check_unique, resolve
from . import Step

_TAGS = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|br|span|table|script|a)[\s>/]", re.I)


def looks_like_html(text: str) -> bool:
    """True when the start of ``text`` holds at least two HTML tags.

    >>> looks_like_html("<html><body><p>正文</p></body></html>"), looks_like_html("同志们：")
    (True, False)
    """
    return len(_TAGS.findall(text[:4096], 0)) >= 2


@cache
def element_rules(extra: tuple[object, ...]) -> NameRules:
    """Built-in element rules plus the user's ``scope = "element"`` rules (cached per rule option)."""
    rules = builtin("extract") + tuple(r for r in resolve(extra, "extract") if r.scope == "element")
    check_unique(rules)
    return NameRules(rules)


class Extract(Step):
    """Replace HTML in ``page.text`` by its main text; plain text passes through."""

    name = "extract"

    def __call__(self, page: Page) -> Page:
        if page.kind == "auto":
            page.kind = "html" if looks_like_html(page.text) else "text"
        if page.kind != "html":
            read_text_metadata(page, self.options.reference_date)
            return page
        if self.options.extractor == "trafilatura":
            return extract_with_trafilatura(page, self.options.reference_date)
        root = parse(page.text)
        if root is None:
            page.text = ""
            return page
        title = find_title(root)
        if title and not page.title:
            page.title = title
        read_metadata(page, root, self.options.reference_date)
        for d in prune(root):
            page.remove(d.rule, d.text, element=d.element)
        rules = element_rules(tuple(self.options.rules))
        scores = score_tree(root, rules)
        choice = main_content(root, scores)
        main = choice.main
        for el in post_chrome(choice, scores):
            page.remove("density.post-chrome", flat(el), element=describe(el))
            drop_element(el)
        for d in prune_named(main, rules, scores.marks, choice.trusted):
            page.remove(d.rule, d.text, element=d.element)
        for el in link_lists(main, scores):
            page.remove("density.links", flat(el), element=describe(el))
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
