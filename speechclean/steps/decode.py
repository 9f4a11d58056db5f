"""decode — bytes to text: BOM, HTTP charset, ``<meta>``, then detection.

Declared Chinese labels are mapped to the superset codecs browsers use
(gb2312/gbk → gb18030, big5 → cp950/big5hkscs) and checked by a strict decode.

>>> from speechclean.steps.decode import decode_bytes
>>> text, info = decode_bytes("同志们：大家好！".encode("gbk"))
>>> text, info.name
('同志们：大家好！', 'gb18030')
"""

from __future__ import annotations

import codecs
import re

from ..errors import BinaryInputError
from ..page import EncodingInfo, Page
from . import Step

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTTP = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
             "euc-cn": "gb18030", "cp936": "gb18030", "big5": "cp950", "big5-hkscs": "big5hkscs"}
_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")


def codec_for(label: str) -> str | None:
    """The Python codec to use for a declared charset label, or None if unknown."""
    label = label.strip().lower()
    label = _SUPERSET.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(raw: bytes, content_type: str | None = None, forced: str | None = None) -> tuple[str, EncodingInfo]:
    """Decode ``raw``; return the text and how the codec was chosen."""
    if raw.startswith(_MAGIC) or b"\x00" in raw[:4096] and not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise BinaryInputError("input looks binary (file signature or NUL bytes), not text")
    if forced:
        return raw.decode(forced, errors="replace"), EncodingInfo(forced, "forced", 1.0)
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace"), EncodingInfo(codec, "bom", 1.0)
    declared = None
    for source, match in (("http", content_type and _HTTP.search(content_type)), ("meta", _META.search(raw[:4096]))):
        if match:
            label = match.group(1)
            declared = label if isinstance(label, str) else label.decode("ascii", "replace")
            codec = codec_for(declared)
            if codec and (text := _strict(raw, codec)) is not None:
                return text, EncodingInfo(codec, source, 1.0, declared)
    if (text := _strict(raw, "utf-8")) is not None:
        return text, EncodingInfo("utf-8", "detected", 0.99, declared, "utf-8")
    import chardet

    guess = chardet.detect(raw)
    codec = codec_for(guess.get("encoding") or "") if guess.get("encoding") else None
    if codec and (text := _strict(raw, codec)) is not None:
        return text, EncodingInfo(codec, "detected", float(guess.get("confidence") or 0), declared, "chardet")
    text = raw.decode("gb18030", errors="replace")
    return text, EncodingInfo("gb18030", "fallback", 0.0, declared, None, text.count("\ufffd"))


class Decode(Step):
    """Turn ``page.raw`` bytes into ``page.text`` and set ``page.encoding``."""

    name = "decode"

    def __call__(self, page: Page) -> Page:
        if page.raw is None:
            return page
        page.text, page.encoding = decode_bytes(page.raw, page.meta.get("content_type"), self.options.encoding)
        page.raw = None
        return page


STEP = Decode
