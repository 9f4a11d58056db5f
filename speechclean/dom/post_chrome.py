"""Per-post chrome: the parts every post of a thread repeats that are not its text.

Inside the main content (widened over the thread by :mod:`~speechclean.dom.posts`), a group of
units of one class signature, most of them carrying a date or time stamp, are posts; a part that
recurs in several of them under one signature, never holds a sentence mark (，。；！？) and is short
in each (a user card, a 楼主/举报 bar, a 发布于 line) is chrome (``posts.chrome``) — there and wherever
its template recurs in the main content (the card of a best answer shown apart) — unless that part
holds much of the units' Chinese text (the body of short replies). A short part carrying the post's
stamp (a card with a slogan, ``2021-10-19 ·爱答题，多聊点生活``) or named as the author's signature
(``signatures``, ``sign``) is chrome even with a sentence mark. Pages laid out before CSS classes
(a ``<table width="98%">`` per post, a ``<td width="20%">`` user panel) are grouped by their
presentational attributes instead (:func:`shape`). Weights: ``[posts]`` in ``rules/extract.toml``.

>>> from speechclean.dom.parse import parse
>>> from speechclean.dom.scoring import score_tree
>>> root = parse('''<body><div class="thread">
... <div class="post"><div class="user">张三 2021-06-01</div><div class="body">我想请教一个问题，这个功能怎么用？</div></div>
... <div class="post"><div class="user">李四 2021-06-02</div><div class="body">你可以先看一下说明文档，里面写得很清楚。</div></div>
... </div></body>''')
>>> [el.text for el in unit_chrome(root.find(".//div"), score_tree(root))]
['张三 2021-06-01', '李四 2021-06-02']
"""

from __future__ import annotations

import re

from lxml import etree

from ..text import cjk_count
from .parse import names, text_of
from .posts import SENTENCE, STAMP, PostSettings, outermost, settings, signature, unlinked_cjk
from .scores import Scores

_DIGITS = re.compile(r"\d+")

_NEVER_CHROME = frozenset(
    ["h1", "h2", "h3", "h4", "h5", "h6", "table", "figure", "figcaption", "caption", "img", "pre", "code", "blockquote"]
)
_SIGNATURE = re.compile(settings().signature_names or r"(?!)")


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


def unit_chrome(main: etree._Element, scores: Scores, cfg: PostSettings | None = None) -> list[etree._Element]:
    """Per-post chrome inside ``main``: short, sentence-free parts recurring in posts (see the module docstring)."""
    cfg = cfg or settings()
    stamps = STAMP.finditer(text_of(main))
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
        units = outermost(members)
        if len(units) < cfg.min_units or all(u in seen or any(a in seen for a in u.iterancestors()) for u in units):
            continue  # inside posts already looked through: their parts were grouped there
        prose = [u for u in units if scores.chars.get(u, 0) - scores.links.get(u, 0) >= cfg.min_cjk]
        if len(prose) < cfg.min_units:
            continue
        stamped = sum(1 for u in units if STAMP.search(text_of(u)))
        if stamped < cfg.min_units or stamped < cfg.stamp_share * len(units):
            continue
        if sum(1 for u in prose if unlinked_cjk(u) >= cfg.min_cjk) < cfg.min_units:
            continue
        seen.update(units)
        for el in _chrome_parts(units, scores, cfg, shown, holds_code):
            if el not in done and not any(a in done for a in el.iterancestors()):
                out.append(el)
                done.add(el)
    out.extend(_same_template(out, groups, done, scores, cfg, holds_code))
    return outermost(out)


def _same_template(
    found: list[etree._Element],
    groups: dict[object, list[etree._Element]],
    done: set[etree._Element],
    scores: Scores,
    cfg: PostSettings,
    holds_code: set[etree._Element],
) -> list[etree._Element]:
    """Parts of ``main`` outside the thread's units built from the template of a chrome part found in them.

    A best answer, a pinned post or a featured reply is shown apart from the list of posts, with
    the same user card and bar: the card's class signature, short and sentence-free (or carrying
    its stamp) as in the posts, is chrome there too.
    """
    out: list[etree._Element] = []
    for sig in {shape(el) for el in found}:
        for el in groups.get(sig, ()):
            if el in done or el in holds_code or any(a in done for a in el.iterancestors()):
                continue
            if not 0 < scores.chars.get(el, 0) <= cfg.chrome_max_chars:
                continue
            text = _shown_text(el, scores)
            if SENTENCE.search(text) and not STAMP.search(text):
                continue
            out.append(el)
            done.add(el)
    return out


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
        stamped = sum(1 for t in texts if STAMP.search(t)) >= cfg.stamp_share * len(texts)
        if not (signed or stamped) and any(SENTENCE.search(t) for t in texts):
            continue  # a signature (个性签名) or a card with the post's stamp is chrome even with a sentence
        units_cjk = units_cjk or sum(unlinked_cjk(u) for u in units) or 1
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
