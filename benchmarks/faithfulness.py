"""Faithfulness: what cleaning does to text that is already clean.

The human gold texts of ``../shared/corpus`` (magic-html full texts, WebMainBench markdown) are
cleaned as text input; each output is aligned with its input (lines first, then characters inside
the lines that differ; whitespace is layout and is not compared) and every difference is sorted:

* **listed** normalisations: punctuation width (``,`` → ``，``, full-width letters and digits,
  straight → curly quotes), invisible characters, Traditional → Simplified of a Traditional
  paragraph (judged on the gold paragraph, or a ``zh-Hant`` page) or of a Traditional-only character;
* **unlisted** changes: any other character replaced or inserted;
* **lost**: characters deleted (boilerplate removals included).

Two runs per page: the whole pipeline, and the character steps alone (decode, convert,
punctuation: boilerplate and structure disabled), which tells the losses of convert/punctuation
apart from the chrome steps'. Then a table of tricky Simplified sentences (乾隆, 萧乾, 慰藉…,
``fixtures/tricky_sentences.toml``): alone, after a Traditional paragraph, with a stray
Traditional-only character in the same paragraph, and their Traditional form.

    python benchmarks/faithfulness.py [--corpus ../shared/corpus] [--lib DIR] [--pages] [--show N]

``--lib DIR`` runs another checkout's speechclean (e.g. ``/work/main``) for a before/after figure.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
SETS = ROOT / "speechclean" / "data" / "script_chars.txt"
TRICKY = ROOT / "fixtures" / "tricky_sentences.toml"
HUMAN_GOLD = ("human_full_text", "human_markdown")
_QUOTES = {'"': "“”", "'": "‘’"}
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff", "\u00ad", "\u2060", "\u180e"}


def load_sets() -> tuple[set[str], str]:
    found = dict(line.split("\t", 1) for line in SETS.read_text(encoding="utf-8").splitlines()
                 if line and not line.startswith("#"))
    return set(found["traditional_only"]), found["simplified_only"]


TRAD_ONLY, SIMP_ONLY = load_sets()


def is_hant(text: str) -> bool:
    t = sum(ch in TRAD_ONLY for ch in text)
    s = sum(ch in SIMP_ONLY for ch in text)
    return t > s


def gold_pages(corpus: Path) -> list[tuple[str, str, str]]:
    """(name, lang, text) for every human gold text."""
    out = []
    for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if d.get("gold_file") and str(d.get("gold_type", "")).startswith(HUMAN_GOLD):
            text = (corpus / d["gold_file"]).read_text(encoding="utf-8")
            out.append((f"{d['source']}/{Path(d['gold_file']).name[:16]}", d.get("lang", "zh"), text))
    return out


def _width_pair(a: str, b: str) -> bool:
    return unicodedata.normalize("NFKC", a) == unicodedata.normalize("NFKC", b) or b in _QUOTES.get(a, "")


class Tally:
    def __init__(self) -> None:
        self.chars = 0
        self.listed: Counter[str] = Counter()
        self.unlisted: Counter[tuple[str, str]] = Counter()
        self.lost = 0
        self.lost_examples: list[str] = []

    def add(self, other: Tally) -> None:
        self.chars += other.chars
        self.listed.update(other.listed)
        self.unlisted.update(other.unlisted)
        self.lost += other.lost
        self.lost_examples.extend(other.lost_examples[:3])

    @property
    def n_unlisted(self) -> int:
        return sum(self.unlisted.values())


def _squeeze(line: str, tally: Tally | None = None) -> str:
    """A line without whitespace (layout) and without invisible characters (a listed normalisation)."""
    s = "".join(line.split())
    if tally is not None and any(ch in _INVISIBLE for ch in s):
        kept = "".join(ch for ch in s if ch not in _INVISIBLE)
        tally.listed["invisible"] += len(s) - len(kept)
        s = kept
    return s


class _Norm:
    """What a gold character may become by a listed normalisation, to align output with gold."""

    def __init__(self, t2s) -> None:
        self.t2s = t2s
        self.memo: dict[str, str] = {}

    def char(self, ch: str, hant: bool) -> str:
        key = ch + ("1" if hant else "0")
        out = self.memo.get(key)
        if out is None:
            n = unicodedata.normalize("NFKC", ch)
            out = n if len(n) == 1 else ch
            out = {"“": '"', "”": '"', "‘": "'", "’": "'"}.get(out, out)
            if ch in TRAD_ONLY or hant:
                conv = self.t2s(ch)
                out = conv if len(conv) == 1 else out
            self.memo[key] = out
        return out


def _chars(tally: Tally, a: str, b: str, hant: bool, norm: _Norm) -> None:
    na = "".join(norm.char(ch, hant) for ch in a)
    nb = "".join(norm.char(ch, False) for ch in b)
    sm = difflib.SequenceMatcher(None, na, nb, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            for p, q in zip(a[i1:i2], b[j1:j2]):
                if p == q:
                    continue
                if p in TRAD_ONLY:
                    tally.listed["traditional-only character"] += 1
                elif _width_pair(p, q) or norm.char(p, False) == norm.char(q, False):
                    tally.listed["width"] += 1
                else:
                    tally.listed["Traditional paragraph"] += 1
            continue
        x, y = a[i1:i2], b[j1:j2]
        if op == "delete":
            tally.lost += len(x)
            tally.lost_examples.append(x[:40])
        elif op == "insert":
            tally.unlisted[("", y[:20])] += len(y)
        elif hant and norm.t2s(x) == y:  # a phrase conversion that changes length
            tally.listed["Traditional paragraph"] += len(x)
        else:
            tally.unlisted[(x[:20], y[:20])] += min(len(x), len(y))
            if len(x) > len(y):
                tally.lost += len(x) - len(y)
                tally.lost_examples.append(x[:40])
            elif len(y) > len(x):
                tally.unlisted[("", y[len(x):][:20])] += len(y) - len(x)


def compare(gold: str, out: str, zh_hant: bool, norm: _Norm) -> Tally:
    tally = Tally()
    a_lines = [s for s in (_squeeze(line, tally) for line in gold.split("\n")) if s]
    b_lines = [s for s in (_squeeze(line) for line in out.split("\n")) if s]
    tally.chars = sum(map(len, a_lines))
    sm = difflib.SequenceMatcher(None, a_lines, b_lines, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        a, b = "".join(a_lines[i1:i2]), "".join(b_lines[j1:j2])
        if op == "delete":
            tally.lost += len(a)
            tally.lost_examples.append(a[:40])
        elif op == "insert":
            tally.unlisted[("", b[:20])] += len(b)
        else:
            _chars(tally, a, b, zh_hant or is_hant(a), norm)
    return tally


def tricky_table(speechclean) -> list[tuple[str, bool, bool, bool, bool]]:
    rows = []
    neighbour = "這是另一段繁體中文，我們說的話都在這裡。"
    for s in tomllib.loads(TRICKY.read_text(encoding="utf-8"))["sentence"]:
        hans, hant = s["hans"], s["hant"]
        alone = speechclean.clean(hans, kind="text").text == hans
        page = speechclean.clean(f"{neighbour}\n{hans}", kind="text").text.split("\n")
        beside = page[-1] == hans
        stray = speechclean.clean("後來，" + hans, kind="text").text == "后来，" + hans
        converted = speechclean.clean(hant, kind="text").text == s.get("hant_gives", hans)
        rows.append((hans, alone, beside, stray, converted))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--lib", help="import speechclean from this checkout instead of this one")
    parser.add_argument("--pages", action="store_true", help="one line per page")
    parser.add_argument("--show", type=int, default=15, help="unlisted changes to list (most frequent first)")
    args = parser.parse_args()
    sys.path.insert(0, args.lib or str(ROOT))
    import speechclean
    from speechclean.steps.convert import converter

    norm = _Norm(converter("t2s").convert)  # type: ignore[attr-defined]
    corpus = Path(args.corpus)
    if not (corpus / "manifest.jsonl").exists():
        sys.exit(f"no corpus at {corpus}")
    pages = gold_pages(corpus)
    char_steps = speechclean.Cleaner(disable=("boilerplate", "structure"))
    full = speechclean.Cleaner()
    totals = {"pipeline": Tally(), "convert+punctuation": Tally()}
    changed_pages = Counter()
    started = time.perf_counter()
    print(f"speechclean from {Path(speechclean.__file__).parent.parent}; {len(pages)} human gold texts")
    if args.pages:
        print(f"{'page':<40} {'lang':<8} {'chars':>7} {'unlisted':>8} {'lost':>6} {'lost c+p':>8}  listed")
    for name, lang, text in pages:
        per = {}
        for label, cleaner in (("pipeline", full), ("convert+punctuation", char_steps)):
            out = cleaner.clean(text, kind="text").text
            per[label] = compare(text, out, lang == "zh-Hant", norm)
            totals[label].add(per[label])
        p, c = per["pipeline"], per["convert+punctuation"]
        if p.n_unlisted or c.n_unlisted:
            changed_pages[name] = max(p.n_unlisted, c.n_unlisted)
        if args.pages:
            listed = " ".join(f"{k}={v}" for k, v in sorted(p.listed.items()))
            print(f"{name:<40} {lang:<8} {p.chars:>7} {p.n_unlisted:>8} {p.lost:>6} {c.lost:>8}  {listed}")
    print()
    print(f"{'run':<22} {'chars':>8} {'unlisted':>9} {'pages':>6} {'lost':>7} {'lost %':>7}  listed normalisations")
    for label, t in totals.items():
        listed = ", ".join(f"{k} {v}" for k, v in sorted(t.listed.items()))
        pages_with = sum(1 for name, _, text in pages if name in changed_pages)
        print(f"{label:<22} {t.chars:>8} {t.n_unlisted:>9} {pages_with if label == 'pipeline' else '':>6} "
              f"{t.lost:>7} {100 * t.lost / max(1, t.chars):>6.2f}%  {listed}")
    worst = (totals["pipeline"].unlisted + totals["convert+punctuation"].unlisted).most_common(args.show)
    if worst:
        print("\nunlisted changes (gold → output: count, both runs):")
        for (x, y), n in worst:
            print(f"  {x!r} → {y!r}: {n}")
    print(f"\n({time.perf_counter() - started:.1f} s)\n")
    print("tricky Simplified sentences: kept alone | kept after a Traditional paragraph | "
          "only a stray 後來 converted beside them | Traditional form converted")
    rows = tricky_table(speechclean)
    for hans, *cells in rows:
        print(f"  {hans:<22}" + "".join(f" {'ok' if c else 'WRONG':>6}" for c in cells))
    print(f"  all right: {sum(all(r[1:]) for r in rows)}/{len(rows)}")


if __name__ == "__main__":
    main()
