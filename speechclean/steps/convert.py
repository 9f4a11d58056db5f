"""convert — strip pinyin annotations, then Traditional → Simplified with OpenCC (phrase-aware).

Sites that "protect" their text stuff pinyin after characters: ``當(dāng)前位置``.
The annotation is removed (and recorded) before conversion. The converter is
skipped cheaply when the text holds no Traditional character. Garbled spans
that cannot be recovered (lost characters, private-use glyphs, U+FFFD) are
flagged here, once the text is in its final script.

>>> from speechclean import clean
>>> clean("當(dāng)前的工(gōng)作很重要。").text
'当前的工作很重要。'
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from itertools import islice

from ..cuts import cut_context
from ..page import Page
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
_TONED_OR_LOST = re.compile(f"{PINYIN_TONED.pattern}|{PINYIN_LOST.pattern}")
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
    pattern = _ALL_TRUSTED if toned >= _MIN_TONED_FOR_PLAIN else _TONED_OR_LOST
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "(" not in line and "（" not in line and ")" not in line:
            continue
        found = pattern.findall(line)
        if not found:
            continue
        for m in PINYIN_LOST.finditer(line):
            page.flag("garbled.lost-character", line[max(0, m.start() - 3) : m.end() + 3], i)
        page.remove("convert.pinyin", "".join(found), i, span=True, context=cut_context(pattern, line))
        lines[i] = pattern.sub("", line)
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
    """Strip pinyin annotations, convert Traditional to Simplified, flag garbled spans."""

    name = "convert"

    def __call__(self, page: Page) -> Page:
        if self.options.pinyin:
            strip_pinyin(page)
        config = self.options.convert
        if config != "off" and has_traditional(page.text, config):
            page.text = converter(config).convert(page.text)  # type: ignore[attr-defined]
            page.count(f"convert.{config}")
        flag_garbled(page)
        return page


STEP = Convert
