"""Scores and the importance (重要度) derived from them."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Mapping

from .fields import ARTICLE

# The scores and the importance's range are part of the declared article format.
SCORE_NAMES: tuple[str, ...] = ARTICLE.field("scores").names
DEFAULT_WEIGHTS: dict[str, float] = {"depth": 0.4, "relevance": 0.3, "practicality": 0.2, "novelty": 0.1}
DEFAULT_LABELS: dict[int, str] = {5: "最重要", 4: "重要", 3: "注目", 2: "通常", 1: "参考"}
SCORE_LABELS: dict[str, str] = {score.name: score.label_ja for score in ARTICLE.field("scores").fields}
_IMPORTANCE = ARTICLE.field("importance")
assert _IMPORTANCE.minimum is not None and _IMPORTANCE.maximum is not None
MIN_SCORE, MAX_SCORE = _IMPORTANCE.minimum, _IMPORTANCE.maximum


def weighted_importance(scores: Mapping[str, int], weights: Mapping[str, float]) -> int:
    """The weighted mean of the scores, rounded down, clamped to 1..5.

    Weights go through ``Fraction(str(w))`` so that 3/3/3/3 gives exactly 3,
    not 2.999... rounded down to 2 as binary floats would.
    """
    exact = {name: Fraction(str(weights[name])) for name in SCORE_NAMES}
    total = sum(exact.values())
    if total <= 0:
        raise ValueError("score weights must add up to more than 0")
    mean = sum(exact[name] * scores[name] for name in SCORE_NAMES) / total
    return max(MIN_SCORE, min(MAX_SCORE, math.floor(mean)))
