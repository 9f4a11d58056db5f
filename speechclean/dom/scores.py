"""The per-element tables of the density pass: scores, weights, text counts, template slots, chrome names.

Filled by :func:`~speechclean.dom.scoring.score_tree`; read by the main-content choice
(:mod:`~speechclean.dom.density`) and the mechanisms after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree


@dataclass(slots=True)
class Scores:
    """Per element: subtree score, own block weight, characters, link characters, marks, slot, chrome name."""

    score: dict[etree._Element, float] = field(default_factory=dict)
    own: dict[etree._Element, float] = field(default_factory=dict)
    chars: dict[etree._Element, int] = field(default_factory=dict)
    links: dict[etree._Element, int] = field(default_factory=dict)
    marks: dict[etree._Element, int] = field(default_factory=dict)
    slot: dict[etree._Element, int] = field(default_factory=dict)
    local: dict[etree._Element, int] = field(default_factory=dict)
    chrome: set[etree._Element] = field(default_factory=set)
    named: set[etree._Element] = field(default_factory=set)
    weak: set[etree._Element] = field(default_factory=set)  # named by a widget family (WEAK_NAME_RULES)
    thread: set[etree._Element] = field(default_factory=set)  # named as a comment thread (THREAD_RULES)
    beside: set[etree._Element] = field(default_factory=set)  # prose blocks whose link lists count LINK_BESIDE_FACTOR
    net: dict[etree._Element, float] = field(default_factory=dict)
    net_marks: dict[etree._Element, int] = field(default_factory=dict)
    block: dict[etree._Element, tuple[int, int, int]] = field(default_factory=dict)  # own chars, marks, links
