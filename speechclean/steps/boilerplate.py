"""boilerplate — remove site chrome line by line and block by block.

Two kinds of evidence, both recorded on every removal:

* **rules** (``speechclean/rules/boilerplate.toml`` plus the user's): families of
  patterns for breadcrumbs, metadata, editor prefaces, recommendation lists,
  download and payment prompts, spam, leaked CSS/JS…
* **density** (``density.edge``): the main body is the run of lines dense in
  Chinese characters and punctuation; outside it, a line that is neither a
  sentence nor a heading-like line is chrome no rule named.

Short real lines inside the body (``同志们：``, ``一、…``, ``谢谢大家！``) are kept.

>>> from speechclean import clean
>>> page = clean("推荐访问：讲话 会议 讲话稿\\n同志们：\\n今天的会议，主要任务是部署今年的工作。大家要认真落实，确保各项任务完成。\\n谢谢大家！")
>>> page.text
'同志们：\\n今天的会议，主要任务是部署今年的工作。大家要认真落实，确保各项任务完成。\\n谢谢大家！'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..chrome.classify import judge
from ..chrome.cues import is_button_bar
from ..chrome.kinds import is_body, is_title_like, keeps_at_edge
from ..chrome.lists import list_lines
from ..chrome.model import model
from ..chrome.runs import (
    above_metadata,
    article_start,
    ends_list,
    ends_tail_list,
    head_to_title,
    headline,
    keep_inline_symbols,
    menu_run_lines,
)
from ..chrome.spans import give_back_marks, keep_span, may_match, may_match_lines
from ..chrome.tails import may_hold, tail_prompt
from ..chrome.tokens import token_lines
from ..chrome.view import simplified_lines
from ..chrome.watermark import watermarks
from ..code import code_lines, front_matter
from ..lines import LineEditor
from ..page import Page
from ..rules import Rule
from ..sites.apply import repeated_lines
from ..text import visible_len
from . import Step
from .ruleset import RuleSet, ruleset

#: The density signal only judges pages whose body holds at least this share of the visible characters
#: (on a page of code, tables or lists there is no prose body to measure distance from).
DENSITY_MIN_BODY_SHARE = 0.4
#: A keyword line right after a body paragraph is a paper's own (摘要… 关键词：…), not a site's tag list.
_OWN_KEYWORDS = re.compile(r"^\s*+[【\[]?+\s*+(?:关键词|关键字|Key\s*+words?)\s*+[】\]]?+\s*+[:：]?", re.IGNORECASE)


def _body_lines(stripped: list[str], suspect: list[bool], memo: dict[str, bool] | None = None) -> list[bool]:
    """Which lines are body: judged per paragraph, joining the lines the structure step will rejoin
    (a paragraph a site broke in two is body as a whole), so that cleaning again decides the same.
    ``memo`` keeps the verdict of each paragraph across calls on the same page."""
    from .structure import continues  # late: structure builds on this module's measures

    body = [False] * len(stripped)
    # Lines a rule names go before the structure step rejoins: they do not break a paragraph.
    idx = [i for i, s in enumerate(stripped) if s and not suspect[i]]
    j = 0
    while j < len(idx):
        k, text = j, stripped[idx[j]]
        while k + 1 < len(idx) and continues(text, stripped[idx[k + 1]]):
            k += 1
            text += stripped[idx[k]]
        if memo is None:
            dense = is_body(text)
        elif (dense := memo.get(text)) is None:
            dense = memo[text] = is_body(text)
        if dense:
            for m in range(j, k + 1):
                body[idx[m]] = True
        j = k + 1
    return body


@dataclass
class Layout:
    """What the boilerplate step knows of a page before the classifier: the lines (original, stripped,
    Simplified view), span cuts, the rule that names each line, and which lines are body."""

    lines: list[str]
    stripped: list[str]
    view: list[str]
    lengths: list[int]
    cuts: list[list[tuple[str, str]]]
    named: list[Rule | None]
    body: list[bool]
    first: int | None
    last: int | None
    density: bool
    #: Lines a rule named that their context shows are content (kept, and not judged by the classifier).
    kept: set[int] = field(default_factory=set)
    #: The article's title when it ends the head below the first body line (chrome.runs.article_start).
    start: int | None = None

    def edges(self) -> tuple[int | None, int | None]:
        """The first and last lines the classifier measures head and tail from (``(None, None)``: none)."""
        if not self.density:
            return None, None
        return head_to_title((self.first, self.last), self.start)

    def zone(self, i: int) -> str:
        """``head``/``tail`` (before/after the body), ``ends`` (its first or last line) or ``main``."""
        if self.first is None or self.last is None:
            return "main"
        if i == self.first or i == self.last:
            return "ends"
        return "head" if i < self.first else "tail" if i > self.last else "main"


def _cut_spans(rules: RuleSet, stripped: list[str], view: list[str]) -> list[list[tuple[str, str]]]:
    """Cut the span rules' matches (jammers, watermarks, inline page markers) out of every line, in place;
    then a site name stamped at the ends of clauses all over the page (:mod:`speechclean.chrome.watermark`),
    and the prompts at the end of a long line (:mod:`speechclean.chrome.tails`).
    Return what was cut from each line, with the rule or signal of each cut."""
    cuts: list[list[tuple[str, str]]] = [[] for _ in stripped]
    # The lines each rule's literal test may pass, from one scan; a line a cut changed is tried by every
    # later rule again (a cut may join what a later test needs: 阅…读).
    found = may_match_lines(view, "\n".join(view)) if rules.span_rules else None
    changed: set[int] = set()
    for rule in rules.span_rules:
        todo = None if found is None else found.get(rule.id)
        if todo is not None and changed:
            todo = sorted(changed.union(todo))
        for i in range(len(view)) if todo is None else todo:
            v = view[i]
            if not v or not may_match(rule.id, v) or not rule.fits(v):
                continue
            spans = [sp for sp in rule.spans(v) if keep_span(rule.id, v, *sp)]
            if not spans or any(veto.search(v) for veto in rule._vetoes):
                continue
            _cut(cuts, stripped, view, i, rule.id, spans)
            changed.add(i)
    by_line: dict[int, list[tuple[int, int]]] = {}
    for i, start, end in watermarks(view):
        by_line.setdefault(i, []).append((start, end))
    for i, spans in by_line.items():
        _cut(cuts, stripped, view, i, WATERMARK, spans)
    for i, v in enumerate(view):  # prompts glued to the end of a long line (speechclean.chrome.tails)
        if may_hold(v) and (at := tail_prompt(v, rules.first_match)) is not None:
            _cut(cuts, stripped, view, i, TAIL_PROMPT, [(at, len(v))])
    return cuts


#: The signal that cuts a site's name stamped all over a page.
WATERMARK = "chrome.watermark"
#: The signal that drops a title cut into keyword links, one word a line.
TITLE_TOKENS = "chrome.title-tokens"
#: The signal that drops a line of nothing but chrome words set apart (speechclean.chrome.cues.is_button_bar).
BUTTON_BAR = "chrome.button-bar"
#: The signal that drops the items left of a numbered list most of whose items are chrome (speechclean.chrome.lists).
NUMBERED_LIST = "chrome.numbered-list"
#: The signal that cuts the prompts at the end of a long line.
TAIL_PROMPT = "chrome.tail-prompt"


def _cut(cuts: list[list[tuple[str, str]]], stripped: list[str], view: list[str], i: int, rule_id: str,
         spans: list[tuple[int, int]]) -> None:
    """Cut ``spans`` (of the view, in order, not overlapping) out of line ``i`` of both texts."""
    s, v = stripped[i], view[i]
    same = len(s) == len(v)
    for start, end in reversed(spans):
        cuts[i].append((rule_id, (s if same else v)[start:end]))
        if same:
            s = s[:start] + s[end:]
        v = v[:start] + v[end:]
    stripped[i], view[i] = (s.strip() if same else v.strip()), v.strip()


def layout(text: str, rules: RuleSet, density: bool = True) -> Layout:
    """Rules first: spans cut, lines named, body found (the classifier's evidence and the training script's)."""
    lines = text.split("\n")
    stripped = [line.strip() for line in lines]
    view = simplified_lines(list(stripped))
    cuts = _cut_spans(rules, stripped, view)
    lengths = [visible_len(s) for s in view]
    named = [rules.first_match(v, "?", n) if v else None for v, n in zip(view, lengths)]
    suspect = [r is not None for r in named]
    body = _body_lines(view, suspect)
    first = next((i for i, b in enumerate(body) if b), None)
    last = next((i for i in range(len(body) - 1, -1, -1) if body[i]), None)
    edges = _edges(view, lengths, body, suspect, density)
    lay = Layout(lines, stripped, view, lengths, cuts, named, body, first, last, edges != (None, None))
    for i, v in enumerate(view):  # a rule limited to a zone names a line only there
        r = named[i]
        if r is not None and r.zone != "any":
            named[i] = rules.first_match(v, lay.zone(i), lengths[i])
    prev = None  # the last line no rule names
    for i, v in enumerate(view):
        if not v:
            continue
        if named[i] is not None and prev is not None and body[prev] and _OWN_KEYWORDS.match(v):
            named[i] = None
            lay.kept.add(i)
        if named[i] is None:
            prev = i
    lay.start = article_start(lay)
    return lay


def _rule_drops(lay: Layout, rules: RuleSet) -> dict[int, str]:
    """The lines the rules drop, with the rule of each: named lines, and the lists under block rules."""
    drops: dict[int, str] = {}
    n = len(lay.view)
    i = 0
    while i < n:
        rule = lay.named[i] if lay.view[i] else None
        i += 1
        if rule is None:
            continue
        drops[i - 1] = rule.id
        if rule.scope == "block":  # the list under the heading, up to the next body line
            z = lay.zone(i - 1)
            ends = ends_tail_list if z == "tail" else ends_list
            # a body line ends the list unless it is a headline (a list of them); so does its own end
            while i < n and (not lay.body[i] or headline(lay.view[i], lay.lengths[i])) and not ends(lay.view[i]):
                if lay.view[i] and above_metadata(lay, i):
                    break  # the article's title, right above its own metadata, ends the list
                if lay.view[i]:
                    nxt = rules.first_match(lay.view[i], z)
                    drops[i] = nxt.id if nxt else rule.id
                i += 1
    return drops


def _edges(view: list[str], lengths: list[int], body: list[bool], suspect: list[bool], density: bool) -> tuple[int | None, int | None]:
    """The first and last body lines that head and tail are measured from, or ``(None, None)`` when the
    page holds too little body to measure from (titles and headings do not count: the structure step may
    take one away as the title, and the verdict must not change with it)."""
    total = sum(n for v, n, sus in zip(view, lengths, suspect) if v and not sus and not is_title_like(v))
    if not density or total <= 0 or sum(n for n, b in zip(lengths, body) if b) < DENSITY_MIN_BODY_SHARE * total:
        return None, None
    first = next((i for i, b in enumerate(body) if b), None)
    last = next((i for i in range(len(body) - 1, -1, -1) if body[i]), None)
    return first, last


#: The classifier judges again what it leaves, at most this many more times, until it drops nothing more
#: (so that cleaning the result again drops nothing: its neighbours are then the lines that stay).
MAX_ROUNDS = 3


def _classify(lay: Layout, drops: dict[int, str]) -> dict[int, tuple[float, tuple[str, ...]]]:
    """The classifier's verdicts on the lines the rules leave, iterated to a fixed point."""
    m = model()
    threshold = m.threshold
    decided = [i in drops or i in lay.kept for i in range(len(lay.view))]
    memo: dict[str, bool] = {}
    cues: dict[str, dict[str, float]] = {}
    verdicts = judge(lay.view, decided, lay.body, edges=lay.edges(), memo=cues, start=lay.start)
    dropped = {i for i, (p, _) in verdicts.items() if p >= threshold}
    for i in menu_run_lines(lay, drops, verdicts, m.menu) - dropped:
        p, why = verdicts[i]
        verdicts[i] = (p, ("nb.menu", *why[:2]))
        dropped.add(i)
    new = set(dropped)
    for _ in range(MAX_ROUNDS):
        if not new:
            break
        gone = dropped | set(drops)
        view = ["" if i in gone else v for i, v in enumerate(lay.view)]
        suspect = [i in lay.kept for i in range(len(view))]
        body = _body_lines(view, suspect, memo)
        edges = head_to_title(_edges(view, lay.lengths, body, suspect, lay.density), lay.start)
        again = judge(view, suspect, body, edges=edges, memo=cues, start=lay.start)
        new = {i for i, (p, _) in again.items() if p >= threshold and i not in dropped}
        for i in new:
            verdicts[i] = again[i]
        dropped |= new
    return {i: verdicts[i] for i in dropped}


class Boilerplate(Step):
    """Drop chrome: spans and lines by rule, then every other line by the chrome classifier."""

    name = "boilerplate"

    def __call__(self, page: Page) -> Page:
        rules = ruleset(tuple(self.options.rules))
        lay = layout(page.text, rules, self.options.density)
        drops = _rule_drops(lay, rules)
        for i in token_lines(lay.view):  # a title cut into keyword links (speechclean.chrome.tokens)
            drops.setdefault(i, TITLE_TOKENS)
        for i, v in enumerate(lay.view if self.options.density else ()):  # a bar of buttons: chrome words only
            if v and i not in drops and i not in lay.kept and is_button_bar(v):
                drops[i] = BUTTON_BAR
        chrome = _classify(lay, drops) if self.options.density else {}
        for i in list_lines(lay.view, drops.keys() | chrome.keys()):  # a numbered list most of whose items go
            if i not in lay.kept:
                drops[i] = NUMBERED_LIST
        keep_inline_symbols(lay, drops, chrome)
        repeated = repeated_lines(page, lay.stripped, lay.body, self.options)  # the site's chrome: {line: pages}
        code = code_lines(lay.lines)  # code and front matter are content: kept exactly (speechclean.code)
        give_back_marks(lay.stripped, lay.view, lay.cuts, code)  # …取得 / 第2页 / 共43页 / ，推动: the ， goes on
        ed = LineEditor(page)
        for i, s in enumerate(lay.stripped):
            if i in code:
                if self.options.front_matter == "drop" and i in front_matter(lay.lines):
                    ed.drop(i, "boilerplate.front-matter")
                else:
                    ed.keep(i)
                continue
            rule = drops.get(i) if s else None
            verdict = chrome.get(i) if s and rule is None else None
            kept = bool(s) and rule is None and verdict is None
            for cut, piece in lay.cuts[i]:  # cut from a kept line: a span of it; otherwise a piece before it
                page.remove(cut, piece, len(ed.out), span=kept)
            if not s:
                ed.drop(i, "", "")
            elif kept and i in repeated:
                ed.drop(i, "site.repeated", s, score=repeated[i])
            elif kept:
                ed.keep(i, s)
            elif rule is not None:
                ed.drop(i, rule, s)
            else:
                assert verdict is not None
                ed.drop(i, "chrome.line", s, score=round(verdict[0], 3), cues=verdict[1])
        ed.finish()
        return page


STEP = Boilerplate

__all__ = ["STEP", "Boilerplate", "Layout", "RuleSet", "is_body", "is_title_like", "keeps_at_edge", "layout", "ruleset"]
