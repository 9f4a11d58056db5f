"""The boilerplate step's rules, laid out for a fast loop over lines.

:func:`ruleset` builds (once per process and rule option) the built-in rules plus the user's;
:meth:`RuleSet.first_match` names the first line rule that fires on a line, in a zone of the page, with
one literal prefilter over all rules (:mod:`speechclean.literals`) and each rule's patterns joined into
one search where they can be.

>>> rules = ruleset(())
>>> rules.first_match("上一篇：关于做好春节期间工作的通知").id
'boilerplate.prev-next'
>>> rules.first_match("会议强调，要落实责任。") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ..literals import Prefilter, required_any
from ..rules import Rule, builtin, check_unique, resolve
from ..text import visible_len


class RuleSet:
    """The rules of one step, with their patterns laid out for a fast line loop."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        self._memo: dict[tuple[str, str], Rule | None] = {}
        #: Rules that cut a span out of a line (applied to every line before the line rules).
        self.span_rules = tuple(r for r in rules if r.scope == "span")
        self._entries = [
            (
                rule,
                rule.max_len if rule.max_len is not None else 1 << 30,
                rule.zone,
                _tests(rule),
                tuple(v.search for v in rule._vetoes),
                rule.min_hits == 1,
            )
            for rule in rules
            if rule.scope != "span"
        ]
        #: A literal prefilter over all line rules: one scan of the line rules out the rules whose
        #: patterns need a literal it lacks (speechclean.literals; exact, so the verdicts are the same).
        self._prefilter = Prefilter([required_any(e[0]._compiled) for e in self._entries])

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
        may = self._prefilter.candidates(line)
        for k, (rule, max_len, rule_zone, tests, vetoes, simple) in enumerate(self._entries):
            if length > max_len or k not in may:
                continue
            if zone != "?" and rule_zone != "any" and zone != rule_zone and not _in_zone(rule_zone, zone):
                continue
            if simple:
                if any(test(line) for test in tests) and not any(veto(line) for veto in vetoes):
                    return rule
            elif rule.matches(line, length):
                return rule
        return None


def _in_zone(rule_zone: str, zone: str) -> bool:
    """Whether a rule limited to ``rule_zone`` applies to a line in ``zone`` (head, tail, ends, main);
    ``ends`` (the first and last body lines) is part of the main body for every other zone."""
    if rule_zone == "edge":
        return zone in ("head", "tail")
    if rule_zone == "ends":
        return zone in ("head", "tail", "ends")
    return False


_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P[<=]|\(\?[aiLmsux]+\)")


def _tests(rule: Rule) -> tuple[Callable[[str], object], ...]:
    """The rule's patterns as one search (an alternation: one pass over the line instead of one per
    pattern), or one test per pattern when they cannot be joined (group references, global flags)."""
    patterns = [p.pattern for p in rule._compiled]
    if len(patterns) > 1 and not any(_GROUP_REFERENCE.search(p) for p in patterns):
        try:
            return (re.compile("|".join(f"(?:{p})" for p in patterns)).search,)
        except re.error:  # pragma: no cover - every pattern compiled alone
            pass
    return tuple(p.match if p.pattern.startswith("^") else p.search for p in rule._compiled)


@lru_cache(maxsize=64)
def ruleset(extra: tuple[object, ...]) -> RuleSet:
    """Built-in boilerplate rules plus the user's (cached per process and per rule option)."""
    rules = builtin("boilerplate") + resolve(extra)
    check_unique(rules)
    return RuleSet(rules)


__all__ = ["RuleSet", "ruleset"]
