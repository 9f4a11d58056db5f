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
from functools import lru_cache

from ..lines import LineEditor
from ..page import Page
from ..rules import Rule, builtin, check_unique, resolve
from ..text import cjk_count, ends_sentence, is_heading, punct_count, visible_len
from . import Step

#: A body line has at least this many ideographs…
BODY_MIN_CJK = 20
#: …and at least this many Chinese punctuation marks.
BODY_MIN_PUNCT = 2
#: …and at least this share of ideographs among its visible characters.
BODY_MIN_CJK_RATIO = 0.5
#: A heading-like line outside the body is at most this long…
TITLE_MAX_LEN = 60
#: …and at least this share ideographs.
TITLE_MIN_CJK_RATIO = 0.6
#: The density signal only judges pages whose body holds at least this share of the visible characters
#: (on a page of code, tables or lists there is no prose body to measure distance from).
DENSITY_MIN_BODY_SHARE = 0.4
_FIGURES = re.compile(r"[0-9.%]")
_NAV_SEPARATORS = re.compile(r"[|｜_>»›→]|\s{2,}|\s\S{1,4}\s\S{1,4}\s")


class RuleSet:
    """The rules of one step, with their patterns laid out for a fast line loop."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        self._memo: dict[tuple[str, str], Rule | None] = {}
        self._entries = [
            (
                rule,
                rule.max_len if rule.max_len is not None else 1 << 30,
                rule.zone,
                tuple(p.match if p.pattern.startswith("^") else p.search for p in rule._compiled),
                rule.min_hits == 1 and not rule.unless,
            )
            for rule in rules
        ]

    def first_match(self, line: str, zone: str = "?", length: int | None = None) -> Rule | None:
        """The first rule that fires on ``line`` in ``zone`` (``"?"``: any zone)."""
        key = (line, zone)
        try:  # pages repeat lines (cells, dates, buttons): each judged once per zone
            return self._memo[key]
        except KeyError:
            pass
        found = self._first_match(line, zone, visible_len(line) if length is None else length)
        if len(self._memo) < 1 << 15:
            self._memo[key] = found
        return found

    def _first_match(self, line: str, zone: str, length: int) -> Rule | None:
        for rule, max_len, rule_zone, tests, simple in self._entries:
            if length > max_len:
                continue
            if zone != "?" and rule_zone != "any" and zone != rule_zone and not (rule_zone == "edge" and zone != "main"):
                continue
            if simple:
                for test in tests:
                    if test(line):
                        return rule
            elif rule.matches(line, length):
                return rule
        return None


@lru_cache(maxsize=64)
def ruleset(extra: tuple[object, ...]) -> RuleSet:
    """Built-in boilerplate rules plus the user's (cached per process and per rule option)."""
    rules = builtin("boilerplate") + resolve(extra)
    check_unique(rules)
    return RuleSet(rules)


def is_body(line: str) -> bool:
    """True for a line dense in Chinese characters and punctuation: running prose."""
    if len(line) < BODY_MIN_CJK or punct_count(line) < BODY_MIN_PUNCT:
        return False
    n = cjk_count(line)
    return n >= BODY_MIN_CJK and punct_count(line) >= BODY_MIN_PUNCT and n >= BODY_MIN_CJK_RATIO * visible_len(line)


def _paragraphs(stripped: list[str], suspect: list[bool]) -> list[str | None]:
    """For each line, the paragraph it belongs to once the structure step rejoins what a site broke
    in two (None for empty lines and lines a rule names), so that cleaning again decides the same."""
    from .structure import continues  # late: structure builds on this module's measures

    para: list[str | None] = [None] * len(stripped)
    # Lines a rule names go before the structure step rejoins: they do not break a paragraph.
    idx = [i for i, s in enumerate(stripped) if s and not suspect[i]]
    j = 0
    while j < len(idx):
        k, text = j, stripped[idx[j]]
        while k + 1 < len(idx) and continues(text, stripped[idx[k + 1]]):
            k += 1
            text += stripped[idx[k]]
        for m in range(j, k + 1):
            para[idx[m]] = text
        j = k + 1
    return para


def is_title_like(line: str) -> bool:
    """True for a short line of mostly ideographs (and figures) with no navigation separators: a heading or title.

    >>> is_title_like("2024年4月份居民消费价格同比上涨0.3%"), is_title_like("首页 | 新闻 | 关于我们")
    (True, False)
    """
    n = visible_len(line)
    if not 0 < n <= TITLE_MAX_LEN:
        return False
    cjk = cjk_count(line)
    return (
        cjk >= 2
        and cjk + len(_FIGURES.findall(line)) / 2 >= TITLE_MIN_CJK_RATIO * n  # a figure counts half
        and _NAV_SEPARATORS.search(line.strip()) is None
    )


def keeps_at_edge(line: str) -> bool:
    """Lines outside the body survive the density signal when they read as text: a sentence, a heading, a title."""
    return ends_sentence(line) and cjk_count(line) >= 2 or is_heading(line) or is_title_like(line)


def _ends_list(line: str) -> bool:
    """Inside the body, a list under a chrome heading ends at a heading or a sentence."""
    return is_heading(line) or ends_sentence(line) and cjk_count(line) >= 2


class Boilerplate(Step):
    """Drop chrome lines and blocks by rule and by density."""

    name = "boilerplate"

    def __call__(self, page: Page) -> Page:
        rules = ruleset(tuple(self.options.rules))
        lines = page.text.split("\n")
        stripped = [line.strip() for line in lines]
        lengths = [visible_len(s) for s in stripped]
        # Pass 1: which lines are body? A line any rule names is not, whatever its density.
        suspect = [bool(s) and rules.first_match(s, "?", n) is not None for s, n in zip(stripped, lengths)]
        paragraphs = _paragraphs(stripped, suspect)
        body = [p is not None and is_body(p) for p in paragraphs]
        first = next((i for i, b in enumerate(body) if b), None)
        last = next((i for i in range(len(body) - 1, -1, -1) if body[i]), None)

        total = sum(n for n, sus in zip(lengths, suspect) if not sus)  # what rules leave, as a second pass sees it
        density = self.options.density and total > 0 and sum(n for n, b in zip(lengths, body) if b) >= DENSITY_MIN_BODY_SHARE * total

        def zone(i: int) -> str:
            if first is None or last is None:
                return "main"
            return "head" if i < first else "tail" if i > last else "main"

        ed = LineEditor(page)
        i = 0
        while i < len(lines):
            s = stripped[i]
            if not s:
                ed.drop(i, "")
                i += 1
                continue
            z = zone(i)
            rule = rules.first_match(s, z, lengths[i]) if suspect[i] else None
            if rule is None:
                if density and z in ("head", "tail") and not keeps_at_edge(paragraphs[i] or s):
                    ed.drop(i, "density.edge")
                else:
                    ed.keep(i, s)
                i += 1
                continue
            if rule.scope == "span":
                kept = s
                for start, end in reversed(rule.spans(s)):
                    page.remove(rule.id, kept[start:end], len(ed.out), span=True)
                    kept = kept[:start] + kept[end:]
                if kept.strip():
                    ed.keep(i, kept.strip())
                else:
                    ed.drop(i, "")
                i += 1
                continue
            ed.drop(i, rule.id)
            i += 1
            if rule.scope == "block":  # the list under the heading, up to the next body line
                while i < len(lines) and not body[i] and (z == "tail" or not _ends_list(stripped[i])):
                    named = rules.first_match(stripped[i], z) if stripped[i] else None
                    ed.drop(i, named.id if named else rule.id)
                    i += 1
        ed.finish()
        return page


STEP = Boilerplate
