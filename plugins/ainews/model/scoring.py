"""Scores and the importance (重要度) derived from them."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Mapping

SCORE_NAMES: tuple[str, ...] = ("depth", "relevance", "practicality", "novelty")
DEFAULT_WEIGHTS: dict[str, float] = {"depth": 0.4, "relevance": 0.3, "practicality": 0.2, "novelty": 0.1}
DEFAULT_LABELS: dict[int, str] = {5: "最重要", 4: "重要", 3: "注目", 2: "通常", 1: "参考"}
SCORE_LABELS: dict[str, str] = {"depth": "深度", "relevance": "関連度", "practicality": "実用性", "novelty": "革新性"}
MIN_SCORE, MAX_SCORE = 1, 5


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
