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
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from .holes import from_gbk_with_holes
from .plausible import PUNCT, common, score

Record = Callable[[str, str, str], None]

#: How much more plausible a repair must be than the text it replaces.
GAIN = 0.3
_CP1252 = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
# Mojibake from a latin-1/cp1252 decode comes in runs of two or more such characters (every
# UTF-8 or GBK character is two or more bytes); a lone à or é is a word's letter (pinyin, French),
# and a run of no-break spaces is spacing.
# (Linear: one character and its neighbours, never a scan of the run from every start.)
_LATIN = re.compile(f"[\x80-\x9f\xa1-\xff](?:(?<=[\x80-\xff{_CP1252}].)|(?=[\x80-\xff{_CP1252}]))")
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


#: A whole-text repair must leave text at least this plausible…
WHOLE_MIN_SCORE = 0.9
#: …holding at least this many non-ASCII characters…
WHOLE_MIN_CHARS = 4
#: …and at most this share of them new U+FFFD holes.
WHOLE_MAX_HOLES = 0.1
#: A repair of one latin-1 run must leave it at least this plausible: any few latin-1 characters
#: are UTF-8 bytes of something now and then (``ç«¥Ø¥×£`` → ``童إף``), seldom of common hanzi only.
RUN_MIN_SCORE = 0.75
#: A GBK-as-latin-1 repair of one run must give at least this many characters.
GBK_RUN_MIN_CHARS = 4
#: A repair (of a run or a whole text) must give at least this many different non-ASCII characters: a
#: symbol repeated (±±±±, ±°C±°C) reads as one or two hanzi over and over (北北北, 卑C卑C), which real text
#: does not (a laugh alone, 哈哈哈哈, is left as it came).
REPAIR_MIN_DISTINCT = 3
_ASCII_CHARS = frozenset(map(chr, range(128)))
_HOLES = re.compile("\ufffd{2,}")
_NOT_JUDGED = re.compile("[\ufffd\u00c0-\u024f\u1e00-\u1eff]+")
# Latin-1 letters À-ÿ but × and ÷: GBK trail bytes land here half the time, technical symbols never.
_LATIN_LETTER = re.compile("[\xc0-\xd6\xd8-\xf6\xf8-\xff]")
_HIGH = re.compile("[\x80-\xff" + _CP1252 + "]")
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


def _non_ascii(text: str) -> int:
    """How many characters of ``text`` are not ASCII (one C encode)."""
    return len(text) - len(text.encode("ascii", "ignore"))


def _gbk_bytes(text: str) -> bytes:
    """The GB18030 bytes of ``text``, each U+FFFD hole as one byte that is never valid UTF-8."""
    if "\ufffd" not in text:
        return text.encode("gb18030")
    return b"\xff".join(piece.encode("gb18030") for piece in text.split("\ufffd"))


def _utf8_lossy(raw: bytes) -> str:
    """``raw`` as UTF-8, each damaged character (and the hole next to it) one U+FFFD."""
    return _HOLES.sub("\ufffd", raw.decode("utf-8", errors="replace"))


def _plausible_whole(before: str, after: str) -> bool:
    n = _non_ascii(after)
    if n < WHOLE_MIN_CHARS or after.count("\ufffd") - before.count("\ufffd") > WHOLE_MAX_HOLES * n:
        return False
    if len(set(after) - _ASCII_CHARS) < REPAIR_MIN_DISTINCT:
        return False
    # the holes are counted above; Latin letters (pinyin tone marks, names) are no evidence either way
    s = score(_NOT_JUDGED.sub("", after))
    return s >= WHOLE_MIN_SCORE and s >= score(before) + GAIN


def _whole_text(text: str) -> tuple[str, str] | None:
    """``(rule, repaired text)`` when the whole of ``text`` is one wrong decode, else None."""
    if score(text) >= WHOLE_MIN_SCORE:
        return None
    raw = _latin_bytes(text)
    if raw is not None:  # every character latin-1/cp1252: the bytes of UTF-8 or GBK
        try:  # a strict UTF-8 reading of a whole text's bytes is proof enough (ftfy's test)
            after = raw.decode("utf-8")
            judged = _NOT_JUDGED.sub("", after)
            if (
                len(after) < len(text)
                and _non_ascii(after) >= 2
                and (judged.isascii() or score(judged) >= 0.5)
            ):
                return _fix_latin_run(text, whole=True) or ("decode.mojibake-utf8-as-latin1", after)
        except UnicodeDecodeError:
            pass
        fixed = _fix_latin_run(text, whole=True)
        if fixed is not None and _plausible_whole(text, fixed[1]):
            return fixed
        return None
    try:
        after = from_gbk_with_holes(text)
    except UnicodeEncodeError:
        return None
    return ("decode.mojibake-utf8-as-gbk", after) if _plausible_whole(text, after) else None


def _better(before: str, after: str) -> bool:
    return after != before and score(after) >= score(before) + GAIN and bool(_RUN.search(after))


def _fix_gbk_run(run: str) -> str | None:
    """UTF-8 bytes that were read as GB18030: the repaired run, or None."""
    rare = _rare()
    first = rare.search(run)
    if first is None or rare.search(run, first.end()) is None:  # fewer than two rare characters
        return None
    try:
        if "\ufffd" in run:  # a GBK decode with errors="replace": each hole is one lost byte
            after = from_gbk_with_holes(run)
            if after.count("\ufffd") > run.count("\ufffd"):
                return None
        else:
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


def _fix_latin_run(run: str, whole: bool = False) -> tuple[str, str] | None:
    """Bytes read as latin-1/cp1252: ``(rule, repaired run)``, or None. Undoes double encoding too.

    ``whole``: ``run`` is a whole text, where a GBK reading may give one character alone and a
    UTF-8 reading may hold a few damaged characters.
    """
    text, rule = run, None
    for _ in range(3):
        raw = _latin_bytes(text)
        if raw is None:
            break
        for codec, name in (("utf-8", "decode.mojibake-utf8-as-latin1"), ("gb18030", "decode.mojibake-gbk-as-latin1")):
            try:
                candidate = raw.decode(codec)
            except UnicodeDecodeError:
                if not (whole and codec == "utf-8" and text is run):
                    continue
                candidate = _utf8_lossy(raw)  # a few bytes lost upstream (cp1252 has five holes)
                if not _plausible_whole(text, candidate):
                    continue
            if codec == "gb18030" and not (
                _gbk_shaped(text) and _few_ascii_trails(candidate) and (whole or _plausible_gbk_run(text, candidate))
            ):
                continue
            if codec == "utf-8" and not whole and _non_ascii(candidate) < 2:
                continue  # one character alone: three Latin-1 symbols (ç©«) are some UTF-8 character
            if candidate != text and (codec == "utf-8" or _better(text, candidate)):
                text, rule = candidate, rule or name
                break
        else:
            break
    if rule is None or not _better(run, text) or not (whole or score(text) >= RUN_MIN_SCORE):
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
    return len(tokens) - tokens.count(b"") <= GBK_MAX_ASCII_TRAILS * _non_ascii(after)


def _ends_in_latin_word(text: str, start: int, end: int) -> bool:
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
        and len(set(after) - _ASCII_CHARS) >= REPAIR_MIN_DISTINCT  # ±±±±±±Å → 北北北迸: one symbol repeated
        and score(after) >= WHOLE_MIN_SCORE
    )


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
    latin = _has_latin(text)
    gbk = _has_utf8_run(_gbk_bytes(text) if "\ufffd" in text else text.encode("gb18030", "replace"))
    if not gbk and not latin:
        return text
    if (whole := _whole_text(text)) is not None:
        rule, after = whole
        if record:
            record(rule, text, after)
        return after
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
        elif latin and _LATIN.search(before) and not _ends_in_latin_word(text, run.start(), run.end()):
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
    return text


# Byte classes for the UTF-8 run gate: a lead byte of a three-byte sequence, a continuation byte, other.
_UTF8_CLASSES = bytes(b"L"[0] if 0xE0 <= b <= 0xEF else b"C"[0] if 0x80 <= b <= 0xBF else b"."[0] for b in range(256))
_UTF8_RUN_CLASSES = b"LCC" * 3


def _has_utf8_run(raw: bytes) -> bool:
    """``_UTF8_RUN.search(raw) is not None``: three UTF-8 three-byte sequences in a row, found by
    mapping each byte to its class and searching a fixed string (two C passes, no regex engine)."""
    return _UTF8_RUN_CLASSES in raw.translate(_UTF8_CLASSES)


_NOT_LATIN_LETTER = bytes(range(0x80)) + b"\xa0"  # deleted: what is left are the characters _LATIN starts on
_LATIN_NEIGHBOURS = frozenset(map(chr, range(0x80, 0x100))) | frozenset(_CP1252)
#: Each byte of a latin-1 encoding (``errors="replace"``: one byte a character) as its class: ``L`` a
#: character _LATIN starts on (U+0080–U+00FF but U+00A0), ``N`` U+00A0, ``Q`` a character above U+00FF
#: (or a "?"), ``.`` the rest of ASCII.
_LATIN_CLASSES = bytes(
    b"L"[0] if b >= 0x80 and b != 0xA0 else b"N"[0] if b == 0xA0 else b"Q"[0] if b == 0x3F else b"."[0] for b in range(256)
)
#: An ``L`` next to a class that may be a neighbour (led by the literal: the engine scans for it).
_LATIN_PAIR = re.compile(rb"L(?:[LNQ]|(?<=[NQ]L))")
_CP1252_CHARS = frozenset(_CP1252)
_LN, _Q = b"LN", b"Q"[0]
#: Pages with more latin-1 characters than this are checked on the byte classes, not one by one.
_LATIN_BY_CLASSES = 256


def _has_latin(text: str) -> bool:
    """True when some run of two or more latin-1/cp1252 characters holds one _LATIN matches.

    The same answer as ``any(_LATIN.search(m.group()) for m in _LATIN_SPAN.finditer(text))``: a
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
