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

from ..code import code_lines
from ..errors import BinaryInputError, DecodeError
from ..page import EncodingInfo, Page
from . import Step
from .binary import check_binary, check_noise
from .declarations import BOMS, HTTP_CHARSET, declarations
from .detect import IMPLAUSIBLE, detect, fallback, is_utf8, strict
from .extract import looks_like_html
from .labels import codecs_for
from .mojibake import repair_entities, repair_text
from .normalise import drop_controls, fix_surrogates, normalise_newlines

log = logging.getLogger(__name__)


def decode_bytes(raw: bytes, content_type: str | None = None, forced: str | None = None) -> tuple[str, EncodingInfo]:
    """Decode ``raw``; return the text and how the codec was chosen (see the module docstring).

    >>> decode_bytes("中文".encode("big5"), "text/html; charset=big5")[1]
    EncodingInfo(name='cp950', source='http', confidence=1.0, declared='big5', detector=None, errors=0)
    """
    http = HTTP_CHARSET.search(content_type) if content_type else None
    if not (http and codecs_for(http.group(1))[0:1] in (("utf-16-le",), ("utf-16-be",))):
        check_binary(raw)  # UTF-16 the server declared is full of NULs
    if forced:
        try:
            text = raw.decode(forced, errors="replace")
            name = codecs.lookup(forced).name
        except (LookupError, UnicodeError, TypeError) as e:
            raise DecodeError(f"encoding {forced!r} cannot decode the input: {e}") from e
        return text, EncodingInfo(name, "forced", 1.0, errors=text.count("\ufffd"))
    for bom, codec in BOMS:
        if raw.startswith(bom):
            text = raw.decode(codec, errors="replace")
            if (errors := text.count("\ufffd")) > max(8, len(text) // 4):
                raise BinaryInputError(f"input is not text: {errors} of {len(text)} characters undecodable after a BOM")
            check_noise(raw[len(bom) :], text)
            return text, EncodingInfo(codec, "bom", 1.0, errors=errors)
    declared = declarations(raw, content_type)
    tried: list[str] = []
    for source, label in declared:
        options = codecs_for(label, source)
        if not options:
            log.debug("unknown charset label %r (%s)", label, source)
            continue
        if options[0] != "utf-8" and (text := is_utf8(raw)) is not None:
            log.debug("declared %r (%s) overruled: the bytes are valid UTF-8", label, source)
            return text, EncodingInfo("utf-8", "detected", 0.99, label, "utf-8-strict")
        for codec in options:
            tried.append(codec)
            if (text := strict(raw, codec)) is not None:
                check_noise(raw, text)
                return text, EncodingInfo(codec, source, 1.0, label)
        log.debug("declared %r (%s) overruled: a strict decode fails", label, source)
    first = declared[0][1] if declared else None
    if (found := detect(raw)) is not None:
        text, codec, plausibility, detector = found
        check_noise(raw, text)
        return text, EncodingInfo(codec, "detected", round(plausibility, 3), first, detector)
    text, codec, errors = fallback(raw, tuple(tried))
    check_noise(raw, text)
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

