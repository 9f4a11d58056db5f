"""Before/after on a loaded machine: ``speed_text.py``'s main table for two checkouts, alternated.

Runs ``speed_text.py --no-profile --no-html`` (this checkout's script) against the code of
``--before`` (another checkout, e.g. ``/work/main`` or a ``git worktree`` of the commit before a change)
and of this checkout, alternately ``--rounds`` times, and prints the median of each figure: MB/s of
``clean()`` and its ratio to bare OpenCC t2s measured in the same process (the ratio is what holds when
other load on the machine drifts).

    python benchmarks/before_after.py --before /work/main [--rounds 3] [--mb 1]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_ROW = re.compile(r"^(Simplified|Traditional)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)x")


def run(root: Path, mb: float, repeat: int, tmp: Path) -> dict[str, tuple[float, float]]:
    """{input: (clean MB/s, clean/t2s ratio)} from one run of speed_text.py over the code in ``root``."""
    bench = tmp / root.name / "benchmarks"
    bench.mkdir(parents=True, exist_ok=True)
    for name in ("speed_text.py", "profile_steps.py"):
        src = (ROOT / "benchmarks" / name).read_text(encoding="utf-8")
        src = src.replace("ROOT = Path(__file__).resolve().parent.parent", f"ROOT = Path({str(root)!r})")
        (bench / name).write_text(src, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(root))
    out = subprocess.run([sys.executable, str(bench / "speed_text.py"), "--no-profile", "--no-html", "--mb", str(mb),
                          "--repeat", str(repeat)], capture_output=True, text=True, env=env, cwd=tmp, check=True).stdout
    rows = {}
    for line in out.splitlines():
        if m := _ROW.match(line):
            rows[m.group(1)] = (float(m.group(4)), float(m.group(7)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="checkout whose code is 'before'")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[dict[str, tuple[float, float]]]] = {"before": [], "after": []}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.rounds):
            results["before"].append(run(args.before.resolve(), args.mb, args.repeat, Path(tmp)))
            results["after"].append(run(ROOT, args.mb, args.repeat, Path(tmp)))
    print(f"medians of {args.rounds} alternated runs ({args.mb} MB inputs); before = {args.before}, after = {ROOT}")
    print(f"{'input':<12} {'before MB/s':>12} {'after MB/s':>11} {'before ratio':>13} {'after ratio':>12}")
    for name in ("Simplified", "Traditional"):
        b = [r[name] for r in results["before"]]
        a = [r[name] for r in results["after"]]
        print(f"{name:<12} {statistics.median(x[0] for x in b):12.2f} {statistics.median(x[0] for x in a):11.2f}"
              f" {statistics.median(x[1] for x in b):12.1f}x {statistics.median(x[1] for x in a):11.1f}x")


if __name__ == "__main__":
    main()
