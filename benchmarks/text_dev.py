"""Text-path boilerplate quality: the labelled dev pages, and the false positives on clean text.

1. ``../shared/corpus/text-dev``, scored by its own ``score.py`` (its rules, unchanged): the table by
   group of keep / drop / joined / title / format checks (``-v`` also prints every page's failures).
2. False positives on clean text: the human gold texts of ``../shared/corpus`` (magic_html ``gold/*.txt``)
   cleaned as text input. Every one of their characters is content, so what the boilerplate and
   structure steps remove is lost: the mean share per page of visible characters removed (a title
   moved to ``page.title`` is not lost), the share over all pages pooled, and the worst lines.

    python benchmarks/text_dev.py [-v] [--worst 15]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import speechclean  # noqa: E402
from speechclean.text import visible_len  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
DEV = CORPUS / "text-dev"
LOSING_STEPS = ("boilerplate", "structure")


def score_dev(verbose: bool) -> None:
    spec = importlib.util.spec_from_file_location("text_dev_score", DEV / "score.py")
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    out = io.StringIO()
    argv = sys.argv
    sys.argv = [str(DEV / "score.py")]
    try:
        with contextlib.redirect_stdout(out):
            score.main()
    finally:
        sys.argv = argv
    lines = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("group"))
    if verbose:
        print("\n".join(lines[:start]))
    print("\n".join(lines[start:]))


def gold_losses(worst: int) -> None:
    shares, total, lost_all = [], 0, 0
    rows: list[tuple[int, str, str, str]] = []
    for path in sorted((CORPUS / "extraction" / "magic_html_benchmark").glob("*/gold/*.txt")):
        gold = path.read_text(encoding="utf-8")
        page = speechclean.clean(gold, kind="text")
        n = visible_len(gold)
        lost = 0
        for r in page.removals:
            if r.step not in LOSING_STEPS or (r.rule == "structure.title" and page.title and r.text.strip() == page.title):
                continue
            k = visible_len(r.text)
            lost += k
            rows.append((k, r.rule, path.stem[:8], r.text))
        shares.append(lost / n if n else 0.0)
        total += n
        lost_all += lost
    print(f"\nclean gold texts ({len(shares)} magic_html pages, {total} visible characters) cleaned as text:")
    print(f"  characters lost: mean per page {statistics.mean(shares):.2%}, pooled {lost_all / total:.2%}")
    print(f"  worst lines ({worst}):")
    for k, rule, page, text in sorted(rows, reverse=True)[:worst]:
        short = text.replace("\n", "⏎")
        print(f"    {k:4d}  {rule:<32} {page}  {short[:70]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="print every page's failing checks")
    ap.add_argument("--worst", type=int, default=15, help="how many of the gold's lost lines to show")
    args = ap.parse_args()
    if not DEV.exists():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    score_dev(args.verbose)
    gold_losses(args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
