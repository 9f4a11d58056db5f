"""Mojibake repair on whole real pages: mangle, clean, compare with the clean original.

Manglings (each over every real text page of ``../shared/corpus``: the ``text-dev`` pages and the
human gold texts of the magic_html benchmark):

* ``utf8-as-latin1``: UTF-8 bytes read as latin-1;
* ``utf8-as-gbk``: UTF-8 bytes read as GBK with ``errors="replace"`` (U+FFFD inside the runs);
* ``gbk-as-latin1``: GB18030 bytes read as latin-1.

Similarity is difflib's ratio between what speechclean makes of the mangled page and of the original,
at two levels: after the decode step alone (the repair itself) and after the whole pipeline. The last line
counts unmangled pages the repair changes (false repairs: must be 0).

    PYTHONPATH=$PWD python benchmarks/mojibake.py [--limit N]
"""

from __future__ import annotations

import argparse
import difflib
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import speechclean

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
CAP = 20_000  # characters compared per page (difflib is quadratic on very different strings)

MANGLINGS: dict[str, Callable[[str], str]] = {
    "utf8-as-latin1": lambda t: t.encode("utf-8").decode("latin-1"),
    "utf8-as-gbk": lambda t: t.encode("utf-8").decode("gbk", errors="replace"),
    "gbk-as-latin1": lambda t: t.encode("gb18030").decode("latin-1"),
}


def real_texts(limit: int | None = None) -> list[tuple[str, str]]:
    """``(name, text)`` of the shared real text pages."""
    found = sorted((CORPUS / "text-dev" / "pages").glob("*.txt"))
    found += sorted((CORPUS / "extraction" / "magic_html_benchmark").glob("*/gold/*.txt"))
    out = [(p.name, p.read_text(encoding="utf-8", errors="replace")) for p in found]
    return out[:limit] if limit else out


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a[:CAP], b[:CAP], autojunk=False).ratio()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="pages (default: all)")
    args = ap.parse_args(argv)
    texts = real_texts(args.limit)
    if not texts:
        print("no shared corpus at", CORPUS)
        return 1
    decode_only = speechclean.Cleaner(disable=["extract", "convert", "punctuation", "boilerplate", "structure"])
    full = speechclean.Cleaner()
    clean_decode = {n: decode_only.clean(t, kind="text").text for n, t in texts}
    clean_full = {n: full.clean(t, kind="text").text for n, t in texts}
    false = sum(decode_only.clean(t, kind="text").repairs != [] for _, t in texts)
    print(f"{len(texts)} real pages, {sum(len(t) for _, t in texts):,} characters")
    print(f"{'mangling':16s} {'decode mean':>11s} {'min':>6s} {'full mean':>10s} {'min':>6s} {'<0.98':>6s} {'s':>6s}")
    means = []
    for name, mangle in MANGLINGS.items():
        t0 = time.perf_counter()
        dec, ful, low = [], [], []
        for n, t in texts:
            bad = mangle(t)
            d = similarity(decode_only.clean(bad, kind="text").text, clean_decode[n])
            f = similarity(full.clean(bad, kind="text").text, clean_full[n])
            dec.append(d)
            ful.append(f)
            if d < 0.98:
                low.append((round(d, 3), n))
        means.append(statistics.mean(dec))
        print(f"{name:16s} {statistics.mean(dec):11.3f} {min(dec):6.3f} {statistics.mean(ful):10.3f} {min(ful):6.3f} "
              f"{len(low):6d} {time.perf_counter() - t0:6.1f}")
        for d, n in sorted(low)[:3]:
            print(f"    worst: {d} {n}")
    print(f"false repairs on the unmangled pages: {false}")
    print(json.dumps({"mean_decode": [round(m, 4) for m in means]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
