"""Derive the chrome classifier's weights from labelled lines, and measure them on sites held out.

Labelled lines (every page is first cleaned up to the boilerplate step, then laid out by it: span rules
cut, lines named by rules, body found — the lines a rule removes are not the classifier's to learn):

* ``../shared/corpus/text-dev`` — 50 pages from 50 sites: a line holding a ``must_drop`` snippet is
  chrome, one holding a ``must_keep``/``joined``/``title`` snippet is content (lines holding both, and
  unlabelled lines, are left out);
* seed 000 against seed 002 (``fixtures/seeds``): lines of 000 that 002 keeps are content, the rest chrome;
* the human gold texts of ``../shared/corpus`` (magic_html ``gold/*.txt``), cleaned as text input: every
  line is content (they weigh ``GOLD_WEIGHT`` each, so that the dev pages are not drowned).

Model: two L2-regularised logistic regressions (``speechclean/chrome/model.py``) fitted by Newton's
method with numpy (a development dependency, not the library's). The threshold is the lowest at which the
out-of-fold predictions lose at most ``MAX_CONTENT_LOSS`` of the dev content lines and
``MAX_GOLD_LOSS`` of the gold characters.

Validation: grouped k-fold by site (every page is its own site; the seed pages are one group, each gold
page one group). The figures printed under "held out" are those of lines whose site was not trained on;
``--pipeline`` also runs the whole cleaner on each held-out dev page with its fold's weights and scores it
with text-dev's rules (keep, drop, joined, title).

    python benchmarks/train_lines.py             # cross-validate, then write speechclean/rules/chrome_weights.toml
    python benchmarks/train_lines.py --pipeline  # also score the whole cleaner on held-out sites
    python benchmarks/train_lines.py --dry-run   # cross-validate only
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from speechclean import Cleaner  # noqa: E402
from speechclean.chrome import classify  # noqa: E402
from speechclean.chrome.model import WEIGHTS_FILE, Model, Stage  # noqa: E402
from speechclean.chrome.runs import menu_goes, outside_runs  # noqa: E402
from speechclean.steps.boilerplate import layout  # noqa: E402
from speechclean.steps.convert import converter  # noqa: E402
from speechclean.steps.ruleset import RuleSet, ruleset  # noqa: E402
from speechclean.text import visible_len  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
DEV = CORPUS / "text-dev"
SEEDS = ROOT / "fixtures" / "seeds"
#: Weight of one gold (all-content) line against one labelled dev line.
GOLD_WEIGHT = 0.25
#: Weight of one line of a rendered HTML page (pages are long: their nav menus would drown the rest).
HTML_WEIGHT = 0.03
#: A rendered line shorter than this (skeleton characters) is content only when a gold line is exactly it.
SHORT_CONTENT = 8
#: L2 penalty of the logistic regressions.
L2 = 1.0
FOLDS = 10
#: The threshold may lose at most this share of the dev content lines out of fold…
MAX_CONTENT_LOSS = 0.06
#: …and of the gold characters.
MAX_GOLD_LOSS = 0.004
#: The menu cut-offs tried (speechclean/chrome/runs.py ``menu_goes``): run length, mean score, line floor.
MENU_GRID = {
    "min_lines": (3, 4, 5, 6, 8),
    "min_mean": tuple(x / 100 for x in range(40, 100, 5)),
    "line_floor": tuple(x / 10 for x in range(2, 9)),
    "long_lines": (8, 12, 16, 10**6),  # 10**6: no long tier
    "long_mean": tuple(x / 100 for x in range(10, 100, 5)),
}
#: Menus may lose no dev content line and at most this share of the gold characters (on top of the lines).
MENU_MAX_GOLD_LOSS = 0.0005
_SKELETON = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff0-9A-Za-z]")
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
PRE = Cleaner(disable=["boilerplate", "structure"])
NO_RULES = RuleSet(())


def skeleton(s: str, trad: bool = False) -> str:
    s = _PINYIN.sub("", unicodedata.normalize("NFKC", s))
    if trad:
        s = converter("t2s").convert(s)  # type: ignore[attr-defined]
    return _SKELETON.sub("", s)


@dataclass
class Page:
    """One page laid out by the boilerplate step, with labels for some of its lines."""

    name: str
    group: str
    source: str  # dev | seed | gold
    view: list[str]
    decided: list[bool]
    body: list[bool]
    edges: tuple[int | None, int | None]
    start: int | None
    labels: dict[int, int] = field(default_factory=dict)  # line -> 1 chrome / 0 content
    weight: float = 1.0


def lay_out(name: str, group: str, source: str, text: str, bare: bool = False) -> Page:
    """The page laid out by the boilerplate step; ``bare``: with no rule at all (no span cut, no line named),
    so that the lines the rules name are learnt from too (source ``bare-…``, a page of its own in its site's
    group)."""
    pre = PRE.clean(text, kind="text").text
    lay = layout(pre, NO_RULES if bare else ruleset(()), True)
    if bare:
        name, source = "bare:" + name, "bare-" + source
    edges = lay.edges()
    decided = [r is not None or i in lay.kept for i, r in enumerate(lay.named)]
    return Page(name, group, source, lay.view, decided, lay.body, edges, lay.start)


def label_lines(page: Page, snippets: list[tuple[str, int]], trad: bool) -> None:
    """Label the lines each snippet's skeleton overlaps (1 chrome, 0 content); lines with both are dropped."""
    sk, owner = [], []
    for i, v in enumerate(page.view):
        s = skeleton(v)
        sk.append(s)
        owner.extend([i] * len(s))
    text = "".join(sk)
    votes: dict[int, set[int]] = defaultdict(set)
    for snippet, label in snippets:
        k = skeleton(snippet, trad)
        if len(k) < 2:
            continue
        start = text.find(k)
        while start >= 0:
            for i in set(owner[start : start + len(k)]):
                votes[i].add(label)
            start = text.find(k, start + 1)
    for i, v in votes.items():
        if len(v) == 1 and not page.decided[i] and page.view[i]:
            page.labels[i] = v.pop()


def dev_pages(bare: bool = False) -> list[Page]:
    labels = json.loads((DEV / "labels.json").read_text("utf-8"))
    out = []
    for name, lab in labels.items():
        if name.startswith("_"):
            continue
        page = lay_out(name, name, "dev", (DEV / "pages" / name).read_text("utf-8"), bare)
        snippets = [(s, 1) for s in lab.get("must_drop", [])]
        snippets += [(s, 0) for s in lab.get("must_keep", []) + lab.get("joined", [])]
        if lab.get("title"):
            snippets.append((lab["title"], 0))
        label_lines(page, snippets, bool(lab.get("traditional")))
        out.append(page)
    return out


def seed_pages(bare: bool = False) -> list[Page]:
    def read(prefix: str) -> str:
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        return path.read_text("utf-8")

    page = lay_out("seed000", "seeds", "seed", read("000"), bare)
    clean = skeleton(read("002"))
    for i, v in enumerate(page.view):
        if v and not page.decided[i]:
            k = skeleton(v)
            if k:
                page.labels[i] = 0 if k in clean else 1
    return [page]


def html_pages(bare: bool = False) -> list[Page]:
    """The magic_html pages themselves, rendered whole (every block a line): a line the human gold holds is
    content, a line it does not hold at all is chrome (short lines only count as content when a gold line
    is exactly them, so that a nav word found inside the gold's prose is not taken for content)."""
    from speechclean.dom.parse import parse
    from speechclean.dom.render import render

    out = []
    for gold_path in sorted((CORPUS / "extraction" / "magic_html_benchmark").glob("*/gold/*.txt")):
        html_path = gold_path.parent.parent / "htmls" / (gold_path.stem + ".html")
        if not html_path.exists():
            continue
        root = parse(html_path.read_bytes().decode("utf-8", "replace"))
        if root is None:
            continue
        for el in root.xpath("//script|//style|//noscript|//head|//template"):
            parent = el.getparent()
            if parent is not None:
                el.tail = None
                parent.remove(el)
        text = render(root)
        if not text.strip():
            continue
        page = lay_out("html:" + gold_path.name, "gold:" + gold_path.name, "html", text, bare)
        gold = PRE.clean(gold_path.read_text("utf-8"), kind="text").text
        gold_sk = skeleton(gold)
        gold_lines = {skeleton(x) for x in gold.split("\n")}
        for i, v in enumerate(page.view):
            if not v or page.decided[i]:
                continue
            k = skeleton(v)
            if len(k) < 2:
                continue
            if k not in gold_sk:
                page.labels[i] = 1
            elif len(k) >= SHORT_CONTENT or k in gold_lines:
                page.labels[i] = 0
        page.weight = HTML_WEIGHT
        out.append(page)
    return out


def gold_pages(bare: bool = False) -> list[Page]:
    out = []
    for path in sorted((CORPUS / "extraction" / "magic_html_benchmark").glob("*/gold/*.txt")):
        page = lay_out(path.name, "gold:" + path.name, "gold", path.read_text("utf-8"), bare)
        page.labels = {i: 0 for i, v in enumerate(page.view) if v and not page.decided[i]}
        page.weight = GOLD_WEIGHT
        out.append(page)
    return out


#: Also learn from every page laid out with no rule (the lines the rules name are chrome the classifier
#: should know too: on a site whose wording no rule names, it is the only judge). Off: measured on 33392bb
#: (``--bare``), it raises the drop of ``rules_held_out.py`` with page-only patterns out from 144 to 150/177
#: but costs the held-out whole cleaner a content line and two titles (keep 273/274, titles 22/25: the
#: titles of a page's documents, 最新…如何写一, score as the lists of other documents that rules name).
BARE = False
#: …each such line weighing this share of its page's own weight.
BARE_WEIGHT = 1.0


def all_pages(bare: bool | None = None) -> list[Page]:
    bare = BARE if bare is None else bare
    pages = dev_pages() + seed_pages() + gold_pages() + html_pages()
    if bare:
        for p in dev_pages(True) + seed_pages(True) + gold_pages(True) + html_pages(True):
            p.weight *= BARE_WEIGHT
            pages.append(p)
    return pages


# -- fitting ---------------------------------------------------------------------------------------
def fit(rows: list[dict[str, float]], y: list[int], w: list[float], names: list[str]) -> Stage:
    """L2-regularised logistic regression by Newton's method (bias unpenalised)."""
    index = {n: j for j, n in enumerate(names)}
    X = np.zeros((len(rows), len(names) + 1))
    X[:, -1] = 1.0
    for r, f in enumerate(rows):
        for k, v in f.items():
            j = index.get(k)
            if j is not None:
                X[r, j] = v
    Y, W = np.asarray(y, float), np.asarray(w, float)
    beta = np.zeros(X.shape[1])
    pen = np.full(X.shape[1], L2)
    pen[-1] = 0.0
    for _ in range(30):
        p = 1 / (1 + np.exp(-np.clip(X @ beta, -30, 30)))
        grad = X.T @ (W * (p - Y)) + pen * beta
        H = (X * (W * p * (1 - p))[:, None]).T @ X + np.diag(pen + 1e-9)
        step = np.linalg.solve(H, grad)
        beta -= step
        if np.abs(step).max() < 1e-6:
            break
    return Stage(float(beta[-1]), {n: round(float(b), 4) for n, b in zip(names, beta[:-1]) if abs(b) >= 1e-4})


def first_stage(pages: list[Page]) -> dict[str, tuple[list[int], dict[int, dict[str, float]], list[int]]]:
    return {p.name: classify.stage_one(p.view, p.decided, p.body, p.edges, None, p.start) for p in pages}


def train(pages: list[Page], s1: dict) -> Model:
    rows, y, w = [], [], []
    for p in pages:
        _, cues, _ = s1[p.name]
        for i, lab in p.labels.items():
            if i in cues:
                rows.append(cues[i]); y.append(lab); w.append(p.weight)
    names = sorted({k for r in rows for k in r})
    line = fit(rows, y, w, names)
    tmp = Model({"line": line, "context": line}, 0.5, {})
    rows2, y2, w2 = [], [], []
    for p in pages:
        order, cues, length = s1[p.name]
        base = {i: tmp.score("line", f)[0] for i, f in cues.items()}
        second = classify.stage_two(order, cues, base, p.decided, p.body, length)
        for i, lab in p.labels.items():
            if i in second:
                rows2.append(second[i]); y2.append(lab); w2.append(p.weight)
    names2 = sorted({k for r in rows2 for k in r})
    context = fit(rows2, y2, w2, names2)
    return Model({"line": line, "context": context}, 0.5, {})


def predict(m: Model, pages: list[Page], s1: dict) -> list[tuple[Page, int, float]]:
    out = []
    for p in pages:
        order, cues, length = s1[p.name]
        base = {i: m.score("line", f)[0] for i, f in cues.items()}
        second = classify.stage_two(order, cues, base, p.decided, p.body, length)
        for i, lab in p.labels.items():
            if i in second:
                out.append((p, i, m.score("context", second[i])[0]))
    return out


def folds(pages: list[Page], k: int) -> list[list[Page]]:
    groups = sorted({p.group for p in pages})
    random.Random(7).shuffle(groups)
    of = {g: n % k for n, g in enumerate(groups)}
    return [[p for p in pages if of[p.group] == n] for n in range(k)]


def figures(preds: list[tuple[Page, int, float]], t: float, sources: tuple[str, ...] = ("dev", "seed")) -> dict[str, float]:
    dev_c = [(s, p) for p, i, s in preds if p.source in sources and p.labels[i] == 1]
    dev_k = [(s, p) for p, i, s in preds if p.source in sources and p.labels[i] == 0]
    gold = [(s, len(p.view[i])) for p, i, s in preds if p.source == "gold"]
    gold_chars = sum(n for _, n in gold) or 1
    return {
        "chrome_recall": sum(s >= t for s, _ in dev_c) / max(1, len(dev_c)),
        "content_loss": sum(s >= t for s, _ in dev_k) / max(1, len(dev_k)),
        "gold_loss": sum(n for s, n in gold if s >= t) / gold_chars,
        "n_chrome": len(dev_c),
        "n_content": len(dev_k),
        "n_gold": len(gold),
    }


def choose_threshold(preds: list[tuple[Page, int, float]]) -> float:
    for t in [x / 100 for x in range(20, 96)]:
        f = figures(preds, t)
        if f["content_loss"] <= MAX_CONTENT_LOSS and f["gold_loss"] <= MAX_GOLD_LOSS:
            return t
    return 0.95


# -- menu cut-offs --------------------------------------------------------------------------------
@dataclass
class Run:
    """A run of menu-like lines outside a page's body, with the out-of-fold verdicts of its page."""

    page: Page
    lines: list[int]
    verdicts: dict[int, tuple[float, tuple[str, ...]]]


def menu_runs_of(m: Model, pages: list[Page]) -> list[Run]:
    """The candidate menu runs of ``pages`` (any length), judged by ``m`` (a model that did not see them)."""
    out = []
    for p in pages:
        if p.edges == (None, None) or p.source.startswith("bare-"):
            continue
        verdicts = classify.judge(p.view, p.decided, p.body, m, p.edges, None, p.start)
        lengths = [visible_len(v) if v else 0 for v in p.view]
        drops = {i for i, d in enumerate(p.decided) if d}
        for run in outside_runs(p.view, lengths, p.edges[0], p.edges[1], drops, verdicts):
            if len(run) >= min(MENU_GRID["min_lines"]):
                out.append(Run(p, run, verdicts))
    return out


def menu_effect(runs: list[Run], cut: dict[str, float], threshold: float) -> tuple[float, float, int, float]:
    """What the cut-offs ``cut`` add to the line threshold on labelled lines: (chrome caught, weighted;
    content lost, weighted; dev content lines lost; gold characters lost)."""
    caught = lost = gold = 0.0
    dev_lost = 0
    for r in runs:
        drops = {i for i in r.lines if r.page.decided[i]}
        for i in menu_goes(r.page.view, r.lines, drops, r.verdicts, cut):
            if r.verdicts[i][0] >= threshold or i not in r.page.labels:
                continue
            if r.page.labels[i] == 1:
                caught += r.page.weight
            else:
                lost += r.page.weight
                dev_lost += r.page.source in ("dev", "seed")
                if r.page.source == "gold":
                    gold += len(r.page.view[i])
    return caught, lost, dev_lost, gold


def choose_menu(runs: list[Run], threshold: float, gold_chars: int) -> dict[str, float]:
    """The menu cut-offs that catch the most chrome net of content (weighted), losing no dev content line
    and at most ``MENU_MAX_GOLD_LOSS`` of the gold characters; among equals the strictest."""
    def search(cuts: list[dict[str, float]]) -> dict[str, float]:
        best: tuple[float, ...] | None = None
        chosen: dict[str, float] = {}
        for cut in cuts:
            caught, lost, dev_lost, gold = menu_effect(runs, cut, threshold)
            if dev_lost or gold > MENU_MAX_GOLD_LOSS * gold_chars:
                continue
            key = (round(caught - lost, 6), cut["min_mean"], cut["line_floor"], cut["min_lines"], cut["long_lines"], cut["long_mean"])
            if best is None or key > best:
                best, chosen = key, cut
        return chosen

    # the short tier first (no long tier), then the long tier on top of it (its mean below the short one's)
    none = max(MENU_GRID["long_lines"])
    short = search([{"min_lines": n, "min_mean": mean, "line_floor": floor, "long_lines": none, "long_mean": mean}
                    for n in MENU_GRID["min_lines"] for mean in MENU_GRID["min_mean"] for floor in MENU_GRID["line_floor"]])
    if not short:
        return {"min_lines": max(MENU_GRID["min_lines"]), "min_mean": 1.0, "line_floor": 1.0, "long_lines": none, "long_mean": 1.0}
    return search([dict(short, long_lines=n, long_mean=mean) for n in MENU_GRID["long_lines"]
                   for mean in MENU_GRID["long_mean"] if mean <= short["min_mean"]]) or short


def gold_characters(pages: list[Page]) -> int:
    return sum(len(p.view[i]) for p in pages if p.source == "gold" for i in p.labels)


def pipeline_held_out(pages: list[Page], s1: dict, k: int, threshold: float, runs: list[Run],
                      misses: list[tuple[str, str, str]] | None = None) -> dict[str, tuple[int, int]]:
    """Run the whole cleaner on every dev page with the weights of the fold that did not see its site,
    and score it by text-dev's rules (its score.py): passed and total checks per kind. The fold's menu
    cut-offs are derived from the out-of-fold ``runs`` of the other folds' pages. The failed checks are
    appended to ``misses`` as ``(page, kind, snippet)``."""
    import importlib.util

    import speechclean
    from speechclean.steps import boilerplate

    spec = importlib.util.spec_from_file_location("text_dev_score", DEV / "score.py")
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    labels = json.loads((DEV / "labels.json").read_text("utf-8"))
    totals: dict[str, list[int]] = {kind: [0, 0] for kind in ("keep", "drop", "joined", "title")}
    saved = (boilerplate.model, classify.model)
    try:
        for held in folds(pages, k):
            dev = [p for p in held if p.source == "dev"]
            if not dev:
                continue
            names = {p.name for p in held}
            rest = [p for p in pages if p.name not in names]
            m = train(rest, s1)
            menu = choose_menu([r for r in runs if r.page.name not in names], threshold, gold_characters(rest))
            fold = Model(m.stages, threshold, {}, menu)
            boilerplate.model = classify.model = lambda fold=fold: fold  # type: ignore[misc]
            for p in dev:
                lab = labels[p.name]
                tr = bool(lab.get("traditional"))
                out = speechclean.clean(DEV / "pages" / p.name)
                sk = score.norm(out.text, tr)
                checks = [("keep", x, score.norm(x, tr) in sk) for x in lab.get("must_keep", [])]
                checks += [("drop", x, score.norm(x, tr) not in sk) for x in lab.get("must_drop", [])]
                checks += [("joined", x, score.norm(x, tr) in sk) for x in lab.get("joined", [])]
                if "title" in lab:
                    t = lambda x: score.norm(score.SUFFIX.sub("", x or ""), tr)  # noqa: E731
                    checks.append(("title", f"{lab['title']} (got {out.title!r})", t(out.title) == t(lab["title"])))
                for kind, what, ok in checks:
                    totals[kind][0] += ok
                    totals[kind][1] += 1
                    if not ok and misses is not None:
                        misses.append((p.name, kind, what))
    finally:
        boilerplate.model, classify.model = saved  # type: ignore[misc]
    return {kind: (a, b) for kind, (a, b) in totals.items()}


def write(m: Model, meta: dict[str, object]) -> None:
    out = ["# Chrome classifier weights, derived by benchmarks/train_lines.py from labelled lines. Do not edit by hand:",
           "# run `python benchmarks/train_lines.py` to rederive them (cues: rules/chrome.toml, speechclean/chrome/cues.py).",
           f"threshold = {m.threshold}", "", "[menu]"]
    out += [f"{k} = {v}" for k, v in m.menu.items()]
    out += ["", "[meta]"]
    for k, v in meta.items():
        if isinstance(v, dict):
            out.append(f"{k} = {{ " + ", ".join(f"{a} = {json.dumps(b)}" for a, b in v.items()) + " }")
        else:
            out.append(f"{k} = {json.dumps(v)}")
    for name, st in m.stages.items():
        out += ["", f"[stage.{name}]", f"bias = {round(st.bias, 4)}", "", f"[stage.{name}.weights]"]
        out += [f'"{k}" = {v}' for k, v in sorted(st.weights.items(), key=lambda kv: -abs(kv[1]))]
    WEIGHTS_FILE.write_text("\n".join(out) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true", help="cross-validate only; do not write the weights")
    ap.add_argument("--folds", type=int, default=FOLDS)
    ap.add_argument("--pipeline", action="store_true",
                    help="also run the whole cleaner on each dev page with its held-out fold's weights")
    ap.add_argument("-v", "--verbose", action="store_true", help="with --pipeline: print every held-out check that fails")
    ap.add_argument("--bare", action="store_true", help="also learn from every page laid out with no rule (BARE)")
    args = ap.parse_args()
    if not DEV.exists():
        print(f"no labelled corpus at {DEV}", file=sys.stderr)
        return 2
    pages = all_pages(args.bare)
    s1 = first_stage(pages)
    n = {src: sum(len(p.labels) for p in pages if p.source == src) for src in ("dev", "seed", "gold", "html", "bare-dev", "bare-seed", "bare-gold", "bare-html")}
    chrome = {src: sum(sum(p.labels.values()) for p in pages if p.source == src) for src in n}
    print("labelled lines (chrome): " + ", ".join(f"{src} {n[src]} ({chrome[src]})" for src in n))
    oof: list[tuple[Page, int, float]] = []
    runs: list[Run] = []
    for held in folds(pages, args.folds):
        names = {p.name for p in held}
        m = train([p for p in pages if p.name not in names], s1)
        oof += predict(m, held, s1)
        runs += menu_runs_of(m, held)
    t = choose_threshold(oof)
    f = figures(oof, t)
    print(f"held out ({args.folds}-fold by site), threshold {t}: chrome lines caught {f['chrome_recall']:.1%} of {f['n_chrome']}, "
          f"content lines lost {f['content_loss']:.1%} of {f['n_content']}, gold characters lost {f['gold_loss']:.2%}")
    menu = choose_menu(runs, t, gold_characters(pages))
    caught, lost, _, gold = menu_effect(runs, menu, t)
    print(f"menu cut-offs {menu}: held out, {caught:.2f} more chrome lines caught (weighted), {lost:.2f} content lost, "
          f"gold characters lost {gold:.0f}")
    held_pipeline = None
    if args.pipeline:
        misses: list[tuple[str, str, str]] = []
        held_pipeline = pipeline_held_out(pages, s1, args.folds, t, runs, misses)
        print("held out, whole cleaner on text-dev (score.py rules): "
              + ", ".join(f"{k} {a}/{b}" for k, (a, b) in held_pipeline.items()))
        if args.verbose:
            for name, kind, what in misses:
                print(f"  {name}: {kind} {what!r}")
    final = train(pages, s1)
    fit_f = figures(predict(final, pages, s1), t)
    print(f"training fit, threshold {t}: chrome {fit_f['chrome_recall']:.1%}, content lost {fit_f['content_loss']:.1%}, "
          f"gold lost {fit_f['gold_loss']:.2%}")
    if not args.dry_run:
        meta = {"held_out_chrome_recall": round(f["chrome_recall"], 4), "held_out_content_loss": round(f["content_loss"], 4),
                "held_out_gold_loss": round(f["gold_loss"], 5), "folds": args.folds,
                "lines": n, "gold_weight": GOLD_WEIGHT, "html_weight": HTML_WEIGHT, "l2": L2}
        if held_pipeline:
            meta["held_out_pipeline"] = {k: f"{a}/{b}" for k, (a, b) in held_pipeline.items()}
        write(Model(final.stages, t, {}, menu), meta)
        print(f"wrote {WEIGHTS_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
