"""Byte-for-byte equality of cleaned outputs before/after a speed change.

Cleans the seeds, the text-dev pages and every corpus HTML page (``../shared/corpus/extraction``
and ``text-dev``, skipped when absent), plus the seed text as a long concatenation (the input of
``speed_text.py``) and speed_text.py's two inputs themselves (Simplified, and Traditional once and
repeated), and records for each the SHA-256 of the page's text, title, documents and
removals (step, rule, text). ``--save`` writes the digests; ``--check`` compares against them and
lists every page whose output changed.

    python benchmarks/same_outputs.py --save  [--out benchmarks/results/same_outputs.json]
    python benchmarks/same_outputs.py --check [--out ...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import speechclean

SEEDS = ROOT / "fixtures" / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"


def inputs() -> list[tuple[str, str | bytes]]:
    out: list[tuple[str, str | bytes]] = []
    seeds = sorted(SEEDS.glob("*.txt"))
    for path in seeds:
        out.append((f"seed/{path.name}", path.read_text(encoding="utf-8")))
    out.append(("seed/all", "\n\n".join(p.read_text(encoding="utf-8") for p in seeds)))
    out.extend(speed_inputs())
    for path in sorted((CORPUS / "text-dev" / "pages").glob("*.txt")):
        out.append((f"text-dev/{path.name}", path.read_text(encoding="utf-8")))
    for path in sorted((CORPUS / "extraction").rglob("*.html")):
        out.append((str(path.relative_to(CORPUS)), path.read_bytes()))
    return out


def speed_inputs() -> list[tuple[str, str]]:
    """speed_text.py's two inputs (one copy of each, before it repeats them to its size)."""
    def seed(prefix: str) -> str:
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        return path.read_text(encoding="utf-8")

    from speechclean.conversion import converter

    simplified = "\n\n".join(seed(p) for p in ("000", "001", "002", "004"))
    traditional = converter("s2t").convert(simplified) + "\n\n" + seed("003")  # type: ignore[attr-defined]
    return [("speed/simplified", simplified), ("speed/traditional", traditional),
            ("speed/traditional x3", "\n\n".join([traditional] * 3))]


def digest(page: speechclean.Page) -> str:
    h = hashlib.sha256()
    meta = {k: v for k, v in page.meta.items() if isinstance(v, (str, int, float, bool, type(None)))}
    for part in (page.text, page.title or "", repr(page.documents), repr(sorted(map(repr, page.removals))), repr(page.flags),
                 repr(page.repairs), repr(sorted(page.changes.items())), repr(page.encoding),
                 repr((page.script, page.lang, page.published, page.author, page.source, page.fingerprint)),
                 repr(sorted(meta.items())), repr(page.blocks)):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def run() -> dict[str, str]:
    cleaner = speechclean.Cleaner()
    result = {}
    for name, source in inputs():
        try:
            result[name] = digest(cleaner.clean(source))
        except speechclean.errors.SpeechcleanError as e:
            result[name] = f"error: {type(e).__name__}"
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", action="store_true")
    group.add_argument("--check", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "same_outputs.json")
    args = parser.parse_args()
    now = run()
    if args.save:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(now, indent=0, sort_keys=True), encoding="utf-8")
        print(f"{len(now)} outputs saved to {args.out}")
        return
    before = json.loads(args.out.read_text(encoding="utf-8"))
    changed = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for name in changed:
        print("changed:", name)
    print(f"{len(now)} outputs, {len(changed)} changed")
    sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
