"""mojibake — undo wrong decodes that left garbage in otherwise good text.

Each repair is a lossless round trip accepted only when the result is clearly
better Chinese (:func:`speechclean.steps.plausible.score`):

* ``decode.mojibake-utf8-as-gbk``: UTF-8 bytes read as GBK/GB18030
  (``鍥涙槸浠ュ尰`` → ``四是以医``);
* ``decode.mojibake-utf8-as-latin1``: UTF-8 read as latin-1/cp1252, also twice
  (double encoding);
* ``decode.mojibake-gbk-as-latin1``: GBK read as latin-1/cp1252;
* ``decode.numeric-entity``: HTML numeric entities left in plain text (``&#20013;`` → ``中``).

A whole text that is one wrong decode (every character latin-1, or a page of UTF-8 read as GBK,
even with ``errors="replace"`` holes) is repaired as a whole first: runs split by ASCII bytes inside
GBK characters or by U+FFFD holes are then no obstacle. A byte lost to U+FFFD stays one U+FFFD.
Short runs of Latin-1 symbols in technical text (``kg/m²·s``, ``45°±0.5°``, ``××``) are never
read as GBK: such a repair needs a run of Latin-1 letters decoding to several common hanzi.

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

from .holes import from_gbk_with_holes
from .mojibake_gates import LATIN, gbk_bytes, has_latin, has_utf8_run
from .mojibake_gbk import fix_gbk_pieces, fix_gbk_run, rare_pattern
from .mojibake_judge import NON_ASCII_RUN, NOT_JUDGED, WHOLE_MIN_SCORE, non_ascii, plausible_whole
from .mojibake_latin import ends_in_latin_word, fix_latin_run, latin_bytes
from .plausible import score

Record = Callable[[str, str, str], None]
_ENTITIES = re.compile(r"(?:&#(?:[0-9]{3,7}|[xX][0-9a-fA-F]{2,6});)+")


def _whole_text(text: str) -> tuple[str, str] | None:
    """``(rule, repaired text)`` when the whole of ``text`` is one wrong decode, else None."""
    if score(text) >= WHOLE_MIN_SCORE:
        return None
    raw = latin_bytes(text)
    if raw is not None:  # every character latin-1/cp1252: the bytes of UTF-8 or GBK
        try:  # a strict UTF-8 reading of a whole text's bytes is proof enough (ftfy's test)
            after = raw.decode("utf-8")
            judged = NOT_JUDGED.sub("", after)
            if (
                len(after) < len(text)
                and non_ascii(after) >= 2
                and (judged.isascii() or score(judged) >= 0.5)
            ):
                return fix_latin_run(text, whole=True) or ("decode.mojibake-utf8-as-latin1", after)
        except UnicodeDecodeError:
            pass
        fixed = fix_latin_run(text, whole=True)
        if fixed is not None and plausible_whole(text, fixed[1]):
            return fixed
        return None
    try:
        after = from_gbk_with_holes(text)
    except UnicodeEncodeError:
        return None
    return ("decode.mojibake-utf8-as-gbk", after) if plausible_whole(text, after) else None


def repair_text(text: str, record: Record | None = None, entities: bool = True) -> str:
    """Repair mojibake and stray numeric entities in ``text``; ``record(rule, before, after)`` each repair.

    ``entities=False`` leaves numeric entities alone (HTML, where the parser decodes them).
    Repairs repeat until nothing changes (at most three rounds), so a second call changes nothing.

    >>> repair_text("ä¸\\xadæ\\x96\\x87", lambda *r: print(r))
    ('decode.mojibake-utf8-as-latin1', 'ä¸\\xadæ\\x96\\x87', '中文')
    '中文'
    """
    if text.isascii():
        return repair_entities(text, record) if entities and "&#" in text else text
    for _ in range(3):
        fixed = _repair_once(text, record)
        if fixed == text:
            break
        text = fixed
    return repair_entities(text, record) if entities and "&#" in text else text


def _repair_once(text: str, record: Record | None) -> str:
    # Page-level gates, in C: without three UTF-8 characters in a row among the GB18030 bytes, or
    # a run of latin-1 mojibake, no run can be repaired and the per-run loop is skipped.
    latin = has_latin(text)
    gbk = has_utf8_run(gbk_bytes(text) if "\ufffd" in text else text.encode("gb18030", "replace"))
    if not gbk and not latin:
        return text
    if (whole := _whole_text(text)) is not None:
        rule, after = whole
        if record:
            record(rule, text, after)
        return after
    pieces: list[str] = []
    last = 0
    rare = rare_pattern()
    for run in NON_ASCII_RUN.finditer(text):  # maximal non-ASCII runs holding a character rare in good Chinese
        before = run.group()
        if not rare.search(before):
            continue
        fixed: tuple[str, str] | None = None
        if gbk and ((after := fix_gbk_run(before)) is not None or (after := fix_gbk_pieces(before)) is not None):
            fixed = ("decode.mojibake-utf8-as-gbk", after)
        elif latin and LATIN.search(before) and not ends_in_latin_word(text, run.start(), run.end()):
            fixed = fix_latin_run(before)
        if fixed is None:
            continue
        rule, after = fixed
        if record:
            record(rule, before, after)
        pieces += [text[last : run.start()], after]
        last = run.end()
    if pieces:
        text = "".join(pieces) + text[last:]
    return text


def repair_entities(text: str, record: Record | None = None) -> str:
    """HTML numeric entities left in plain text, as characters (``&#20013;`` → ``中``); ``record`` each."""
    def one(m: re.Match[str]) -> str:
        before = m.group()
        after = html.unescape(before)
        # U+FFFD stands for nothing (&#0;, &#xD800;, &#x110000;): the entity itself says more
        if not after.isprintable() or after.isascii() or "&" in after or "\ufffd" in after:
            return before
        if record:
            record("decode.numeric-entity", before, after)
        return after

    return _ENTITIES.sub(one, text)

