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
from itertools import islice

from ..conversion import convert_text, converter, flag_foreign, foreign_lines, page_lang
from ..cuts import cut_all
from ..page import Page
from ..script import has_kana_or_hangul
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
                flag_foreign(page, lines, foreign_lines(lines))
            convert_text(page, self.options.convert)
        flag_garbled(page)
        return page


STEP = Convert

__all__ = ["STEP", "Convert", "converter", "flag_garbled", "has_traditional", "strip_pinyin"]
