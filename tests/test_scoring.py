"""Importance (重要度): the weighted mean of the four scores, rounded down, without float traps."""

from __future__ import annotations

import itertools

import pytest

from ainews.model.scoring import DEFAULT_LABELS, DEFAULT_WEIGHTS, SCORE_NAMES, weighted_importance


def scores(depth: int, relevance: int, practicality: int, novelty: int) -> dict[str, int]:
    return {"depth": depth, "relevance": relevance, "practicality": practicality, "novelty": novelty}


def test_the_reference_page_scores_give_importance_4() -> None:
    # 0.4*5 + 0.3*5 + 0.2*3 + 0.1*4 = 4.5, rounded down.
    assert weighted_importance(scores(5, 5, 3, 4), DEFAULT_WEIGHTS) == 4


@pytest.mark.parametrize("level", [1, 2, 3, 4, 5])
def test_equal_scores_give_exactly_that_importance(level: int) -> None:
    assert weighted_importance(scores(level, level, level, level), DEFAULT_WEIGHTS) == level


def test_the_float_trap_is_real() -> None:
    # Why exact arithmetic: in binary floats 4/4/4/4 sums to 3.9999999999999996, which floors to 3.
    weights = DEFAULT_WEIGHTS
    assert sum(weights[name] * 4 for name in SCORE_NAMES) < 4
    assert weighted_importance(scores(4, 4, 4, 4), weights) == 4


def test_every_combination_matches_exact_arithmetic() -> None:
    tenths = {"depth": 4, "relevance": 3, "practicality": 2, "novelty": 1}
    for combo in itertools.product(range(1, 6), repeat=4):
        given = dict(zip(SCORE_NAMES, combo))
        exact = sum(tenths[name] * given[name] for name in SCORE_NAMES) // 10
        assert weighted_importance(given, DEFAULT_WEIGHTS) == exact, given


def test_weights_are_normalised_so_any_scale_works() -> None:
    assert weighted_importance(scores(5, 5, 3, 4), {"depth": 40, "relevance": 30, "practicality": 20, "novelty": 10}) == 4
    assert weighted_importance(scores(5, 1, 1, 1), {"depth": 1, "relevance": 0, "practicality": 0, "novelty": 0}) == 5


def test_weights_that_sum_to_nothing_are_refused() -> None:
    with pytest.raises(ValueError, match="more than 0"):
        weighted_importance(scores(3, 3, 3, 3), {name: 0 for name in SCORE_NAMES})


def test_default_labels_and_weights_are_the_contract_ones() -> None:
    assert DEFAULT_LABELS == {5: "最重要", 4: "重要", 3: "注目", 2: "通常", 1: "参考"}
    assert DEFAULT_WEIGHTS == {"depth": 0.4, "relevance": 0.3, "practicality": 0.2, "novelty": 0.1}
