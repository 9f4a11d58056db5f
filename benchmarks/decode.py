"""Decoding accuracy and speed over the shared corpus (``../shared/corpus``).

Run: ``python benchmarks/decode.py [--corpus PATH] [--failures]``

*Right* means the decoded text equals the reference: the CPython ``-utf8.txt``
file where there is one, otherwise the strict decode with the known encoding
mapped to the codec browsers use (gb2312/gbk → gb18030, big5 → cp950, else
big5hkscs). Samples no Python codec can decode (EUC-TW) are left out. Every
method sees the raw bytes only (no HTTP header). Prints a markdown table.
The Decode-step row is compared with the newline-normalised reference; its one
"miss" is a UTF-8 page carrying real UTF-8-read-as-latin-1 mojibake, which the
step repairs (so it differs from the plain decode on purpose).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from speechclean.config import Options  # noqa: E402
from speechclean.page import Page  # noqa: E402
from speechclean.steps.decode import Decode, codecs_for, decode_bytes  # noqa: E402
from speechclean.steps.detect import detect
from speechclean.steps.normalise import normalise_newlines

_STEP = Decode(Options())


def reference(raw: bytes, entry: dict, corpus: Path) -> str | None:
    """The right text for ``raw``, or None when no Python codec decodes it."""
    if entry.get("gold_type") == "utf8_reference_text":
        return (corpus / entry["gold_file"]).read_text(encoding="utf-8")
    for codec in codecs_for(entry["declared_or_known_encoding"]):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


def _decode_as(raw: bytes, label: str | None) -> str:
    for codec in codecs_for(label or "") or ("utf-8",):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode((codecs_for(label or "") or ("utf-8",))[0], errors="replace")


def m_speechclean(raw: bytes) -> str:
    return decode_bytes(raw)[0]


def m_step(raw: bytes) -> str:
    page = Page(kind="auto")
    page.raw = raw
    _STEP(page)
    return page.text


def m_cascade(raw: bytes) -> str:
    found = detect(raw)
    return found[0] if found else ""


def m_chardet(raw: bytes) -> str:
    import chardet

    return _decode_as(raw, chardet.detect(raw)["encoding"])


def m_charset_normalizer(raw: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    return _decode_as(raw, best.encoding if best else None)


def m_chardetng(raw: bytes) -> str:
    import chardetng_py

    return _decode_as(raw, chardetng_py.detect(raw[:16384], allow_utf8=True))


def m_trafilatura(raw: bytes) -> str:
    from trafilatura.utils import decode_file

    return decode_file(raw)


METHODS: dict[str, Callable[[bytes], str]] = {
    "speechclean decode_bytes": m_speechclean,
    "speechclean Decode step (+ newlines, mojibake)": m_step,
    "speechclean detection only (declarations ignored)": m_cascade,
    "chardet 7 (superset-mapped)": m_chardet,
    "charset-normalizer (superset-mapped)": m_charset_normalizer,
    "chardetng-py (superset-mapped)": m_chardetng,
    "trafilatura decode_file": m_trafilatura,
}


def group(entry: dict) -> str:
    if entry["set"] == "encoding":
        return "samples"
    return "pages, UTF-8" if entry["declared_or_known_encoding"] == "utf-8" else "pages, GB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--failures", action="store_true", help="list the items each method gets wrong")
    args = parser.parse_args()
    items = []
    skipped = 0
    for line in (args.corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        raw = (args.corpus / entry["local_file"]).read_bytes()
        ref = reference(raw, entry, args.corpus)
        if ref is None:
            skipped += 1
            continue
        items.append((entry, raw, ref.lstrip("\ufeff")))
    groups = sorted({group(e) for e, _, _ in items})
    counts = {g: sum(group(e) == g for e, _, _ in items) for g in groups}
    head = ["method", *(f"{g} ({counts[g]})" for g in groups), f"all ({len(items)})", "median ms", "p90 ms"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for name, method in METHODS.items():
        right = dict.fromkeys(groups, 0)
        times, wrong = [], []
        for entry, raw, ref in items:
            start = time.perf_counter()
            try:
                text = method(raw)
            except Exception as e:  # noqa: BLE001 - a method failing is a wrong answer
                text = f"<{type(e).__name__}>"
            times.append((time.perf_counter() - start) * 1000)
            if method is m_step:  # the step also normalises newlines (and repairs mojibake)
                ref = normalise_newlines(ref)
            if text.lstrip("\ufeff") == ref:
                right[group(entry)] += 1
            else:
                wrong.append(entry["local_file"])
        total = sum(right.values())
        cells = [f"{right[g]} ({right[g] / counts[g]:.1%})" for g in groups]
        times.sort()
        p90 = times[int(len(times) * 0.9)]
        print(f"| {name} | " + " | ".join(cells) + f" | {total} ({total / len(items):.1%}) | "
              f"{statistics.median(times):.2f} | {p90:.2f} |")
        if args.failures and wrong:
            print("  wrong: " + ", ".join(wrong), file=sys.stderr)
    print(f"\n{len(items)} items; {skipped} skipped (no Python codec decodes them: EUC-TW).")


if __name__ == "__main__":
    main()
