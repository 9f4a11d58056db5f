"""Literal prefilters for regular expressions: strings one of which every match must contain.

A rule's patterns are searched on every line; most lines hold none of the literals the patterns
need, and a substring test (``lit in line``, C speed) rules them out before any regex runs. The
literals are read off the parsed pattern (Python's own parser), so the filter is exact: it can only
say "cannot match", never hide a match.

>>> sorted(required_literals(r"^(?:本文|原文)(?:来源|出处)[:：]"))
['原文', '本文']
>>> required_literals(r"\\d+") is None  # no literal to require
True
>>> may_contain(("来源", "出处"), "文章来源：新华网")
True
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterable
from typing import Any

if sys.version_info >= (3, 11):  # the parser moved to re._parser (sre_parse warns since 3.11)
    from re import _constants as _c
    from re import _parser as _p
else:  # pragma: no cover - Python 3.10 (and what mypy checks: typeshed types sre_parse)
    import sre_constants as _c
    import sre_parse as _p

#: Character classes of at most this many characters become a set of one-character literals.
MAX_CLASS = 24
#: A prefilter of more literals than this is not made (the automaton and the alternation grow with it).
MAX_LITERALS = 256

Literals = frozenset[str]


def _better(a: Literals | None, b: Literals | None) -> Literals | None:
    """The more selective of two requirements (longer shortest literal, then fewer literals)."""
    if a is None:
        return b
    if b is None:
        return a
    ka = (min(map(len, a)), -len(a))
    kb = (min(map(len, b)), -len(b))
    return a if ka >= kb else b


def _class(items: list[tuple[Any, Any]]) -> Literals | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < MAX_CLASS:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:  # NEGATE, CATEGORY, a wide range
            return None
        if len(chars) > MAX_CLASS:
            return None
    return frozenset(chars) or None


def _item(op: object, av: Any) -> Literals | None:  # av: a node of re's untyped parse tree
    """What one parsed item requires (None: nothing)."""
    if op is _c.LITERAL:
        return frozenset(chr(av))
    if op is _c.IN:
        return _class(av)
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return None if add_flags & re.IGNORECASE else _sequence(sub)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(av)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = av
        return _sequence(sub) if low >= 1 else None
    if op is _c.BRANCH:
        _, branches = av
        union: set[str] = set()
        for branch in branches:
            need = _sequence(branch)
            if need is None:
                return None
            union |= need
        return frozenset(union)
    return None  # anchors, lookarounds, ANY, categories, group references: no requirement


def _sequence(sub: Any) -> Literals | None:  # a SubPattern or a list of (op, av) nodes
    """What a sequence requires: the best of its literal runs and of its items' requirements."""
    best: Literals | None = None
    run: list[str] = []
    for op, av in sub:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, frozenset(["".join(run)]))
            run = []
        best = _better(best, _item(op, av))
    if run:
        best = _better(best, frozenset(["".join(run)]))
    return best


def required_literals(pattern: str | re.Pattern[str]) -> Literals | None:
    """Strings one of which occurs in every match of ``pattern``, or None when there are none to
    require (or the pattern ignores case: the literals would have to be folded)."""
    compiled = re.compile(pattern) if isinstance(pattern, str) else pattern
    if compiled.flags & re.IGNORECASE:
        return None
    try:
        need = _sequence(_p.parse(compiled.pattern, compiled.flags & ~re.UNICODE))
    except (re.error, TypeError, ValueError, AttributeError):  # pragma: no cover - an unusual parse tree
        return None
    if not need or "" in need or len(need) > MAX_LITERALS:
        return None
    return need


def required_any(patterns: Iterable[str | re.Pattern[str]]) -> tuple[str, ...] | None:
    """Literals one of which every match of any of ``patterns`` contains (None: no prefilter)."""
    union: set[str] = set()
    for p in patterns:
        need = required_literals(p)
        if need is None:
            return None
        union |= need
    if not union or len(union) > MAX_LITERALS:
        return None
    return tuple(sorted(union, key=lambda s: (-len(s), s)))


class Prefilter:
    """One scan of a line for the literals of many pattern sets; says which sets may match it.

    ``needs[k]`` is the literals of set ``k`` (from :func:`required_any`) or None (always a candidate).
    With ``ahocorasick-rs`` installed, one Aho-Corasick pass finds every literal (overlapping); without
    it, each set's literals are one ``re`` alternation. :meth:`candidates` is exact either way.

    >>> pre = Prefilter([("来源", "出处"), None, ("上一篇",)])
    >>> sorted(pre.candidates("文章来源：新华网"))
    [0, 1]
    """

    def __init__(self, needs: list[tuple[str, ...] | None], *, engine: str = "auto") -> None:
        ahocorasick_rs: Any  # optional (no stubs): imported by name so that mypy types it Any either way
        try:
            ahocorasick_rs = importlib.import_module("ahocorasick_rs")
        except ImportError:
            if engine == "ahocorasick":
                raise
            ahocorasick_rs = None
        self.always = frozenset(k for k, need in enumerate(needs) if need is None)
        #: One-character literals (a comma, a colon) occur on most lines; the automaton, which reports every
        #: occurrence, is kept to the longer ones, and these are substring tests (only for sets not yet found).
        self._chars: list[tuple[int, tuple[str, ...]]] = []
        owners: dict[str, list[int]] = {}
        for k, need in enumerate(needs):
            if ahocorasick_rs is not None and engine != "re" and need is not None:
                chars = tuple(lit for lit in need if len(lit) == 1)
                if chars:
                    self._chars.append((k, chars))
                need = tuple(lit for lit in need if len(lit) > 1)
            for lit in need or ():
                owners.setdefault(lit, []).append(k)
        self._literals = sorted(owners)
        self._owners = [frozenset(owners[lit]) for lit in self._literals]
        self._ac = None
        if ahocorasick_rs is not None and engine != "re" and self._literals:
            self._ac = ahocorasick_rs.AhoCorasick(self._literals)
        self._searches = [] if self._ac is not None else [
            (k, re.compile("|".join(map(re.escape, need))).search) for k, need in enumerate(needs) if need
        ]
        self.engine = "ahocorasick" if self._ac is not None else "re"

    def candidates(self, text: str) -> set[int]:
        """The sets that may match ``text``: those whose literals occur in it, and those without literals."""
        found = set(self.always)
        if self._ac is not None:
            owners = self._owners
            for p in {p for p, _, _ in self._ac.find_matches_as_indexes(text, overlapping=True)}:
                found |= owners[p]
            for k, chars in self._chars:
                if k not in found and any(c in text for c in chars):
                    found.add(k)
        else:
            found.update(k for k, search in self._searches if search(text))
        return found


def may_contain(literals: tuple[str, ...] | None, text: str) -> bool:
    """False only when ``text`` holds none of ``literals`` (so no pattern they were read from matches)."""
    if literals is None:
        return True
    return any(lit in text for lit in literals)


__all__ = ["Prefilter", "may_contain", "required_any", "required_literals"]
