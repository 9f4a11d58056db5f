"""Checks on the spans that span rules cut out of a line, where a pattern alone cannot decide.

* ``boilerplate.jammer`` — anti-scrape strings of random ASCII (``. {* t6 p8 g2 v; y3``): the pattern
  finds runs of tiny tokens; the run is a jammer only when several tokens glue a letter or digit to a
  symbol (code and formulas space their symbols out: ``x = a + b``).

>>> keep_span("boilerplate.jammer", "先驱& \\\\7 ^3 d7 M( R", 2, 16)
True
>>> keep_span("boilerplate.jammer", "x = a + b ; c", 0, 13), keep_span("boilerplate.jammer", "`a, b = b, a`", 0, 13)
(False, False)
>>> keep_span("boilerplate.jammer", "% H, N8 ]: q: }. q! v", 0, 21), keep_span("boilerplate.jammer", "x1 + x2 + x3 = y1", 0, 17)
(True, False)
"""

from __future__ import annotations

import re

from ..code import in_inline_code
from ..text import PROSE_PUNCT

#: A jammer run has at least this many tokens…
JAMMER_MIN_TOKENS = 5
#: …of which at least this many glue a letter or digit to a symbol…
JAMMER_MIN_MIXED = 3
#: …and at least this many hold a digit (random strings do; code such as ``a, b = b, a`` need not).
JAMMER_MIN_DIGITS = 2
_ALNUM = re.compile(r"[A-Za-z0-9]")
_DIGIT = re.compile(r"[0-9]")
_SYMBOL = re.compile(r"[^A-Za-z0-9\s]")


#: Or: at least this many tokens glue two kinds of character (letter, digit, symbol: ``D0``, ``J*``), at least
#: ``JAMMER_MIN_MIXED - 1`` of them a symbol, with digits or bare symbols among the rest (``& J* D0 x: J2 [* c5``).
JAMMER_MIN_GLUED = 4
_LETTER = re.compile(r"[A-Za-z]")


def _is_jammer(text: str) -> bool:
    tokens = text.split()
    if len(tokens) < JAMMER_MIN_TOKENS:
        return False
    mixed = sum(1 for t in tokens if _ALNUM.search(t) and _SYMBOL.search(t))
    digits = sum(1 for t in tokens if _DIGIT.search(t))
    if mixed >= JAMMER_MIN_MIXED and digits >= JAMMER_MIN_DIGITS:
        return True
    if mixed < JAMMER_MIN_MIXED - 1:
        return False
    glued = sum(1 for t in tokens if bool(_LETTER.search(t)) + bool(_DIGIT.search(t)) + bool(_SYMBOL.search(t)) >= 2)
    bare = sum(1 for t in tokens if not _ALNUM.search(t))
    return glued >= JAMMER_MIN_GLUED and (digits >= JAMMER_MIN_DIGITS or bare >= 2)


_ADDRESS_MARKS = ("www.", "m.", "wap.", "bbs.", "://")


def may_match(rule_id: str, line: str) -> bool:
    """A literal test a line must pass before the span rule ``rule_id`` is tried on it (False: it cannot
    match). Span rules run on every line, long body lines included; these keep them cheap there."""
    if rule_id == "boilerplate.jammer":
        return line.count(" ") >= JAMMER_MIN_TOKENS - 1
    if rule_id == "boilerplate.watermark":
        return "." in line and any(m in line for m in _ADDRESS_MARKS)
    if rule_id == "boilerplate.inline-page-marker":
        return "共" in line and "第" in line
    if rule_id == "boilerplate.field-code":
        return "TOC" in line
    if rule_id == "boilerplate.seo-inline":
        return "入口" in line
    if rule_id == "boilerplate.inline-credits":
        return "|" in line or "｜" in line
    if rule_id == "boilerplate.inline-related":
        return "阅读" in line
    if rule_id == "boilerplate.trailing-slogan":
        return line[-1:] in "网站库坛区家" or line.rstrip()[-1:] in "网站库坛区家"
    if rule_id == "boilerplate.inline-marker":
        return "编辑本段" in line or "正文" in line
    return True


#: What a line needs to pass :func:`may_match`, for each span rule there: (rule, a character, what must
#: follow it). A literal the test needs (its first character, the rest looked ahead at, so that no branch
#: hides another's literal), a space followed by three more on its line (the jammer's spaces), a slogan's
#: last character at the end of its line.
_NEED_BRANCHES = (
    ("boilerplate.jammer", " ", f"(?=(?:[^\n ]*+ ){{{JAMMER_MIN_TOKENS - 2}}})"),
    ("boilerplate.watermark", "w", r"(?=ww\.|ap\.)"),
    ("boilerplate.watermark", "m", r"(?=\.)"),
    ("boilerplate.watermark", "b", r"(?=bs\.)"),
    ("boilerplate.watermark", ":", "(?=//)"),
    ("boilerplate.inline-page-marker", "共", ""),
    ("boilerplate.field-code", "T", "(?=OC)"),
    ("boilerplate.seo-inline", "入", "(?=口)"),
    ("boilerplate.inline-credits", "|", ""),
    ("boilerplate.inline-credits", "｜", ""),
    ("boilerplate.inline-related", "阅", "(?=读)"),
    ("boilerplate.inline-marker", "编", "(?=辑本段)"),
    ("boilerplate.inline-marker", "正", "(?=文)"),
    *(("boilerplate.trailing-slogan", c, r"(?=[^\S\n]*+$)") for c in "网站库坛区家"),
)
_NEED_RULES = tuple(dict.fromkeys(rule for rule, _, _ in _NEED_BRANCHES))
#: The branches in one pattern, each taking its character only (no branch hides another's literal) and
#: ending in an empty group: group ``k`` is branch ``k``. Every branch starts with a literal, so the engine
#: scans for their characters and tries only the branches of the one it finds.
_NEEDS = re.compile("|".join(f"{re.escape(c)}{after}()" for _, c, after in _NEED_BRANCHES), re.MULTILINE)


def may_match_lines(lines: list[str], text: str) -> dict[str, list[int]] | None:
    """For each span rule :func:`may_match` tests, the numbers of the ``lines`` (stripped, as the
    boilerplate step's view is) that may pass it: a superset, in order, found in one scan of ``text``
    (the lines joined by newlines) instead of a call on every line for every rule. A rule missing from
    the answer has no literal test (every line is tried); None when a line holds a newline of its own."""
    found: dict[str, list[int]] = {rule: [] for rule in _NEED_RULES}
    if not lines:
        return found
    if text.count("\n") != len(lines) - 1:
        return None
    line = last = 0
    for m in _NEEDS.finditer(text):
        at = m.start()
        line += text.count("\n", last, at)
        last = at
        numbers = found[_NEED_BRANCHES[m.lastindex - 1][0]]  # type: ignore[operator]
        if not numbers or numbers[-1] != line:
            numbers.append(line)
    return found


def keep_span(rule_id: str, line: str, start: int, end: int) -> bool:
    """True when the span ``line[start:end]`` that ``rule_id`` matched is chrome to cut."""
    if rule_id == "boilerplate.jammer":
        return _is_jammer(line[start:end]) and not in_inline_code(line, start, end)  # `a, b = b, a` is code
    return True


#: The span rule that cuts a document-sharing site's page marker (``第2页 / 共43页``).
PAGE_MARKER = "boilerplate.inline-page-marker"


def give_back_marks(stripped: list[str], view: list[str], cuts: list[list[tuple[str, str]]], code: set[int]) -> None:
    """Marks a page marker's cut left alone on their line go back to the end of the line before the marker.

    The punctuation step moves the marks that open a line onto the line above (``确保取得`` /
    ``第2页 / 共43页`` / ``，推动…`` → ``第2页 / 共43页，``); once the marker is cut they belong to the text
    it interrupted, not to a stray line of punctuation (which the rules would drop). Code lines are
    left alone; ``stripped`` and ``view`` are changed in place.
    """
    for i, cut in enumerate(cuts):
        s = stripped[i]
        if not s or i in code or all(rule != PAGE_MARKER for rule, _ in cut) or any(c.isalnum() for c in s):
            continue
        j = i - 1
        while j >= 0 and not stripped[j]:
            j -= 1
        if j < 0 or j in code or stripped[j][-1] in PROSE_PUNCT:
            continue
        stripped[j] += s
        view[j] += view[i]
        stripped[i] = view[i] = ""


__all__ = ["PAGE_MARKER", "give_back_marks", "keep_span", "may_match", "may_match_lines"]
