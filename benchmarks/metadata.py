"""Page metadata (date, author, source, title) on the 62 hand-labelled gne_tests pages, with trafilatura.

Scored with the corpus's own ``score.py`` metrics (skeleton comparisons; date right day, date exact to
the precision shown, author exact), plus **source**: the skeleton of ``page.source`` equals the gold
``source`` (or its ``source_raw``), over the pages that show one. Also:

* ``htmldate`` (the date library trafilatura uses) against speechclean's own date reader, same pages;
* the cost of metadata: ms per page of the whole HTML path with metadata reading on and off, same run.

    python benchmarks/metadata.py [--details] [--no-speed] [--no-trafilatura]

Baselines come from the ``bench`` extra (trafilatura, htmldate).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import speechclean
from speechclean.steps import extract as extract_step

GNE = ROOT.parent / "shared" / "corpus" / "extraction" / "gne_tests"
CORPUS = GNE.parent.parent


def load_score() -> Any:
    spec = importlib.util.spec_from_file_location("gne_score", GNE / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sys_speechclean(raw: bytes) -> dict[str, Any]:
    page = speechclean.clean(raw)
    return {"text": page.text, "title": page.title, "published": page.published, "author": page.author,
            "source": page.source, "role": page.author_role, "evidence": page.meta_evidence}


def sys_speechclean_trafilatura(raw: bytes) -> dict[str, Any]:
    page = speechclean.clean(raw, extractor="trafilatura")
    return {"text": page.text, "title": page.title, "published": page.published, "author": page.author,
            "source": page.source}


def sys_trafilatura(raw: bytes) -> dict[str, Any]:
    import trafilatura

    doc = trafilatura.bare_extraction(raw, with_metadata=True)
    if doc is None:
        return {"text": "", "title": None, "published": None, "author": None, "source": None}
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return {"text": d.get("text") or "", "title": d.get("title"), "published": d.get("date"),
            "author": d.get("author"), "source": d.get("sitename")}


def sys_htmldate(raw: bytes) -> dict[str, Any]:
    from htmldate import find_date

    html = raw.decode("utf-8", errors="replace")
    return {"text": "", "published": find_date(html, extensive_search=True, outputformat="%Y-%m-%dT%H:%M:%S",
                                               original_date=True)}


def source_ok(score: Any, gold: dict[str, Any], pred: str | None) -> bool | None:
    if not gold.get("source"):
        return None
    if not pred:
        return False
    p = score.skeleton(pred)
    return p in {score.skeleton(gold["source"]), score.skeleton(gold.get("source_raw") or "")} - {""}


def run(name: str, fn: Any, labels: dict[str, Any], score: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    rows = {}
    for key, gold in labels.items():
        raw = (CORPUS / key).read_bytes()
        pred = fn(raw)
        r = score.score_page(gold, pred)
        if "source" in pred:
            r["source_ok"] = source_ok(score, gold, pred.get("source"))
            r["source_pred"] = pred.get("source")
        r["evidence"] = pred.get("evidence")
        rows[key] = r
    agg = score.aggregate(rows)
    src = [r["source_ok"] for r in rows.values() if r.get("source_ok") is not None]
    if src:
        agg["source_ok"], agg["source_pages"] = sum(src), len(src)
    return agg, rows


def speed(labels: dict[str, Any], repeat: int) -> tuple[float, float, float]:
    """CPU ms per page of ``clean(bytes)`` with metadata on and off, and of ``read_metadata`` itself.

    Each page runs both ways in turn (pairing keeps a drifting machine out of the ratio), CPU time of
    this process, best of ``repeat``. The on/off difference is two noisy totals subtracted; the time
    inside ``read_metadata`` during the "on" runs is measured directly and is the steadier figure."""
    pages = [(CORPUS / key).read_bytes() for key in labels]
    original = extract_step.read_metadata
    inside = [0.0]

    def off(page: Any, root: Any, reference: Any = None) -> None:
        return None

    def timed(page: Any, root: Any, reference: Any = None) -> None:
        t = time.process_time()
        original(page, root, reference)
        inside[0] += time.process_time() - t

    best = {"on": float("inf"), "off": float("inf"), "inside": float("inf")}
    for _ in range(repeat):
        total = {"on": 0.0, "off": 0.0}
        inside[0] = 0.0
        for raw in pages:
            for mode in ("off", "on"):
                extract_step.read_metadata = timed if mode == "on" else off  # type: ignore[assignment]
                t = time.process_time()
                speechclean.clean(raw)
                total[mode] += time.process_time() - t
        for mode, seconds in total.items():
            best[mode] = min(best[mode], seconds / len(pages) * 1000)
        best["inside"] = min(best["inside"], inside[0] / len(pages) * 1000)
    extract_step.read_metadata = original  # type: ignore[assignment]
    return best["on"], best["off"], best["inside"]


def row(name: str, a: dict[str, Any]) -> str:
    g = a.get("date_gold_pages", 0)
    ga = a.get("author_gold_pages", 0)
    date = f"{a['date_ok']}/{g}" if g else "—"
    exact = f"{a['date_exact']}/{g}" if g else "—"
    spur = str(a.get("date_spurious", "—"))
    author = f"{a['author_ok']}/{ga}" if ga else "—"
    anyau = f"{a['author_any']}/{ga}" if ga else "—"
    src = f"{a['source_ok']}/{a['source_pages']}" if "source_pages" in a else "—"
    title = f"{100 * a['title']:.1f}%" if "title" in a else "—"
    return f"| {name} | {date} | {exact} | {spur} | {author} | {anyau} | {src} | {title} |"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--details", action="store_true", help="print every page's misses")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--no-trafilatura", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    if not GNE.exists():
        sys.exit(f"corpus not found: {GNE}")
    score = load_score()
    labels = json.loads((GNE / "labels.json").read_text(encoding="utf-8"))
    systems: list[tuple[str, Any]] = [("speechclean", sys_speechclean)]
    if not args.no_trafilatura:
        systems += [("speechclean (extractor=trafilatura)", sys_speechclean_trafilatura),
                    ("trafilatura", sys_trafilatura), ("htmldate (date only)", sys_htmldate)]
    print("| system | date right day | date exact | date on no-date pages | author exact | author any | source | title |")
    print("|---|---|---|---|---|---|---|---|")
    details = {}
    for name, fn in systems:
        try:
            agg, rows = run(name, fn, labels, score)
        except ImportError as e:
            print(f"| {name} | not installed ({e.name}) |")
            continue
        details[name] = rows
        print(row(name, agg))
    if args.details:
        for key, r in details["speechclean"].items():
            gold = labels[key]
            miss = []
            if gold.get("published") and not r.get("date_exact"):
                miss.append(f"date {r.get('date_pred')} != {gold['published']}")
            if not gold.get("published") and r.get("date_pred"):
                miss.append(f"spurious date {r.get('date_pred')}")
            if gold.get("author") and not r.get("author_ok"):
                miss.append(f"author {r.get('author_pred')!r} != {gold['author']!r}")
            if r.get("source_ok") is False:
                miss.append(f"source {r.get('source_pred')!r} != {gold['source']!r}")
            if not r.get("title_ok"):
                miss.append(f"title {r.get('title_pred')!r}")
            if miss:
                print(f"{key.split('/tests/')[1]}: " + "; ".join(miss) + f"  {r.get('evidence')}")
    if not args.no_speed:
        on, off, inside = speed(labels, args.repeat)
        print(f"\nHTML path, CPU ms/page (best of {args.repeat}): metadata on {on:.1f}, off {off:.1f} "
              f"(difference {100 * (on - off) / off:.1f}%); inside read_metadata {inside:.2f} ms = "
              f"{100 * inside / on:.1f}% of the path with metadata on")


if __name__ == "__main__":
    main()
