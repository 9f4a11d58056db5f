"""How much of the held-out figure rests on rule patterns that only the held-out page supports.

``train_lines.py --pipeline`` holds each dev site out of the classifier's weights, but not out of the
hand-written rules (``speechclean/rules/boilerplate.toml``): a pattern written while looking at a dev page
still fires on it when that page is "held out". This script measures that leak. A pattern's support is
the set of pages it fires on (any line of the page cleaned up to the boilerplate step, in its Simplified
view, before any cut): the dev pages of ``../shared/corpus/text-dev``, the seed pages and the rendered
magic_html pages. A pattern *only its page supports* fires on one dev page and nowhere else among them.

Each dev page is then cleaned twice with the weights of the fold that did not see its site (as
``train_lines.py --pipeline`` does): with every rule, and with the patterns only it supports taken out
(a rule left with no pattern goes). The second figure is a pessimistic estimate for a site never seen
(a rare family written from another source would also be taken out); the first an optimistic one.

    python benchmarks/rules_held_out.py [-v]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import train_lines as tl

from speechclean.chrome.view import simplified_lines
from speechclean.rules import Rule, builtin
from speechclean.steps import boilerplate

Key = tuple[str, int]  # (rule id, pattern index)


def lines_of(text: str) -> list[str]:
    """The Simplified view of a text cleaned up to the boilerplate step, line by line (no cut made)."""
    pre = tl.PRE.clean(text, kind="text").text
    return [v for v in simplified_lines([s.strip() for s in pre.split("\n")]) if v]


def fires(rule: Rule, k: int, lines: list[str]) -> bool:
    p = rule._compiled[k]
    test = p.match if p.pattern.startswith("^") and rule.scope != "span" else p.search
    return any(test(v) for v in lines)


def support(rules: tuple[Rule, ...], pages: dict[str, list[str]]) -> dict[Key, set[str]]:
    out: dict[Key, set[str]] = defaultdict(set)
    for name, lines in pages.items():
        for r in rules:
            for k in range(len(r.patterns)):
                if fires(r, k, lines):
                    out[(r.id, k)].add(name)
    return out


def without(rules: tuple[Rule, ...], drop: set[Key]) -> tuple[Rule, ...]:
    """``rules`` with the patterns ``drop`` taken out (a rule left with none goes)."""
    out = []
    for r in rules:
        keep = tuple(p for k, p in enumerate(r.patterns) if (r.id, k) not in drop)
        if keep == r.patterns:
            out.append(r)
        elif keep:
            out.append(dataclasses.replace(r, patterns=keep, hits=(), misses=()))
    return tuple(out)


def rendered_pages() -> dict[str, list[str]]:
    """The magic_html pages rendered whole (as ``train_lines.html_pages`` renders them)."""
    from speechclean.dom.parse import parse
    from speechclean.dom.render import render

    out = {}
    for html in sorted((tl.CORPUS / "extraction" / "magic_html_benchmark").glob("*/htmls/*.html")):
        root = parse(html.read_bytes().decode("utf-8", "replace"))
        if root is None:
            continue
        for el in root.xpath("//script|//style|//noscript|//head|//template"):
            if (parent := el.getparent()) is not None:
                el.tail = None
                parent.remove(el)
        out["html:" + html.name] = lines_of(render(root))
    return out


def held_out_with(sets: dict[str, boilerplate.RuleSet], pages: list[tl.Page], s1: dict, t: float, runs: list[tl.Run],
                  misses: list[tuple[str, str, str]]) -> dict[str, tuple[int, int]]:
    """``train_lines.pipeline_held_out`` with the rule set ``sets[page]`` in force while each page is cleaned."""
    import speechclean

    saved, real_clean = boilerplate.ruleset, speechclean.clean
    current: list[boilerplate.RuleSet] = []

    def clean(path: Path, *a: object, **kw: object) -> object:
        current[:] = [sets[Path(path).name]]
        return real_clean(path, *a, **kw)

    boilerplate.ruleset = lambda extra: current[0]  # type: ignore[assignment]
    speechclean.clean = clean  # type: ignore[assignment]
    try:
        return tl.pipeline_held_out(pages, s1, tl.FOLDS, t, runs, misses)
    finally:
        boilerplate.ruleset, speechclean.clean = saved, real_clean  # type: ignore[assignment]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="print the page-only patterns and the checks they carry")
    ap.add_argument("--bare", action="store_true", help="train_lines.py --bare: also learn from pages laid out with no rule")
    args = ap.parse_args()
    labels = json.loads((tl.DEV / "labels.json").read_text("utf-8"))
    dev_text = {n: lines_of((tl.DEV / "pages" / n).read_text("utf-8")) for n in labels if not n.startswith("_")}
    seeds = {p.name: lines_of(p.read_text("utf-8")) for p in sorted(tl.SEEDS.glob("*.txt"))}
    rules = builtin("boilerplate")
    sup = support(rules, {**dev_text, **seeds, **rendered_pages()})
    only: dict[str, set[Key]] = defaultdict(set)
    for key, names in sup.items():
        if len(names) == 1 and (name := next(iter(names))) in dev_text:
            only[name].add(key)
    n_pat = sum(len(r.patterns) for r in rules)
    print(f"{n_pat} patterns in {len(rules)} rules; {len(sup)} fire on some page; "
          f"{sum(map(len, only.values()))} fire on one dev page only ({len(only)} pages)")

    pages = tl.all_pages(args.bare or None)
    s1 = tl.first_stage(pages)
    oof, runs = [], []
    for held in tl.folds(pages, tl.FOLDS):
        names = {p.name for p in held}
        m = tl.train([p for p in pages if p.name not in names], s1)
        oof += tl.predict(m, held, s1)
        runs += tl.menu_runs_of(m, held)
    t = tl.choose_threshold(oof)
    for label, per_page in (("all rules", lambda name: rules), ("page-only patterns out", lambda name: without(rules, only[name]))):
        misses: list[tuple[str, str, str]] = []
        sets = {name: boilerplate.RuleSet(per_page(name)) for name in dev_text}
        got = held_out_with(sets, pages, s1, t, runs, misses)
        print(f"held out ({label}): " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in got.items()))
        if args.verbose and label != "all rules":
            for name, kind, what in misses:
                print(f"  {name}: {kind} {what!r}")
    if args.verbose:
        print("patterns only one dev page supports:")
        by_id = {r.id: r for r in rules}
        for name in sorted(only):
            for rid, k in sorted(only[name]):
                print(f"  {name}: {rid}[{k}] {by_id[rid].patterns[k][:90]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
