"""The literal prefilters are exact: a line they rule out is one no pattern they were read from matches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechclean.literals import Prefilter, may_contain, required_any, required_literals
from speechclean.rules import builtin
from speechclean.steps.ruleset import ruleset

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
ENGINES = ["re"] + (["ahocorasick"] if __import__("importlib").util.find_spec("ahocorasick_rs") else [])


def test_literals_read_off_the_pattern() -> None:
    assert required_literals(r"上一篇|下一篇") == frozenset({"上一篇", "下一篇"})
    assert required_literals(r"^(?:关键词|关键字)[:：]") == frozenset({"关键"})  # the parser factors the prefix
    assert required_literals(r"[:：]\s*\d+") == frozenset({":", "："})
    assert required_literals(r"x*") is None  # may match nothing
    assert required_literals(r"(?i)copyright") is None  # case folded: no literal prefilter
    assert required_literals(r"a(?i:b)") == frozenset({"a"})
    assert required_literals(r"\d+|abc") is None  # one branch needs nothing


def _lines() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return [line.strip() for line in text.split("\n") if line.strip()]


@pytest.mark.parametrize("step", ["boilerplate", "structure", "extract"])
def test_no_match_is_hidden_on_real_lines_and_examples(step: str) -> None:
    lines = _lines()
    for rule in builtin(step):
        need = required_any(rule._compiled)
        for line in [*lines, *rule.hits, *rule.misses]:
            if any(p.search(line) for p in rule._compiled):
                assert may_contain(need, line), (rule.id, line)


@pytest.mark.parametrize("engine", ENGINES)
def test_prefilter_candidates_cover_every_rule_that_matches(engine: str) -> None:
    rules = ruleset(())
    entries = [e[0] for e in rules._entries]
    pre = Prefilter([required_any(r._compiled) for r in entries], engine=engine)
    assert pre.engine == engine
    for line in _lines() + [h for r in entries for h in r.hits]:
        may = pre.candidates(line)
        for k, rule in enumerate(entries):
            if rule._hit(line):
                assert k in may, (rule.id, line)


_PIECES = st.sampled_from(["来源", "出处", "：", ":", "第", "页", "a", "b", "1", " ", "上一篇", "一", "\u3000", "》", ">"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_property_prefilter_never_hides_a_match(text: str) -> None:
    patterns = [r"(?:来源|出处)[:：]", r"第\s*\d+\s*页", r"^[ab]+1", r"上一篇|>>|》", r"一{2,}", r"(?:a|b)(?=1)"]
    for engine in ENGINES:
        pre = Prefilter([required_any([p]) for p in patterns], engine=engine)
        may = pre.candidates(text)
        for k, p in enumerate(patterns):
            if re.search(p, text):
                assert k in may, (p, text, engine)
