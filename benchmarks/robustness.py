"""Robustness: mangled real pages and generated documents, then adversarial families by size.

Part 1 (``--count N`` documents, default 2,000; the full run is ``--count 100000``): pieces of the
shared real pages (``../shared/corpus``) damaged by random mutations (cuts, spliced bytes, control
characters, stray and unclosed tags, deep nesting, mojibake, NULs, surrogates, BOMs, charset
declarations, whitespace floods), and random HTML/text documents built from real tags, chrome
class names and Chinese pieces. Each is cleaned once and its text cleaned again. Reported:
StepErrors (our own code failing: must be 0), foreign exceptions (must be 0), clear speechclean
errors (binary input, undecodable), idempotence rate per kind, and every real page unmangled.

Part 2 (``--families``): every family of :mod:`adversarial` at 100 KB, 1 MB and 4 MB, each in a
fresh process (time of ``clean()`` and peak RSS), with the growth ratio per size step (linear:
x10 then x4), plus the 2.5 KB gallery block.

    PYTHONPATH=$PWD nice python benchmarks/robustness.py --count 100000 --families
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import speechclean  # noqa: E402
from adversarial import FAMILIES, GALLERY  # noqa: E402
from speechclean.errors import SpeechcleanError, StepError  # noqa: E402

CORPUS = HERE.parent.parent / "shared" / "corpus"
SIZES = (100_000, 1_000_000, 4_000_000)
TAGS = ["div", "p", "span", "a", "ul", "li", "table", "tr", "td", "h1", "h2", "br", "nav", "footer", "script", "style",
        "form", "font", "b", "title", "noscript", "button", "select", "option", "textarea", "iframe", "pre", "article"]
ATTRS = ["", " class='share'", " class='content'", " id='comments'", " style='display:none'", " class='hide'",
         " hidden", " class='nav'", " class='article-body'", " class='post'", " id='main'"]
PIECES = ["今天，我们召开会议，研究部署工作。", "会议强调，要落实责任。", "当前位置：首页 > 范文", "下面是小编为大家整理的讲话，供大家参考。",
          "猜你喜欢", "推荐访问：讲话 会议", "时间：2022-12-01 19:30:15 来源：某网", "全文阅读已结束", "上一篇：某某", "1、", "篇一",
          "（一）", "同志们：", "谢谢大家！", "Tur-v (Turbo(金锺国、金正男)、UV)", "kg/m²·s", "45°±0.5°", "会議們當這個體",
          "a,b;c", "!!!", "(", ")", "\u3000", "\u00a0", "&nbsp;", "&#20013;", "&lt;br /&gt;", " ", "\n", "……", "——"]


# -- sources ---------------------------------------------------------------------------------------
def real_pages() -> list[tuple[str, bytes]]:
    rows = [json.loads(line) for line in (CORPUS / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    pages = [(r["local_file"], (CORPUS / r["local_file"]).read_bytes()) for r in rows if r["set"] == "extraction"]
    pages += [(p.name, p.read_bytes()) for p in sorted((CORPUS / "text-dev" / "pages").glob("*.txt"))]
    return pages


def _mutate_bytes(rng: random.Random, raw: bytes) -> bytes:
    n = len(raw)
    i = rng.randrange(max(1, n))
    op = rng.randrange(12)
    if op == 0:
        return raw[:i]
    if op == 1:
        return raw[: i] + raw[i + rng.randrange(1, 5000) :]
    if op == 2:
        return raw[:i] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64))) + raw[i:]
    if op == 3:
        return raw[:i] + bytes([rng.choice([0, 1, 8, 11, 12, 14, 27, 31, 127])]) * rng.randrange(1, 4) + raw[i:]
    if op == 4:
        return raw[:i] + rng.choice([b"<div>", b"</p>", b"<script>", b"<title>", b"<!--", b"<table>", b"</html>",
                                     b"<![CDATA[", b"<?xml version='1.0'?>", b"<style>"]) + raw[i:]
    if op == 5:
        return raw[:i] + b"<font>" * rng.randrange(100, 3000) + raw[i:]
    if op == 6:
        return raw[:i] + b"\x00" + raw[i:]
    if op == 7:
        return rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\n%PDF"]) + raw
    if op == 8:
        label = rng.choice([b"punycode", b"undefined", b"utf-16", b"cp037", b"gbk", b"big5", b"latin1", b"x-user-defined"])
        return b"<meta charset='" + label + b"'>" + raw
    if op == 9:
        return raw[:i] + rng.choice([b" ", b"&nbsp;", b"\n", b"<br>", b"!", b"("]) * rng.randrange(100, 20000) + raw[i:]
    if op == 10:
        j = rng.randrange(i, n + 1)
        return raw[:j] + raw[i:j] * rng.randrange(2, 4) + raw[j:]
    return bytes(b ^ 0x80 if rng.random() < 0.001 else b for b in raw)


def _mutate_text(rng: random.Random, raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace")
    op = rng.randrange(5)
    if op == 0:
        return text.encode("utf-8").decode("latin-1")
    if op == 1:
        return text.encode("utf-8").decode("gbk", errors="replace")
    if op == 2:
        return text.encode("gb18030").decode("latin-1")
    if op == 3:
        i = rng.randrange(max(1, len(text)))
        return text[:i] + rng.choice(["\ud800", "\udfff", "\ud83d"]) + text[i:]
    lines = text.split("\n")
    rng.shuffle(lines)
    return "\n".join(lines)


def mangled(rng: random.Random, pages: list[tuple[str, bytes]]) -> tuple[str, str | bytes]:
    name, raw = rng.choice(pages)
    if len(raw) > 30_000:  # a damaged 10-30 KB piece of the page
        start = rng.randrange(len(raw) - 10_000)
        raw = raw[start : start + rng.randrange(10_000, 30_000)]
    for _ in range(rng.randrange(1, 4)):
        raw = _mutate_bytes(rng, raw)
    if rng.random() < 0.3:
        return "mangled-text", _mutate_text(rng, raw)
    return "mangled-bytes", raw


def generated(rng: random.Random) -> tuple[str, str]:
    def text() -> str:
        return "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 8)))

    def node(depth: int) -> str:
        if depth > 4 or rng.random() < 0.3:
            return text()
        tag, attrs = rng.choice(TAGS), rng.choice(ATTRS)
        inner = "".join(node(depth + 1) for _ in range(rng.randrange(0, 4)))
        return f"<{tag}{attrs}>{inner}" + ("" if rng.random() < 0.1 else f"</{tag}>")

    if rng.random() < 0.2:
        return "generated-text", "\n".join(text() for _ in range(rng.randrange(1, 30)))
    body = "".join(node(0) for _ in range(rng.randrange(1, 6)))
    return "generated-html", f"<html><head><title>{text()}</title></head><body>{body}</body></html>"


# -- part 1 ------------------------------------------------------------------------------------------
def run_documents(count: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    pages = real_pages()
    stats: Counter[str] = Counter()
    examples: dict[str, str] = {}
    t0 = time.perf_counter()
    for name, raw in pages:  # every real page, unmangled: idempotent
        page = speechclean.clean(raw)
        stats["real"] += 1
        stats["real-idempotent"] += speechclean.clean(page.text).text == page.text
    signal.signal(signal.SIGTERM, _stop)
    try:
        _documents(rng, pages, count, stats, examples, t0)
    except KeyboardInterrupt:  # SIGINT or SIGTERM: report what was done
        print("  stopped early", flush=True)
    return {"stats": dict(stats), "examples": examples, "seconds": round(time.perf_counter() - t0, 1)}


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _documents(rng: random.Random, pages: list[tuple[str, bytes]], count: int, stats: Counter[str],
               examples: dict[str, str], t0: float) -> None:
    for k in range(count):
        kind, doc = mangled(rng, pages) if k % 5 < 2 else generated(rng)
        stats[kind] += 1
        try:
            page = speechclean.clean(doc)
        except StepError as e:
            stats["StepError"] += 1
            examples.setdefault(f"StepError {e}"[:120], repr(doc[:300]))
            continue
        except SpeechcleanError as e:
            stats[f"clear {type(e).__name__}"] += 1
            continue
        except Exception as e:  # noqa: BLE001 - what we count
            stats["foreign"] += 1
            examples.setdefault(f"{type(e).__name__}: {e}"[:120], repr(doc[:300]))
            continue
        try:
            again = speechclean.clean(page.text).text
        except Exception as e:  # noqa: BLE001
            stats["foreign"] += 1
            examples.setdefault(f"second pass {type(e).__name__}: {e}"[:120], repr(page.text[:300]))
            continue
        if again == page.text:
            stats[f"{kind}-idempotent"] += 1
        elif kind == "generated-html" and len(examples) < 40:
            examples.setdefault(f"not idempotent #{stats[kind]}", repr(doc[:400]))
        if (k + 1) % 5_000 == 0:
            print(f"  {k + 1:,} documents, {time.perf_counter() - t0:.0f} s", flush=True)


def report_documents(result: dict[str, object]) -> None:
    stats: dict[str, int] = result["stats"]  # type: ignore[assignment]
    total = sum(stats.get(k, 0) for k in ("mangled-bytes", "mangled-text", "generated-html", "generated-text"))
    print(f"\n{total:,} documents (+{stats.get('real', 0)} real pages unmangled) in {result['seconds']} s")
    print(f"StepErrors: {stats.get('StepError', 0)}   foreign exceptions: {stats.get('foreign', 0)}")
    for k, v in sorted(stats.items()):
        if k.startswith("clear "):
            print(f"{k}: {v}")
    for kind in ("real", "mangled-bytes", "mangled-text", "generated-html", "generated-text"):
        n = stats.get(kind, 0)
        if n:
            ok = stats.get(f"{kind}-idempotent", 0)
            print(f"idempotent {kind:15s} {ok:7,} / {n:7,} = {ok / n:.4%}")
    for k, v in list(result["examples"].items())[:12]:  # type: ignore[union-attr]
        print(f"  {k}: {v[:200]}")


# -- part 2 ------------------------------------------------------------------------------------------
def one_case(family: str, size: int) -> None:
    """Child process: clean one family document, print seconds and peak RSS (MB) as JSON."""
    speechclean.clean("预热，文本。")
    doc = GALLERY if family == "gallery-2.5KB" else FAMILIES[family](size)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    try:
        speechclean.clean(doc)
        error = None
    except SpeechcleanError as e:
        error = type(e).__name__
    seconds = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mb": round(rss, 1), "base_mb": round(base / 1024, 1), "error": error}))


def run_families(sizes: tuple[int, ...], timeout: float, only: list[str] | None) -> None:
    names = only or [*FAMILIES, "gallery-2.5KB"]
    print(f"\n{'family':20s}" + "".join(f"{s // 1000:>9,} KB {'MB':>6s}" for s in sizes) + "   growth")
    for name in names:
        cells, times = [], []
        for size in (sizes if name != "gallery-2.5KB" else sizes[:1]):
            try:
                out = subprocess.run([sys.executable, __file__, "--one", name, str(size)], capture_output=True,
                                     text=True, timeout=timeout, check=True)
                r = json.loads(out.stdout.strip().splitlines()[-1])
                times.append(r["seconds"])
                cells.append(f"{r['seconds']:10.3f} s {r['rss_mb']:6.0f}")
            except subprocess.TimeoutExpired:
                times.append(float("inf"))
                cells.append(f"{'>' + str(int(timeout)):>10s} s {'?':>6s}")
            except subprocess.CalledProcessError as e:
                times.append(float("nan"))
                cells.append(f"{'crash':>10s}   {'?':>6s}")
                print(e.stderr[-300:])
        growth = " ".join(f"x{b / a:.1f}" for a, b in zip(times, times[1:]) if a > 0)
        print(f"{name:20s}" + "".join(cells) + "   " + growth, flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=2000, help="mangled and generated documents (full run: 100000)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--families", action="store_true", help="also time the adversarial families by size")
    ap.add_argument("--only-families", action="store_true", help="time the families only")
    ap.add_argument("--family", action="append", help="time only these families")
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)))
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per family case")
    ap.add_argument("--one", nargs=2, metavar=("FAMILY", "SIZE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        one_case(args.one[0], int(args.one[1]))
        return 0
    if not args.only_families:
        if not (CORPUS / "manifest.jsonl").exists():
            print("no shared corpus at", CORPUS)
            return 1
        result = run_documents(args.count, args.seed)
        report_documents(result)
    if args.families or args.only_families:
        run_families(tuple(int(s) for s in args.sizes.split(",")), args.timeout, args.family)
    return 0


if __name__ == "__main__":
    sys.exit(main())
