"""Input that is not text at all: file signatures, NULs, control bytes, random or compressed bytes.

:func:`check_binary` looks before any decode, :func:`check_noise` at a decode's result; both raise
:class:`~speechclean.errors.BinaryInputError`.
"""

from __future__ import annotations

import codecs
import re

from ..errors import BinaryInputError
from .declarations import BOMS, HEAD
from .detect import IMPLAUSIBLE
from .plausible import PUNCT, score

_MAGIC = (b"%PDF", b"PK\x03\x04", b"PK\x05\x06", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!",
          b"7z\xbc\xaf", b"BZh", b"\xfd7zXZ", b"\x28\xb5\x2f\xfd", b"RIFF", b"\x00\x00\x01\x00", b"ID3", b"OggS",
          b"\x7fELF", b"MZ", b"\xd0\xcf\x11\xe0", b"wOFF", b"wOF2", b"II*\x00", b"MM\x00*")
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]")
_HIGH = bytes(range(0x80, 0x100))
_MARKS = frozenset(PUNCT + "\uff01\uff0c\uff0e\uff1a\uff1b\uff1f")
#: Random or compressed bytes: less than this share of ASCII in the first 4 KB…
NOISE_MAX_ASCII = 0.05


def check_binary(raw: bytes) -> None:
    """Raise :class:`BinaryInputError` when ``raw`` is not text (file signature, NULs, control bytes).

    A signature counts after leading whitespace or a UTF-8 BOM; a UTF-16/32 BOM must be followed by
    UTF-16/32 text; a few stray NULs in a page are not binary.

    >>> check_binary(b"%PDF-1.7 ...")
    Traceback (most recent call last):
    ...
    speechclean.errors.BinaryInputError: input is not text: it starts with the signature of a PDF/archive/image/binary file
    >>> check_binary(b"\\n" + codecs.BOM_UTF8 + b"%PDF-1.7")
    Traceback (most recent call last):
    ...
    speechclean.errors.BinaryInputError: input is not text: it starts with the signature of a PDF/archive/image/binary file
    """
    for bom, codec in BOMS[1:5]:  # UTF-32 and UTF-16: judge the text the BOM announces
        if raw.startswith(bom):
            text = raw[: HEAD + 4 - HEAD % 4].decode(codec, errors="replace")
            if len(_NOT_TEXT.findall(text)) > max(2, len(text) // 20) or _structureless(text):
                raise BinaryInputError(f"input is not text: its {codec} BOM is not followed by {codec} text")
            return
    body = raw[:64].lstrip(b" \t\r\n\f")
    if body.startswith(codecs.BOM_UTF8):
        body = body[3:].lstrip(b" \t\r\n\f")
    if body.startswith(_MAGIC) or raw.startswith(_MAGIC):
        raise BinaryInputError("input is not text: it starts with the signature of a PDF/archive/image/binary file")
    head = raw[:4096]
    if head.count(0) > max(2, len(head) // 100):
        raise BinaryInputError("input is not text: it contains NUL bytes")
    if head and len(_CONTROL.findall(head)) > max(2, len(head) // 20):
        raise BinaryInputError("input is not text: too many control bytes")


def _structureless(text: str) -> bool:
    """Text without spaces, line breaks or punctuation of any script (8-bit bytes read as UTF-16)."""
    text = text[1:4097]
    if len(text) < 200:
        return False
    marks = sum(1 for ch in text if ch.isascii() or ch in _MARKS or "\u3000" <= ch <= "\u303f")
    return marks < 0.01 * len(text)


def check_noise(raw: bytes, text: str) -> None:
    """Raise :class:`BinaryInputError` for random bytes: almost no ASCII and a decode unlike any text."""
    head = raw[:4096]
    if len(head) < 256 or len(head.translate(None, _HIGH)) >= NOISE_MAX_ASCII * len(head):
        return
    if score(text) < IMPLAUSIBLE:
        raise BinaryInputError("input is not text: high bytes without structure (random or compressed data)")

