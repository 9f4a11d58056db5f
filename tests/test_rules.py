"""Every built-in rule runs its own hit and miss examples; rule files load and validate."""

from __future__ import annotations

import pytest

from speechclean.errors import RuleError
from speechclean.rules import Rule, all_builtin, check_unique, load_file

RULES = all_builtin()


def test_rules_are_data_with_ids_descriptions_and_examples() -> None:
    assert len(RULES) >= 15
    check_unique(RULES)
    for rule in RULES:
        assert rule.id.startswith(f"{rule.step}.") and rule.description
        assert rule.hits and rule.misses, f"{rule.id} needs hit and miss examples"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_examples(rule: Rule) -> None:
    rule.check()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_fast_on_a_long_chinese_line(rule: Rule) -> None:
    # A page that arrives as one long line must not make a pattern backtrack quadratically.
    line = "按照会议安排，下面我就分管工作作以安排部署，确保各项任务落到实处。" * 400
    rule.matches(line)  # completes; benchmarks measure the speed


def test_bad_rules_are_rejected_with_clear_errors(tmp_path) -> None:
    with pytest.raises(RuleError, match="bad pattern"):
        Rule(id="x.y", description="d", patterns=("(",))
    with pytest.raises(RuleError, match="description"):
        Rule(id="x.y", description="", patterns=("a",))
    bad = Rule(id="x.y", description="d", patterns=("^a",), hits=("b",))
    with pytest.raises(RuleError, match="should match"):
        bad.check()
    path = tmp_path / "r.toml"
    path.write_text('[[rule]]\nid = "x.y"\ndescription = "d"\npatterns = ["a"]\ncolour = 1\n', encoding="utf-8")
    with pytest.raises(RuleError, match="unknown fields"):
        load_file(path)
