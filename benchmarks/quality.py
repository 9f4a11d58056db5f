"""Main-text quality on real Chinese pages with human gold, speechclean against the usual extractors.

Metric (the corpus README's): reduce output and gold each to a *skeleton* — NFKC, Traditional →
Simplified, only CJK ideographs and ASCII letters/digits — count character bigrams as multisets;
precision = shared / output bigrams, recall = shared / gold bigrams; F1 per page, mean per source.
trafilatura's snippet pages score the share of ``with`` snippets present plus ``without`` snippets
absent, compared on skeletons. goose3 gives only the first 150 characters: recall of that prefix.

Every tool gets the same decoded ``str`` (decoding is measured by ``benchmarks/decode.py``) and is
scored on its title plus main text where it returns a title (the gold holds the title).

gne_tests (62 news and government pages, hand labels in ``labels.json``): the share of must-keep
snippets present and must-drop snippets absent in the main text, and of exact titles, on
gne_tests/score.py's skeleton (NFKC, CJK ideographs and ASCII letters/digits). Speed: ms per page
on the same 62 pages, same run, one process, followed by speechclean's profile there (ms per step, the
extract step's stages) and the parse alone against other parsers (reference points: lxml stays).

    python benchmarks/quality.py [--tools speechclean,trafilatura,...] [--worst 8] [--no-speed]

Baselines come from the optional ``bench`` extra: ``pip install -e '.[bench]'``.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import speechclean
from speechclean.steps.convert import converter
from speechclean.steps.decode import decode_bytes

CORPUS = ROOT.parent / "shared" / "corpus"
_KEEP = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134fA-Za-z0-9]+")


# ---------------------------------------------------------------- metric


def skeleton(text: str) -> str:
    """NFKC, Traditional → Simplified, only CJK ideographs and ASCII letters/digits."""
    text = unicodedata.normalize("NFKC", text)
    text = converter("t2s").convert(text)
    return "".join(_KEEP.findall(text))


def bigrams(skel: str) -> Counter[str]:
    return Counter(skel[i : i + 2] for i in range(len(skel) - 1))


def f1(output: str, gold: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of the skeleton bigrams of ``output`` against ``gold``."""
    out, ref = bigrams(skeleton(output)), bigrams(skeleton(gold))
    shared = sum((out & ref).values())
    p = shared / max(1, sum(out.values()))
    r = shared / max(1, sum(ref.values()))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def snippet_score(output: str, snippets: dict[str, list[str]]) -> float:
    skel = skeleton(output)
    hits = [skeleton(s) in skel for s in snippets.get("with", [])]
    hits += [skeleton(s) not in skel for s in snippets.get("without", [])]
    return sum(hits) / max(1, len(hits))


# ---------------------------------------------------------------- corpus


def html_text(fragment: str) -> str:
    """Text of an HTML fragment (readability's output, its expected.html) with block breaks."""
    import lxml.html

    if not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    for el in root.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "section", "article", "blockquote"):
        el.tail = "\n" + (el.tail or "")
    return root.text_content()


def load_pages() -> list[dict]:
    """Pages with gold: {source, name, html, kind ('f1'|'snippets'|'prefix'), gold}."""
    pages = []
    for line in (CORPUS / "manifest.jsonl").open(encoding="utf-8"):
        entry = json.loads(line)
        source, gold_file = entry["source"], entry.get("gold_file")
        if entry["set"] != "extraction" or source in ("cx_extractor_netease", "gne_tests") or not gold_file:
            continue
        html, _ = decode_bytes((CORPUS / entry["local_file"]).read_bytes())
        gold_raw = (CORPUS / gold_file).read_text(encoding="utf-8")
        kind, gold = "f1", gold_raw
        if source == "trafilatura_eval":
            kind, gold = "snippets", json.loads(gold_raw)
        elif source == "goose3":
            kind, gold = "prefix", json.loads(gold_raw)["expected"]["cleaned_text"]
        elif source == "readability_testpages":
            gold = html_text(gold_raw)
        if source == "magic_html_benchmark":
            source += "/" + entry["local_file"].split("/")[2]  # article | forum
        pages.append(
            {"source": source, "name": Path(entry["local_file"]).name, "html": html, "kind": kind, "gold": gold}
        )
    return pages


# ---------------------------------------------------------------- tools


Tool = Callable[[str], tuple[str, str]]  # decoded page -> (title, main text)


def _speechclean(extractor: str = "speechclean") -> Tool:
    cleaner = speechclean.Cleaner(extractor=extractor)  # type: ignore[arg-type]

    def run(html: str) -> tuple[str, str]:
        page = cleaner.clean(html, kind="html")
        return page.title or "", page.text

    return run


def _speechclean_fallback(min_chars: int = 100) -> Tool:
    """speechclean, with trafilatura as a second opinion when our text is short (measured, not shipped)."""
    ours, theirs = _speechclean(), _trafilatura(include_comments=False, fast=True)

    def run(html: str) -> tuple[str, str]:
        out = ours(html)
        return theirs(html) if len(skeleton(out[1])) < min_chars else out

    return run


def _trafilatura(**options: object) -> Tool:
    import trafilatura

    def run(html: str) -> tuple[str, str]:
        doc = trafilatura.bare_extraction(html, **options)
        if doc is None:
            return "", ""
        doc = doc if isinstance(doc, dict) else doc.as_dict()
        return doc.get("title") or "", doc.get("text") or ""

    return run


def _readability() -> Tool:
    from readability import Document

    def run(html: str) -> tuple[str, str]:
        doc = Document(html)
        return doc.short_title(), html_text(doc.summary(html_partial=True))

    return run


def _resiliparse() -> Tool:
    from resiliparse.extract.html2text import extract_plain_text

    return lambda html: ("", extract_plain_text(html, main_content=True))


TOOLS: dict[str, Callable[[], Tool]] = {
    "speechclean": _speechclean,
    "speechclean+trafilatura-fallback": _speechclean_fallback,
    "speechclean(extractor=trafilatura)": lambda: _speechclean("trafilatura"),
    "trafilatura": lambda: _trafilatura(),
    "trafilatura-precision": lambda: _trafilatura(favor_precision=True),
    "readability": _readability,
    "resiliparse": _resiliparse,
}


# ---------------------------------------------------------------- report


def score(tool: Tool, page: dict) -> float:
    try:
        title, text = tool(page["html"])
    except Exception as exc:  # noqa: BLE001 - a tool that crashes on a page scores 0 there
        print(f"  crash on {page['name']}: {type(exc).__name__}: {exc}", file=sys.stderr)
        title, text = "", ""
    out = f"{title}\n{text}"
    if page["kind"] == "snippets":
        return snippet_score(out, page["gold"])
    if page["kind"] == "prefix":
        return f1(out, page["gold"])[1]
    return f1(out, page["gold"])[2]


# ---------------------------------------------------------------- gne_tests snippet labels

GNE = CORPUS / "extraction" / "gne_tests"
_GNE_KEEP = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffffA-Za-z0-9]+")


def gne_skeleton(text: str | None) -> str:
    """The skeleton of gne_tests/score.py: NFKC, only CJK ideographs and ASCII letters/digits (no conversion)."""
    return "".join(_GNE_KEEP.findall(unicodedata.normalize("NFKC", text or "")))


def gne_pages() -> list[dict]:
    """The 62 labelled gne_tests pages: {name, html, gold} with gold from labels.json."""
    labels = json.loads((GNE / "labels.json").read_text(encoding="utf-8"))
    return [
        {"name": key.split("tests/", 1)[1], "html": decode_bytes((CORPUS / key).read_bytes())[0], "gold": gold}
        for key, gold in labels.items()
    ]


def gne_score(tool: Tool, pages: list[dict]) -> dict[str, float | list[str]]:
    """Keep and drop snippet rates (pooled over snippets) and exact-title rate, as gne_tests/score.py counts them."""
    kept = keep_n = dropped = drop_n = titles = both = 0
    misses: list[str] = []
    for page in pages:
        try:
            title, text = tool(page["html"])
        except Exception as exc:  # noqa: BLE001 - a crash counts as empty output
            print(f"  crash on {page['name']}: {type(exc).__name__}: {exc}", file=sys.stderr)
            title, text = "", ""
        gold, skel = page["gold"], gne_skeleton(text)
        keep = [gne_skeleton(s) in skel for s in gold["must_keep"]]
        drop = [gne_skeleton(s) not in skel for s in gold["must_drop"]]
        kept, keep_n = kept + sum(keep), keep_n + len(keep)
        dropped, drop_n = dropped + sum(drop), drop_n + len(drop)
        ok = bool(title) and gne_skeleton(title) == gne_skeleton(gold["title"])
        titles += ok
        both += all(keep) and all(drop)
        if not (all(keep) and all(drop) and ok):
            misses.append(
                f"{page['name']}: keep {sum(keep)}/{len(keep)} drop {sum(drop)}/{len(drop)} title {'ok' if ok else repr(title)[:50]}"
            )
    n = max(1, len(pages))
    return {
        "keep": kept / max(1, keep_n),
        "drop": dropped / max(1, drop_n),
        "title": titles / n,
        "both": both / n,
        "misses": misses,
    }


def ms_per_page(tools: dict[str, Tool], pages: list[str], repeat: int = 3) -> tuple[dict[str, float], dict[str, float]]:
    """CPU ms per page of each tool (median of ``repeat`` rounds), and each tool's median ratio to
    trafilatura's time in the same round. The rounds interleave the tools, one pass each, so that a
    machine whose speed drifts (other work on a shared machine) weighs on every tool alike."""
    runs: dict[str, list[float]] = {name: [] for name in tools}
    for _ in range(repeat):
        for name, tool in tools.items():
            start = time.process_time()
            for html in pages:
                tool(html)
            runs[name].append((time.process_time() - start) * 1000 / len(pages))
    base = runs.get("trafilatura")
    ratios = {name: statistics.median(r / b for r, b in zip(rs, base)) for name, rs in runs.items()} if base else {}
    return {name: statistics.median(rs) for name, rs in runs.items()}, ratios


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tools", default=",".join(t for t in TOOLS if "fallback" not in t))
    parser.add_argument("--worst", type=int, default=8, help="list the N worst speechclean pages")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--dump", help="write per-page scores to this JSON file (to compare two versions)")
    args = parser.parse_args(argv)
    if not (CORPUS / "manifest.jsonl").exists():
        print(f"no corpus at {CORPUS}; nothing to measure")
        return 0
    pages = load_pages()
    names = [n for n in args.tools.split(",") if n]
    tools = {}
    for name in names:
        try:
            tools[name] = TOOLS[name]()
        except ImportError as exc:
            print(f"skipping {name}: {exc} (pip install -e '.[bench]')")
    scores = {name: [score(tool, page) for page in pages] for name, tool in tools.items()}

    if args.dump:
        per_page = {f"{p['source']}/{p['name']}": {n: scores[n][i] for n in tools} for i, p in enumerate(pages)}
        Path(args.dump).write_text(json.dumps(per_page, indent=1), encoding="utf-8")
    sources = sorted({p["source"] for p in pages})
    header = "| source | pages | " + " | ".join(tools) + " |"
    print(header)
    print("|" + "---|" * (len(tools) + 2))
    groups = [(s, [i for i, p in enumerate(pages) if p["source"] == s]) for s in sources]
    magic = [i for i, p in enumerate(pages) if p["source"].startswith("magic_html")]
    groups.append(("**magic_html all**", magic))
    for label, idx in groups:
        cells = [f"{statistics.mean(scores[n][i] for i in idx):.3f}" for n in tools]
        print(f"| {label} | {len(idx)} | " + " | ".join(cells) + " |")

    if "speechclean" in scores and args.worst:
        print("\nworst speechclean pages:")
        order = sorted(range(len(pages)), key=lambda i: scores["speechclean"][i])[: args.worst]
        for i in order:
            others = " ".join(f"{n}={scores[n][i]:.2f}" for n in tools if n != "speechclean")
            print(f"  {scores['speechclean'][i]:.3f} {pages[i]['source']}/{pages[i]['name'][:24]}  {others}")

    news = gne_pages() if GNE.exists() else []
    if news:
        print(f"\ngne_tests snippet labels ({len(news)} pages; pooled keep/drop, exact title, pages passing all):")
        print("| tool | keep | drop | title | pages all-pass |")
        print("|---|---|---|---|---|")
        # trafilatura returns a title only with metadata on (as gne_tests/score.py calls it)
        gne = {
            name: gne_score(_trafilatura(with_metadata=True) if name == "trafilatura" else tool, news)
            for name, tool in tools.items()
        }
        for name, g in gne.items():
            print(f"| {name} | {g['keep']:.1%} | {g['drop']:.1%} | {g['title']:.1%} | {g['both']:.1%} |")
        if "speechclean" in gne and args.worst:
            print("\nspeechclean gne misses:")
            for line in gne["speechclean"]["misses"]:  # type: ignore[union-attr]
                print("  " + line)

    if not args.no_speed and news:
        print(f"\nCPU ms per page on {len(news)} gne news pages (median of 3 rounds, the tools interleaved in each;"
              " ratio: median of the rounds' ratios to trafilatura):")
        times, ratios = ms_per_page(tools, [p["html"] for p in news])
        for name, ms in times.items():
            print(f"  {name:24s} {ms:7.1f} ms" + (f"  ({ratios[name]:.2f}x trafilatura)" if ratios else ""))
        if "speechclean" in tools:  # where speechclean's time goes, and the parse against other parsers
            from profile_steps import html_profile, parse_reference

            html_profile([p["html"] for p in news])
            parse_reference([p["html"] for p in news])
    return 0


if __name__ == "__main__":
    sys.exit(main())
