"""Detection, when nothing declared decides: a strict cascade scored for plausible Chinese, and the last resort.

The cascade decodes strictly as UTF-8, HZ, GB18030, CP950 and Big5-HKSCS and keeps the most
plausible Chinese (:func:`speechclean.steps.plausible.score`); chardetng breaks ties. It never falls
back to latin-1: when no codec decodes strictly, :func:`fallback` takes the one with the fewest holes.

>>> detect("同志們：大家好！".encode("big5"))[1:]
('cp950', 1.0, 'cascade')
"""

from __future__ import annotations

from .labels import codecs_for
from .plausible import score

#: Codecs tried by detection when nothing declared decides, in order of preference on ties.
CASCADE: tuple[str, ...] = ("gb18030", "cp950", "big5hkscs")
#: Below this plausibility a detected decode is flagged as doubtful.
IMPLAUSIBLE = 0.5
#: A candidate beats an earlier one only by this much plausibility.
MARGIN = 0.02


def strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def is_utf8(raw: bytes) -> str | None:
    """The UTF-8 text when ``raw`` is valid UTF-8 with some non-ASCII in it."""
    if raw.isascii():
        return None
    return strict(raw, "utf-8")


def detect(raw: bytes) -> tuple[str, str, float, str] | None:
    """The strict cascade: ``(text, codec, plausibility, detector)`` of the most plausible strict decode, or None.

    When the best candidates are equally (im)plausible, chardetng (Firefox's detector) breaks the tie.
    """
    if raw.isascii():
        if (b"~{" in raw and (text := strict(raw, "hz")) is not None and text != raw.decode("ascii")
                and (s := score(text)) >= 0.9):
            return text, "hz", s, "cascade"
        return raw.decode("ascii"), "ascii", 1.0, "cascade"
    if (text := strict(raw, "utf-8")) is not None:
        return text, "utf-8", 1.0, "utf-8-strict"
    found: list[tuple[str, str, float]] = []
    for codec in CASCADE:
        if codec == "big5hkscs" and any(c == "cp950" for _, c, _ in found):
            continue  # cp950 first; HKSCS only when cp950 cannot decode
        if (text := strict(raw, codec)) is not None:
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


def fallback(raw: bytes, preferred: tuple[str, ...]) -> tuple[str, str, int]:
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

