"""Near-duplicate fingerprints of clean text: a 64-bit SimHash over character 4-grams.

Why our own: the ``simhash`` package (2.1.2, last released 2022) hashes every feature with MD5 and
adds 64 bit weights per feature in Python; ``datasketch``'s MinHash needs numpy and SciPy. This one
hashes each distinct 4-gram of the text's skeleton (ideographs, letters, digits) with two CRC-32s
(the bytes forwards and backwards give the two 32-bit halves) and counts the 64 bit columns eight
at a time with :class:`collections.Counter` over byte columns, so its cost is C-speed work per
feature. ``benchmarks/dedupe.py`` measures it against ``simhash`` (time and agreement).

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
import zlib
from collections import Counter

#: Fingerprints this many bits apart or fewer are near-duplicates (64-bit SimHash).
NEAR_BITS = 6
#: Shingle length in characters of the skeleton.
SHINGLE = 4
#: Only the first this many skeleton characters are read (long pages: the start decides).
MAX_CHARS = 20000

_SKELETON_DROP = re.compile(r"[\W_]+")


def skeleton(text: str) -> str:
    """The characters that carry content: ideographs, letters and digits (punctuation, space dropped)."""
    return _SKELETON_DROP.sub("", text)


def fingerprint(text: str) -> str:
    """The 64-bit SimHash of ``text`` as 16 hex digits (``"0" * 16`` for text with no content)."""
    sk = skeleton(text)[:MAX_CHARS]
    if len(sk) < SHINGLE:
        shingles = {sk} if sk else set()
    else:
        shingles = {sk[i : i + SHINGLE] for i in range(len(sk) - SHINGLE + 1)}
    if not shingles:
        return "0" * 16
    crc = zlib.crc32
    blob = b"".join(
        (crc(b) | crc(b[::-1]) << 32).to_bytes(8, "little") for b in (s.encode("utf-8") for s in shingles)
    )
    half = len(shingles) / 2
    value = 0
    for position in range(8):
        ones = [0] * 8
        for byte, count in Counter(blob[position::8]).items():
            bit = 0
            while byte:
                if byte & 1:
                    ones[bit] += count
                byte >>= 1
                bit += 1
        for bit in range(8):
            if ones[bit] > half:
                value |= 1 << (position * 8 + bit)
    return f"{value:016x}"


def distance(a: str, b: str) -> int:
    """The number of bits in which two fingerprints differ."""
    return bin(int(a, 16) ^ int(b, 16)).count("1")


def content_hash(text: str) -> str:
    """A hash of the text's skeleton: equal for texts that differ only in punctuation and spacing."""
    return hashlib.sha1(skeleton(text).encode("utf-8")).hexdigest()


__all__ = ["MAX_CHARS", "NEAR_BITS", "content_hash", "distance", "fingerprint", "skeleton"]
