"""convert — strip pinyin annotations, then Traditional → Simplified, paragraph by paragraph.

Sites that "protect" their text stuff pinyin after characters: ``當(dāng)前位置``.
The annotation is removed (and recorded) before conversion.

Conversion never makes good text worse. Each paragraph (line) is judged by its Traditional-only
against its Simplified-only characters (:mod:`speechclean.script`):

* a **Traditional** paragraph is converted whole with OpenCC, phrase-aware (``乾隆年間`` → ``乾隆年间``),
  counted as ``convert.<config>``;
* in a **Simplified** paragraph only a stray Traditional-only character is converted on its own
  (``後来`` → ``后来``), counted as ``convert.stray`` and recorded in ``page.repairs``; characters
  that are valid Simplified too (乾, 藉, 著, 瞭, 夥) are never touched there (``萧乾``, ``乾清宫``);
* a paragraph without evidence (``乾坤``) follows its neighbours: converted only when the nearest
  judged paragraphs on both sides are Traditional;
* code (:mod:`speechclean.code`) and Japanese or Korean lines are never converted; a page that is
  not Chinese (``page.lang``) is not converted at all, and flagged ``lang.<lang>``.

``page.script`` says what the input was (``hans``, ``hant``, ``mixed``), ``page.lang`` its language.
Garbled spans that cannot be recovered (lost characters, private-use glyphs, U+FFFD) are flagged
here, once the text is in its final script.

>>> from speechclean import clean
>>> clean("當(dāng)前的工(gōng)作很重要。").text
'当前的工作很重要。'
>>> page = clean("萧乾先生在乾清宫前留影。\\n後来他写了一本书。")
>>> page.text, page.script
('萧乾先生在乾清宫前留影。\\n后来他写了一本书。', 'hans')
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from itertools import islice, pairwise

from ..code import code_lines, code_score, front_matter
from ..cuts import cut_all
from ..page import Page
from ..script import has_kana_or_hangul, judge, lang_of, simplified_set, traditional_only, traditional_set
from ..text import CJK_CLASS
from . import Step

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYL_TONED = rf"[a-zü]{{0,5}}[{_TONED}][a-zü]{{0,5}}"
#: An annotation with a tone mark: 當(dāng), 國（guó）; after a garbled glyph too (倪^(guò)).
PINYIN_TONED = re.compile(rf"[(（]{_SYL_TONED}(?:\s{_SYL_TONED})*[)）]")
#: A lost character ("?") followed by what is left of its annotation: ?qū)
PINYIN_LOST = re.compile(rf"(?<=\?)[(（]?{_SYL_TONED}[)）]")
#: Pinyin syllable without a tone mark (neutral tone: 們(men)); trusted only on pages with toned ones.
_SYLLABLE = (
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ve|ue|a|o|e|i|u|ü|v)"
)
PINYIN_PLAIN = re.compile(rf"(?<=[{CJK_CLASS}])[(（]{_SYLLABLE}[)）]")
_MIN_TONED_FOR_PLAIN = 3
_ONE_OR_LOST = re.compile(rf"[(（]{_SYL_TONED}[)）]|{PINYIN_LOST.pattern}")
_ALL_TRUSTED = re.compile(f"{PINYIN_TONED.pattern}|{PINYIN_LOST.pattern}|{PINYIN_PLAIN.pattern}")

#: Private Use Area glyphs (font obfuscation), U+FFFD, the classic 锟斤拷 of double-decoded U+FFFD,
#: and box-drawing characters wedged between ideographs (GBK bytes read as another codec).
_GARBLE = re.compile(  # each branch starts with the glyph it looks for, so the scan is fast
    rf"[\ue000-\uf8ff\ufffd]+|(?:锟斤拷)+|[\u2500-\u257f](?<=[{CJK_CLASS}].)[\u2500-\u257f]*(?=[{CJK_CLASS}])"
)
_GARBLE_ANY = re.compile("[\ue000-\uf8ff\ufffd\u2500-\u257f锟]")  # one fast scan decides whether to look closer
_GARBLE_CONTEXT = 4


@cache
def converter(config: str) -> object:
    """The OpenCC converter for ``config`` (built once per process).

    Works with the official ``OpenCC`` package and with ``opencc-python-reimplemented``:
    both install an ``opencc`` module with ``OpenCC(config).convert(text)``.
    """
    from ..converters import load_opencc  # a clear ConverterError when opencc is missing or clobbered

    return load_opencc().OpenCC(config)


@cache
def traditional_chars(config: str) -> re.Pattern[str]:
    """A character class of every character the converter changes on its own.

    Derived from the converter itself, so it matches whichever dictionaries are installed.
    """
    chars = [chr(c) for c in range(0x3400, 0xA000)]
    converted = converter(config).convert("\n".join(chars)).split("\n")  # type: ignore[attr-defined]
    changed = [a for a, b in zip(chars, converted) if a != b]
    return re.compile("[" + "".join(changed) + "]")


def has_traditional(text: str, config: str = "t2s") -> bool:
    """True when ``text`` holds at least one character the converter would change."""
    return traditional_chars(config).search(text) is not None


class _Lines:
    """Map character offsets to line numbers (only built when something is recorded)."""

    def __init__(self, text: str) -> None:
        self.starts = [m.end() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


def strip_pinyin(page: Page) -> None:
    """Remove pinyin annotations from ``page.text``, recording them line by line.

    One :class:`~speechclean.page.Removal` per line holds every annotation cut from it,
    in order (``(dāng)(qián)``): pages stuffed with annotations carry thousands.
    """
    text = page.text
    if "(" not in text and "（" not in text and ")" not in text:
        return
    toned = sum(1 for _ in islice(PINYIN_TONED.finditer(text), _MIN_TONED_FOR_PLAIN))
    if not toned and PINYIN_LOST.search(text) is None:
        return
    # A page stuffed with annotations: every kind goes. A page with one or two: only the one-syllable
    # annotation of one character (當(dāng)); a gloss of a word (滟滪(yàn yù)) is the author's.
    pattern = _ALL_TRUSTED if toned >= _MIN_TONED_FOR_PLAIN else _ONE_OR_LOST
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "(" not in line and "（" not in line and ")" not in line:
            continue
        found, context, rest = cut_all(pattern, line)  # one scan: findall + cut_context + sub
        if not found:
            continue
        for m in PINYIN_LOST.finditer(line):
            page.flag("garbled.lost-character", line[max(0, m.start() - 3) : m.end() + 3], i)
        page.remove("convert.pinyin", "".join(found), i, span=True, context=context)
        lines[i] = rest
    page.text = "\n".join(lines)


def flag_garbled(page: Page) -> None:
    """Flag spans that cannot be recovered: private-use glyphs, U+FFFD, 锟斤拷, lost characters."""
    text = page.text
    if _GARBLE_ANY.search(text) is None:
        return
    lines: _Lines | None = None
    for m in _GARBLE.finditer(text):
        lines = lines or _Lines(text)
        s, e = max(0, m.start() - _GARBLE_CONTEXT), m.end() + _GARBLE_CONTEXT
        kind = "garbled.private-use" if "\ue000" <= m.group()[0] <= "\uf8ff" else "garbled.unrecoverable"
        page.flag(kind, text[s:e], lines(m.start()))


@cache
def stray_table(config: str) -> dict[str, str]:
    """Each Traditional-only character and what ``config`` converts it to on its own (only those it changes)."""
    chars = list(traditional_only())
    converted = converter(config).convert("\n".join(chars)).split("\n")  # type: ignore[attr-defined]
    return {a: b for a, b in zip(chars, converted) if a != b and len(converted) == len(chars)}


def foreign_lines(lines: list[str]) -> set[int]:
    """Lines of Japanese or Korean text (kana or hangul share, :func:`speechclean.script.lang_of`)."""
    return {i for i, line in enumerate(lines) if has_kana_or_hangul(line) and lang_of(line) in ("ja", "ko")}


def protected_lines(text: str, lines: list[str] | None = None) -> set[int]:
    """Lines no normalisation touches: code, front matter, Japanese and Korean lines."""
    lines = text.split("\n") if lines is None else lines
    out = code_lines(lines)
    if has_kana_or_hangul(text):
        out |= foreign_lines(lines)
    return out


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


def _flag_foreign(page: Page, lines: list[str], foreign: set[int]) -> None:
    for i in sorted(foreign):
        if i - 1 not in foreign:  # one flag per run of lines
            page.flag(f"lang.{lang_of(lines[i])}", lines[i][:40], i)


def _resolve(verdicts: list[str | None]) -> list[bool]:
    """Which lines are Traditional: judged ones by their own evidence, the others by both neighbours."""
    out = [v == "hant" for v in verdicts]
    judged = [i for i, v in enumerate(verdicts) if v is not None]
    # a run of lines without evidence between two judged lines (or a page edge) is Traditional when
    # every judged line next to it is
    edges = [-1, *judged, len(verdicts)]
    for a, b in pairwise(edges):
        if b - a > 1:
            sides = [verdicts[x] for x in (a, b) if 0 <= x < len(verdicts)]
            if sides and all(x == "hant" for x in sides):
                out[a + 1 : b] = [True] * (b - a - 1)
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
    verdicts = [None if i in protected else _verdict(line) for i, line in enumerate(lines)]
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


class Convert(Step):
    """Strip pinyin annotations, convert Traditional paragraphs to Simplified, flag garbled spans."""

    name = "convert"

    def __call__(self, page: Page) -> Page:
        if self.options.pinyin:
            strip_pinyin(page)
        lang = page_lang(page)
        if lang in ("ja", "ko", "other"):
            page.flag(f"lang.{lang}", page.text[:40])  # not Chinese: not converted, punctuation kept
        else:
            if page.text and has_kana_or_hangul(page.text):
                lines = page.text.split("\n")
                _flag_foreign(page, lines, foreign_lines(lines))
            convert_text(page, self.options.convert)
        flag_garbled(page)
        return page


STEP = Convert
