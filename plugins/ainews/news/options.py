"""Checks of the plugin options that MkDocs' type checks let through but the build cannot use.

`c.Type(int)` accepts `reading_cjk_per_minute: 0` (a division by zero later) and
`c.Type(dict)` accepts `score_weights: {depth: "4"}` (a TypeError later). Every
such option is one line `plugins.news.<option>: ...`, all of them together.
"""

from __future__ import annotations

import math
from typing import Any

from ..model.messages import msg
from ..model.scoring import MAX_SCORE, MIN_SCORE, SCORE_NAMES

# Options that count something, and the least each may be.
_AT_LEAST: dict[str, int] = {
    "reading_cjk_per_minute": 1, "reading_words_per_minute": 1, "related_count": 0,
    "per_page": 1, "feed_size": 1, "workers": 0, "search_partition": 1,
}
_LEVELS = range(MIN_SCORE, MAX_SCORE + 1)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _level(key: Any) -> int | None:
    """An importance level from a label key: 5 or "5"; None for anything else."""
    if isinstance(key, bool):
        return None
    if isinstance(key, int) or (isinstance(key, str) and key.strip().isdigit() and key.strip().isascii()):
        return int(key) if int(key) in _LEVELS else None
    return None


def option_problems(options: Any) -> list[str]:
    """One ``plugins.news.<option>: message`` per unusable option value."""
    problems = []
    weights = options.score_weights
    if set(map(str, weights)) != set(SCORE_NAMES) or not all(_number(w) and w >= 0 for w in weights.values()) \
            or sum(weights.values()) <= 0:
        problems.append("plugins.news.score_weights: " + msg(
            "must give {names} as numbers >= 0 with a positive sum, got {got}",
            names=", ".join(SCORE_NAMES), got=repr(weights)))
    labels = options.importance_labels
    levels = {_level(key) for key in labels}
    if levels != set(_LEVELS) or len(labels) != len(_LEVELS) or \
            not all(isinstance(label, str) and label.strip() for label in labels.values()):
        problems.append("plugins.news.importance_labels: " + msg(
            "must give a non-empty text for each level {low} to {high}, got {got}",
            low=MIN_SCORE, high=MAX_SCORE, got=repr(labels)))
    for name, least in _AT_LEAST.items():
        value = getattr(options, name)
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            problems.append(f"plugins.news.{name}: " + msg("must be a whole number >= {least}, got {got}",
                                                           least=least, got=repr(value)))
    return problems
