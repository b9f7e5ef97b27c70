"""Related articles (関連記事): the same story first, by content, names, tags and time; vectorised.

Each article becomes a sparse vector of features in three groups, each group
normalised to length 1 (`features.article_features`):

- content terms of its title (Japanese and original), TL;DR, key-point titles
  and the translation's leading text: Latin words and, for Japanese, character
  bigrams of kanji and katakana runs (no dictionary needed), weighted by
  rarity (tf-idf), the strongest ``CONTENT_TERMS`` kept;
- named entities from the headline parts: model, company and product names
  (``Opus 5``, ``gpt-oss-2``, ``Gemini``), weighted by rarity;
- tags, weighted by rarity (``log((N + 1) / df)``).

The score of a pair is the weighted sum of the three cosine similarities,
raised for articles close in time (``1 + TIME_BOOST * exp(-days / TIME_SCALE)``),
so a release, its system card, the reactions and the follow-ups find each
other. Ties go to the closest in time, then to the slug. Articles sharing
nothing only fill the slots left, nearest in time first. Pins come first and
exclusions never appear.

Every pair sharing a feature is enumerated with NumPy, per feature, as offsets
along its time-ordered posting list. A tag used by more than ``2 * window + 1``
articles pairs each only with the ``window`` nearest in time on either side;
content terms and names that common (or used by more than half of the
articles) are the site's everyday words and are left out. The work stays
linear in the number of articles.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..model.article import Article
from .features import ArticleFeatures, article_features, tf_weight

DEFAULT_WINDOW = 20
# How much each kind of evidence counts (each is a cosine similarity from 0 to 1).
GROUP_WEIGHTS = {"content": 1.0, "entity": 0.8, "tag": 1.2}
CONTENT_TERMS = 16
TIME_BOOST = 0.5            # a same-day article's score counts up to 1.5 times
TIME_SCALE = 14 * 86400.0   # seconds: the boost falls to a third after two weeks


@dataclass(frozen=True)
class _Postings:
    """Per feature: article positions in time order and each article's weight for it."""

    positions: dict[str, list[int]]
    weights: dict[str, list[float]]


def build_related(articles: Sequence[Article], count: int = 3,
                  window: int = DEFAULT_WINDOW) -> dict[str, tuple[Article, ...]]:
    """Up to ``count`` related articles per article slug. ``articles`` excludes drafts."""
    ordered = sorted(articles, key=lambda a: (a.published, a.slug))
    total = len(ordered)
    if total == 0:
        return {}
    stamps = np.array([a.published.timestamp() for a in ordered])
    slug_rank = np.empty(total, dtype=np.int64)
    slug_rank[np.argsort(np.array([a.slug for a in ordered]), kind="stable")] = np.arange(total)
    position = {a.slug: i for i, a in enumerate(ordered)}

    postings = _weighted_postings([article_features(a) for a in ordered], window)
    rows, cols, weights = _shared_feature_pairs(postings, total, window)
    ranked = _rank_pairs(rows, cols, weights, stamps, slug_rank, total)

    related: dict[str, tuple[Article, ...]] = {}
    for i, article in enumerate(ordered):
        excluded = {position[s] for s in article.related_exclude if s in position} | {i}
        # dict.fromkeys: a pin named twice is shown once, in the order first given.
        chosen = [position[s] for s in dict.fromkeys(article.related_pins)
                  if s in position and position[s] not in excluded][:count]
        taken = set(chosen) | excluded
        candidates = ranked.get(i, ())
        chosen += [j for j in candidates if j not in taken][:count - len(chosen)]
        if len(chosen) < count:
            skip = set(chosen) | excluded | set(candidates)
            chosen += _closest_in_time(ordered, stamps, i, count - len(chosen), skip)
        related[article.slug] = tuple(ordered[j] for j in chosen)
    return related


def _weighted_postings(features: Sequence[ArticleFeatures], window: int) -> _Postings:
    """Each article's unit vectors per group, scaled by the group's weight, as posting lists.

    Tags are the editors' own choice and always count (a common one through the time
    window). Content terms and names shared by more than ``2 * window + 1`` articles, or
    by more than half of them, are common words of the site: they are left out, which
    keeps the pairs few.
    """
    total = len(features)
    df: Counter[str] = Counter()
    for item in features:
        df.update(item.content)
        df.update(item.entities)
        df.update(item.tags)
    limit = min(2 * window + 1, total / 2) if total >= 4 else total
    idf = {key: math.log((total + 1) / n) for key, n in df.items()
           if n >= 2 and (key.startswith("tag:") or n <= limit)}
    positions: dict[str, list[int]] = defaultdict(list)
    weights: dict[str, list[float]] = defaultdict(list)
    for i, item in enumerate(features):
        content = {k: tf_weight(n) * idf[k] for k, n in item.content.items() if k in idf}
        if len(content) > CONTENT_TERMS:
            content = dict(heapq.nlargest(CONTENT_TERMS, content.items(), key=lambda kv: (kv[1], kv[0])))
        groups = (("content", content),
                  ("entity", {k: idf[k] for k in item.entities if k in idf}),
                  ("tag", {k: idf[k] for k in item.tags if k in idf}))
        for group, vector in groups:
            if not vector:
                continue
            scale = math.sqrt(GROUP_WEIGHTS[group]) / math.sqrt(sum(w * w for w in vector.values()))
            for key, weight in vector.items():
                positions[key].append(i)
                weights[key].append(weight * scale)
    return _Postings(dict(positions), dict(weights))


def _shared_feature_pairs(postings: _Postings, total: int,
                          window: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(earlier article, later article, product of their weights) for every feature both have."""
    rows, cols, products = [], [], []
    for key, items in postings.positions.items():
        if len(items) < 2:
            continue
        posting = np.array(items, dtype=np.int64)
        weight = np.array(postings.weights[key])
        reach = len(items) - 1 if len(items) <= 2 * window + 1 else window
        for offset in range(1, reach + 1):
            # Each pair once (earlier, later); _rank_pairs adds the other direction.
            rows.append(posting[:-offset])
            cols.append(posting[offset:])
            products.append(weight[:-offset] * weight[offset:])
    if not rows:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0)
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(products)


def _rank_pairs(rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, stamps: np.ndarray,
                slug_rank: np.ndarray, total: int) -> dict[int, tuple[int, ...]]:
    """Per article, every candidate sharing a feature, best first."""
    if len(rows) == 0:
        return {}
    keys = rows * total + cols             # rows < cols: each pair once, so the sort is half as long
    order = np.argsort(keys)
    keys, weights = keys[order], weights[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    scores = np.add.reduceat(weights, starts)
    keys = keys[starts]
    keys = np.concatenate([keys, (keys % total) * total + keys // total])   # and the other direction
    scores = np.concatenate([scores, scores])
    pair_rows, pair_cols = keys // total, keys % total
    distance = np.abs(stamps[pair_cols] - stamps[pair_rows])
    # Rounded, so that the same features summed in another order tie exactly.
    scores = np.round(scores * (1 + TIME_BOOST * np.exp(-distance / TIME_SCALE)), 9)
    best = np.lexsort((slug_rank[pair_cols], distance, -scores, pair_rows))
    pair_rows, pair_cols = pair_rows[best], pair_cols[best]
    bounds = np.flatnonzero(np.r_[True, pair_rows[1:] != pair_rows[:-1], True])
    return {int(pair_rows[start]): tuple(pair_cols[start:end].tolist())
            for start, end in zip(bounds[:-1], bounds[1:])}


def _closest_in_time(ordered: Sequence[Article], stamps: np.ndarray, i: int, needed: int,
                     skip: set[int]) -> list[int]:
    """Articles sharing nothing fill the last slots, nearest in time first."""
    found: list[int] = []
    left, right = i - 1, i + 1
    while len(found) < needed and (left >= 0 or right < len(ordered)):
        take_left = right >= len(ordered) or (
            left >= 0 and (stamps[i] - stamps[left], ordered[left].slug) <= (stamps[right] - stamps[i], ordered[right].slug))
        j = left if take_left else right
        if take_left:
            left -= 1
        else:
            right += 1
        if j not in skip:
            found.append(j)
    return found
