"""holes — UTF-8 read as GBK with ``errors="replace"``: put back the bytes the holes stand for.

Python's GBK decoder replaces *one byte* by U+FFFD when it cannot pair it (a UTF-8 byte before
an ASCII character, or a pair in GBK's unmapped areas) and goes on with the next byte. Encoding
the text back gives the original UTF-8 with one unknown byte per hole. The character around a
hole is restored when exactly one common character (:func:`speechclean.steps.plausible.common`)
fits both the known bytes around it and the decoder's failure (the unknown byte and the byte
after it are not a GBK pair). Among several, those of the script the rest of the text is written
in (GB2312 level 1 for Simplified) are kept, then the one far more frequent than the others, alone
and next to its neighbours (``rules/charfreq.tsv``, derived by ``scripts/char_frequency.py``),
wins; otherwise the character stays one U+FFFD.

>>> bad = "小姐姐</a>".encode("utf-8").decode("gbk", errors="replace")
>>> bad.count("\\ufffd"), from_gbk_with_holes(bad)
(3, '小姐姐</a>')
>>> from_gbk_with_holes("浣犲ソ")
'你好'
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from .plausible import common

HOLE = "\ufffd"
_MAX_UNKNOWN = 2  # unknown bytes tried in one character
#: The most likely character must be this much more likely (log10) than the next one.
MARGIN = 0.7
#: A pair with a neighbour counts this much more than the character alone.
PAIR_WEIGHT = 2.0


@lru_cache(maxsize=1)
def frequencies() -> dict[str, float]:
    """log10 counts of common characters and in-word pairs (``rules/charfreq.tsv``)."""
    out: dict[str, float] = {}
    for line in files("speechclean").joinpath("rules/charfreq.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            item, value = line.split("\t")
            out[item.replace("\\n", "\n")] = float(value)
    return out


@lru_cache(maxsize=1)
def _gbk_pairs() -> frozenset[int]:
    """``lead << 8 | trail`` for every two-byte sequence Python's GBK codec decodes."""
    found = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            found.add(lead << 8 | trail)
    return frozenset(found)


@lru_cache(maxsize=1)
def _by_pattern() -> dict[tuple[int | None, ...], tuple[str, ...]]:
    """Common three-byte UTF-8 characters by their bytes with one or two of them unknown."""
    index: dict[tuple[int | None, ...], list[str]] = {}
    masks = [m for m in range(1, 8) if m.bit_count() <= _MAX_UNKNOWN]
    for ch in common():
        raw = ch.encode("utf-8")
        if len(raw) != 3:
            continue
        for m in masks:
            key = tuple(None if m >> i & 1 else raw[i] for i in range(3))
            index.setdefault(key, []).append(ch)
    return {k: tuple(v) for k, v in index.items()}


def _fits(raw: bytes, cells: list[int | None], start: int) -> bool:
    """Would the GBK decoder have failed on each unknown byte of ``cells`` (at ``start``) filled by ``raw``?"""
    pairs = _gbk_pairs()
    for i, cell in enumerate(cells):
        if cell is not None:
            continue
        lead = raw[i]
        nxt = raw[i + 1] if i + 1 < len(raw) else None
        if nxt is None:
            return True  # the byte after the character decides; it is outside what is checked here
        if lead << 8 | nxt in pairs:
            return False
    return True


@lru_cache(maxsize=1)
def _simplified() -> frozenset[str]:
    """GB2312 level 1: the 3,755 most used Simplified hanzi."""
    found = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                found.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(found)


def _candidates(cells: list[int | None], after: int | None) -> list[str]:
    """The common characters fitting ``cells`` (three bytes, some None) and the decoder's failures."""
    return list(_candidates_for(tuple(cells), after))


@lru_cache(maxsize=1 << 16)
def _candidates_for(key: tuple[int | None, ...], after: int | None) -> tuple[str, ...]:
    tail = bytes((after,)) if after is not None else b""
    cells = list(key)
    return tuple(ch for ch in _by_pattern().get(key, ()) if _fits(ch.encode("utf-8") + tail, cells, 0))


def ascii_class(ch: str) -> str:
    """What the frequency table keys an ASCII neighbour by: ``0`` for digits, ``a`` for letters."""
    if ch.isascii():
        if ch.isdigit():
            return "0"
        if ch.isalpha():
            return "a"
    return ch


def _choose(found: list[str], simplified: bool, before: str, after: str) -> str:
    """The character among ``found`` that the script and the frequencies single out, else U+FFFD."""
    if len(found) == 1:
        return found[0]
    gb = _simplified()
    found = [ch for ch in found if (ch in gb) == simplified] or found
    if len(found) == 1:
        return found[0]
    freq = frequencies()
    after = ascii_class(after)
    ranked = sorted(
        ((freq.get(ch, 0.0) + PAIR_WEIGHT * (freq.get(before + ch, 0.0) + freq.get(ch + after, 0.0)), ch) for ch in found),
        reverse=True,
    )
    return ranked[0][1] if ranked[0][0] - ranked[1][0] >= MARGIN else HOLE


def _is_simplified(text: str) -> bool:
    """Does ``text`` hold more GB2312 level-1 hanzi than other common ones?"""
    gb, others = _simplified(), common()
    sample = text[:20000]
    n_gb = sum(map(gb.__contains__, sample))
    return n_gb >= sum(map(others.__contains__, sample)) - n_gb


def from_gbk_with_holes(text: str) -> str:
    """``text`` (UTF-8 bytes read as GBK, perhaps with U+FFFD holes) read back as UTF-8.

    Raises ``UnicodeEncodeError`` when ``text`` holds a character GB18030 cannot encode (it was
    not a GBK reading).
    """
    if HOLE not in text:
        return text.encode("gb18030").decode("utf-8", errors="replace")
    # 0xFF never occurs in GB18030 output: it marks each hole (one unknown byte)
    raw = b"\xff".join(piece.encode("gb18030") for piece in text.split(HOLE))
    out: list[str | list[str]] = []  # decoded text, and the candidates of each damaged character
    cursor, n = 0, len(raw)
    h = raw.find(0xFF)
    while h != -1:
        start = h
        while start > cursor and h - start < 2 and 0x80 <= raw[start - 1] <= 0xBF:
            start -= 1
        if start > cursor and 0xE0 <= raw[start - 1] <= 0xEF and h - start < 2:
            start -= 1  # the hole is inside the three-byte character led by this byte
        else:
            start = h  # the hole is a character's first byte
        end = start + 1
        while end < n and end - start < 3 and (0x80 <= raw[end] <= 0xBF or raw[end] == 0xFF):
            end += 1
        if start > cursor:
            out.append(raw[cursor:start].decode("utf-8", errors="replace"))
        window: list[int | None] = [None if b == 0xFF else b for b in raw[start:end]]
        if len(window) == 3 and window[0] in _LEADS:
            out.append(_candidates(window, raw[end] if end < n and raw[end] != 0xFF else None))
        else:
            out.append([])
        cursor = end
        h = raw.find(0xFF, cursor)
    if cursor < n:
        out.append(raw[cursor:].decode("utf-8", errors="replace"))
    simplified = _is_simplified("".join(p for p in out if isinstance(p, str)))
    text_out: list[str] = []
    for k, p in enumerate(out):
        if isinstance(p, str):
            text_out.append(p)
            continue
        before = text_out[-1][-1:] if text_out else ""
        nxt = out[k + 1] if k + 1 < len(out) else ""
        text_out.append(_choose(p, simplified, before, nxt[:1] if isinstance(nxt, str) else "") if p else HOLE)
    return _squeeze("".join(text_out))


_LEADS = frozenset((None, *range(0xE0, 0xF0)))


def _squeeze(text: str) -> str:
    """Runs of U+FFFD become one: a hole is one lost character, however many bytes it broke."""
    while HOLE + HOLE in text:
        text = text.replace(HOLE + HOLE, HOLE)
    return text
