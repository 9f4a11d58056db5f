"""Text-path speed: MB/s of ``speechclean.clean()`` on seed text repeated to >= 5 MB.

Two inputs, measured in the same run:

* **Simplified** — seeds 000, 001, 002, 004 (Simplified, with their chrome) repeated;
* **Traditional** — the same text converted to Traditional by OpenCC (s2t), plus seed 003
  (Traditional with pinyin annotations, anti-copy commas, spam and CSS) — repeated.

The baseline is a bare OpenCC t2s conversion of the same text, measured in the same run,
so the ratio holds when the machine's speed drifts. One process, one core.

A second table times the convert step alone on Simplified input against its script check
(:func:`speechclean.steps.convert.script_check`, which judges every paragraph Traditional or
Simplified): on the Simplified seeds, and on the same text with a stray Traditional-only
character in every page (so that every paragraph is judged). "old gate" is the scan the step made
before paragraphs were judged (any character t2s changes), so ``(check - gate) / step`` is what the
script check adds.

A profile follows, written into the output: ms per step of the pipeline on each input (as
``Cleaner.run`` runs them), the convert and punctuation steps' stages (pinyin, script check, protected
lines, the punctuation rules), the boilerplate step's stages (rules, body, classifier), and the HTML path
on the 62 gne_tests pages (``../shared/corpus/extraction/gne_tests``, skipped when absent): ms per
page of ``clean()`` against ``trafilatura.bare_extraction`` in the same run (ratio, median of
``--repeat`` passes), ms per step, and the extract step's stages (lxml's parse against our DOM work).
Profiles come from :mod:`benchmarks.profile_steps` (timers wrapped around the functions while it runs).

    python benchmarks/speed_text.py [--mb 5] [--repeat 5] [--no-profile] [--no-html]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import speechclean
from speechclean.steps.convert import converter

SEEDS = ROOT / "fixtures" / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def repeat_to(text: str, megabytes: float) -> str:
    size = len(text.encode("utf-8"))
    return "\n\n".join([text] * (int(megabytes * 1e6 / size) + 1))


def median_seconds(fn, repeat: int) -> float:
    fn()  # warm-up: converters and compiled rules are built once per process
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="input size in MB (default 5)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median is reported)")
    parser.add_argument("--no-profile", action="store_true", help="skip the per-step profiles")
    parser.add_argument("--no-html", action="store_true", help="skip the HTML (gne_tests) figures")
    args = parser.parse_args()

    simplified = "\n\n".join(seed(p) for p in ("000", "001", "002", "004"))
    traditional = converter("s2t").convert(simplified) + "\n\n" + seed("003")  # type: ignore[attr-defined]
    t2s = converter("t2s")
    import opencc

    print(f"speechclean {speechclean.__version__}, OpenCC module {getattr(opencc, '__file__', '?')}")
    print(f"{'input':<12} {'MB':>6} {'clean() s':>10} {'MB/s':>7} {'OpenCC t2s s':>13} {'MB/s':>7} {'clean/OpenCC':>13}")
    bigs = {}
    for name, text in (("Simplified", simplified), ("Traditional", traditional)):
        big = bigs[name] = repeat_to(text, args.mb)
        mb = len(big.encode("utf-8")) / 1e6
        clean_s = median_seconds(lambda big=big: speechclean.clean(big), args.repeat)
        base_s = median_seconds(lambda big=big: t2s.convert(big), args.repeat)  # type: ignore[attr-defined]
        print(f"{name:<12} {mb:6.2f} {clean_s:10.3f} {mb / clean_s:7.1f} {base_s:13.3f} {mb / base_s:7.1f} {clean_s / base_s:12.1f}x")

    engines(bigs, args.repeat)
    if not args.no_profile:
        text_profile(bigs)
    if not args.no_html:
        html_profile(args.repeat)

    from speechclean.config import Options
    from speechclean.conversion import script_check
    from speechclean.page import Page
    from speechclean.steps.convert import Convert, has_traditional

    step = Convert(Options())
    stray = "\n\n".join(f"後{seed(p)}" for p in ("000", "001", "002", "004"))
    print(f"\n{'convert step':<24} {'MB':>6} {'step s':>8} {'MB/s':>7} {'script check s':>15} {'check/step':>11}"
          f" {'old gate s':>11} {'(check-gate)/step':>18}")
    for name, text in (("Simplified", simplified), ("Simplified + stray 後", stray)):
        big = repeat_to(text, args.mb)
        mb = len(big.encode("utf-8")) / 1e6
        step_s = median_seconds(lambda big=big: step(Page(text=big)), args.repeat)
        check_s = median_seconds(lambda big=big: script_check(big), args.repeat)
        gate_s = median_seconds(lambda big=big: has_traditional(big), args.repeat)  # what the step scanned before
        print(f"{name:<24} {mb:6.2f} {step_s:8.3f} {mb / step_s:7.1f} {check_s:15.4f} {100 * check_s / step_s:10.1f}%"
              f" {gate_s:11.4f} {100 * (check_s - gate_s) / step_s:17.1f}%")


def engines(bigs: dict[str, str], repeat: int) -> None:
    """clean() with the boilerplate rules' literal prefilter on each engine (speechclean.literals), same run."""
    import importlib.util

    try:
        from speechclean.literals import Prefilter, required_any
    except ImportError:  # a checkout from before the prefilter (a before/after run)
        return
    from speechclean.steps.ruleset import ruleset

    rules = ruleset(())
    needs = [required_any(e[0]._compiled) for e in rules._entries]
    choices = {"none": [None] * len(needs), "re": needs}
    if importlib.util.find_spec("ahocorasick_rs"):
        choices["ahocorasick"] = needs
    saved = rules._prefilter
    print(f"\nboilerplate literal prefilter, clean() MB/s per engine: {'input':<12}"
          + "".join(f" {name:>12}" for name in choices))
    try:
        for name, big in bigs.items():
            mb = len(big.encode("utf-8")) / 1e6
            row = []
            for engine, need in choices.items():
                rules._prefilter = Prefilter(need, engine="re" if engine == "none" else engine)
                row.append(mb / median_seconds(lambda big=big: speechclean.clean(big), repeat))
            print(f"{'':<54}{name:<12}" + "".join(f" {v:12.2f}" for v in row))
    finally:
        rules._prefilter = saved


#: Stages of the convert step: pinyin stripping, the one-scan test for a plain Simplified page, the
#: script check (inside convert_text, with the conversion itself), garbled spans.
CONVERT_STAGES = [
    ("speechclean.steps.convert", "strip_pinyin"),
    ("speechclean.steps.convert", "_plain"),
    ("speechclean.steps.convert", "convert_text"),
    ("speechclean.conversion", "script_check"),
    ("speechclean.conversion", "protected_lines"),
    ("speechclean.steps.convert", "flag_garbled"),
]
#: Stages of the punctuation step: the protected (code, foreign) lines, inline code, the rules
#: (_normalize, which holds the anti-copy doubles).
PUNCTUATION_STAGES = [
    ("speechclean.steps.punctuation", "protected_lines"),
    ("speechclean.steps.punctuation", "inline_code_spans"),
    ("speechclean.steps.punctuation", "_normalize"),
    ("speechclean.steps.punctuation", "_doubles"),
]


def text_profile(bigs: dict[str, str]) -> None:
    from profile_steps import BOILERPLATE_STAGES, print_profile, stage_profile, step_profile

    cleaner = speechclean.Cleaner()
    for name, big in bigs.items():
        mb = len(big.encode("utf-8")) / 1e6
        steps = step_profile(cleaner, [big])
        print_profile(f"profile: ms per step, {name} ({mb:.2f} MB; MB/s of the step alone)", steps, mb)
        convert_nested = "convert_text holds script_check, which holds protected_lines"
        for step, stages, nested in (("convert", CONVERT_STAGES, convert_nested),
                                     ("punctuation", PUNCTUATION_STAGES, "_normalize holds _doubles")):
            ms = stage_profile(cleaner, [big], stages)
            print_profile(f"profile: {step} stages, {name} (nested: {nested}; % of the step)", ms, total=steps.get(step))
        stages = stage_profile(cleaner, [big], BOILERPLATE_STAGES)
        print_profile(f"profile: boilerplate stages, {name} (nested: layout holds first_match, _classify holds"
                      " judge; % of the step)", stages, total=steps.get("boilerplate"))


GNE = ROOT.parent / "shared" / "corpus" / "extraction" / "gne_tests" / "tests"


def html_profile(repeat: int) -> None:
    pages = [p.read_bytes() for p in sorted(GNE.glob("*/*.html"))]
    if not pages:
        print("\n(no gne_tests pages: HTML profile skipped)")
        return
    from profile_steps import EXTRACT_STAGES, HTML_INNER_STAGES, print_profile, stage_profile, step_profile

    from speechclean.steps.decode import decode_bytes

    htmls = [decode_bytes(p)[0] for p in pages]  # every tool gets the same decoded str (as in quality.py)
    cleaner = speechclean.Cleaner()
    try:
        import trafilatura
    except ImportError:
        trafilatura = None

    def ours() -> None:
        for h in htmls:
            cleaner.clean(h, kind="html")

    def theirs() -> None:
        for h in htmls:
            trafilatura.bare_extraction(h)

    n = len(htmls)
    ms = median_seconds(ours, repeat) * 1000 / n
    line = f"\nHTML: {n} gne_tests pages, clean() {ms:.1f} ms/page"
    if trafilatura is not None:
        base = median_seconds(theirs, repeat) * 1000 / n
        line += f", trafilatura.bare_extraction {base:.1f} ms/page, ratio {ms / base:.2f}x"
    print(line)
    steps = step_profile(cleaner, htmls, kind="html")
    print_profile(f"profile: ms per step over the {n} pages", steps)
    start = time.perf_counter()
    stages = stage_profile(cleaner, htmls, EXTRACT_STAGES + HTML_INNER_STAGES + DECODE_STAGES, kind="html")
    whole = (time.perf_counter() - start) * 1000  # the same run: shares below are of this
    extract = {k: v for k, v in stages.items() if k not in {a for _, a in DECODE_STAGES}}
    print_profile("profile: extract stages (etree.fromstring = lxml's parse, inside parse_report; the last"
                  " ones nest in prune and read_metadata; % of the whole HTML path in this run)", extract, total=whole)
    if "read_metadata" in stages and whole:
        print(f"  metadata (read_metadata) is {100 * stages['read_metadata'] / whole:.1f}% of the HTML path"
              f" ({stages['read_metadata'] / n:.2f} of {whole / n:.2f} ms/page, same run)")
    print_profile("profile: decode stages on decoded HTML (% of the whole HTML path in the same run)",
                  {a: stages[a] for _, a in DECODE_STAGES if a in stages}, total=whole)


#: The decode step on a decoded page: the repairs it still checks for.
DECODE_STAGES = [
    ("speechclean.steps.decode", "fix_surrogates"),
    ("speechclean.steps.decode", "drop_controls"),
    ("speechclean.steps.decode", "repair_text"),
    ("speechclean.steps.decode", "normalise_newlines"),
]


if __name__ == "__main__":
    main()
