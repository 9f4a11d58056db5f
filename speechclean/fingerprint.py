"""Near-duplicate fingerprints of clean text: a 64-bit SimHash over character 4-grams.

Why our own: the ``simhash`` package (2.1.2, last released 2022, unmaintained) and ``datasketch``
(MinHash, needs numpy and SciPy) would add dependencies; this one is standard library only. It
hashes every 4-gram of the text's skeleton (ideographs, letters, digits; repeats weigh more) with
CPython's integer-tuple hash through ``map`` and counts each of the 64 bit columns with
``bytes.translate`` + ``bytes.count``, so no Python code runs per shingle.
``benchmarks/dedupe.py`` measures it against ``simhash`` on the same pages: about 3x faster, the
same separation of distinct articles, slightly fewer one-paragraph-changed copies caught at 8 bits.

Fingerprints are comparable between runs and processes of 64-bit CPython 3.8 or later (the
tuple hash is fixed there); :data:`HASH_BITS` says what this build gives.

Two texts are near-duplicates when their fingerprints differ in at most :data:`NEAR_BITS` bits.

>>> a = fingerprint("同志们：今天的会议很重要，大家要认真落实。会议强调，要压实责任，确保各项任务按期完成。")
>>> b = fingerprint("同志们：今天的会议很重要，大家要认真落实！会议强调，要压实责任，确保各项任务按期完成！")
>>> a == b, len(a)
(True, 16)
>>> distance(a, fingerprint("春天来了，小草从地下探出头来，桃花、杏花、梨花都开了，田野里一片生机勃勃的景象。")) > NEAR_BITS
True
"""

from __future__ import annotations

import hashlib
import re
import sys
from array import array

#: Fingerprints this many bits apart or fewer are near-duplicates (64-bit SimHash). Measured by
#: benchmarks/dedupe.py on the gne_tests pages: distinct articles are 18+ bits apart (median 32),
#: a page with one paragraph replaced is a median 4 bits from the original.
NEAR_BITS = 8
#: Shingle length in characters of the skeleton.
SHINGLE = 4
#: Only the first this many skeleton characters are read (long pages: the start decides).
MAX_CHARS = 20000

_BIT_TABLES = tuple(bytes((v >> bit) & 1 for v in range(256)) for bit in range(8))
#: Bits of the builtin hash on this build (64 on every 64-bit CPython).
HASH_BITS = sys.hash_info.width
_SKELETON_DROP = re.compile(r"[\W_]+")


def skeleton(text: str) -> str:
    """The characters that carry content: ideographs, letters and digits (punctuation, space dropped)."""
    return _SKELETON_DROP.sub("", text)


def fingerprint(text: str) -> str:
    """The 64-bit SimHash of ``text`` as 16 hex digits (``"0" * 16`` for text with no content)."""
    # The skeleton drops characters one by one, so a prefix's skeleton is a prefix of the whole one: a long
    # text's first MAX_CHARS skeleton characters are read off its start alone.
    sk = skeleton(text[: 3 * MAX_CHARS])[:MAX_CHARS] if len(text) > 3 * MAX_CHARS else ""
    if len(sk) < MAX_CHARS:
        sk = skeleton(text)[:MAX_CHARS]
    if not sk:
        return "0" * 16
    points = memoryview(sk.encode("utf-32-le")).cast("I")
    # One shingle = a tuple of 4 code points, made by zip() and hashed by hash() through map(): no
    # Python code runs per shingle. CPython's tuple-of-int hash (xxHash-style mixing, since 3.8) is
    # not randomised per process, unlike str/bytes hashes, so fingerprints compare across processes.
    grams = zip(*(points[i:] for i in range(SHINGLE))) if len(points) >= SHINGLE else iter([tuple(points)])
    hashes = array("q", map(hash, grams))
    if not hashes:
        return "0" * 16
    blob = hashes.tobytes()
    half = len(hashes) / 2
    value = 0
    for position in range(8):  # byte column by byte column; each bit counted by translate + count in C
        column = blob[position::8]
        for bit, table in enumerate(_BIT_TABLES):
            if column.translate(table).count(1) > half:
                value |= 1 << (position * 8 + bit)
    return f"{value:016x}"


def distance(a: str, b: str) -> int:
    """The number of bits in which two fingerprints differ."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


def content_hash(text: str) -> str:
    """A hash of the text's skeleton: equal for texts that differ only in punctuation and spacing."""
    return hashlib.sha1(skeleton(text).encode("utf-8")).hexdigest()


__all__ = ["MAX_CHARS", "NEAR_BITS", "content_hash", "distance", "fingerprint", "skeleton"]
