"""Pages whose main content *is* a list of links: a novel's chapter index, a site map, an archive.

Link lists are chrome on nearly every page (menus, related stories, footers), and the density
choice (:mod:`~speechclean.dom.density`) scores them down. On a few pages the list is what the page
is for: a book's table of contents holds thousands of chapter links and nearly all of the page's
text, and the density choice falls on the blurb above it. Decided by structure alone:

* one element outside chrome-named subtrees holds ``PAGE_SHARE`` of the page's visible characters
  (the deepest such element on the path down from the root);
* it is mostly link text (``LINK_SHARE``) in at least ``MIN_LINKS`` links whose items repeat one
  tag (``<li>``, ``<dd>``, ``<td>``…: a list, not a page of prose with many links);
* the density choice lies outside it (prose inside a link-heavy element is an article among its
  related links), and it holds ``RATIO`` times the choice's characters (so an article of its own,
  even a short one, is never traded for the list).

Then the list is the main content, and its links are not trimmed as link lists.

>>> from speechclean.dom.parse import parse
>>> from speechclean.dom.density import main_content
>>> from speechclean.dom.scoring import score_tree
>>> items = "".join(f"<li><a href='/{i}.html'>第{i}章 风云再起之第{i}回</a></li>" for i in range(1, 200))
>>> root = parse(f"<body><div class='intro'><p>一个少年，一把剑，一段传奇。</p></div><ul id='toc'>{items}</ul></body>")
>>> scores = score_tree(root)
>>> list_page(root, scores, main_content(root, scores)).main.get("id")
'toc'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from lxml import etree

from .density import Choice
from .scores import Scores

PAGE_SHARE = 0.9  # the list holds this share of the page's visible characters
LINK_SHARE = 0.5  # and is at least this share link text
MIN_LINKS = 30  # in at least this many links
ITEM_SHARE = 0.8  # the links sit in items of one tag (li, dd, td, p) that make up this share of them
RATIO = 10  # and it holds this many times the characters of the density choice


def dominant_list(root: etree._Element, scores: Scores) -> etree._Element | None:
    """The element holding nearly all of the page's text when that element is a list of links, else None."""
    total = scores.chars.get(root, 0)
    if not total:
        return None
    node = root
    while True:  # down the path of elements holding PAGE_SHARE of the page: one child at most
        child = next((c for c in node if isinstance(c.tag, str) and scores.chars.get(c, 0) >= PAGE_SHARE * total), None)
        if child is None:
            break
        node = child
    if node is root or node in scores.chrome or node.tag in ("body", "html"):
        return None
    chars = scores.chars[node]
    if scores.links.get(node, 0) < LINK_SHARE * chars:
        return None
    links = [a for a in node.iter("a")]
    if len(links) < MIN_LINKS:
        return None
    items = Counter(_item_tag(a, node) for a in links)
    tag, count = items.most_common(1)[0]
    return node if tag is not None and count >= ITEM_SHARE * len(links) else None


def _item_tag(a: etree._Element, top: etree._Element) -> str | None:
    """The tag of the nearest block around link ``a`` below ``top`` (the list item), or None."""
    for parent in a.iterancestors():
        if parent is top:
            return top.tag if top.tag in ("p", "div", "td", "dd") else None
        if parent.tag in ("li", "dd", "dt", "td", "p", "div", "tr"):
            return parent.tag
    return None


def list_page(root: etree._Element, scores: Scores, choice: Choice) -> Choice:
    """``choice``, or on a page that is a list of links (see the module docstring) that list as its main content."""
    found = dominant_list(root, scores)
    if found is None or found is choice.main or any(a is found for a in choice.main.iterancestors()):
        return choice  # the prose chosen lies in it: an article's container with its related links
    if scores.chars[found] < RATIO * scores.chars.get(choice.main, 0):
        return choice
    return replace(choice, main=found, slots=frozenset(), link_list=True)
