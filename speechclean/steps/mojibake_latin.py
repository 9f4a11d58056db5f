"""mojibake read as latin-1 — runs of bytes a latin-1/cp1252 decode turned into text.

The bytes are UTF-8 (``decode.mojibake-utf8-as-latin1``, also twice: double encoding) or GBK
(``decode.mojibake-gbk-as-latin1``). Short runs of Latin-1 symbols in technical text (``kg/m²·s``,
``45°±0.5°``, ``××``) and the accented letters of Latin words (``José``, ``Ångström``) are never read
as GBK.

>>> fix_latin_run("ä¸\\xadæ\\x96\\x87ç½\\x91é¡µ")
('decode.mojibake-utf8-as-latin1', '中文网页')
>>> fix_latin_run("45°±0.5°") is None
True
"""

from __future__ import annotations

import re
from collections import Counter

from .mojibake_gates import CP1252
from .mojibake_judge import ASCII_CHARS, REPAIR_MIN_DISTINCT, WHOLE_MIN_SCORE, better, non_ascii, plausible_whole
from .plausible import score

#: A repair of one latin-1 run must leave it at least this plausible: any few latin-1 characters
#: are UTF-8 bytes of something now and then (``ç«¥Ø¥×£`` → ``童إף``), seldom of common hanzi only.
RUN_MIN_SCORE = 0.75
#: A GBK-as-latin-1 repair of one run must give at least this many characters.
GBK_RUN_MIN_CHARS = 4
_HOLES = re.compile("\ufffd{2,}")
# Latin-1 letters À-ÿ but × and ÷: GBK trail bytes land here half the time, technical symbols never.
_LATIN_LETTER = re.compile("[\xc0-\xd6\xd8-\xf6\xf8-\xff]")
_HIGH = re.compile("[\x80-\xff" + CP1252 + "]")
# A Latin-1 letter touching an ASCII letter: a word's own letter (José, café, Müller). (Linear: one
# character and a neighbour.)
_WORD_LETTER = re.compile("(?<=[A-Za-z])[\xc0-\xd6\xd8-\xf6\xf8-\xff]|[\xc0-\xd6\xd8-\xf6\xf8-\xff](?=[A-Za-z])")
# An ASCII word going on to an accented letter that stands alone among ASCII (ngström), or coming from
# one (the ü of Müller); GBK bytes come in pairs (PythonÓïÑÔ). Bounded: linear.
_WORD_ON = re.compile("[A-Za-z]{1,30}[\xc0-\xd6\xd8-\xf6\xf8-\xff](?![\x80-\xff])")
_WORD_BEFORE = re.compile("(?<![\x80-\xff])[\xc0-\xd6\xd8-\xf6\xf8-\xff][A-Za-z]{1,30}$")
#: Read as GBK, latin-1 characters must hold at least this many letters outside Latin words…
GBK_MIN_LETTERS = 2
#: …at most this share of the latin-1 characters may be letters inside Latin words: common
#: hanzi have no ASCII byte, so ``José café`` read as GBK (``Jos閏af…``) takes ASCII letters into rare
#: characters…
GBK_MAX_WORD_SHARE = 0.25
#: …at most this share of the characters it gives may take an ASCII byte as their second…
GBK_MAX_ASCII_TRAILS = 0.25
# GB18030 split into its characters, the group holding the second byte of a two-byte one when it is ASCII.
_GB18030_CHARS = re.compile(rb"[\x81-\xfe][\x30-\x39][\x81-\xfe][\x30-\x39]|[\x81-\xfe]([\x40-\x7e])|[\x81-\xfe][\x80-\xfe]|[\x00-\x7f]")
#: …and at most this share of them one character: GBK bytes spread over a hundred values, a symbol
#: repeated (``±é±±±±±Å`` → ``遍北北迸``) does not.
GBK_MAX_ONE_SHARE = 0.5


def latin_bytes(text: str) -> bytes | None:
    """The bytes a latin-1/cp1252 decode turned into ``text``, or None."""
    out = bytearray()
    for ch in text:
        if ord(ch) < 256:
            out.append(ord(ch))
        else:
            try:
                out += ch.encode("cp1252")
            except UnicodeEncodeError:
                return None
    return bytes(out)


def _utf8_lossy(raw: bytes) -> str:
    """``raw`` as UTF-8, each damaged character (and the hole next to it) one U+FFFD."""
    return _HOLES.sub("\ufffd", raw.decode("utf-8", errors="replace"))


def fix_latin_run(run: str, whole: bool = False) -> tuple[str, str] | None:
    """Bytes read as latin-1/cp1252: ``(rule, repaired run)``, or None. Undoes double encoding too.

    ``whole``: ``run`` is a whole text, where a GBK reading may give one character alone and a
    UTF-8 reading may hold a few damaged characters.
    """
    text, rule = run, None
    for _ in range(3):
        raw = latin_bytes(text)
        if raw is None:
            break
        for codec, name in (("utf-8", "decode.mojibake-utf8-as-latin1"), ("gb18030", "decode.mojibake-gbk-as-latin1")):
            try:
                candidate = raw.decode(codec)
            except UnicodeDecodeError:
                if not (whole and codec == "utf-8" and text is run):
                    continue
                candidate = _utf8_lossy(raw)  # a few bytes lost upstream (cp1252 has five holes)
                if not plausible_whole(text, candidate):
                    continue
            if codec == "gb18030" and not (
                _gbk_shaped(text) and _few_ascii_trails(candidate) and (whole or _plausible_gbk_run(text, candidate))
            ):
                continue
            if codec == "utf-8" and not whole and non_ascii(candidate) < 2:
                continue  # one character alone: three Latin-1 symbols (ç©«) are some UTF-8 character
            if candidate != text and (codec == "utf-8" or better(text, candidate)):
                text, rule = candidate, rule or name
                break
        else:
            break
    if rule is None or not better(run, text) or not (whole or score(text) >= RUN_MIN_SCORE):
        return None
    return rule, text


def _gbk_shaped(before: str) -> bool:
    """Could the latin-1 characters of ``before`` be GBK bytes? Not when they hold fewer than two
    letters (``×«·°C»©m³«``, ``±±José×±°C±°C``), one symbol makes most of them (``±é±±±±±Å``) or
    they are letters of Latin words (``José½»ØJosécafé®``)."""
    high = Counter(_HIGH.findall(before))
    n = high.total()
    in_words = len(_WORD_LETTER.findall(before))
    return (
        # any two latin-1 symbols are some GBK character: GBK bytes land on letters half the time
        len(_LATIN_LETTER.findall(before)) - in_words >= GBK_MIN_LETTERS
        and max(high.values(), default=0) <= GBK_MAX_ONE_SHARE * n
        and in_words <= GBK_MAX_WORD_SHARE * n
    )


def _few_ascii_trails(after: str) -> bool:
    """Common hanzi are two bytes over 0x80 in GBK; a reading whose characters take ASCII letters as
    their second byte (``»·ßm²m³±`` → ``環適瞞潮``) spells Latin text, not Chinese."""
    tokens = _GB18030_CHARS.findall(after.encode("gb18030", "replace"))  # one per character, in C
    return len(tokens) - tokens.count(b"") <= GBK_MAX_ASCII_TRAILS * non_ascii(after)


def ends_in_latin_word(text: str, start: int, end: int) -> bool:
    """Does the run ``text[start:end]`` begin or end with a letter of a Latin word that holds more
    accented letters (the Å of ``±×Ångström``)? That letter is the word's, not a GBK byte."""
    ends = _LATIN_LETTER.match(text, end - 1) is not None and _WORD_ON.match(text, end) is not None
    begins = (
        _LATIN_LETTER.match(text, start) is not None
        and _WORD_BEFORE.search(text, max(0, start - 32), start) is not None
    )
    return ends or begins


def _plausible_gbk_run(before: str, after: str) -> bool:
    """A run read as GBK must give several characters, nearly all common."""
    return (
        len(after) >= GBK_RUN_MIN_CHARS
        and len(set(after) - ASCII_CHARS) >= REPAIR_MIN_DISTINCT  # ±±±±±±Å → 北北北迸: one symbol repeated
        and score(after) >= WHOLE_MIN_SCORE
    )

