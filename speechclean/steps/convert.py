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
from itertools import accumulate, islice

from ..conversion import NO_KANA_OR_HANGUL, convert_text, converter, flag_foreign, foreign_lines_of, page_lang
from ..cuts import WIDTH
from ..page import Page
from ..script import (
    HANGUL_CLASS,
    KANA_CLASS,
    has_kana_or_hangul,
    may_hold_astral,
    traditional_set,
)
from ..text import CJK_CLASS
from . import Step

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYL_TONED = rf"[a-zü]{{0,5}}[{_TONED}][a-zü]{{0,5}}"
#: An annotation with a tone mark: 當(dāng), 國（guó）; after a garbled glyph too (倪^(guò)).
PINYIN_TONED = re.compile(rf"[(（]{_SYL_TONED}(?:\s{_SYL_TONED})*[)）]")
# The patterns below start with one character class (what a match can start with) and check the
# context with a lookbehind over that character: the regex engine then scans for the class instead of
# trying a leading lookbehind at every position (several times faster on long text, same matches).
_LEAD = f"[(（a-zü{_TONED}]"
#: After a lost character ("?"), the rest of its annotation: with its opening bracket, or without.
_LOST_BODY = (
    rf"(?<=\?[(（]){_SYL_TONED}[)）]"
    rf"|(?<=\?[a-zü])[a-zü]{{0,4}}[{_TONED}][a-zü]{{0,5}}[)）]"
    rf"|(?<=\?[{_TONED}])[a-zü]{{0,5}}[)）]"
)
#: A lost character ("?") followed by what is left of its annotation: ?qū)
PINYIN_LOST = re.compile(f"{_LEAD}(?:{_LOST_BODY})")
#: Pinyin syllable without a tone mark (neutral tone: 們(men)); trusted only on pages with toned ones.
_SYLLABLE = (
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ve|ue|a|o|e|i|u|ü|v)"
)
_PLAIN_BODY = rf"(?<=[{CJK_CLASS}][(（]){_SYLLABLE}[)）]"
PINYIN_PLAIN = re.compile(rf"[(（]{_PLAIN_BODY}")
_MIN_TONED_FOR_PLAIN = 3
#: ``[(（]{syllable}[)）]`` or :data:`PINYIN_LOST`, in that order.
_ONE_OR_LOST = re.compile(rf"{_LEAD}(?:(?<=[(（]){_SYL_TONED}[)）]|{_LOST_BODY})")
#: :data:`PINYIN_TONED`, :data:`PINYIN_LOST` or :data:`PINYIN_PLAIN`, in that order.
_ALL_TRUSTED = re.compile(
    rf"{_LEAD}(?:(?<=[(（]){_SYL_TONED}(?:\s{_SYL_TONED})*[)）]|{_LOST_BODY}|{_PLAIN_BODY})"
)
#: :data:`PINYIN_TONED` split by its opening bracket, and :data:`PINYIN_LOST` from its "?" on.
_TONED_PROBES = tuple(re.compile(rf"{b}{_SYL_TONED}(?:\s{_SYL_TONED})*[)）]") for b in ("\\(", "（"))
_LOST_PROBE = re.compile(rf"\?[(（]?{_SYL_TONED}[)）]")
#: The same, each match one group: ``split`` gives the line's pieces and what stands between them in one scan.
_CUT = {p: re.compile(f"({p.pattern})") for p in (_ONE_OR_LOST, _ALL_TRUSTED)}

#: Private Use Area glyphs (font obfuscation), U+FFFD, the classic 锟斤拷 of double-decoded U+FFFD,
#: and box-drawing characters wedged between ideographs (GBK bytes read as another codec).
_GARBLE = re.compile(  # one leading class, each branch checked by a lookbehind over it, so the scan is fast
    rf"[\ue000-\uf8ff\ufffd锟\u2500-\u257f](?:(?<=[\ue000-\uf8ff\ufffd])[\ue000-\uf8ff\ufffd]*"
    rf"|(?<=锟)斤拷(?:锟斤拷)*|(?<=[{CJK_CLASS}][\u2500-\u257f])[\u2500-\u257f]*(?=[{CJK_CLASS}]))"
)
_GARBLE_ANY = re.compile("[\ue000-\uf8ff\ufffd\u2500-\u257f锟]")  # one fast scan decides whether to look closer
_GARBLE_CONTEXT = 4


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
    # (the probes start with a literal, which the regex engine scans for fastest: same answers as
    # PINYIN_TONED, whose matches hold no bracket inside and so never overlap, and PINYIN_LOST)
    toned = sum(1 for probe in _TONED_PROBES for _ in islice(probe.finditer(text), _MIN_TONED_FOR_PLAIN))
    if not toned and ("?" not in text or _LOST_PROBE.search(text) is None):
        return
    toned = min(toned, _MIN_TONED_FOR_PLAIN)
    # A page stuffed with annotations: every kind goes. A page with one or two: only the one-syllable
    # annotation of one character (當(dāng)); a gloss of a word (滟滪(yàn yù)) is the author's.
    cut = _CUT[_ALL_TRUSTED if toned >= _MIN_TONED_FOR_PLAIN else _ONE_OR_LOST]
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "(" not in line and "（" not in line and ")" not in line:
            continue
        parts = cut.split(line)  # one scan: the gaps between the pieces, and the pieces
        if len(parts) == 1:
            continue
        found, gaps = parts[1::2], parts[::2]
        rest = "".join(gaps)
        # what each piece followed once the earlier ones are cut (speechclean.cuts.cut_context)
        ends = list(accumulate(map(len, gaps[:-1])))
        context = tuple([rest[e - WIDTH if e > WIDTH else 0 : e] for e in ends])
        if "?" in line:
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
def _special() -> re.Pattern[str]:
    """Every character the step acts on past :func:`strip_pinyin`: a Traditional-only one (Basic
    Multilingual Plane), kana, hangul, a garbled glyph (:data:`_GARBLE_ANY`)."""
    trad = traditional_set().bmp.pattern
    return re.compile(f"{trad[:-1]}{KANA_CLASS}{HANGUL_CLASS}\ue000-\uf8ff\ufffd\u2500-\u257f锟]")


def _plain(text: str) -> bool:
    """True when ``text`` holds none of :func:`_special` (and surely no supplementary Traditional-only
    character): one scan instead of the three the step would make to find nothing."""
    if traditional_set().sup is not None and may_hold_astral(text):
        return False
    return _special().search(text) is None


class Convert(Step):
    """Strip pinyin annotations, convert Traditional paragraphs to Simplified, flag garbled spans."""

    name = "convert"

    def __call__(self, page: Page) -> Page:
        if self.options.pinyin:
            strip_pinyin(page)
        lang = page_lang(page)
        if lang not in ("ja", "ko", "other") and page.text and _plain(page.text):
            page.script = "hans"  # what the script check says of such a text; nothing to convert or flag
            page.learn(NO_KANA_OR_HANGUL)  # the punctuation step gets this very text next
            return page
        if lang in ("ja", "ko", "other"):
            page.flag(f"lang.{lang}", page.text[:40])  # not Chinese: not converted, punctuation kept
        else:
            if page.text and has_kana_or_hangul(page.text):
                lines = page.text.split("\n")
                flag_foreign(page, lines, foreign_lines_of(page.text, lines))
            convert_text(page, self.options.convert)
        flag_garbled(page)
        return page


STEP = Convert

__all__ = ["STEP", "Convert", "converter", "flag_garbled", "has_traditional", "strip_pinyin"]
