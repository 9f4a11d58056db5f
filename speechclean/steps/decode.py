"""decode — bytes to text, and the reason for the codec chosen.

Evidence, in order: BOM; the HTTP charset; ``<meta charset>``,
``<meta http-equiv="Content-Type">`` and the XML declaration in the first
8 KB; then detection. Declared labels are mapped to the codecs browsers use
(:mod:`~speechclean.steps.labels`, the WHATWG labels: gb2312/gbk → gb18030, big5 → cp950 then
big5hkscs; a label outside the standard is ignored; a ``<meta>`` saying UTF-16 means UTF-8) and checked
by a strict decode; a declaration the bytes contradict is overruled and kept
in ``EncodingInfo.declared``. Detection is a strict cascade (UTF-8, HZ,
GB18030, CP950, Big5-HKSCS) that picks the most plausible Chinese
(:mod:`speechclean.steps.plausible`); it never falls back to latin-1.

>>> from speechclean.steps.decode import decode_bytes
>>> text, info = decode_bytes("同志们：大家好！".encode("gbk"))
>>> text, info.name, info.source
('同志们：大家好！', 'gb18030', 'detected')
>>> decode_bytes(b'<meta charset="gb2312">' + "中文".encode("utf-8"))[1].source
'detected'
"""

from __future__ import annotations

import codecs
import logging
import re

from ..code import code_lines
from ..errors import BinaryInputError, DecodeError
from ..page import EncodingInfo, Page
from . import Step
from .extract import looks_like_html
from .labels import LABELS, codecs_for  # noqa: F401  (re-exported: the label table lives there)
from .mojibake import repair_entities, repair_text
from .plausible import PUNCT, score

log = logging.getLogger(__name__)

#: Codecs tried by detection when nothing declared decides, in order of preference on ties.
CASCADE: tuple[str, ...] = ("gb18030", "cp950", "big5hkscs")
#: Below this plausibility a detected decode is flagged as doubtful.
IMPLAUSIBLE = 0.5
#: A candidate beats an earlier one only by this much plausibility.
MARGIN = 0.02

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (b"\x84\x31\x95\x33", "gb18030"),
)
_HEAD = 8192
_META = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTTP = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_MAGIC = (b"%PDF", b"PK\x03\x04", b"PK\x05\x06", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!",
          b"7z\xbc\xaf", b"BZh", b"\xfd7zXZ", b"\x28\xb5\x2f\xfd", b"RIFF", b"\x00\x00\x01\x00", b"ID3", b"OggS",
          b"\x7fELF", b"MZ", b"\xd0\xcf\x11\xe0", b"wOFF", b"wOF2", b"II*\x00", b"MM\x00*")
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]")
_HIGH = bytes(range(0x80, 0x100))
_MARKS = frozenset(PUNCT + "\uff01\uff0c\uff0e\uff1a\uff1b\uff1f")
#: Random or compressed bytes: less than this share of ASCII in the first 4 KB…
NOISE_MAX_ASCII = 0.05
_SEPARATORS = ("\u2028", "\u2029", "\x85")
#: Characters no text holds and lxml refuses: C0 controls but tab, newline and CR; U+FFFE, U+FFFF.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]+")
_CONTROL_LIST = "".join(map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]))


def codec_for(label: str) -> str | None:
    """The first Python codec to use for a declared label, or None if unknown.

    >>> codec_for("x-gbk")
    'gb18030'
    """
    found = codecs_for(label)
    return found[0] if found else None


def declarations(raw: bytes, content_type: str | None = None) -> list[tuple[str, str]]:
    """``(source, label)`` for every charset declared: the HTTP header first, then the document's own.

    >>> declarations(b'<?xml version="1.0" encoding="big5"?><meta charset=gbk>', "text/html; charset=utf-8")
    [('http', 'utf-8'), ('meta', 'big5'), ('meta', 'gbk')]
    """
    found: list[tuple[str, str]] = []
    if content_type and (m := _HTTP.search(content_type)):
        found.append(("http", m.group(1)))
    head = raw[:_HEAD]
    if m := _XML.match(head):
        found.append(("meta", m.group(1).decode("ascii")))
    found.extend(("meta", m.group(1).decode("ascii")) for m in _META.finditer(head))
    return found


def normalise_newlines(text: str) -> str:
    r"""``\r\n``, ``\r``, U+0085, U+2028 and U+2029 become ``\n``.

    >>> normalise_newlines("a\r\nb\rc\u2028d")
    'a\nb\nc\nd'
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        for separator in _SEPARATORS:
            if separator in text:
                text = text.replace(separator, "\n")
    return text


def drop_controls(text: str, page: Page | None = None) -> str:
    r"""Remove control characters (counted as ``decode.control`` on ``page``).

    >>> drop_controls("正文\x0c尾巴\x01")
    '正文尾巴'
    """
    if not any(c in text for c in _CONTROL_LIST):  # 29 substring scans in C: ~6x faster than the class search
        return text
    n = 0

    def gone(m: re.Match[str]) -> str:
        nonlocal n
        n += len(m.group())
        return ""

    text = _CONTROL_CHARS.sub(gone, text)
    if page is not None:
        page.count("decode.control", n)
    return text


def fix_surrogates(text: str, page: Page | None = None) -> str:
    r"""Join surrogate pairs into their character; replace lone surrogates by U+FFFD, flagged on ``page``.

    Lone surrogates are valid in JSON and Python strings but not in UTF-8: left in place, they cut
    the HTML parse short and make writing the text fail.

    >>> fix_surrogates("同\ud800志\ud83d\ude00")
    '同\ufffd志\U0001f600'
    """
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    fixed = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    lone = fixed.count("\ufffd") - text.count("\ufffd")
    if page is not None and lone:
        page.flag("decode.surrogate", f"{lone} lone surrogate(s) replaced by U+FFFD")
    return fixed


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
    for bom, codec in _BOMS[1:5]:  # UTF-32 and UTF-16: judge the text the BOM announces
        if raw.startswith(bom):
            text = raw[: _HEAD + 4 - _HEAD % 4].decode(codec, errors="replace")
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


def _check_noise(raw: bytes, text: str) -> None:
    """Raise :class:`BinaryInputError` for random bytes: almost no ASCII and a decode unlike any text."""
    head = raw[:4096]
    if len(head) < 256 or len(head.translate(None, _HIGH)) >= NOISE_MAX_ASCII * len(head):
        return
    if score(text) < IMPLAUSIBLE:
        raise BinaryInputError("input is not text: high bytes without structure (random or compressed data)")


def _strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _is_utf8(raw: bytes) -> str | None:
    """The UTF-8 text when ``raw`` is valid UTF-8 with some non-ASCII in it."""
    if raw.isascii():
        return None
    return _strict(raw, "utf-8")


def _detect(raw: bytes) -> tuple[str, str, float, str] | None:
    """The strict cascade: ``(text, codec, plausibility, detector)`` of the most plausible strict decode, or None.

    When the best candidates are equally (im)plausible, chardetng (Firefox's detector) breaks the tie.
    """
    if raw.isascii():
        if (b"~{" in raw and (text := _strict(raw, "hz")) is not None and text != raw.decode("ascii")
                and (s := score(text)) >= 0.9):
            return text, "hz", s, "cascade"
        return raw.decode("ascii"), "ascii", 1.0, "cascade"
    if (text := _strict(raw, "utf-8")) is not None:
        return text, "utf-8", 1.0, "utf-8-strict"
    found: list[tuple[str, str, float]] = []
    for codec in CASCADE:
        if codec == "big5hkscs" and any(c == "cp950" for _, c, _ in found):
            continue  # cp950 first; HKSCS only when cp950 cannot decode
        if (text := _strict(raw, codec)) is not None:
            found.append((text, codec, score(text)))
    if not found:
        return None
    top = max(s for _, _, s in found)
    tied = [f for f in found if f[2] >= top - MARGIN]
    if len(tied) > 1 and (guess := _chardetng(raw)) is not None:
        for text, codec, s in tied:
            if codec in guess:
                return text, codec, s, "chardetng"
    return (*max(found, key=lambda f: f[2] > top - MARGIN), "cascade")  # first of the best, in CASCADE order


def _chardetng(raw: bytes) -> tuple[str, ...] | None:
    """The codecs chardetng's guess maps to, or None when chardetng-py is not installed."""
    try:
        import chardetng_py
    except ImportError:  # pragma: no cover - optional
        return None
    return codecs_for(chardetng_py.detect(raw[:16384], allow_utf8=True))


def _fallback(raw: bytes, preferred: tuple[str, ...]) -> tuple[str, str, int]:
    """Decode with replacement characters using the codec with the fewest bad sequences."""
    best: tuple[str, str, int] | None = None
    for codec in dict.fromkeys((*preferred, "utf-8", *CASCADE)):
        try:
            text = raw.decode(codec, errors="replace")
        except LookupError:
            continue
        errors = text.count("\ufffd")
        if best is None or errors < best[2] or errors == best[2] and score(text) > score(best[0]) + MARGIN:
            best = (text, codec, errors)
    assert best is not None
    return best


def decode_bytes(raw: bytes, content_type: str | None = None, forced: str | None = None) -> tuple[str, EncodingInfo]:
    """Decode ``raw``; return the text and how the codec was chosen (see the module docstring).

    >>> decode_bytes("中文".encode("big5"), "text/html; charset=big5")[1]
    EncodingInfo(name='cp950', source='http', confidence=1.0, declared='big5', detector=None, errors=0)
    """
    http = _HTTP.search(content_type) if content_type else None
    if not (http and codecs_for(http.group(1))[0:1] in (("utf-16-le",), ("utf-16-be",))):
        check_binary(raw)  # UTF-16 the server declared is full of NULs
    if forced:
        try:
            text = raw.decode(forced, errors="replace")
            name = codecs.lookup(forced).name
        except (LookupError, UnicodeError, TypeError) as e:
            raise DecodeError(f"encoding {forced!r} cannot decode the input: {e}") from e
        return text, EncodingInfo(name, "forced", 1.0, errors=text.count("\ufffd"))
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            text = raw.decode(codec, errors="replace")
            if (errors := text.count("\ufffd")) > max(8, len(text) // 4):
                raise BinaryInputError(f"input is not text: {errors} of {len(text)} characters undecodable after a BOM")
            _check_noise(raw[len(bom) :], text)
            return text, EncodingInfo(codec, "bom", 1.0, errors=errors)
    declared = declarations(raw, content_type)
    tried: list[str] = []
    for source, label in declared:
        options = codecs_for(label, source)
        if not options:
            log.debug("unknown charset label %r (%s)", label, source)
            continue
        if options[0] != "utf-8" and (text := _is_utf8(raw)) is not None:
            log.debug("declared %r (%s) overruled: the bytes are valid UTF-8", label, source)
            return text, EncodingInfo("utf-8", "detected", 0.99, label, "utf-8-strict")
        for codec in options:
            tried.append(codec)
            if (text := _strict(raw, codec)) is not None:
                _check_noise(raw, text)
                return text, EncodingInfo(codec, source, 1.0, label)
        log.debug("declared %r (%s) overruled: a strict decode fails", label, source)
    first = declared[0][1] if declared else None
    if (found := _detect(raw)) is not None:
        text, codec, plausibility, detector = found
        _check_noise(raw, text)
        return text, EncodingInfo(codec, "detected", round(plausibility, 3), first, detector)
    text, codec, errors = _fallback(raw, tuple(tried))
    _check_noise(raw, text)
    if errors > max(8, len(text) // 4):
        raise BinaryInputError(f"input is not text: {errors} of {len(text)} characters undecodable in any codec")
    log.info("no codec decodes the input strictly; %s with %d replacement(s)", codec, errors)
    return text, EncodingInfo(codec, "fallback", 0.0, first, None, errors)


class Decode(Step):
    """Turn ``page.raw`` into ``page.text``, set ``page.encoding``, repair mojibake, normalise newlines."""

    name = "decode"

    def __call__(self, page: Page) -> Page:
        if page.raw is not None:
            page.text, page.encoding = decode_bytes(page.raw, page.meta.get("content_type"), self.options.encoding)
            page.raw = None
            if page.encoding.errors:
                page.flag("decode.replacement",
                          f"{page.encoding.errors} byte sequence(s) undecodable as {page.encoding.name}")
            elif page.encoding.source == "detected" and page.encoding.confidence < IMPLAUSIBLE:
                page.flag("decode.implausible", f"{page.encoding.name} chosen, but the text looks unlike Chinese "
                          f"(plausibility {page.encoding.confidence})")
        page.text = drop_controls(fix_surrogates(page.text, page), page)
        html = page.kind == "html" or page.kind == "auto" and looks_like_html(page.text)
        # repair before newlines: U+0085 is the latin-1 reading of the UTF-8 byte 0x85, inside mojibake
        page.text = normalise_newlines(repair_text(page.text, page.repair, entities=False))
        if not html and "&#" in page.text:  # numeric entities left in plain text, but never in code
            lines = page.text.split("\n")
            code = code_lines(lines)
            page.text = "\n".join(
                line if i in code or "&#" not in line else repair_entities(line, page.repair) for i, line in enumerate(lines)
            )
        return page


STEP = Decode
