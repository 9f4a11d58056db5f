"""Main-text quality on real Chinese pages with human gold, speechclean against the usual extractors.

Metric (the corpus README's): reduce output and gold each to a *skeleton* — NFKC, Traditional →
Simplified, only CJK ideographs and ASCII letters/digits — count character bigrams as multisets;
precision = shared / output bigrams, recall = shared / gold bigrams; F1 per page, mean per source.
trafilatura's snippet pages score the share of ``with`` snippets present plus ``without`` snippets
absent, compared on skeletons. goose3 gives only the first 150 characters: recall of that prefix.

Every tool gets the same decoded ``str`` (decoding is measured by ``benchmarks/decode.py``) and is
scored on its title plus main text where it returns a title (the gold holds the title). Speed: ms per
page on the 62 gne news pages, same run, one process.

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

import speechclean  # noqa: E402
from speechclean.steps.convert import converter  # noqa: E402
from speechclean.steps.decode import decode_bytes  # noqa: E402

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
        pages.append({"source": source, "name": Path(entry["local_file"]).name, "html": html, "kind": kind, "gold": gold})
    return pages


def speed_pages() -> list[str]:
    out = []
    for line in (CORPUS / "manifest.jsonl").open(encoding="utf-8"):
        entry = json.loads(line)
        if entry["source"] == "gne_tests":
            out.append(decode_bytes((CORPUS / entry["local_file"]).read_bytes())[0])
    return out


# ---------------------------------------------------------------- tools


def _speechclean(extractor: str = "speechclean") -> Callable[[str], str]:
    cleaner = speechclean.Cleaner(extractor=extractor)

    def run(html: str) -> str:
        page = cleaner.clean(html, kind="html")
        return f"{page.title or ''}\n{page.text}"

    return run


def _speechclean_fallback(min_chars: int = 100) -> Callable[[str], str]:
    """speechclean, with trafilatura as a second opinion when our text is short (measured, not shipped)."""
    ours, theirs = _speechclean(), _trafilatura(include_comments=False, fast=True)

    def run(html: str) -> str:
        out = ours(html)
        return theirs(html) if len(skeleton(out)) < min_chars else out

    return run


def _trafilatura(**options: object) -> Callable[[str], str]:
    import trafilatura

    def run(html: str) -> str:
        doc = trafilatura.bare_extraction(html, **options)
        if doc is None:
            return ""
        doc = doc if isinstance(doc, dict) else doc.as_dict()
        return f"{doc.get('title') or ''}\n{doc.get('text') or ''}"

    return run


def _readability() -> Callable[[str], str]:
    from readability import Document

    def run(html: str) -> str:
        doc = Document(html)
        return f"{doc.short_title()}\n{html_text(doc.summary(html_partial=True))}"

    return run


def _resiliparse() -> Callable[[str], str]:
    from resiliparse.extract.html2text import extract_plain_text

    return lambda html: extract_plain_text(html, main_content=True)


TOOLS: dict[str, Callable[[], Callable[[str], str]]] = {
    "speechclean": _speechclean,
    "speechclean+trafilatura-fallback": _speechclean_fallback,
    "speechclean(extractor=trafilatura)": lambda: _speechclean("trafilatura"),
    "trafilatura": lambda: _trafilatura(),
    "trafilatura-precision": lambda: _trafilatura(favor_precision=True),
    "readability": _readability,
    "resiliparse": _resiliparse,
}


# ---------------------------------------------------------------- report


def score(tool: Callable[[str], str], page: dict) -> float:
    try:
        out = tool(page["html"])
    except Exception as exc:  # a tool that crashes on a page scores 0 there
        print(f"  crash on {page['name']}: {type(exc).__name__}: {exc}", file=sys.stderr)
        out = ""
    if page["kind"] == "snippets":
        return snippet_score(out, page["gold"])
    if page["kind"] == "prefix":
        return f1(out, page["gold"])[1]
    return f1(out, page["gold"])[2]


def ms_per_page(tool: Callable[[str], str], pages: list[str], repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for html in pages:
            tool(html)
        runs.append((time.perf_counter() - start) * 1000 / len(pages))
    return statistics.median(runs)


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

    if not args.no_speed:
        news = speed_pages()
        print(f"\nms per page on {len(news)} gne news pages (median of 3 passes, one process):")
        base = None
        for name, tool in tools.items():
            ms = ms_per_page(tool, news)
            base = ms if name == "trafilatura" else base
            print(f"  {name:24s} {ms:7.1f} ms" + (f"  ({ms / base:.2f}x trafilatura)" if base else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
