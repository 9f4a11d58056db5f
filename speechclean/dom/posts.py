"""Forum threads and Q&A pages: widen the main content over every post, drop per-post chrome.

A thread page repeats one template per post: a unit (``div.post``, ``li.reply``) holding the
author's card, a time stamp, the post body and a bar of actions (回复, 引用, 举报). The density
choice (:mod:`~speechclean.dom.density`) finds the strongest post, or the list of replies without
the first post. Two mechanisms, run after it:

1. :func:`widen` — *posts beside the main content*. Elements carrying the same class names as
   the main content, one of its close ancestors or a block inside it (the body's
   ``markdown-body``, the unit's ``AnswerItem``) that stand outside it and hold prose are the
   other posts of the thread: the main content widens to the common ancestor, while what else
   that brings in costs nothing (its score does not fall) and is little text beside the posts.
   On a page whose names were found to label its content (a forum topic, a question: comment
   threads are the content, see ``density.THREAD_RULES``), the comment threads that follow the
   main content widen it the same way. Posts are prose: Chinese text outside links, not the rows
   of a thread index or teasers for other pages.
2. :func:`unit_chrome` — *per-post chrome*. Inside the main content, a group of units of one
   class signature, most of them carrying a date or time stamp, are posts; a part that recurs in
   several of them under one signature, never holds a sentence mark (，。；！？) and is short in each
   (a user card, a 楼主/举报 bar, a 发布于 line) is chrome, unless that part holds much of the
   units' Chinese text (the body of short replies). A short part carrying the post's stamp (a
   card with a slogan, ``2021-10-19 ·爱答题，多聊点生活``) or named as the author's signature
   (``signatures``, ``sign``) is chrome even with a sentence mark. Pages laid out before CSS classes
   (a ``<table width="98%">`` per post, a ``<td width="20%">`` user panel) are grouped by their
   presentational attributes instead (:func:`shape`).

Weights are data: the ``[posts]`` table of ``rules/extract.toml``.

>>> from speechclean.dom.parse import parse
>>> from speechclean.dom.density import score_tree, main_content
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
import sys
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from lxml import etree

from ..text import cjk_count
from .density import THREAD_RULES, Choice, Scores, _common_ancestor
from .parse import names, text_of

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_log = logging.getLogger(__name__)
RULES_FILE = Path(__file__).resolve().parent.parent / "rules" / "extract.toml"
_DIGITS = re.compile(r"\d+")
_NEVER_CHROME = frozenset(
    ["h1", "h2", "h3", "h4", "h5", "h6", "table", "figure", "figcaption", "caption", "img", "pre", "code", "blockquote"]
)
_SENTENCE = re.compile(r"[，。；！？]")
# A date or time (2020.06.09, 2024-01-06, 5月16日, 09:42, 3天前): post metadata. Linear: every
# quantifier is bounded or possessive and starts at a digit run.
_STAMP = re.compile(
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
    data = tomllib.loads(RULES_FILE.read_text(encoding="utf-8")).get("posts", {})
    values = {name: entry["value"] for name, entry in data.items()}
    return replace(PostSettings(), **values)


_TOKENS: dict[str, frozenset[str]] = {}


_SIGNATURE = re.compile(settings().signature_names or r"(?!)")


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


# Presentational attributes that tell apart the cells and tables of a class-less layout (old BBS pages
# written before CSS classes: every post a <table width="98%" cellpadding="3">, its user panel a
# <td width="20%" valign="top">).
_LAYOUT_ATTRS = ("width", "align", "valign", "cellpadding", "cellspacing", "bgcolor", "border", "height")


def shape(el: etree._Element) -> tuple[str, frozenset[str]] | None:
    """:func:`signature`, or for an element without a class its tag and presentational attributes; None without either."""
    if sig := signature(el):
        return sig
    attrs = frozenset(f"{a}={v.strip().lower()}" for a in _LAYOUT_ATTRS if (v := el.get(a)) is not None)
    return (el.tag, attrs) if attrs else None


def _unlinked_cjk(el: etree._Element) -> int:
    return cjk_count(text_of(el)) - sum(cjk_count(text_of(a)) for a in el.iter("a"))


def _is_post(el: etree._Element, scores: Scores, cfg: PostSettings) -> bool:
    """A post holds prose: Chinese text outside links, not mostly links, not a teaser cut off by an ellipsis.

    Replies often stop without a full stop, so only an ellipsis (``...``, ``…``) marks a teaser.
    """
    chars, links = scores.chars.get(el, 0), scores.links.get(el, 0)
    if not chars or links > cfg.max_link_share * chars or chars - links < cfg.min_cjk:
        return False
    if _unlinked_cjk(el) < cfg.min_cjk:
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
            and _SENTENCE.search(text_of(el))
        ):
            wanted.add(sig)
    outside: dict[tuple[str, frozenset[str]], list[etree._Element]] = {}
    for sig in wanted:
        posts = [el for el in around[sig] if _is_post(el, scores, cfg)]
        if posts := _outermost(posts):
            outside[sig] = posts
    groups = list(outside.values())
    if THREAD_RULES & choice.content_rules:
        after = _after(main, top)
        later = set(after)
        threads = [el for el in after if el in scores.thread and _is_post(el, scores, cfg)]
        outer = [el for el in threads if not any(a in scores.thread and a in later for a in el.iterancestors())]
        if sum(map(_unlinked_cjk, outer)) >= cfg.thread_min_cjk:  # not a 暂无评论 placeholder
            groups.append(outer)
    best, best_gain = main, 0
    for posts in groups:
        common = _common_ancestor([main, *posts])
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


def unit_chrome(main: etree._Element, scores: Scores, cfg: PostSettings | None = None) -> list[etree._Element]:
    """Per-post chrome inside ``main``: short, sentence-free parts recurring in posts (see the module docstring)."""
    cfg = cfg or settings()
    stamps = _STAMP.finditer(text_of(main))
    if next(stamps, None) is None or next(stamps, None) is None:
        return []  # posts carry stamps: fewer than two, no thread
    groups: dict[object, list[etree._Element]] = {}
    for el in main.iterdescendants():
        if isinstance(el.tag, str) and el not in scores.chrome and (sig := shape(el)):
            groups.setdefault(sig, []).append(el)
            # Units also by their first class alone: state classes (answer-fold, answer-last) vary per post.
            first = _DIGITS.sub("", cls.split()[0]) if (cls := el.get("class")) else ""
            if len(sig[1]) > 1 and first:
                groups.setdefault((el.tag, first), []).append(el)
    out: list[etree._Element] = []
    done: set[etree._Element] = set()
    shown: dict[etree._Element, str] = {}  # text outside chrome, per part, shared by the unit groups
    holds_code = {a for block in main.iter("pre", "table") for a in block.iterancestors()}
    seen: set[etree._Element] = set()
    for members in groups.values():
        if len(members) < cfg.min_units:
            continue
        if sum(1 for u in members if scores.chars.get(u, 0) - scores.links.get(u, 0) >= cfg.min_cjk) < cfg.min_units:
            continue  # cheap: too few members with text outside links to be posts
        units = _outermost(members)
        if len(units) < cfg.min_units or all(u in seen or any(a in seen for a in u.iterancestors()) for u in units):
            continue  # inside posts already looked through: their parts were grouped there
        prose = [u for u in units if scores.chars.get(u, 0) - scores.links.get(u, 0) >= cfg.min_cjk]
        if len(prose) < cfg.min_units:
            continue
        stamped = sum(1 for u in units if _STAMP.search(text_of(u)))
        if stamped < cfg.min_units or stamped < cfg.stamp_share * len(units):
            continue
        if sum(1 for u in prose if _unlinked_cjk(u) >= cfg.min_cjk) < cfg.min_units:
            continue
        seen.update(units)
        for el in _chrome_parts(units, scores, cfg, shown, holds_code):
            if el not in done and not any(a in done for a in el.iterancestors()):
                out.append(el)
                done.add(el)
    return _outermost(out)


def _chrome_parts(
    units: list[etree._Element],
    scores: Scores,
    cfg: PostSettings,
    shown: dict[etree._Element, str],
    holds_code: set[etree._Element],
) -> list[etree._Element]:
    """Parts recurring under one signature in several ``units`` that are short and hold no sentence."""
    parts: dict[tuple[str, frozenset[str]], list[etree._Element]] = {}
    for unit in units:
        for el in unit.iterdescendants():
            if el in scores.block and el not in scores.chrome and el.tag not in _NEVER_CHROME and (sig := shape(el)):
                parts.setdefault(sig, []).append(el)  # blocks only: a mention or a count inside a sentence stays
    units_cjk = 0
    unit_set = set(units)
    out: list[etree._Element] = []
    for members in parts.values():
        if len(members) < cfg.min_units or any(scores.chars.get(el, 0) > cfg.chrome_max_chars for el in members):
            continue
        holders = {next(a for a in el.iterancestors() if a in unit_set) for el in members}
        if len(holders) < cfg.min_units:
            continue
        if any(el in holds_code for el in members):
            continue  # code and tables are content
        texts = [shown[el] if el in shown else shown.setdefault(el, _shown_text(el, scores)) for el in members]
        signed = all((label := names(el)) and _SIGNATURE.search(label) for el in members)
        stamped = sum(1 for t in texts if _STAMP.search(t)) >= cfg.stamp_share * len(texts)
        if not (signed or stamped) and any(_SENTENCE.search(t) for t in texts):
            continue  # a signature (个性签名) or a card with the post's stamp is chrome even with a sentence
        units_cjk = units_cjk or sum(_unlinked_cjk(u) for u in units) or 1
        if sum(cjk_count(t) for t in texts) >= cfg.body_share * units_cjk:
            continue  # the body of short replies, not chrome
        out.extend(el for el in members if scores.chars.get(el, 0) > 0)
    return out


def _shown_text(el: etree._Element, scores: Scores) -> str:
    """The text of ``el`` outside chrome-named elements (a 举报 pop-up's question is not the bar's)."""
    if not any(d in scores.chrome for d in el.iterdescendants()):
        return text_of(el)
    parts: list[str] = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child not in scores.chrome:
            parts.append(_shown_text(child, scores))
        parts.append(child.tail or "")
    return "".join(parts)


def _outermost(elements: list[etree._Element]) -> list[etree._Element]:
    chosen = set(elements)
    return [el for el in elements if not any(a in chosen for a in el.iterancestors())]
