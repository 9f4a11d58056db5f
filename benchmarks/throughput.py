"""Batch throughput, scaling, streaming memory and CLI overhead, all measured in one run.

1. **Scaling** — pages/s and MB/s of ``Cleaner.pipe`` with 1 and 2 workers on the shared real
   HTML pages (``../shared/corpus/extraction/**/*.html``, skipped when absent) and on text
   records (the seed pages repeated). Target (issue 16): 2 workers >= 1.85x one worker. Pool start-up
   is inside the timing. Beside each, in the same rounds, what the machine gives two independent
   CPU-bound processes (``machine``): the ceiling a shared machine allows at that moment.
2. **CLI overhead** — the same input through ``speechclean`` (in-process ``cli.main``: a
   directory of the HTML pages, and a JSONL file of the text records, output written to a
   file) against ``Cleaner().pipe`` on the same input (the same file paths; the records'
   texts already in memory, so JSON parsing and writing count as overhead). Target: < 5%.
3. **Streaming memory** — ``speechclean --jsonl big.jsonl --format jsonl -o /dev/null`` in a
   subprocess on JSONL files built by repeating the real pages, at two sizes (the larger
   >= 1 GB with ``--gb 1``). Peak RSS of the largest single process, the CLI or one of its
   workers (exact: ``wait4`` folds the reaped workers' peak into the CLI's), and of the whole
   process tree (CLI + workers summed, sampled every 50 ms from /proc; forked workers share
   pages, so the sum over-counts). Target: < 300 MB and flat.

The HTML scaling input is the corpus repeated ``--html-repeat`` times (default 3): one pass
is only ~6 s of work, where the pool's start-up and the last, slowest page weigh on the ratio.
The single-pass figure is reported too.

    python benchmarks/throughput.py [--quick] [--gb 1.0] [--jobs 2]

Results are printed and written to ``benchmarks/results/throughput.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from speechclean import (
    Cleaner,
    cli,
)

SEEDS = ROOT / "fixtures" / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus" / "extraction"


def html_pages() -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in sorted(CORPUS.rglob("*.html"))] if CORPUS.is_dir() else []


def text_records(n: int) -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return [seeds[i % len(seeds)] for i in range(n)]


def size_mb(items: list[Any]) -> float:
    return sum(len(x) if isinstance(x, bytes) else len(x.encode("utf-8")) for x in items) / 1e6


def timed(fn: Any) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def best(fn: Any, repeat: int) -> float:
    return min(timed(fn) for _ in range(repeat))


def cpu_seconds() -> float:
    """CPU time of this process and its reaped children (the pool's workers, once shut down)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


# A fixed pure-Python CPU loop (~0.5 s): what the machine gives ``jobs`` independent processes.
_SPIN = "x = 0\nfor i in range(10_000_000):\n    x += i\n"


def machine_speedup(jobs: int) -> float:
    """``jobs`` × the time of one spin process over the time ``jobs`` of them take side by side: the
    ceiling the machine allows right now (on a shared 2-core machine it swings from ~1.3 to 2.0)."""
    def run(n: int) -> float:
        start = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", _SPIN]) for _ in range(n)]
        for proc in procs:
            proc.wait()
        return time.perf_counter() - start

    return jobs * run(1) / run(jobs)


def scaling(name: str, items: list[Any], jobs: int, repeat: int) -> dict[str, Any]:
    """Best of ``repeat`` runs per worker count, the counts interleaved so that load from other
    processes on a shared machine hits both alike; the pool's start-up is inside the timing.

    ``cpu_ratio`` is the CPU time of the parallel run (parent + workers) over the serial one's:
    ~1.0 means parallelism costs no extra work, so a speed-up below ``jobs`` comes from idle
    workers or from other load on the machine, which wall-clock numbers cannot tell apart.
    """
    cleaner = Cleaner()
    sum(1 for _ in cleaner.pipe(items[:3], on_error="record"))  # warm the per-process caches
    mb = size_mb(items)
    out: dict[str, Any] = {"input": name, "items": len(items), "mb": round(mb, 2)}
    times: dict[int, list[float]] = {1: [], jobs: []}
    cpu: dict[int, list[float]] = {1: [], jobs: []}
    machine: list[float] = []
    for _ in range(repeat):
        machine.append(machine_speedup(jobs))  # in the same rounds: the load the pipe runs met
        for workers in (1, jobs):
            before = cpu_seconds()
            times[workers].append(timed(lambda w=workers: sum(1 for _ in cleaner.pipe(items, workers=w,
                                                                                   on_error="record"))))
            cpu[workers].append(cpu_seconds() - before)
    for workers, runs in times.items():
        seconds = min(runs)
        out[f"w{workers}"] = {"seconds": round(seconds, 3), "pages_s": round(len(items) / seconds, 1),
                              "mb_s": round(mb / seconds, 2), "runs": [round(t, 2) for t in runs],
                              "cpu_s": round(min(cpu[workers]), 2)}
    out["speedup"] = round(out["w1"]["seconds"] / out[f"w{jobs}"]["seconds"], 2)
    out["cpu_ratio"] = round(min(cpu[jobs]) / min(cpu[1]), 2)
    out["machine_speedup"] = round(sorted(machine)[len(machine) // 2], 2)  # median of the rounds
    return out


def cli_overhead(tmp: Path, pages: list[tuple[Path, bytes]], records: list[str], repeat: int) -> list[dict[str, Any]]:
    results = []
    runs: list[tuple[str, list[Any], list[str]]] = []
    if pages:
        folder = tmp / "pages"
        folder.mkdir()
        paths = []
        for i, (path, data) in enumerate(pages):
            target = folder / f"{i:05d}{path.suffix}"
            target.write_bytes(data)
            paths.append(target)
        runs.append(("html files", paths,
                     [str(folder), "--glob", "*.html", "--format", "jsonl", "-q", "-o", str(tmp / "o1.jsonl")]))
    src = tmp / "records.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for i, text in enumerate(records):
            f.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
    runs.append(("text records (jsonl)", records,
                 ["--jsonl", str(src), "--format", "jsonl", "-q", "-o", str(tmp / "o2.jsonl")]))
    for name, items, argv in runs:
        api_times, cli_times = [], []
        for _ in range(repeat):  # interleaved, so drift hits both alike
            api_times.append(timed(lambda xs=items: sum(1 for _ in Cleaner().pipe(xs, on_error="record"))))
            cli_times.append(timed(lambda a=argv: cli.main(a)))
        api, cli_s = min(api_times), min(cli_times)
        results.append({"input": name, "items": len(items), "api_s": round(api, 3), "cli_s": round(cli_s, 3),
                        "overhead_pct": round(100 * (cli_s - api) / api, 1)})
    return results


# -- memory ------------------------------------------------------------------------------
def build_jsonl(path: Path, pages: list[tuple[Path, bytes]], target_bytes: int) -> int:
    texts = [data.decode("utf-8", errors="replace") for _, data in pages] or text_records(50)
    lines = [json.dumps({"text": t}, ensure_ascii=False).encode("utf-8") + b"\n" for t in texts]
    written = n = 0
    with path.open("wb") as f:
        while written < target_bytes:
            line = lines[n % len(lines)]
            f.write(line)
            written += len(line)
            n += 1
    return n


def _tree_rss_kb(pid: int) -> int:
    total = 0
    pids = [pid]
    while pids:
        p = pids.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            with open(f"/proc/{p}/task/{p}/children") as f:
                pids.extend(int(c) for c in f.read().split())
        except OSError:
            continue
    return total


def peak_rss(path: Path, jobs: int) -> dict[str, Any]:
    argv = [sys.executable, "-m", "speechclean", "--jsonl", str(path), "--format", "jsonl", "-o", os.devnull,
            "-q", "--jobs", str(jobs)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stderr=subprocess.PIPE)
    tree_peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal tree_peak
        while not done.is_set():
            tree_peak = max(tree_peak, _tree_rss_kb(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    mb = path.stat().st_size / 1e6
    return {"input_mb": round(mb, 1), "jobs": jobs, "seconds": round(seconds, 1), "mb_s": round(mb / seconds, 2),
            "exit": proc.returncode, "max_process_peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "tree_peak_rss_mb": round(tree_peak / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--records", type=int, default=400, help="text records (seeds repeated)")
    parser.add_argument("--html-repeat", type=int, default=3, help="passes over the HTML pages for scaling")
    parser.add_argument("--gb", type=float, default=1.0, help="size of the large JSONL for the memory run")
    parser.add_argument("--quick", action="store_true", help="small inputs, no large memory run")
    parser.add_argument("--no-memory", action="store_true", help="skip the streaming-memory runs")
    args = parser.parse_args()
    if args.quick:
        args.records, args.gb, args.repeat, args.html_repeat = 100, 0.05, 1, 1
    report: dict[str, Any] = {"cpus": os.cpu_count(), "loadavg_at_start": os.getloadavg()[0]}
    pages = html_pages()
    if not pages:
        print("shared HTML corpus absent: HTML inputs skipped", file=sys.stderr)
    records = text_records(args.records)

    report["scaling"] = []
    if pages:
        html = [d for _, d in pages]
        report["scaling"].append(scaling("real html, 1 pass", html, args.jobs, args.repeat))
        if args.html_repeat > 1:
            report["scaling"].append(scaling(f"real html, {args.html_repeat} passes", html * args.html_repeat,
                                             args.jobs, args.repeat))
    report["scaling"].append(scaling("text records", records, args.jobs, args.repeat))
    for row in report["scaling"]:
        print(f"{row['input']:>22}: {row['items']} items {row['mb']} MB | 1 worker {row['w1']['pages_s']} pages/s "
              f"{row['w1']['mb_s']} MB/s | {args.jobs} workers {row[f'w{args.jobs}']['pages_s']} pages/s "
              f"{row[f'w{args.jobs}']['mb_s']} MB/s | speedup {row['speedup']}x, cpu ratio {row['cpu_ratio']}, "
              f"machine {row['machine_speedup']}x for {args.jobs} independent processes",
              flush=True)

    with tempfile.TemporaryDirectory(prefix="speechclean-bench-") as tmp_name:
        tmp = Path(tmp_name)
        report["cli_overhead"] = cli_overhead(tmp, pages, records, max(args.repeat, 2))
        for row in report["cli_overhead"]:
            print(f"{row['input']:>22}: API {row['api_s']} s, CLI {row['cli_s']} s, overhead {row['overhead_pct']}%",
                  flush=True)
        report["memory"] = []
        for target in [] if args.no_memory else sorted({args.gb / 4, args.gb}):
            big = tmp / "big.jsonl"
            n = build_jsonl(big, pages, int(target * 1e9))
            row = peak_rss(big, args.jobs)
            row["records"] = n
            report["memory"].append(row)
            print(f"{'streaming jsonl':>22}: {row['input_mb']} MB ({n} records), {args.jobs} jobs, {row['seconds']} s "
                  f"({row['mb_s']} MB/s): peak RSS largest process {row['max_process_peak_rss_mb']} MB, CLI+workers "
                  f"{row['tree_peak_rss_mb']} MB, exit {row['exit']}", flush=True)
            big.unlink()
    out = ROOT / "benchmarks" / "results" / "throughput.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
