"""Near-duplicate fingerprints: speechclean's SimHash against the ``simhash`` package, same pages.

On the clean text of the gne_tests pages: the bit distance between distinct articles (which must
stay above the near-duplicate threshold), the distance between a page and a copy with one paragraph
replaced (which should fall below it), how many of those copies each method catches at its own
threshold, and ms per page. ``simhash`` (the ``bench`` extra) uses its documented defaults (64 bits,
character 4-grams of the lower-cased text with punctuation dropped, as in its README), threshold 8.

    python benchmarks/dedupe.py
"""

from __future__ import annotations

import itertools
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import speechclean
from speechclean.fingerprint import NEAR_BITS, distance, fingerprint, skeleton

GNE = ROOT.parent / "shared" / "corpus" / "extraction" / "gne_tests" / "tests"
REPLACEMENT = "这一段被换成了完全不同的内容，讲的是另外一件事情，和原文没有任何关系。"


def variants(texts: list[str]) -> list[tuple[str, str]]:
    rng = random.Random(1)
    out = []
    for t in texts:
        paragraphs = t.split("\n")
        if len(paragraphs) >= 6:
            i = rng.randrange(len(paragraphs))
            out.append((t, "\n".join(paragraphs[:i] + [REPLACEMENT] + paragraphs[i + 1 :])))
    return out


def measure(name: str, fp, dist, texts: list[str], threshold: int) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fps = [fp(t) for t in texts]
    ms = (time.perf_counter() - start) / len(texts) * 1000
    pairs = sorted(dist(a, b) for a, b in itertools.combinations(fps, 2))
    near = sorted(dist(fp(a), fp(b)) for a, b in variants(texts))
    caught = sum(d <= threshold for d in near)
    false = sum(d <= threshold for d in pairs[1:])  # the one 0-distance pair is a true duplicate (two saves)
    print(f"| {name} | {ms:.2f} | {pairs[1]} / {pairs[len(pairs) // 2]} | {near[len(near) // 2]} / {near[-1]} "
          f"| {caught}/{len(near)} | {false} |")


def main() -> None:
    if not GNE.exists():
        sys.exit(f"corpus not found: {GNE}")
    texts = [t for t in (speechclean.clean(p.read_bytes()).text for p in sorted(GNE.glob("*/*.html"))) if t]
    print(f"{len(texts)} pages; threshold {NEAR_BITS} bits")
    print("| fingerprint | ms/page | distinct pages: 2nd-smallest / median bits | one paragraph replaced: median / max "
          "| copies caught | distinct pairs flagged |")
    print("|---|---|---|---|---|---|")
    measure("speechclean SimHash", fingerprint, distance, texts, NEAR_BITS)
    try:
        from simhash import Simhash  # type: ignore[import-untyped]
    except ImportError:
        print("| simhash | not installed |")
        return

    def sim(t: str) -> Simhash:
        s = skeleton(t).lower()
        return Simhash([s[i : i + 4] for i in range(max(1, len(s) - 3))])

    measure("simhash 2.1 (4-grams)", sim, lambda a, b: a.distance(b), texts, NEAR_BITS)


if __name__ == "__main__":
    main()
