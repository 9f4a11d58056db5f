"""Checks on the spans that span rules cut out of a line, where a pattern alone cannot decide.

* ``boilerplate.jammer`` — anti-scrape strings of random ASCII (``. {* t6 p8 g2 v; y3``): the pattern
  finds runs of tiny tokens; the run is a jammer only when several tokens glue a letter or digit to a
  symbol (code and formulas space their symbols out: ``x = a + b``).

>>> keep_span("boilerplate.jammer", "先驱& \\\\7 ^3 d7 M( R", 2, 16)
True
>>> keep_span("boilerplate.jammer", "x = a + b ; c", 0, 13)
False
"""

from __future__ import annotations

import re

#: A jammer run has at least this many tokens…
JAMMER_MIN_TOKENS = 5
#: …of which at least this many glue a letter or digit to a symbol.
JAMMER_MIN_MIXED = 3
_ALNUM = re.compile(r"[A-Za-z0-9]")
_SYMBOL = re.compile(r"[^A-Za-z0-9\s]")


def _is_jammer(text: str) -> bool:
    tokens = text.split()
    if len(tokens) < JAMMER_MIN_TOKENS:
        return False
    mixed = sum(1 for t in tokens if _ALNUM.search(t) and _SYMBOL.search(t))
    return mixed >= JAMMER_MIN_MIXED


def keep_span(rule_id: str, line: str, start: int, end: int) -> bool:
    """True when the span ``line[start:end]`` that ``rule_id`` matched is chrome to cut."""
    if rule_id == "boilerplate.jammer":
        return _is_jammer(line[start:end])
    return True


__all__ = ["keep_span"]
