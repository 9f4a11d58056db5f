"""punctuation — Chinese punctuation inside Chinese text, ASCII inside numbers, URLs and Latin.

What it does, each counted in ``page.changes`` under its rule id:

* ``punctuation.invisible`` — zero-width and other invisible characters go.
* ``punctuation.fullwidth-alnum`` — full-width letters and digits become ASCII.
* ``punctuation.space`` — ideographic and no-break spaces inside Chinese text go,
  spaces next to Chinese punctuation go, runs of spaces become one.
* ``punctuation.halfwidth`` — ``, : ; ? ! ( )`` next to Chinese become ``，：；？！（）``;
  ``1,000``, ``19:30``, ``1.6亿元``, ``http://a.cn/?q=1`` keep their ASCII.
* ``punctuation.quotes`` — straight double quotes in Chinese lines become paired “ ”.
* ``punctuation.doubled`` — anti-copy doubles collapse to the real mark
  (``，，``→``，``, ``，。``→``。``, ``二，、``→``二、``); ``？！``, ``……``, ``——``, ``。。。`` stay.
* ``punctuation.orphan`` — marks left at the start of a line by a removed heading go; marks
  that continue the line before (``雄县\n、容城县``) join its end (``punctuation.orphan-joined``).

Code, front matter and Japanese or Korean lines are left exactly as they are, and so is a page
that is not Chinese (``page.lang``): their quotes, commas and spacing are not Chinese punctuation.

>>> from speechclean.steps.punctuation import normalize
>>> normalize('同志们:今年是2021年,工作在19:30开始,,完成率1.6亿元(同比增长)。')
'同志们：今年是2021年，工作在19:30开始，完成率1.6亿元（同比增长）。'
>>> normalize('他说:"好的",然后走了。')
'他说：“好的”，然后走了。'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from ..code import inline_code_spans
from ..conversion import NO_KANA_OR_HANGUL, page_lang, protected_lines
from ..page import Page
from ..text import CJK_CLASS
from . import Step
from .doubles import collapse_doubles

_FW_PUNCT = "，。、；：？！“”‘’（）《》【】…—·「」『』〈〉〔〕"
#: Chinese context: an ideograph or a full-width mark.
C = f"{CJK_CLASS}{_FW_PUNCT}"
_WIDE_SPACES = "\u00a0\u2000-\u200a\u202f\u205f\u3000"
_INVISIBLES = "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u206a-\u206f\ufeff\u00ad\u180e\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
# Patterns start with the character they act on, so the regex engine scans for it fast;
# context is checked after it (a fixed-width lookbehind that includes the character).
#: Any character the space and invisible passes act on: one scan decides whether they run at all.
_EXOTIC = re.compile(f"[{_INVISIBLES}{_WIDE_SPACES}\t]")
_INVISIBLE = re.compile(f"[{_INVISIBLES}]+")
_IS_WIDE_SPACE = re.compile(f"[{_WIDE_SPACES}]")
_FULLWIDTH_ALNUM = str.maketrans(
    {chr(c): chr(c - 0xFEE0) for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(r[0], r[1] + 1)}
)
_FULLWIDTH_ALNUM_RE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
#: :data:`_EXOTIC` and :data:`_FULLWIDTH_ALNUM_RE` in one scan (the space passes neither make nor take a
#: full-width letter).
_EXOTIC_OR_FULLWIDTH = re.compile(f"[{_INVISIBLES}{_WIDE_SPACES}\t\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _wide_space_in_cjk(space: str) -> re.Pattern[str]:
    """One wide space (no-break, ideographic…) next to Chinese: led by the literal, so the scan is fast."""
    s = re.escape(space)
    # both branches start with the literal (the "not after a wide space" test is a lookbehind over it), so
    # the engine scans for the space itself instead of trying the lookbehind at every position
    return re.compile(f"{s}(?:(?<=[{C}]{s})[{_WIDE_SPACES}]*+|(?<![{_WIDE_SPACES}]{s})[{_WIDE_SPACES}]*+(?=[{C}]))")


_OTHER_SPACE = re.compile(f"[{_WIDE_SPACES}\t]")
_SPACE_BY_PUNCT = re.compile(f" (?<=[{C}] ) *(?=[{_FW_PUNCT}])| (?<=[{_FW_PUNCT}] ) *(?=[{C}])")
_MULTI_SPACE = re.compile(" {2,}")
_LINE_EDGE_SPACE = re.compile(r"^ +|(?<! ) ++$", re.MULTILINE)  # trailing: from the run's first space only
_SPACE_BY_NEWLINE = re.compile(r"\n(?:(?<= \n)| )")  # led by the literal: a fast scan

_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_MARKS_TABLE = str.maketrans(_HALF_TO_FULL)
_DOT_COMMA = re.compile(f"\\.,(?<=[{C}]\\.,)|\\.,(?=[{C}])")
_PAIR = re.compile(r"\(([^()\n]{0,60})\)")
_PAIR_ROUNDS = 8  # nesting levels converted (each round is linear)
#: Runs of two or more ASCII marks next to Chinese (rare; decided as a whole so the result is stable).
#: Linear: a run is tried only from its first mark, and taken whole (possessive).
#: (Led by the mark class, the "not after a mark" test a lookbehind over it: the engine scans for the class.)
_MARK_RUN = re.compile(f"[,:;?!()](?=[,:;?!()])(?<![,:;?!()][,:;?!()])(?:(?<=[{C}][,:;?!()])[,:;?!()]++|[,:;?!()]++(?=[{C}]))")
#: One ASCII mark not next to another (a mark next to one belongs to a run, which :data:`_MARK_RUN`
#: takes whole or not at all): after Chinese, or (separators and brackets) before it. One literal-led
#: pattern per mark with a constant replacement. Runs and single marks never touch, so converting them
#: in any order gives the same text (what runs, brackets, marks after and marks before in turn gave).
_MARKS = "[,:;?!()]"
_SINGLE_MARK = {
    m: re.compile(
        f"{re.escape(m)}(?:(?<=[{C}]{re.escape(m)})(?!{_MARKS})"
        + (f"|(?<!{_MARKS}{re.escape(m)})(?=[{C}]))" if m in ",:;()" else ")")
    )
    for m in ",:;?!()"
}
_CHINESE = re.compile(f"[{C}]")
#: The run of the anti-copy doubled comma, ``,,`` alone, as :data:`_MARK_RUN` takes it: by far the most
#: common run, given a constant replacement in a pass of its own (runs never touch one another).
_COMMA_PAIR_RUN = re.compile(f",,(?<!{_MARKS},,)(?!{_MARKS})(?:(?<=[{C}],,)|(?=[{C}]))")
_STRAIGHT_QUOTE_LINE = re.compile(f'^(?=[^\\n]*")(?=[^\\n]*[{CJK_CLASS}])[^\\n]*$', re.MULTILINE)

_ORPHAN_RUN = "(?:”(?=[，。、；：？！])|[，。、；：？！])[，。、；：？！”]*"
#: A line that starts with marks continuing the line before it (text split at an inline element:
#: ``雄县\n、容城县``): the marks go back to the end of that line, nothing is lost.
_ORPHAN_CONTINUES = re.compile(f"\n(?<=[^\n，。、；：？！”…]\n)[ \t]*+({_ORPHAN_RUN}|[）】》」』’”]++|[:;,.!?)\\]}}]++(?=\n|$))")
#: A line of opening brackets or quotes only: they open the line after it.
_OPENERS = "（【《「『“‘"
_OPENERS_LINE = re.compile(f"^([{_OPENERS}]++)\n(?=[^\n])", re.MULTILINE)
_ORPHAN = re.compile(f"^{_ORPHAN_RUN}", re.MULTILINE)
_ORPHAN_START = "”，。、；：？！"  # the characters an orphan run starts with
_ORPHAN_HINT = re.compile(f"\n[{_ORPHAN_START}]")  # a line starting with one (led by the literal: a fast scan)
_ORPHAN_AFTER_NEWLINE = re.compile(f"\n{_ORPHAN_RUN}")  # :data:`_ORPHAN` past the first line, led by the literal
_OPENER_HINT = re.compile(f"\n(?<=[{_OPENERS}]\n)")  # an opener ending a line (the same)


def _count(page: Page | None, rule: str, n: int) -> None:
    if page is not None:
        page.count(rule, n)


def _paren(m: re.Match[str]) -> str:
    inner = m.group(1)
    text = m.string
    before = text[m.start() - 1] if m.start() else ""
    after = text[m.end()] if m.end() < len(text) else ""
    chinese = _CHINESE.search(inner) or _CHINESE.match(before or " ") or _CHINESE.match(after or " ")
    return f"（{inner}）" if chinese else m.group()


_QUOTE_MARKS = re.compile('([“”"])')


_CJK_CHAR = re.compile(f"[{CJK_CLASS}]")


def _quote_lines(text: str, page: Page | None) -> str:
    """What ``_sub(page, "punctuation.quotes", _STRAIGHT_QUOTE_LINE, _quotes, text)`` gives: the lines
    holding a straight quote and an ideograph get paired quotes (found through their quotes, not by trying
    the pattern at every line start)."""
    pieces: list[str] = []
    last = n = 0
    at = text.find('"')
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if _CJK_CHAR.search(line):
            n += 1
            pieces += (text[last:start], _quote_line(line))
            last = end
        at = text.find('"', end)
    if not pieces:
        return text
    new = "".join(pieces) + text[last:]
    if new != text:
        _count(page, "punctuation.quotes", n)
    return new


def _quotes(m: re.Match[str]) -> str:
    return _quote_line(m.group())


def _quote_line(line: str) -> str:
    parts = _QUOTE_MARKS.split(line)  # the text between quotes, then each quote (odd indices)
    open_ = False
    for k in range(1, len(parts), 2):
        quote = parts[k]
        if quote == "“":
            open_ = True
        elif quote == "”":
            open_ = False
        else:
            parts[k] = "”" if open_ else "“"
            open_ = not open_
    return "".join(parts)


def _sub(page: Page | None, rule: str, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str], text: str) -> str:
    new, n = pattern.subn(repl, text)
    if n and new != text:
        _count(page, rule, n)
    return new


def _one_space(text: str) -> str:
    """Every run of spaces as one: what ``_MULTI_SPACE.sub(" ", text)`` gives, by plain replacement (each
    pass halves every run; a page has few long runs)."""
    while "  " in text:
        text = text.replace("  ", " ")
    return text


def _to_full(m: re.Match[str]) -> str:
    return m.group().translate(_MARKS_TABLE)


_HOLD = "\ue0ff"  # stands for one protected span while the rules run (a neutral, non-Chinese character)


def normalize(text: str, page: Page | None = None) -> str:
    """Normalise the punctuation of ``text``; count changes on ``page`` when given.

    Inline code (:data:`speechclean.code.INLINE_CODE`) is left exactly as it is.

    >>> normalize('调用 fmt.Println("a", b) 即可,很简单。')
    '调用 fmt.Println("a", b) 即可，很简单。'
    """
    if ("`" in text or "(" in text) and _HOLD not in text:
        spans = inline_code_spans(text)
        if spans:
            held = [text[s:e] for s, e in spans]
            ends = [0] + [e for _, e in spans]
            starts = [s for s, _ in spans] + [len(text)]
            out = _normalize(_HOLD.join(text[e:s] for e, s in zip(ends, starts)), page).split(_HOLD)
            if len(out) == len(held) + 1:
                return "".join(x for pair in zip(out, [*held, ""]) for x in pair)
    return _normalize(text, page)


def _join_orphans(text: str, page: Page | None) -> str:
    for _ in range(4):  # a chain of such lines (雄县\n、\n容城县\n、) moves up one line per pass
        joined = _sub(page, "punctuation.orphan-joined", _ORPHAN_CONTINUES, "\\1\n", text)
        if joined == text:
            break
        text = joined
    return text


def join_orphan_marks(text: str, page: Page | None = None) -> str:
    r"""Marks the site cut onto the start of a line go back to the end of the line before
    (``雄县\n、容城县`` → ``雄县、\n容城县``); every line stays where it is (a line of marks only is left
    empty), so line anchors hold. Run again by the structure step where a removed line had stood between.

    >>> join_orphan_marks("雄县\n、容城县\n0\n]")
    '雄县、\n容城县\n0]\n'
    """
    return _join_orphans(text, page) if "\n" in text else text


def by_runs(text: str, protected: set[int], edit: Callable[[str], str]) -> str:
    """``edit`` applied to each run of lines of ``text`` outside ``protected`` (code, front matter,
    Japanese and Korean lines), the protected lines left as they are."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and (j in protected) == (i in protected):
            j += 1
        run = "\n".join(lines[i:j])
        out.append(run if i in protected else edit(run))
        i = j
    return "\n".join(out)


def _normalize(text: str, page: Page | None = None) -> str:
    if "\n" in text:  # first, so that the marks moved are normalised with their new neighbours
        text = _join_orphans(text, page)
        if _OPENER_HINT.search(text):
            text = _sub(page, "punctuation.orphan-joined", _OPENERS_LINE, "\\1", text)
    found = Counter(_EXOTIC_OR_FULLWIDTH.findall(text))
    exotic = {c for c in found if not _FULLWIDTH_ALNUM_RE.match(c)}
    if exotic:
        if any(_INVISIBLE.match(c) for c in exotic):
            text = _sub(page, "punctuation.invisible", _INVISIBLE, "", text)
        spaces = sum(n for c, n in found.items() if _OTHER_SPACE.match(c))  # wide ones and tabs
        before = len(text)
        for space in sorted(c for c in exotic if _IS_WIDE_SPACE.match(c)):
            text = _sub(page, "punctuation.space", _wide_space_in_cjk(space), "", text)
        if before - len(text) < spaces:  # (those passes only delete wide spaces) some are left
            for c in found:  # (what _OTHER_SPACE.sub(" ", text) gives: the passes above make none)
                if _OTHER_SPACE.match(c):
                    text = text.replace(c, " ")
    if len(exotic) < len(found):
        new = text.translate(_FULLWIDTH_ALNUM)
        _count(page, "punctuation.fullwidth-alnum", int(new != text))
        text = new
    # quotes first: a paired “ ” is Chinese context for the spaces and marks next to it
    if '"' in text:
        text = _quote_lines(text, page)
    # half-width marks in Chinese context
    if ".," in text:
        text = _sub(page, "punctuation.halfwidth", _DOT_COMMA, "，", text)
    for _ in range(_PAIR_ROUNDS):  # inner pairs first: a converted pair is Chinese context for the outer one
        if "(" not in text or ")" not in text or (new := _sub(page, "punctuation.halfwidth", _PAIR, _paren, text)) == text:
            break
        text = new
    if ",," in text:
        text = _sub(page, "punctuation.halfwidth", _COMMA_PAIR_RUN, "，，", text)
    text = _sub(page, "punctuation.halfwidth", _MARK_RUN, _to_full, text)
    for mark, pattern in _SINGLE_MARK.items():
        if mark in text:
            text = _sub(page, "punctuation.halfwidth", pattern, _HALF_TO_FULL[mark], text)
    # spaces last: the marks next to them are Chinese by now
    if " " in text:
        text = _sub(page, "punctuation.space", _SPACE_BY_PUNCT, "", text)
        text = _one_space(text)
        if text[:1] == " " or text[-1:] == " " or _SPACE_BY_NEWLINE.search(text):
            text = _LINE_EDGE_SPACE.sub("", text)
    text = collapse_doubles(text, page)
    if "\n）" in text or "\n”" in text:  # a `)` or `"` made full-width above continues the line before, as
        text = _join_orphans(text, page)  # it would have had it been full-width already (idempotence)
    if text[:1] in _ORPHAN_START or _ORPHAN_HINT.search(text):  # a line must start with one
        # (_ORPHAN on the first line, then after each newline: the same cuts, literal-led)
        first = _ORPHAN.match(text)
        n = first is not None
        text, more = _ORPHAN_AFTER_NEWLINE.subn("\n", text[first.end() :] if first else text)
        _count(page, "punctuation.orphan", n + more)
    return text


class Punctuation(Step):
    """Normalise punctuation, widths, spaces and invisible characters."""

    name = "punctuation"

    def __call__(self, page: Page) -> Page:
        if page_lang(page) in ("ja", "ko", "other"):
            if not any(f.kind.startswith("lang.") for f in page.flags):
                page.flag(f"lang.{page.lang}", page.text[:40])
            return page
        protected = protected_lines(page.text, foreign=not page.knows(NO_KANA_OR_HANGUL))
        if not protected:
            page.text = normalize(page.text, page)
            return page
        page.text = by_runs(page.text, protected, lambda run: normalize(run, page))  # each run on its own
        return page


STEP = Punctuation
