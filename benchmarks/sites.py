"""Site profiles: chrome left, content lost, residue, memory and throughput, before and after.

All figures come from one run, each "before" against its "after" on the same pages:

1. **gne_tests sites with several pages** (``../shared/corpus/extraction/gne_tests``, one site per
   folder, sites with >= 2 pages): hand labels — ``must_keep`` snippets kept (content lost must not
   change) and ``must_drop`` snippets left — plus residue lines per page, cleaned without a profile
   and with the profile learnt from the site's pages (``SiteProfile.learn`` then ``Cleaner(site_profile=…)``).
2. **NetEase** (``cx_extractor_netease``, 74 pages of one site, no labels): lines still repeated on
   >= 3 of the site's cleaned pages, residue lines per page, and what ``site.repeated`` removed.
3. **text-dev replicated** (``../shared/corpus/text-dev``, labelled seed-style text pages): each
   labelled page becomes a site of ``--replicas`` pages that keep the page's own chrome (everything
   outside its body span) around the body span of another labelled page; labels follow their text
   (the page's ``must_drop`` outside its body, the other page's ``must_keep``). Cleaned with
   ``Cleaner.pipe(learn_sites=True)`` (streaming, buffered warm-up) against ``pipe()``.
4. **Throughput**: every page above through ``pipe()`` and ``pipe(learn_sites=True)``, serial,
   alternating passes, median. Target: learning >= 90 % of plain.
5. **Memory**: ``SiteProfile`` learning over generated JSONL (a Zipf mix of sites, each with its own
   chrome and unique bodies) of 0.1 GB and ``--gb`` GB in a temporary directory, each in a fresh
   subprocess: peak RSS (flat means the large run's peak is close to the small one's), pages/s,
   entries per site against the bound, and the saved profile's size.

    python benchmarks/sites.py [--quick] [--gb 1.0] [--replicas 20]

Results are printed and written to ``benchmarks/results/sites.json``.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from speechclean import Cleaner
from speechclean.sites import SiteLearner, SiteProfile

CORPUS = ROOT.parent / "shared" / "corpus"
GNE = CORPUS / "extraction" / "gne_tests"
NETEASE = CORPUS / "extraction" / "cx_extractor_netease" / "RawHtml"
TEXT_DEV = CORPUS / "text-dev"
RESULTS = ROOT / "benchmarks" / "results"

#: Residue: the families of chrome lines a reader recognises on sight (a measure, not a rule).
RESIDUE = re.compile(
    r"责任编辑|责编[:：]|^来源[:：]|本文来源|分享到|相关文章|相关阅读|相关新闻|相关推荐|版权所有|版权声明|备案号|ICP备|"
    r"免责声明|扫一扫|扫码|关注我们|公众号|上一篇|下一篇|猜你喜欢|热门推荐|点击查看|举报|收藏本|打印本页|关闭窗口|"
    r"Copyright|©|客户端|APP|下载"
)


@functools.cache
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def skeleton(text: str) -> str:
    """The corpus's scoring skeleton: NFKC, Traditional → Simplified, only ideographs and ASCII letters/digits."""
    text = _t2s().convert(unicodedata.normalize("NFKC", text))
    return "".join(ch for ch in text if "\u3400" <= ch <= "\u9fff" or ch.isascii() and ch.isalnum())


def shown(page: Any) -> str:
    """What a reader gets: the title (the structure step moves it out of the text) and the text."""
    return f"{page.title}\n{page.text}" if page.title else page.text


def residue(text: str) -> int:
    return sum(1 for line in text.split("\n") if line.strip() and len(line) <= 120 and RESIDUE.search(line))


def repeated_left(texts: list[str], at_least: int = 3) -> int:
    counts = Counter(line for t in texts for line in set(t.split("\n")) if line.strip())
    return sum(n for line, n in counts.items() if n >= at_least)


# -- 1. gne_tests ------------------------------------------------------------------------
def gne_sites() -> dict[str, list[tuple[bytes, dict[str, Any]]]]:
    labels = json.loads((GNE / "labels.json").read_text(encoding="utf-8"))
    sites: dict[str, list[tuple[bytes, dict[str, Any]]]] = defaultdict(list)
    for key, label in sorted(labels.items()):
        path = CORPUS / key
        if path.exists():
            sites[path.parent.name].append((path.read_bytes(), label))
    return {k: v for k, v in sites.items() if len(v) >= 2}


def score_labels(text: str, label: dict[str, Any]) -> tuple[int, int, int, int]:
    skel = skeleton(text)
    keep = [skeleton(s) for s in label.get("must_keep", [])]
    drop = [skeleton(s) for s in label.get("must_drop", [])]
    return (sum(k in skel for k in keep), len(keep), sum(d in skel for d in drop), len(drop))


def bench_gne(settings: dict[str, Any]) -> dict[str, Any]:
    sites = gne_sites()
    plain = Cleaner()
    rows, totals = {}, Counter()
    for name, pages in sites.items():
        profile = SiteProfile.learn([(raw, {"site": name}) for raw, _ in pages], **settings)
        sited = Cleaner(site_profile=profile)
        row = Counter()
        for raw, label in pages:
            before = plain.clean(raw)
            after_page = sited.run(_keyed(sited, raw, name))
            kb, kn, db, dn = score_labels(shown(before), label)
            ka, _, da, _ = score_labels(shown(after_page), label)
            row.update(pages=1, keep_total=kn, drop_total=dn, keep_before=kb, keep_after=ka, drop_left_before=db,
                       drop_left_after=da, residue_before=residue(before.text), residue_after=residue(after_page.text),
                       site_removed=sum(r.rule == "site.repeated" for r in after_page.removals))
        rows[name] = dict(row)
        totals.update(row)
    return {"settings": settings, "sites": rows, "total": dict(totals)}


def _keyed(cleaner: Cleaner, raw: bytes, site: str):
    page = cleaner.new_page(raw)
    page.meta["site"] = site
    return page


# -- 2. NetEase --------------------------------------------------------------------------
def bench_netease() -> dict[str, Any]:
    raws = [p.read_bytes() for p in sorted(NETEASE.glob("*.html"), key=lambda p: int(p.stem))]
    plain = Cleaner()
    before = [plain.clean(r).text for r in raws]
    learner = SiteLearner()
    after_pages = list(Cleaner().pipe([(r, {"site": "netease"}) for r in raws], learn_sites=learner))
    after = [p.text for p in after_pages]
    removed = Counter(r.text for p in after_pages for r in p.removals if r.rule == "site.repeated")
    lost = sum(len(b) - len(a) for b, a in zip(before, after))
    return {"pages": len(raws), "repeated_left_before": repeated_left(before), "repeated_left_after": repeated_left(after),
            "residue_per_page_before": sum(map(residue, before)) / len(raws),
            "residue_per_page_after": sum(map(residue, after)) / len(raws),
            "site_repeated_removed": dict(removed.most_common(10)), "chars_removed_by_profile": lost,
            "chrome_in_profile": list(learner.profile.chrome("netease"))[:10]}


# -- 3. text-dev replicated --------------------------------------------------------------
def _span(lines: list[str], snippets: list[str]) -> tuple[int, int] | None:
    hit = [i for i, line in enumerate(lines) if any(s in line for s in snippets)]
    return (hit[0], hit[-1]) if hit else None


def text_dev_sites(replicas: int) -> list[tuple[str, list[tuple[str, dict[str, Any]]]]]:
    labels = json.loads((TEXT_DEV / "labels.json").read_text(encoding="utf-8"))
    pages = {}
    for name, label in sorted(labels.items()):
        if name.startswith("_") or not (TEXT_DEV / "pages" / name).exists():
            continue
        lines = (TEXT_DEV / "pages" / name).read_text(encoding="utf-8").split("\n")
        span = _span(lines, label.get("must_keep", []))
        if span:
            pages[name] = (lines, span, label)
    names = list(pages)
    sites = []
    for n, name in enumerate(names):
        lines, (lo, hi), label = pages[name]
        head, tail = lines[:lo], lines[hi + 1:]
        outside = "\n".join(head + tail)
        drops = [s for s in label.get("must_drop", []) if s in outside]
        site = []
        for r in range(replicas):
            other = names[(n + 1 + r) % len(names)]
            olines, (olo, ohi), olabel = pages[other]
            bodylines = olines[olo:ohi + 1]
            keeps = [s for s in olabel.get("must_keep", []) if s in "\n".join(bodylines)]
            site.append(("\n".join(head + bodylines + tail), {"site": name, "must_keep": keeps, "must_drop": drops}))
        sites.append((name, site))
    return sites


def bench_text_dev(replicas: int) -> dict[str, Any]:
    sites = text_dev_sites(replicas)
    stream = [(text, {"site": meta["site"]}) for _, site in sites for text, meta in site]
    labels = [meta for _, site in sites for _, meta in site]
    before = [shown(p) for p in Cleaner().pipe(stream)]
    after = [shown(p) for p in Cleaner().pipe(stream, learn_sites=True)]
    t = Counter()
    for b, a, label in zip(before, after, labels):
        kb, kn, db, dn = score_labels(b, label)
        ka, _, da, _ = score_labels(a, label)
        t.update(keep_total=kn, drop_total=dn, keep_before=kb, keep_after=ka, drop_left_before=db, drop_left_after=da,
                 residue_before=residue(b), residue_after=residue(a))
    lost_pages = sum(score_labels(a, lab)[0] < score_labels(b, lab)[0] for b, a, lab in zip(before, after, labels))
    return {"sites": len(sites), "pages": len(stream), **dict(t), "pages_losing_a_keep_snippet": lost_pages}


# -- 4. throughput -----------------------------------------------------------------------
def bench_throughput(passes: int, replicas: int) -> dict[str, Any]:
    items: list[Any] = []
    for name, pages in gne_sites().items():
        items += [(raw, {"site": name}) for raw, _ in pages]
    items += [(p.read_bytes(), {"site": "netease"}) for p in sorted(NETEASE.glob("*.html"))]
    items += [(text, {"site": meta["site"]}) for _, site in text_dev_sites(replicas) for text, meta in site]
    chars = 0
    wall: dict[str, list[float]] = {"plain": [], "learn": []}
    cpu: dict[str, list[float]] = {"plain": [], "learn": []}
    cleaner = Cleaner()
    list(cleaner.pipe(items[:20]))  # warm caches
    for n in range(passes):
        order = ("plain", "learn") if n % 2 == 0 else ("learn", "plain")  # alternate to cancel drift
        for mode in order:
            start, start_cpu = time.perf_counter(), time.process_time()
            chars = sum(len(p.text) for p in cleaner.pipe(items, learn_sites=mode == "learn"))
            wall[mode].append(time.perf_counter() - start)
            cpu[mode].append(time.process_time() - start_cpu)
    plain, learn = statistics.median(wall["plain"]), statistics.median(wall["learn"])
    plain_cpu, learn_cpu = statistics.median(cpu["plain"]), statistics.median(cpu["learn"])
    return {"items": len(items), "passes": passes, "plain_s": round(plain, 3), "learn_s": round(learn, 3),
            "plain_pages_per_s": round(len(items) / plain, 1), "learn_pages_per_s": round(len(items) / learn, 1),
            "ratio": round(plain / learn, 3), "plain_cpu_s": round(plain_cpu, 3), "learn_cpu_s": round(learn_cpu, 3),
            "ratio_cpu": round(plain_cpu / learn_cpu, 3), "chars_out_last": chars}


# -- 5. memory ---------------------------------------------------------------------------
_WORDS = "经济社会发展改革创新建设治理服务群众工作推进落实政策城市乡村企业科技教育文化生态安全人才数字医疗交通"


def generate_jsonl(path: Path, gigabytes: float, sites: int = 800, seed: int = 1) -> int:
    """Pages of a Zipf mix of sites: 6 chrome lines of the site, 2 of a rotating sidebar, a unique body."""
    rng = random.Random(seed)
    weights = [1 / (k + 1) for k in range(sites)]
    target = int(gigabytes * 1e9)
    written = pages = 0
    serial = 0
    with open(path, "w", encoding="utf-8") as f:
        while written < target:
            block = []
            for s in rng.choices(range(sites), weights, k=2000):
                serial += 1
                chrome = [f"站点{s}网 | 首页 | 新闻 | 专题", f"欢迎访问站点{s}网，设为首页", f"站点{s}网版权所有",
                          f"备案号：京ICP备{s:06d}号", "分享到：微信 微博 QQ", f"站点{s}网客户端下载"]
                sidebar = [f"站点{s}热门文章第{rng.randint(1, 40)}篇" for _ in range(2)]
                body = ["".join(rng.choice(_WORDS) for _ in range(40)) + f"，第{serial}页第{i}段。" for i in range(12)]
                text = "\n".join(chrome[:2] + sidebar + body + chrome[2:])
                block.append(json.dumps({"id": serial, "url": f"http://site{s}.example/{serial}.html", "text": text},
                                        ensure_ascii=False))
            data = "\n".join(block) + "\n"
            f.write(data)
            written += len(data.encode("utf-8"))
            pages += len(block)
    return pages


def learn_jsonl(path: str, out: str) -> None:
    """The measured child: stream the file, count every page in a profile, save it, report."""
    from speechclean.sites.keys import host_of

    start = time.perf_counter()
    profile = SiteProfile()
    pages = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            profile.observe(host_of(record["url"]) or "-", record["text"])
            pages += 1
    seconds = time.perf_counter() - start
    profile.save(out)
    sizes = [profile.size(k) for k in profile.sites]
    print(json.dumps({"pages": pages, "seconds": round(seconds, 1), "pages_per_s": round(pages / seconds),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                      "sites": len(profile), "max_entries_per_site": max(sizes), "bound": profile.max_lines,
                      "entries": sum(sizes), "profile_file_mb": round(os.path.getsize(out) / 1e6, 2),
                      "chrome_lines_of_biggest_site": len(list(profile.chrome("site0.example")))}))


def bench_memory(gigabytes: float) -> dict[str, Any]:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in (0.1, gigabytes):
            path = Path(tmp) / f"crawl-{size}.jsonl"
            pages = generate_jsonl(path, size)
            result = subprocess.run([sys.executable, __file__, "--learn-jsonl", str(path), str(Path(tmp) / "p.json.gz")],
                                    capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
            report = json.loads(result.stdout.strip().splitlines()[-1])
            report["file_gb"] = round(path.stat().st_size / 1e9, 2)
            assert report["pages"] == pages
            out[f"{size}GB"] = report
            path.unlink()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small memory run (0.1 and 0.3 GB), one throughput pass")
    parser.add_argument("--gb", type=float, default=1.0)
    parser.add_argument("--replicas", type=int, default=20)
    parser.add_argument("--passes", type=int, default=4)
    parser.add_argument("--only", choices=("quality", "throughput", "memory"), help="run one part")
    parser.add_argument("--learn-jsonl", nargs=2, metavar=("FILE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.learn_jsonl:
        learn_jsonl(*args.learn_jsonl)
        return 0
    if not CORPUS.is_dir():
        print("no ../shared/corpus: nothing to measure")
        return 0
    results: dict[str, Any] = {}
    if args.only in (None, "quality"):
        results["gne_default"] = bench_gne({})
        results["gne_min_count_2"] = bench_gne({"min_count": 2})
        print("gne_tests (sites with >= 2 pages):")
        for key in ("gne_default", "gne_min_count_2"):
            t = results[key]["total"]
            print(f"  {key}: {t['pages']} pages; keep {t['keep_before']}/{t['keep_total']} -> {t['keep_after']}/{t['keep_total']}; "
                  f"must_drop left {t['drop_left_before']}/{t['drop_total']} -> {t['drop_left_after']}/{t['drop_total']}; "
                  f"residue lines {t['residue_before']} -> {t['residue_after']}; site.repeated removals {t['site_removed']}")
        results["netease"] = n = bench_netease()
        print(f"NetEase: {n['pages']} pages; repeated lines left {n['repeated_left_before']} -> {n['repeated_left_after']}; "
              f"residue/page {n['residue_per_page_before']:.2f} -> {n['residue_per_page_after']:.2f}; "
              f"chars removed by the profile {n['chars_removed_by_profile']}")
        results["text_dev"] = t = bench_text_dev(args.replicas)
        print(f"text-dev replicated: {t['sites']} sites x {args.replicas} pages; keep {t['keep_before']}/{t['keep_total']} -> "
              f"{t['keep_after']}/{t['keep_total']}; must_drop left {t['drop_left_before']}/{t['drop_total']} -> "
              f"{t['drop_left_after']}/{t['drop_total']}; residue lines/page {t['residue_before'] / t['pages']:.2f} -> "
              f"{t['residue_after'] / t['pages']:.2f}; pages losing a keep snippet {t['pages_losing_a_keep_snippet']}")
    if args.only in (None, "throughput"):
        results["throughput"] = tp = bench_throughput(1 if args.quick else args.passes, args.replicas)
        print(f"throughput: {tp['items']} items x {tp['passes']} alternating passes, plain {tp['plain_pages_per_s']} pages/s, "
              f"learn_sites {tp['learn_pages_per_s']} pages/s: ratio {tp['ratio']:.3f} wall, {tp['ratio_cpu']:.3f} CPU "
              f"(target >= 0.90)")
    if args.only in (None, "memory"):
        results["memory"] = mem = bench_memory(0.3 if args.quick else args.gb)
        for size, m in mem.items():
            print(f"memory {size} ({m['file_gb']} GB, {m['pages']} pages): peak RSS {m['peak_rss_mb']} MB, "
                  f"{m['pages_per_s']} pages/s, {m['sites']} sites, max entries/site {m['max_entries_per_site']} "
                  f"(bound {m['bound']}), profile file {m['profile_file_mb']} MB")
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = "sites.json" if args.only is None else f"sites-{args.only}.json"
    (RESULTS / name).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
