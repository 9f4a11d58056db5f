"""mojibake gates — can any run of a text be a wrong decode? Two page-level tests, in C.

:func:`has_latin` finds a run of latin-1/cp1252 mojibake (:data:`LATIN`), :func:`has_utf8_run` three
UTF-8 characters in a row among GB18030 bytes (:func:`gbk_bytes`); a text passing neither has no run
:mod:`speechclean.steps.mojibake` could repair, and its per-run loop is skipped. A text that passes
may still hold nothing to repair (``45°±0.5°``): the gates only look, the repairs judge.

>>> has_latin("ä¸\\xadæ\\x96\\x87"), has_latin("中文·网页 45° kg/m²")
(True, False)
>>> has_utf8_run("鍥涙槸浠ュ尰".encode("gb18030")), has_utf8_run("四是以医".encode("gb18030"))
(True, False)
"""

from __future__ import annotations

import re

CP1252 = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
# Mojibake from a latin-1/cp1252 decode comes in runs of two or more such characters (every
# UTF-8 or GBK character is two or more bytes); a lone à or é is a word's letter (pinyin, French),
# and a run of no-break spaces is spacing.
# (Linear: one character and its neighbours, never a scan of the run from every start.)
LATIN = re.compile(f"[\x80-\x9f\xa1-\xff](?:(?<=[\x80-\xff{CP1252}].)|(?=[\x80-\xff{CP1252}]))")
_UTF8_RUN = re.compile(rb"[\xe0-\xef][\x80-\xbf]{2}[\xe0-\xef][\x80-\xbf]{2}[\xe0-\xef][\x80-\xbf]{2}")  # unrolled: 4x faster
_LATIN_SPAN = re.compile(f"[\x80-\xff{CP1252}]{{2,}}")  # a plain class scan, fast; checked by LATIN after


def gbk_bytes(text: str) -> bytes:
    """The GB18030 bytes of ``text``, each U+FFFD hole as one byte that is never valid UTF-8."""
    if "\ufffd" not in text:
        return text.encode("gb18030")
    return b"\xff".join(piece.encode("gb18030") for piece in text.split("\ufffd"))


# Byte classes for the UTF-8 run gate: a lead byte of a three-byte sequence, a continuation byte, other.
_UTF8_CLASSES = bytes(b"L"[0] if 0xE0 <= b <= 0xEF else b"C"[0] if 0x80 <= b <= 0xBF else b"."[0] for b in range(256))
_UTF8_RUN_CLASSES = b"LCC" * 3


def has_utf8_run(raw: bytes) -> bool:
    """``_UTF8_RUN.search(raw) is not None``: three UTF-8 three-byte sequences in a row, found by
    mapping each byte to its class and searching a fixed string (two C passes, no regex engine)."""
    return _UTF8_RUN_CLASSES in raw.translate(_UTF8_CLASSES)


_NOT_LATIN_LETTER = bytes(range(0x80)) + b"\xa0"  # deleted: what is left are the characters LATIN starts on
_LATIN_NEIGHBOURS = frozenset(map(chr, range(0x80, 0x100))) | frozenset(CP1252)
#: Each byte of a latin-1 encoding (``errors="replace"``: one byte a character) as its class: ``L`` a
#: character LATIN starts on (U+0080–U+00FF but U+00A0), ``N`` U+00A0, ``Q`` a character above U+00FF
#: (or a "?"), ``.`` the rest of ASCII.
_LATIN_CLASSES = bytes(
    b"L"[0] if b >= 0x80 and b != 0xA0 else b"N"[0] if b == 0xA0 else b"Q"[0] if b == 0x3F else b"."[0] for b in range(256)
)
#: An ``L`` next to a class that may be a neighbour (led by the literal: the engine scans for it).
_LATIN_PAIR = re.compile(rb"L(?:[LNQ]|(?<=[NQ]L))")
_CP1252_CHARS = frozenset(CP1252)
_LN, _Q = b"LN", b"Q"[0]
#: Pages with more latin-1 characters than this are checked on the byte classes, not one by one.
_LATIN_BY_CLASSES = 256


def has_latin(text: str) -> bool:
    """True when some run of two or more latin-1/cp1252 characters holds one LATIN matches.

    The same answer as ``any(LATIN.search(m.group()) for m in _LATIN_SPAN.finditer(text))``: a
    character of U+0080–U+00FF but U+00A0 counts when a neighbour is latin-1 or cp1252 too. Those
    characters are few on a Chinese page (·, ©, ×): found through the page's latin-1 characters (one
    C encode) and ``str.find``, not a regex scan of every character. A pinyin page holds a hundred
    thousand (è, ì): then the latin-1 encoding, one byte a character, is searched for an ``L`` next to
    a possible neighbour, and only a ``Q`` neighbour is looked up (the cp1252 punctuation “”—…).
    """
    if text.isascii():
        return False
    found = text.encode("latin-1", "ignore").translate(None, _NOT_LATIN_LETTER)
    if not found:
        return False
    n = len(text)
    if len(found) > _LATIN_BY_CLASSES:
        classes = text.encode("latin-1", "replace").translate(_LATIN_CLASSES)
        for m in _LATIN_PAIR.finditer(classes):
            for j in (m.start() - 1, m.start() + 1):
                if 0 <= j < n and (classes[j] in _LN or classes[j] == _Q and text[j] in _CP1252_CHARS):
                    return True
        return False
    for ch in set(found.decode("latin-1")):
        i = text.find(ch)
        while i >= 0:
            if i and text[i - 1] in _LATIN_NEIGHBOURS or i + 1 < n and text[i + 1] in _LATIN_NEIGHBOURS:
                return True
            i = text.find(ch, i + 1)
    return False

