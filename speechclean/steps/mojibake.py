"""mojibake — undo wrong decodes that left garbage in otherwise good text.

Each repair is a lossless round trip accepted only when the result is clearly
better Chinese (:func:`speechclean.steps.plausible.score`):

* ``decode.mojibake-utf8-as-gbk``: UTF-8 bytes read as GBK/GB18030
  (``鍥涙槸浠ュ尰`` → ``四是以医``);
* ``decode.mojibake-utf8-as-latin1``: UTF-8 read as latin-1/cp1252, also twice
  (double encoding);
* ``decode.mojibake-gbk-as-latin1``: GBK read as latin-1/cp1252;
* ``decode.numeric-entity``: HTML numeric entities left in plain text (``&#20013;`` → ``中``).

Good Chinese text is never changed, and a second pass changes nothing.

>>> from speechclean.steps.mojibake import repair_text
>>> repair_text("鍥涙槸浠ュ尰淇濆埗搴︽敼闈╀负鎶撴墜")
'四是以医保制度改革为抓手'
>>> repair_text("ä¸\\xadæ\\x96\\x87ç½\\x91é¡µ"), repair_text("&#20013;&#25991;")
('中文网页', '中文')
>>> repair_text("四是以医保制度改革为抓手")
'四是以医保制度改革为抓手'
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache

from .plausible import PUNCT, common, score

Record = Callable[[str, str, str], None]

#: How much more plausible a repair must be than the text it replaces.
GAIN = 0.3
_CP1252 = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
# Mojibake from a latin-1/cp1252 decode comes in runs of two or more such characters (every
# UTF-8 or GBK character is two or more bytes); a lone à or é is a word's letter (pinyin, French),
# and a run of no-break spaces is spacing.
_LATIN = re.compile(f"[\x80-\xff{_CP1252}]*[\x80-\x9f\xa1-\xff][\x80-\xff{_CP1252}]+|[\x80-\xff{_CP1252}]+[\x80-\x9f\xa1-\xff]")
# UTF-8 read as GBK, encoded back: mostly three-byte UTF-8 sequences.
_UTF8_3 = re.compile(rb"[\xe0-\xef][\x80-\xbf][\x80-\xbf]")
_UTF8_RUN = re.compile(rb"[\xe0-\xef][\x80-\xbf]{2}[\xe0-\xef][\x80-\xbf]{2}[\xe0-\xef][\x80-\xbf]{2}")  # unrolled: 4x faster
_LATIN_SPAN = re.compile(f"[\x80-\xff{_CP1252}]{{2,}}")  # a plain class scan, fast; checked by _LATIN after
_RUN = re.compile(r"[^\x00-\x7f]+")
_PUNCT_SPLIT = re.compile(f"([{PUNCT}])")
_ENTITIES = re.compile(r"(?:&#(?:[0-9]{3,7}|[xX][0-9a-fA-F]{2,6});)+")


@lru_cache(maxsize=1)
def _rare() -> re.Pattern[str]:
    """Matches a non-ASCII character that is not common Chinese (a mojibake candidate)."""
    chars = "".join(sorted(common()))
    return re.compile("[^\x00-\x7f" + re.escape(chars).replace("-", r"\-") + "]")


def _latin_bytes(text: str) -> bytes | None:
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


def _better(before: str, after: str) -> bool:
    return after != before and score(after) >= score(before) + GAIN and bool(_RUN.search(after))


def _fix_gbk_run(run: str) -> str | None:
    """UTF-8 bytes that were read as GB18030: the repaired run, or None."""
    rare = _rare()
    first = rare.search(run)
    if first is None or rare.search(run, first.end()) is None:  # fewer than two rare characters
        return None
    try:
        after = run.encode("gb18030").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return after if _better(run, after) else None


def _looks_utf8(run: str) -> bool:
    """Cheap test: do the GB18030 bytes of ``run`` hold UTF-8 sequences for a third of their length?"""
    raw = run.encode("gb18030", "replace")
    return 3 * len(_UTF8_3.findall(raw)) * 3 >= len(raw)


def _fix_gbk_pieces(run: str) -> str | None:
    """Like :func:`_fix_gbk_run` on the pieces of ``run`` between good CJK punctuation."""
    pieces = _PUNCT_SPLIT.split(run)
    if len(pieces) < 2 or not _looks_utf8(run):
        return None
    fixed = [_fix_gbk_run(p) if len(p) > 1 else None for p in pieces]
    if not any(fixed):
        return None
    return "".join(f if f is not None else p for p, f in zip(pieces, fixed))


def _fix_latin_run(run: str) -> tuple[str, str] | None:
    """Bytes read as latin-1/cp1252: ``(rule, repaired run)``, or None. Undoes double encoding too."""
    text, rule = run, None
    for _ in range(3):
        raw = _latin_bytes(text)
        if raw is None:
            break
        for codec, name in (("utf-8", "decode.mojibake-utf8-as-latin1"), ("gb18030", "decode.mojibake-gbk-as-latin1")):
            try:
                candidate = raw.decode(codec)
            except UnicodeDecodeError:
                continue
            if candidate != text and (codec == "utf-8" or _better(text, candidate)):
                text, rule = candidate, rule or name
                break
        else:
            break
    if rule is None or not _better(run, text):
        return None
    return rule, text


def repair_text(text: str, record: Record | None = None, entities: bool = True) -> str:
    """Repair mojibake and stray numeric entities in ``text``; ``record(rule, before, after)`` each repair.

    ``entities=False`` leaves numeric entities alone (HTML, where the parser decodes them).

    >>> repair_text("ä¸\\xadæ\\x96\\x87", lambda *r: print(r))
    ('decode.mojibake-utf8-as-latin1', 'ä¸\\xadæ\\x96\\x87', '中文')
    '中文'
    """
    if text.isascii():
        return _entities(text, record) if entities and "&#" in text else text
    # Page-level gates, in C: without three UTF-8 characters in a row among the GB18030 bytes, or
    # a run of latin-1 mojibake, no run can be repaired and the per-run loop is skipped.
    gbk = _UTF8_RUN.search(text.encode("gb18030", "replace")) is not None
    latin = any(_LATIN.search(m.group()) for m in _LATIN_SPAN.finditer(text))
    if not gbk and not latin:
        return _entities(text, record) if entities and "&#" in text else text
    pieces: list[str] = []
    last = 0
    rare = _rare()
    for run in _RUN.finditer(text):  # maximal non-ASCII runs holding a character rare in good Chinese
        before = run.group()
        if not rare.search(before):
            continue
        fixed: tuple[str, str] | None = None
        if gbk and ((after := _fix_gbk_run(before)) is not None or (after := _fix_gbk_pieces(before)) is not None):
            fixed = ("decode.mojibake-utf8-as-gbk", after)
        elif latin and _LATIN.search(before):
            fixed = _fix_latin_run(before)
        if fixed is None:
            continue
        rule, after = fixed
        if record:
            record(rule, before, after)
        pieces += [text[last : run.start()], after]
        last = run.end()
    if pieces:
        text = "".join(pieces) + text[last:]
    return _entities(text, record) if entities and "&#" in text else text


def _entities(text: str, record: Record | None) -> str:
    def one(m: re.Match[str]) -> str:
        before = m.group()
        after = html.unescape(before)
        if not after.isprintable() or after.isascii() or "&" in after:
            return before
        if record:
            record("decode.numeric-entity", before, after)
        return after

    return _ENTITIES.sub(one, text)
