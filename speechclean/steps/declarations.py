"""What the bytes and the server say about the encoding: a BOM, the HTTP charset, ``<meta>`` and the XML declaration.

The declared labels are read as browsers read them (:func:`speechclean.steps.labels.codecs_for`);
:func:`speechclean.steps.decode.decode_bytes` checks each by a strict decode.
"""

from __future__ import annotations

import codecs
import re

from .labels import codecs_for

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (b"\x84\x31\x95\x33", "gb18030"),
)
HEAD = 8192
_META = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


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
    if content_type and (m := HTTP_CHARSET.search(content_type)):
        found.append(("http", m.group(1)))
    head = raw[:HEAD]
    if m := _XML.match(head):
        found.append(("meta", m.group(1).decode("ascii")))
    found.extend(("meta", m.group(1).decode("ascii")) for m in _META.finditer(head))
    return found

