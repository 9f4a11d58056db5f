"""mojibake judge — when a repair is clearly better Chinese than the text it replaces.

Every repair of :mod:`speechclean.steps.mojibake` must gain :data:`GAIN` in
:func:`speechclean.steps.plausible.score` (:func:`better`); a whole-text repair must also be
plausible on its own (:func:`plausible_whole`).

>>> better("鍥涙槸浠ュ尰", "四是以医"), better("四是以医", "鍥涙槸浠ュ尰")
(True, False)
"""

from __future__ import annotations

import re

from .plausible import score

#: How much more plausible a repair must be than the text it replaces.
GAIN = 0.3
#: A whole-text repair must leave text at least this plausible…
WHOLE_MIN_SCORE = 0.9
#: …holding at least this many non-ASCII characters…
WHOLE_MIN_CHARS = 4
#: …and at most this share of them new U+FFFD holes.
WHOLE_MAX_HOLES = 0.1
#: A repair (of a run or a whole text) must give at least this many different non-ASCII characters: a
#: symbol repeated (±±±±, ±°C±°C) reads as one or two hanzi over and over (北北北, 卑C卑C), which real text
#: does not (a laugh alone, 哈哈哈哈, is left as it came).
REPAIR_MIN_DISTINCT = 3
ASCII_CHARS = frozenset(map(chr, range(128)))
NOT_JUDGED = re.compile("[\ufffd\u00c0-\u024f\u1e00-\u1eff]+")
NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def non_ascii(text: str) -> int:
    """How many characters of ``text`` are not ASCII (one C encode)."""
    return len(text) - len(text.encode("ascii", "ignore"))


def plausible_whole(before: str, after: str) -> bool:
    n = non_ascii(after)
    if n < WHOLE_MIN_CHARS or after.count("\ufffd") - before.count("\ufffd") > WHOLE_MAX_HOLES * n:
        return False
    if len(set(after) - ASCII_CHARS) < REPAIR_MIN_DISTINCT:
        return False
    # the holes are counted above; Latin letters (pinyin tone marks, names) are no evidence either way
    s = score(NOT_JUDGED.sub("", after))
    return s >= WHOLE_MIN_SCORE and s >= score(before) + GAIN


def better(before: str, after: str) -> bool:
    return after != before and score(after) >= score(before) + GAIN and bool(NON_ASCII_RUN.search(after))

