"""Traditional → Simplified, paragraph by paragraph: the script check and the conversion it plans.

The convert step (:mod:`speechclean.steps.convert`) calls :func:`convert_text`; the punctuation
step asks :func:`protected_lines` which lines no normalisation may touch. See the convert step's
docstring for the rules; :func:`script_check` decides, :func:`convert_text` applies.

>>> from speechclean.page import Page
>>> page = Page(text="萧乾在乾清宫。\\n我們在這裡。")
>>> convert_text(page, "t2s")
>>> page.text, page.script, page.changes
('萧乾在乾清宫。\\n我们在这里。', 'mixed', {'convert.t2s': 1})
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from itertools import islice, pairwise

from .code import code_lines, code_score, front_matter
from .page import Page
from .script import (
    _KANA_OR_HANGUL,
    has_kana_or_hangul,
    judge,
    lang_of,
    may_hold_astral,
    simplified_set,
    traditional_only,
    traditional_set,
)


@cache
def converter(config: str) -> object:
    """The OpenCC converter for ``config`` (built once per process).

    Works with the official ``OpenCC`` package and with ``opencc-python-reimplemented``:
    both install an ``opencc`` module with ``OpenCC(config).convert(text)``.
    """
    from .converters import load_opencc  # a clear ConverterError when opencc is missing or clobbered

    return load_opencc().OpenCC(config)


@cache
def stray_table(config: str) -> dict[str, str]:
    """Each Traditional-only character and what ``config`` converts it to on its own (only those it changes)."""
    chars = list(traditional_only())
    converted = converter(config).convert("\n".join(chars)).split("\n")  # type: ignore[attr-defined]
    return {a: b for a, b in zip(chars, converted) if a != b and len(converted) == len(chars)}


def foreign_lines(lines: list[str]) -> set[int]:
    """Lines of Japanese or Korean text (kana or hangul share, :func:`speechclean.script.lang_of`)."""
    return {i for i, line in enumerate(lines) if has_kana_or_hangul(line) and lang_of(line) in ("ja", "ko")}


#: A :meth:`Page.learn <speechclean.page.Page.learn>` fact: the text holds no kana or hangul (a step scanned it).
NO_KANA_OR_HANGUL = "no-kana-or-hangul"


def protected_lines(text: str, lines: list[str] | None = None, *, foreign: bool = True) -> set[int]:
    """Lines no normalisation touches: code, front matter, Japanese and Korean lines
    (``lines``, when given, is ``text.split("\\n")``; ``foreign=False``: the caller knows ``text`` holds
    no kana or hangul, so no line is Japanese or Korean)."""
    lines = text.split("\n") if lines is None else lines
    out = code_lines(lines)
    if foreign and has_kana_or_hangul(text):
        out |= foreign_lines_of(text, lines)
    return out


def foreign_lines_of(text: str, lines: list[str]) -> set[int]:
    """:func:`foreign_lines` of ``lines``, which is ``text.split("\\n")``: one search per line holding kana or hangul."""
    return {i for i in _lines_holding(_KANA_OR_HANGUL, text) if lang_of(lines[i]) in ("ja", "ko")}


def _lines_holding(pattern: re.Pattern[str], text: str) -> list[int]:
    """The numbers of the lines of ``text`` where ``pattern`` matches (what a search line by line finds,
    for a pattern that matches within a line): one search per such line, going on after its end."""
    found: list[int] = []
    line = last = pos = 0
    while (m := pattern.search(text, pos)) is not None:
        at = m.start()
        line += text.count("\n", last, at)
        found.append(line)
        end = text.find("\n", at)
        if end < 0:
            break
        last, pos = at, end + 1
    return found


def page_lang(page: Page) -> str | None:
    """``page.lang``, judged now (on the lines that are not code) if no step has judged it yet."""
    if page.lang is None and page.text:
        lang = lang_of(page.text)
        if lang == "other":  # a Chinese tutorial full of code is still Chinese
            lines = page.text.split("\n")
            code = code_lines(lines)
            if code:
                lang = lang_of("\n".join(line for i, line in enumerate(lines) if i not in code))
        page.lang = lang
    return page.lang


def flag_foreign(page: Page, lines: list[str], foreign: set[int]) -> None:
    for i in sorted(foreign):
        if i - 1 not in foreign:  # one flag per run of lines
            page.flag(f"lang.{lang_of(lines[i])}", lines[i][:40], i)


def _resolve(verdicts: list[str | None]) -> list[bool]:
    """Which lines are Traditional: judged ones by their own evidence, the others by both neighbours."""
    out = [v == "hant" for v in verdicts]
    judged = [i for i, v in enumerate(verdicts) if v is not None]
    # a run of lines without evidence between two judged lines (or a page edge) is Traditional when
    # every judged line next to it is
    n = len(verdicts)
    edges = [-1, *judged, n]
    for a, b in pairwise(edges):
        if b - a > 1 and (a >= 0 or b < n) and (a < 0 or verdicts[a] == "hant") and (b >= n or verdicts[b] == "hant"):
            out[a + 1 : b] = [True] * (b - a - 1)
    return out


def _verdicts(text: str, lines: list[str], protected: set[int]) -> list[str | None]:
    """:func:`_verdict` of every line not protected (None for the protected ones): the lines holding
    Traditional-only and Simplified-only characters are found by one search per such line, and only
    the lines holding both are counted."""
    trad, simp = traditional_set(), simplified_set()
    if (trad.sup is not None or simp.sup is not None) and may_hold_astral(text):
        return [None if i in protected else _verdict(line) for i, line in enumerate(lines)]
    with_trad, with_simp = set(_lines_holding(trad.bmp, text)), set(_lines_holding(simp.bmp, text))
    out: list[str | None] = [None] * len(lines)
    for i in with_trad - protected:
        if i not in with_simp:
            out[i] = "hant"
            continue
        # both kinds: Traditional when they outnumber the Simplified-only ones (:func:`judge`); the
        # scan for them stops once there is one more
        line = lines[i]
        more = next(islice(trad.bmp.finditer(line), len(simp.bmp.findall(line)), None), None)
        out[i] = "hant" if more is not None else "hans"
    for i in with_simp - with_trad - protected:
        out[i] = "hans"
    return out


def _verdict(line: str) -> str | None:
    """The script of one line: two scans that stop early for a line in one script only."""
    trad, simp = traditional_set(), simplified_set()
    if not trad.search(line):
        return "hans" if simp.search(line) else None
    if not simp.search(line):
        return "hant"
    return judge(trad.count(line), simp.count(line))


class Plan:
    """What the script check decided for a text: its script, and which lines to convert.

    ``hant`` is None when the text is converted in one piece (all Traditional, nothing protected)
    or not at all (``lines`` None: no Traditional-only character); otherwise one flag per line.
    ``stray`` lists the only lines that may hold a stray Traditional-only character (None: any line).
    """

    __slots__ = ("hant", "lines", "protected", "script", "stray")

    def __init__(self, script: str | None, hant: list[bool] | None = None, lines: list[str] | None = None,
                 protected: set[int] | None = None, stray: list[int] | None = None) -> None:
        self.script, self.hant, self.lines, self.protected = script, hant, lines, protected or set()
        self.stray = stray


#: A page whose Traditional-only characters are at most this share of its characters (plus a few) is
#: judged only where they stand: Traditional text holds them at 10-30%, Simplified text with strays far below.
SPARSE_MAX_SHARE = 0.001
SPARSE_MIN_HITS = 64
_NEWLINE = re.compile("\n")


def _sparse_lines(text: str) -> list[int] | None:
    """The lines holding a Traditional-only character, when there are few (None when there are many)."""
    scan, chars = traditional_set().scan, traditional_set().chars
    hits: list[int] = []
    cap = SPARSE_MIN_HITS + int(SPARSE_MAX_SHARE * len(text))
    for m in scan.finditer(text):
        if m.group() in chars:
            hits.append(m.start())
            if len(hits) > cap:
                return None
    starts = [m.end() for m in _NEWLINE.finditer(text)]
    return sorted({bisect.bisect_right(starts, h) for h in hits})


def _sparse_plan(text: str, lines: list[str], found: list[int]) -> Plan | None:
    """A Simplified page with a few stray Traditional-only characters, judged on their lines only;
    None when one of those lines is Traditional or may be code (the full check decides then)."""
    if "```" in text or "~~~" in text or front_matter(lines):
        return None
    for i in found:
        line = lines[i]
        if _verdict(line) == "hant" or code_score(line) > 0:
            return None
    foreign = foreign_lines([lines[i] for i in found]) if has_kana_or_hangul(text) else set()
    return Plan("hans", [False] * len(lines), lines, {found[k] for k in foreign}, stray=found)


def script_check(text: str) -> Plan:
    """Judge ``text`` paragraph by paragraph (see the module docstring); the conversion is not done here."""
    if not traditional_set().search(text):  # no Traditional-only character: nothing to convert
        return Plan("hans" if text else None)
    whole = not simplified_set().search(text)
    lines = text.split("\n")
    if not whole:
        found = _sparse_lines(text)
        plan = _sparse_plan(text, lines, found) if found is not None else None
        if plan is not None:
            return plan
    protected = protected_lines(text, lines)
    if whole and not protected:  # a Traditional page: one phrase-aware conversion
        return Plan("hant", lines=lines)
    verdicts = _verdicts(text, lines, protected)
    hant = _resolve(verdicts)
    for i in protected:
        hant[i] = False
    judged = {v for v in verdicts if v is not None}
    script = "mixed" if len(judged) == 2 else "hant" if judged == {"hant"} else "hans"
    return Plan(script, hant, lines, protected)


def _convert_strays(page: Page, line: str, table: dict[str, str]) -> tuple[str, int]:
    new, n = [], 0
    for ch in line:
        to = table.get(ch)
        if to is not None:
            page.repair("convert.stray", ch, to)
            n += 1
            ch = to
        new.append(ch)
    return "".join(new), n


def convert_text(page: Page, config: str) -> None:
    """Convert ``page.text`` paragraph by paragraph (see the module docstring); set ``page.script``."""
    plan = script_check(page.text)
    page.script = plan.script
    if config == "off" or plan.lines is None:
        return
    conv = converter(config)
    lines = plan.lines
    if plan.hant is None:
        page.text = conv.convert(page.text)  # type: ignore[attr-defined]
        page.count(f"convert.{config}", sum(1 for line in lines if line.strip()))
        return
    table = stray_table(config)
    if plan.stray is not None:  # only these lines hold Traditional-only characters
        stray = 0
        for i in plan.stray:
            if i not in plan.protected:
                lines[i], n = _convert_strays(page, lines[i], table)
                stray += n
        page.count("convert.stray", stray)
        page.text = "\n".join(lines)
        return
    hant, protected, trad = plan.hant, plan.protected, traditional_set()
    out: list[str] = []
    converted = stray = 0
    i = 0
    while i < len(lines):
        if hant[i]:
            j = i
            while j < len(lines) and hant[j]:
                j += 1
            out.extend(conv.convert("\n".join(lines[i:j])).split("\n"))  # type: ignore[attr-defined]
            converted += sum(1 for line in lines[i:j] if line.strip())
            i = j
            continue
        line = lines[i]
        if i not in protected and trad.search(line):
            line, n = _convert_strays(page, line, table)
            stray += n
        out.append(line)
        i += 1
    page.count(f"convert.{config}", converted)
    page.count("convert.stray", stray)
    page.text = "\n".join(out)


__all__ = [
    "NO_KANA_OR_HANGUL",
    "Plan",
    "convert_text",
    "converter",
    "flag_foreign",
    "foreign_lines",
    "foreign_lines_of",
    "page_lang",
    "protected_lines",
    "script_check",
    "stray_table",
]
