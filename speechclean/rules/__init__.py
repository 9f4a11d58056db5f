"""Rules are data: a family of patterns with an id, a description, and examples that must hit or miss.

Built-in rules live in TOML files beside this module, one file per step
(``boilerplate.toml``). Users add their own files or :class:`Rule` objects
through the ``rules`` option; they are applied on top of the built-in ones.

>>> rule = Rule(
...     id="site.ad-line",
...     description="Our site's advert line",
...     patterns=("^本站推荐[:：]",),
...     hits=("本站推荐：夏季特惠",),
...     misses=("本站的推荐很有用。",),
... )
>>> rule.matches("本站推荐：夏季特惠")
True
>>> rule.check()  # runs the examples; raises RuleError when one fails
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import RuleError
from ..text import visible_len

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SCOPES = ("line", "block", "span", "element")
ZONES = ("any", "head", "tail", "edge", "ends")
RULES_DIR = Path(__file__).parent


@dataclass(frozen=True)
class Rule:
    """One rule: a family of regular expressions and where they apply.

    scope
        ``line``: drop a line the rule matches. ``block``: the matched line heads a
        block (猜你喜欢, 相关文章…); drop it and the list-like lines that follow.
        ``span``: cut only the matched text out of the line.
        ``element``: (extract step) drop an HTML element whose ``class``/``id`` names
        the patterns match, e.g. ``bdshare-box`` or ``xgwz``.
    zone
        Where in the page the rule applies: ``any``; ``head`` (before the main
        body), ``tail`` (after it) or ``edge`` (either).
    max_len
        Apply only to lines of at most this many visible characters
        (chrome is short; this keeps rules away from body paragraphs).
    min_hits
        How many pattern matches a line needs (for vocabulary families such as spam words).
    unless
        Patterns that veto a match (``。.*。``: two full stops make a line prose, not a keyword list).
    """

    id: str
    description: str
    patterns: tuple[str, ...]
    scope: str = "line"
    zone: str = "any"
    max_len: int | None = 200
    min_hits: int = 1
    unless: tuple[str, ...] = ()
    hits: tuple[str, ...] = ()
    misses: tuple[str, ...] = ()
    step: str = "boilerplate"
    _compiled: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False, hash=False)
    _vetoes: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not self.id or not isinstance(self.id, str):
            raise RuleError("a rule needs a non-empty string id")
        if not self.description:
            raise RuleError(f"rule {self.id!r}: a description is required")
        if self.scope not in SCOPES:
            raise RuleError(f"rule {self.id!r}: scope {self.scope!r} is not one of {', '.join(SCOPES)}")
        if self.zone not in ZONES:
            raise RuleError(f"rule {self.id!r}: zone {self.zone!r} is not one of {', '.join(ZONES)}")
        patterns = (self.patterns,) if isinstance(self.patterns, str) else tuple(self.patterns)
        if not patterns:
            raise RuleError(f"rule {self.id!r}: at least one pattern is required")
        unless = _strings(self.unless)
        object.__setattr__(self, "patterns", patterns)
        object.__setattr__(self, "unless", unless)
        object.__setattr__(self, "_compiled", self._compile(patterns))
        object.__setattr__(self, "_vetoes", self._compile(unless))
        object.__setattr__(self, "hits", _strings(self.hits))
        object.__setattr__(self, "misses", _strings(self.misses))

    def _compile(self, patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
        compiled = []
        for p in patterns:
            try:
                compiled.append(re.compile(p))
            except re.error as e:
                raise RuleError(f"rule {self.id!r}: bad pattern {p!r}: {e}") from None
        return tuple(compiled)

    def fits(self, line: str, length: int | None = None) -> bool:
        """True when ``line`` (of ``length`` visible characters, if known) is short enough for this rule."""
        if self.max_len is None or len(line) <= self.max_len:
            return True
        return (visible_len(line) if length is None else length) <= self.max_len

    def matches(self, line: str, length: int | None = None) -> bool:
        """True when the rule fires on ``line`` (zone aside)."""
        if not self.fits(line, length) or not self._hit(line):
            return False
        return not any(v.search(line) for v in self._vetoes)

    def _hit(self, line: str) -> bool:
        if self.min_hits == 1:
            return any(p.match(line) if p.pattern.startswith("^") else p.search(line) for p in self._compiled)
        n = 0
        for p in self._compiled:
            n += sum(1 for _ in p.finditer(line))
            if n >= self.min_hits:
                return True
        return False

    def spans(self, line: str) -> list[tuple[int, int]]:
        """The matched spans in ``line`` (for ``span`` rules)."""
        found = sorted(m.span() for p in self._compiled for m in p.finditer(line) if m.end() > m.start())
        merged: list[tuple[int, int]] = []
        for s, e in found:
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        return merged

    def check(self) -> None:
        """Run the rule's examples; raise :class:`RuleError` naming the first that fails."""
        for text in self.hits:
            if not self.matches(text):
                raise RuleError(f"rule {self.id!r} should match its example {text!r} but does not")
        for text in self.misses:
            if self.matches(text):
                raise RuleError(f"rule {self.id!r} should not match its example {text!r} but does")


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value or ())


def rule_from_mapping(data: Mapping[str, Any], step: str = "boilerplate", origin: str = "") -> Rule:
    """Build a :class:`Rule` from one ``[[rule]]`` table."""
    known = {"id", "description", "patterns", "scope", "zone", "max_len", "min_hits", "unless", "hits", "misses", "step"}
    unknown = set(data) - known
    if unknown:
        raise RuleError(f"{origin}: rule {data.get('id')!r} has unknown fields {sorted(unknown)}")
    values = dict(data)
    values.setdefault("step", step)
    if values.get("max_len", 0) == 0 and "max_len" in values:
        values["max_len"] = None
    try:
        return Rule(**values)
    except TypeError as e:
        raise RuleError(f"{origin}: rule {data.get('id')!r}: {e}") from None


def read_toml(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The tables of a TOML data file (rules, weights, vocabularies); :class:`RuleError` when it is
    missing or not valid TOML."""
    path = Path(path)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuleError(f"rule file not found: {path}") from None
    except tomllib.TOMLDecodeError as e:
        raise RuleError(f"{path}: not valid TOML: {e}") from None


def load_file(path: str | os.PathLike[str], step: str = "boilerplate") -> tuple[Rule, ...]:
    """Load the ``[[rule]]`` tables of a TOML rule file."""
    return tuple(rule_from_mapping(t, step, str(path)) for t in read_toml(path).get("rule", ()))


@cache
def builtin(step: str) -> tuple[Rule, ...]:
    """The built-in rules of a step (cached once per process)."""
    path = RULES_DIR / f"{step}.toml"
    return load_file(path, step) if path.exists() else ()


def all_builtin() -> tuple[Rule, ...]:
    """Every built-in rule of every step."""
    return tuple(r for p in sorted(RULES_DIR.glob("*.toml")) for r in builtin(p.stem))


def resolve(sources: Iterable[Any], step: str = "boilerplate") -> tuple[Rule, ...]:
    """Turn the ``rules`` option (paths and Rule objects) into rules."""
    out: list[Rule] = []
    for src in sources:
        if isinstance(src, Rule):
            out.append(src)
        elif isinstance(src, (str, os.PathLike)):
            out.extend(load_file(src, step))
        else:
            raise RuleError(f"rules: expected a path or a Rule, got {type(src).__name__}")
    return tuple(out)


def check_unique(rules: Sequence[Rule]) -> None:
    """Raise :class:`RuleError` when two rules share an id."""
    seen: set[str] = set()
    for r in rules:
        if r.id in seen:
            raise RuleError(f"duplicate rule id {r.id!r}")
        seen.add(r.id)


__all__ = ["Rule", "all_builtin", "builtin", "check_unique", "load_file", "read_toml", "resolve", "rule_from_mapping"]
