"""Per-step and per-stage profiles of the pipeline, for ``speed_text.py`` (and usable alone).

* :func:`step_profile` — ms in each step of a :class:`~speechclean.Cleaner`'s pipeline (its steps
  and hooks, run one by one as ``Cleaner.run`` runs them), summed over the inputs.
* :func:`stage_profile` — ms in named functions *inside* a step: the function is wrapped by a timer in
  the module that calls it for the duration of the profile (nothing in the library changes). Stages
  nest (``_classify`` calls ``judge``), so a stage's time includes its inner stages'.

    python benchmarks/profile_steps.py          # the Simplified seed text, the gne_tests pages
"""

from __future__ import annotations

import importlib
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import speechclean

#: Stages of the boilerplate step: (module, attribute) pairs, timed where the step calls them.
BOILERPLATE_STAGES = [
    ("speechclean.steps.boilerplate", "simplified_lines"),
    ("speechclean.steps.boilerplate", "_cut_spans"),
    ("speechclean.steps.boilerplate", "visible_len"),
    ("speechclean.steps.boilerplate", "RuleSet.first_match"),
    ("speechclean.steps.boilerplate", "_body_lines"),
    ("speechclean.steps.boilerplate", "_rule_drops"),
    ("speechclean.steps.boilerplate", "_classify"),
    ("speechclean.steps.boilerplate", "judge"),
    ("speechclean.steps.boilerplate", "repeated_lines"),
    ("speechclean.steps.boilerplate", "code_lines"),
    ("speechclean.steps.boilerplate", "layout"),
]
#: Stages of the extract step on HTML: lxml's parse against our own DOM work.
EXTRACT_STAGES = [
    ("speechclean.dom.parse", "etree.fromstring"),
    ("speechclean.steps.extract", "parse_report"),
    ("speechclean.steps.extract", "find_title"),
    ("speechclean.steps.extract", "read_metadata"),
    ("speechclean.steps.extract", "prune"),
    ("speechclean.steps.extract", "score_tree"),
    ("speechclean.steps.extract", "main_content"),
    ("speechclean.steps.extract", "post_chrome"),
    ("speechclean.steps.extract", "prune_named"),
    ("speechclean.steps.extract", "link_lists"),
    ("speechclean.steps.extract", "stamp_lines"),
    ("speechclean.steps.extract", "leads"),
    ("speechclean.steps.extract", "render_typed"),
    ("speechclean.steps.extract", "_record_outside"),
    ("speechclean.steps.extract", "flat"),
]


def step_profile(cleaner: speechclean.Cleaner, sources: Iterable[Any], **new_page: Any) -> dict[str, float]:
    """Milliseconds per step (in pipeline order) over all ``sources``, plus ``finish`` (what
    ``Cleaner.run`` does after the last step)."""
    from speechclean.finish import finish_page
    from speechclean.page import Document

    ms: dict[str, float] = defaultdict(float)
    for source in sources:
        page = cleaner.new_page(source, **new_page)
        for name, step in cleaner._pipeline:
            if name in cleaner.steps:
                start = time.perf_counter()
                page = step(page)
                ms[name] += (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        if not page.documents and page.text:
            page.documents = [Document(page.title, page.text)]
        finish_page(page)
        ms["finish"] += (time.perf_counter() - start) * 1000
    return dict(ms)


def _resolve(module: str, attr: str) -> tuple[Any, str, Any]:
    owner: Any = importlib.import_module(module)
    *path, name = attr.split(".")
    for part in path:
        owner = getattr(owner, part)
    return owner, name, getattr(owner, name)


@contextmanager
def stage_timers(stages: list[tuple[str, str]]) -> Iterator[dict[str, float]]:
    """Wrap each ``(module, attribute)`` in a timer while the block runs; yields {attribute: ms}.
    A stage that calls itself (or is reached twice through another stage) is counted once, at the outermost call."""
    ms: dict[str, float] = defaultdict(float)
    saved = []
    for module, attr in stages:
        try:
            owner, name, fn = _resolve(module, attr)
        except (AttributeError, ImportError):  # a stage another helper renamed: skipped, not fatal
            continue
        depth = [0]

        def timed(*args: Any, _fn: Callable[..., Any] = fn, _key: str = attr, _depth: list[int] = depth,
                  **kwargs: Any) -> Any:
            if _depth[0]:
                return _fn(*args, **kwargs)
            _depth[0] += 1
            start = time.perf_counter()
            try:
                return _fn(*args, **kwargs)
            finally:
                ms[_key] += (time.perf_counter() - start) * 1000
                _depth[0] -= 1

        saved.append((owner, name, fn))
        setattr(owner, name, timed)
    try:
        yield ms
    finally:
        for owner, name, fn in reversed(saved):
            setattr(owner, name, fn)


def stage_profile(cleaner: speechclean.Cleaner, sources: list[Any], stages: list[tuple[str, str]],
                  **new_page: Any) -> dict[str, float]:
    """Milliseconds in each stage over all ``sources`` (cleaned whole, timers on)."""
    with stage_timers(stages) as ms:
        for source in sources:
            cleaner.clean(source, **new_page)
    return {attr: ms[attr] for _, attr in stages if attr in ms}


def print_profile(title: str, ms: dict[str, float], mb: float | None = None, total: float | None = None) -> None:
    total = total if total is not None else sum(ms.values())
    print(f"\n{title}")
    for name, t in ms.items():
        rate = f" {mb / (t / 1000):9.1f} MB/s" if mb and t > 0 else ""
        print(f"  {name:<22} {t:9.1f} ms {100 * t / total if total else 0:6.1f}%{rate}")


#: Inside the extract step: the stylesheet reader (in prune) and the metadata reader's parts.
HTML_INNER_STAGES = [
    ("speechclean.dom.prune", "css_hidden_classes"),
    ("speechclean.meta", "markup_facts"),
    ("speechclean.meta.lines", "LineReader.read"),
    ("speechclean.meta", "read_lines"),
]


def html_profile(htmls: list[str], repeat: int = 3) -> None:
    """Print where the HTML path's time goes on decoded pages: ms per step, then the extract step's
    stages as shares of the whole path timed in the same pass (best of ``repeat`` passes each)."""
    cleaner = speechclean.Cleaner()
    for h in htmls[:5]:
        cleaner.clean(h, kind="html")
    n = len(htmls)
    steps = min((step_profile(cleaner, htmls, kind="html") for _ in range(repeat)), key=lambda ms: sum(ms.values()))
    print_profile(f"profile: ms per step over the {n} pages (best of {repeat})", steps)
    best: tuple[float, dict[str, float]] = (float("inf"), {})
    for _ in range(repeat):
        start = time.perf_counter()
        stages = stage_profile(cleaner, htmls, EXTRACT_STAGES + HTML_INNER_STAGES, kind="html")
        whole = (time.perf_counter() - start) * 1000
        best = min(best, (whole, stages), key=lambda b: b[0])
    whole, stages = best
    print_profile(f"profile: extract stages, % of the whole HTML path in the same pass ({whole / n:.2f} ms/page;"
                  " etree.fromstring = lxml's parse inside parse_report; css_hidden_classes nests in prune, the"
                  " last three in read_metadata)", stages, total=whole)


def parse_reference(htmls: list[str], repeat: int = 3) -> None:
    """ms per page of parsing alone: the project's lxml parser (kept) and other parsers as reference points."""
    from lxml import etree

    from speechclean.dom.parse import _PARSER

    parsers: dict[str, Callable[[str], object]] = {
        "lxml HTMLParser (ours)": lambda h: etree.fromstring(h, _PARSER),
        "lxml HTMLParser (default options)": lambda h: etree.fromstring(h, etree.HTMLParser()),
    }
    try:
        from resiliparse.parse.html import HTMLTree

        parsers["resiliparse HTMLTree (reference)"] = HTMLTree.parse
    except ImportError:
        pass
    try:
        from selectolax.parser import HTMLParser as Selectolax

        parsers["selectolax (reference)"] = Selectolax
    except ImportError:
        pass
    best = {name: float("inf") for name in parsers}
    for _ in range(repeat):  # alternated, so drifting load hits every parser alike
        for name, parse in parsers.items():
            start = time.perf_counter()
            for h in htmls:
                parse(h)
            best[name] = min(best[name], (time.perf_counter() - start) * 1000 / len(htmls))
    print(f"\nparse alone, ms per page (best of {repeat}, same run):")
    for name, ms in best.items():
        print(f"  {name:<36} {ms:6.2f}")
    if "selectolax (reference)" not in parsers:
        print("  (selectolax not installed)")


def main() -> None:
    seeds = ROOT / "fixtures" / "seeds"
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    cleaner = speechclean.Cleaner()
    cleaner.clean(text)
    print_profile("steps, seed text", step_profile(cleaner, [text]))
    print_profile("boilerplate stages, seed text", stage_profile(cleaner, [text], BOILERPLATE_STAGES))


if __name__ == "__main__":
    main()
