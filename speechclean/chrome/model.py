"""Weigh a line's cues into a chrome probability: two small logistic regressions.

Stage ``line`` scores a line on its own cues (shape, vocabulary, position); stage ``context`` adds the
neighbour cues computed from the first stage's scores. Weights, biases and the decision threshold are
data (``rules/chrome_weights.toml``), written by ``benchmarks/train_lines.py`` from labelled lines and
never edited by hand.

>>> m = model()
>>> 0.0 <= m.score("line", {"shape.no_punct": 1.0})[0] <= 1.0
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache

from ..rules import RULES_DIR, read_toml

WEIGHTS_FILE = (RULES_DIR / "chrome_weights.toml").resolve()  # train_lines.py writes it, relative to the checkout
#: How many cues the audit trail names for a decision (those that pushed hardest towards chrome).
TOP_CUES = 3


@dataclass(frozen=True)
class Stage:
    """One logistic regression: ``p = 1 / (1 + exp(-(bias + Σ weight·cue)))``."""

    bias: float
    weights: dict[str, float]

    def logit(self, cues: dict[str, float]) -> float:
        w = self.weights
        return self.bias + sum(w.get(k, 0.0) * v for k, v in cues.items())


@dataclass(frozen=True)
class Model:
    """The two stages, the threshold above which a line is chrome, and the cut-offs of the run rules
    (``menu``: :func:`speechclean.chrome.runs.menu_goes`)."""

    stages: dict[str, Stage]
    threshold: float
    meta: dict[str, object]
    menu: dict[str, float] = field(default_factory=dict)

    def score(self, stage: str, cues: dict[str, float]) -> tuple[float, tuple[str, ...]]:
        """The probability that a line with ``cues`` is chrome, and the cues that pushed it up most."""
        st = self.stages[stage]
        z = st.logit(cues)
        p = 1.0 / (1.0 + math.exp(-z)) if z > -40 else 0.0
        w = st.weights
        pushed = sorted(((w.get(k, 0.0) * v, k) for k, v in cues.items()), reverse=True)
        return p, tuple(k for c, k in pushed[:TOP_CUES] if c > 0)


def model_from_mapping(data: dict) -> Model:
    """Build a :class:`Model` from the tables of a weights file."""
    stages = {name: Stage(float(t["bias"]), {k: float(v) for k, v in t["weights"].items()}) for name, t in data["stage"].items()}
    menu = {k: float(v) for k, v in data["menu"].items()}
    return Model(stages, float(data["threshold"]), dict(data.get("meta", {})), menu)


@cache
def model() -> Model:
    """The built-in model (loaded once per process)."""
    return model_from_mapping(read_toml(WEIGHTS_FILE))


__all__ = ["WEIGHTS_FILE", "Model", "Stage", "model", "model_from_mapping"]
