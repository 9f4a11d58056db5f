"""HTML-path speed before/after on a loaded machine: speechclean against trafilatura, alternated processes.

Each round runs one process on the code of ``--before`` (another checkout) and one on this checkout,
in turn. A process decodes the 62 gne_tests pages once (every tool gets the same ``str``, as in
``quality.py``), then measures the CPU time per page of ``Cleaner().clean(html, kind="html")`` and of
``trafilatura.bare_extraction(html)``, each the best of ``--repeat`` passes, alternating the two
within the process so both see the same machine. The ratio to trafilatura is what holds when the
load drifts; medians over the rounds are printed.

    python benchmarks/html_rounds.py --before /path/to/checkout [--rounds 3] [--repeat 3]
    python benchmarks/html_rounds.py --only-this [--rounds 3]          # no before: this code alone
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GNE = ROOT.parent / "shared" / "corpus" / "extraction" / "gne_tests" / "tests"


def worker(repeat: int) -> dict[str, float]:
    """CPU ms per page of speechclean and trafilatura in this process (the code on ``sys.path``)."""
    import trafilatura

    import speechclean
    from speechclean.steps.decode import decode_bytes

    htmls = [decode_bytes(p.read_bytes())[0] for p in sorted(GNE.glob("*/*.html"))]
    cleaner = speechclean.Cleaner()
    tools = {
        "speechclean": lambda h: cleaner.clean(h, kind="html"),
        "trafilatura": lambda h: trafilatura.bare_extraction(h),
    }
    for tool in tools.values():  # warm-up: converters, compiled rules, caches
        for h in htmls[:5]:
            tool(h)
    best = {name: float("inf") for name in tools}
    for _ in range(repeat):
        for name, tool in tools.items():
            start = time.process_time()
            for h in htmls:
                tool(h)
            best[name] = min(best[name], (time.process_time() - start) * 1000 / len(htmls))
    return best


def run(code: Path, repeat: int) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(code))
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", "--repeat", str(repeat)],
                         capture_output=True, text=True, env=env, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="checkout whose code is 'before'")
    parser.add_argument("--only-this", action="store_true", help="measure this checkout alone")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.repeat)))
        return
    if not GNE.exists():
        sys.exit(f"corpus not found: {GNE}")
    codes = {"after": ROOT} if args.only_this or args.before is None else {"before": args.before.resolve(), "after": ROOT}
    results: dict[str, list[dict[str, float]]] = {name: [] for name in codes}
    for _ in range(args.rounds):
        for name, code in codes.items():
            results[name].append(run(code, args.repeat))
    print(f"CPU ms per page on the {len(list(GNE.glob('*/*.html')))} gne_tests pages, medians of {args.rounds}"
          f" alternated rounds (best of {args.repeat} passes each)")
    print(f"{'code':<8} {'speechclean':>12} {'trafilatura':>12} {'ratio':>7}   rounds' ratios")
    for name, rows in results.items():
        ratios = [r["speechclean"] / r["trafilatura"] for r in rows]
        print(f"{name:<8} {statistics.median(r['speechclean'] for r in rows):12.1f}"
              f" {statistics.median(r['trafilatura'] for r in rows):12.1f} {statistics.median(ratios):6.2f}x   "
              + " ".join(f"{x:.2f}" for x in ratios))


if __name__ == "__main__":
    main()
