"""Forum threads and Q&A pages: widen the main content over every post of a thread.

A thread page repeats one template per post: a unit (``div.post``, ``li.reply``) holding the
author's card, a time stamp, the post body and a bar of actions (回复, 引用, 举报). The density
choice (:mod:`~speechclean.dom.density`) finds the strongest post, or the list of replies without
the first post. Two mechanisms run after it:

1. :func:`widen` — *posts beside the main content*. Elements carrying the same class names as
   the main content, one of its close ancestors or a block inside it (the body's
   ``markdown-body``, the unit's ``AnswerItem``) that stand outside it and hold prose are the
   other posts of the thread: the main content widens to the common ancestor, when what else
   that brings in (outside the posts, outside chrome-named elements) is little text beside them.
   On a page whose names were found to label its content (a forum topic, a question: comment
   threads are the content, see ``name_trust.THREAD_RULES``), the comment threads that follow the
   main content widen it the same way. Posts are prose: Chinese text outside links, not the rows
   of a thread index or teasers for other pages.
2. per-post chrome, in :mod:`~speechclean.dom.post_chrome`.

Weights are data: the ``[posts]`` table of ``rules/extract.toml``.

>>> from speechclean.dom.parse import parse
>>> from speechclean.dom.density import main_content
>>> from speechclean.dom.scoring import score_tree
>>> root = parse('''<body><div class="thread">
... <div class="post"><div class="user">张三</div><div class="body">我想请教一个问题，这个功能怎么用？谢谢大家的帮助。</div></div>
... <div class="post"><div class="user">李四</div><div class="body">你可以先看一下说明文档，里面写得很清楚。</div></div>
... </div></body>''')
>>> scores = score_tree(root)
>>> widen(root, scores, main_content(root, scores)).main.get("class")
'thread'
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from functools import cache

from lxml import etree

from ..rules import RULES_DIR, read_toml
from ..text import cjk_count
from .density import Choice, common_ancestor
from .name_trust import THREAD_RULES
from .parse import text_of
from .scores import Scores

_log = logging.getLogger(__name__)
RULES_FILE = RULES_DIR / "extract.toml"
_DIGITS = re.compile(r"\d+")
SENTENCE = re.compile(r"[，。；！？]")
# A date or time (2020.06.09, 2024-01-06, 5月16日, 09:42, 3天前): post metadata. Linear: every
# quantifier is bounded or possessive and starts at a digit run.
STAMP = re.compile(
    r"(?<!\d)(?:\d{2,4}\s*+[-./年]\s*+\d{1,2}\s*+[-./月]\s*+\d{1,2}|\d{1,2}月\d{1,2}日|\d{1,2}:\d{2}|\d++\s*+(?:秒|分钟|小时|天|周|个?月|年)\s*+前)"
    r"|刚刚|昨天|前天"
)


@dataclass(frozen=True, slots=True)
class PostSettings:
    """The ``[posts]`` weights of ``rules/extract.toml`` (each one documented there)."""

    unit_levels: int = 3
    widen_levels: int = 6
    min_cjk: int = 8
    thread_min_cjk: int = 16
    max_link_share: float = 0.5
    max_other_share: float = 0.5
    max_other_chars: int = 300
    min_units: int = 2
    stamp_share: float = 0.5
    chrome_max_chars: int = 80
    body_share: float = 0.3
    signature_names: str = ""


@cache
def settings() -> PostSettings:
    """The post weights from ``rules/extract.toml``'s ``[posts]`` table (defaults where absent)."""
    data = read_toml(RULES_FILE).get("posts", {})
    values = {name: entry["value"] for name, entry in data.items()}
    return replace(PostSettings(), **values)


_TOKENS: dict[str, frozenset[str]] = {}


def signature(el: etree._Element) -> tuple[str, frozenset[str]] | None:
    """The element's tag and class names without digits (``div.post.post-3`` ≈ ``div.post.post-7``); None without a class."""
    cls = el.get("class")
    if not cls:
        return None
    tokens = _TOKENS.get(cls)
    if tokens is None:
        tokens = frozenset(t for t in (_DIGITS.sub("", c) for c in cls.split()) if t.strip("-_"))
        if len(_TOKENS) < 50_000:  # class strings repeat across a page and across pages
            _TOKENS[cls] = tokens
    return (el.tag, tokens) if tokens else None


def unlinked_cjk(el: etree._Element) -> int:
    return cjk_count(text_of(el)) - sum(cjk_count(text_of(a)) for a in el.iter("a"))


def _is_post(el: etree._Element, scores: Scores, cfg: PostSettings) -> bool:
    """A post holds prose: Chinese text outside links, not mostly links, not a teaser cut off by an ellipsis.

    Replies often stop without a full stop, so only an ellipsis (``...``, ``…``) marks a teaser.
    """
    chars, links = scores.chars.get(el, 0), scores.links.get(el, 0)
    if not chars or links > cfg.max_link_share * chars or chars - links < cfg.min_cjk:
        return False
    if unlinked_cjk(el) < cfg.min_cjk:
        return False
    end = text_of(el).rstrip()
    return not (end.endswith(("...", "…")) and not end.endswith("……"))


def _visible_chars(el: etree._Element, scores: Scores) -> int:
    """Characters of ``el``'s subtree outside chrome-named elements."""
    total = scores.chars.get(el, 0)
    if el in scores.chrome:
        return 0
    stack = list(el)
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str):
            continue
        if node in scores.chrome:
            total -= scores.chars.get(node, 0)
        else:
            stack.extend(node)
    return total


def _top(main: etree._Element, scores: Scores, levels: int) -> etree._Element:
    el = main
    for _ in range(levels):
        parent = el.getparent()
        if parent is None or parent in scores.chrome or parent.tag in ("body", "html"):
            break
        el = parent
    return el


def widen(root: etree._Element, scores: Scores, choice: Choice, cfg: PostSettings | None = None) -> Choice:
    """``choice`` with its main content widened over the other posts of a thread (see the module docstring)."""
    cfg = cfg or settings()
    main = choice.main
    if main.tag in ("body", "html"):
        return choice
    top = _top(main, scores, cfg.widen_levels)
    if top is main:
        return choice
    near = {main}
    node = main
    for _ in range(cfg.unit_levels):
        node = node.getparent()
        if node is None or node is top:
            break
        near.add(node)
    inside = set(main.iter())
    above = set(main.iterancestors())
    # Candidates first, by class signature alone: elements around main, outside chrome (cheap).
    around: dict[tuple[str, frozenset[str]], list[etree._Element]] = {}
    for el in top.iter():
        if (
            isinstance(el.tag, str)
            and el not in inside
            and el not in above
            and el not in scores.chrome
            and (sig := signature(el))
        ):
            around.setdefault(sig, []).append(el)
    # Wanted: the signatures of main, of a close ancestor (the post unit) or of a post inside
    # main (with a sentence) that recur around it.
    wanted: set[tuple[str, frozenset[str]]] = set()
    for el in near:
        if el not in scores.chrome and (sig := signature(el)) in around:
            wanted.add(sig)
    for el in main.iterdescendants():
        if (
            el in scores.block
            and (sig := signature(el)) in around
            and sig not in wanted
            and el not in scores.chrome
            and _is_post(el, scores, cfg)
            and SENTENCE.search(text_of(el))
        ):
            wanted.add(sig)
    outside: dict[tuple[str, frozenset[str]], list[etree._Element]] = {}
    for sig in wanted:
        posts = [el for el in around[sig] if _is_post(el, scores, cfg)]
        if posts := outermost(posts):
            outside[sig] = posts
    groups = list(outside.values())
    if THREAD_RULES & choice.content_rules:
        after = _after(main, top)
        later = set(after)
        threads = [el for el in after if el in scores.thread and _is_post(el, scores, cfg)]
        outer = [el for el in threads if not any(a in scores.thread and a in later for a in el.iterancestors())]
        if sum(map(unlinked_cjk, outer)) >= cfg.thread_min_cjk:  # not a 暂无评论 placeholder
            groups.append(outer)
    best, best_gain = main, 0
    for posts in groups:
        common = common_ancestor([main, *posts])
        if common is None or common is main or common in scores.chrome or common.tag in ("body", "html"):
            continue
        gained = sum(_visible_chars(p, scores) for p in posts if common in p.iterancestors())
        other = _visible_chars(common, scores) - _visible_chars(main, scores) - gained
        _log.debug("posts: %s over %d posts: %d characters gained, %d other", common.tag, len(posts), gained, other)
        if other > max(cfg.max_other_chars, cfg.max_other_share * gained):
            continue
        if gained > best_gain:
            best, best_gain = common, gained
    if best is main:
        return choice
    if any(best is a for a in main.iterancestors()):
        return replace(choice, main=best)
    return choice


def _after(main: etree._Element, top: etree._Element) -> list[etree._Element]:
    """Elements under ``top`` after ``main``'s subtree, in document order."""
    last = main
    for last in main.iter():
        pass
    out: list[etree._Element] = []
    seen = False
    for el in top.iter():
        if seen and isinstance(el.tag, str):
            out.append(el)
        elif el is last:
            seen = True
    return out


def outermost(elements: list[etree._Element]) -> list[etree._Element]:
    chosen = set(elements)
    return [el for el in elements if not any(a in chosen for a in el.iterancestors())]
