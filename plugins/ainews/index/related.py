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

Speed (10,000 articles well under a second): features get integer ids in one
pass and everything after is NumPy over flat arrays, with no Python loop per
feature or per pair. An inverted index (the entries sorted by feature, then
time) gives every pair sharing a feature as offsets along its posting list. A
tag used by more than ``2 * window + 1`` articles pairs each only with the
``window`` nearest in time on either side; content terms and names that common
(or used by more than half of the articles) are the site's everyday words and
are left out. So the pairs stay linear in the number of articles, and each
article keeps only the few best candidates it can show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..model.article import Article
from .features import FeatureTable, feature_table

DEFAULT_WINDOW = 20
# How much each kind of evidence counts (each is a cosine similarity from 0 to 1).
GROUP_WEIGHTS = {"content": 1.0, "entity": 0.8, "tag": 1.2}
_GROUPS = tuple(GROUP_WEIGHTS)
CONTENT_TERMS = 16
TIME_BOOST = 0.5            # a same-day article's score counts up to 1.5 times
TIME_SCALE = 14 * 86400.0   # seconds: the boost falls to a third after two weeks
# Scores are rounded to this many decimals, so that the same features summed in another order tie exactly.
_DECIMALS = 9


@dataclass(frozen=True)
class _Entries:
    """The weighted features of every article, sorted by feature, then article (time order)."""

    feature: np.ndarray     # feature id
    article: np.ndarray     # article position in time order
    weight: np.ndarray      # the article's weight for the feature, group weight included


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

    entries = _weighted_entries(feature_table(ordered), total, window)
    rows, cols, weights = _shared_feature_pairs(entries, window)
    ranked_cols, starts, ends = _rank_pairs(rows, cols, weights, stamps, slug_rank, total)

    related: dict[str, tuple[Article, ...]] = {}
    for i, article in enumerate(ordered):
        excluded = {position[s] for s in article.related_exclude if s in position} | {i}
        # dict.fromkeys: a pin named twice is shown once, in the order first given.
        pins = [position[s] for s in dict.fromkeys(article.related_pins) if s in position]
        chosen = [j for j in pins if j not in excluded][:count]
        taken = set(chosen) | excluded
        # The best candidates that can fill the slots left: those after pins and exclusions.
        needed = count + len(pins) + len(excluded)
        start, end = int(starts[i]), int(ends[i])
        candidates = ranked_cols[start:min(end, start + needed)].tolist()
        chosen += [j for j in candidates if j not in taken][:count - len(chosen)]
        if len(chosen) < count:
            # Fewer candidates than slots means every candidate was looked at above.
            skip = set(chosen) | excluded | set(candidates)
            chosen += _closest_in_time(ordered, stamps, i, count - len(chosen), skip)
        related[article.slug] = tuple(ordered[j] for j in chosen)
    return related


def _weighted_entries(table: FeatureTable, total: int, window: int) -> _Entries:
    """Each article's unit vectors per group, scaled by the group's weight, as sorted flat arrays.

    Tags are the editors' own choice and always count (a common one through the time
    window). Content terms and names shared by more than ``2 * window + 1`` articles, or
    by more than half of them, are common words of the site: they are left out, which
    keeps the pairs few.
    """
    feature, article, group = table.feature, table.article, table.group
    df = np.bincount(feature, minlength=len(table.names))     # one row per article and feature
    limit = min(2 * window + 1, total / 2) if total >= 4 else total
    idf = np.log((total + 1) / np.maximum(df, 1))
    usable = (df >= 2) & ((df <= limit) | _is_tag(table.names))
    weight = (1 + np.log(table.count)) * idf[feature]          # tf-idf; names and tags count once
    keep = usable[feature]
    feature, article, group, weight = feature[keep], article[keep], group[keep], weight[keep]

    # The strongest CONTENT_TERMS content terms per article (ties: the later term in code-point order).
    name_rank = np.empty(len(table.names), dtype=np.int64)
    name_rank[sorted(range(len(table.names)), key=table.names.__getitem__)] = np.arange(len(table.names))
    order = np.lexsort((-name_rank[feature], -weight, group, article))
    feature, article, group, weight = feature[order], article[order], group[order], weight[order]
    slot = article * 3 + group
    first = np.flatnonzero(np.r_[True, slot[1:] != slot[:-1]])
    rank_in_slot = np.arange(len(slot)) - np.repeat(first, np.diff(np.r_[first, len(slot)]))
    keep = (group != 0) | (rank_in_slot < CONTENT_TERMS)
    feature, article, group, weight, slot = feature[keep], article[keep], group[keep], weight[keep], slot[keep]

    norm = np.sqrt(np.bincount(slot, weights=weight * weight, minlength=3 * total))
    scale = np.sqrt(np.array([GROUP_WEIGHTS[g] for g in _GROUPS]))[group] / norm[slot]
    weight = weight * scale
    order = np.lexsort((article, feature))
    return _Entries(feature[order], article[order], weight[order])


def _is_tag(names: list[str]) -> np.ndarray:
    """Per feature id, whether it is a tag (tags stay however common they are)."""
    return np.fromiter((name.startswith("tag:") for name in names), dtype=bool, count=len(names))


def _shared_feature_pairs(entries: _Entries, window: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(earlier article, later article, product of their weights) for every feature both have.

    Entry ``k`` at place ``p`` of a posting list of length ``L`` pairs with the next
    ``min(reach, L - 1 - p)`` entries, where ``reach`` is ``L - 1`` for a short list and
    ``window`` for a long one: all pairs at once with ``np.repeat``, no loop per feature.
    """
    feature = entries.feature
    if len(feature) == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0)
    first = np.flatnonzero(np.r_[True, feature[1:] != feature[:-1]])
    length = np.diff(np.r_[first, len(feature)])
    start = np.repeat(first, length)
    place = np.arange(len(feature)) - start
    list_length = np.repeat(length, length)
    reach = np.where(list_length <= 2 * window + 1, list_length - 1, window)
    ahead = np.minimum(reach, list_length - 1 - place)
    left = np.repeat(np.arange(len(feature)), ahead)
    # Offsets 1..ahead for each entry: a running count restarted at each entry's block.
    block_start = np.repeat(np.cumsum(ahead) - ahead, ahead)
    right = left + 1 + np.arange(len(left)) - block_start
    return entries.article[left], entries.article[right], entries.weight[left] * entries.weight[right]


def _rank_pairs(rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, stamps: np.ndarray,
                slug_rank: np.ndarray, total: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every article's candidates, best first: (candidates, start and end per article)."""
    if len(rows) == 0:
        nothing = np.zeros(total, dtype=np.int64)
        return np.empty(0, dtype=np.int64), nothing, nothing
    keys = rows * total + cols             # rows < cols: each pair once, so the sort is half as long
    order = np.argsort(keys)
    keys, weights = keys[order], weights[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    scores = np.add.reduceat(weights, starts)
    keys = keys[starts]
    pair_rows, pair_cols = keys // total, keys % total
    distance = np.abs(stamps[pair_cols] - stamps[pair_rows])
    scores = np.round(scores * (1 + TIME_BOOST * np.exp(-distance / TIME_SCALE)), _DECIMALS)
    # Both directions; best first per row: score, then closeness in time, then the slug.
    pair_rows, pair_cols = np.r_[pair_rows, pair_cols], np.r_[pair_cols, pair_rows]
    scores, distance = np.r_[scores, scores], np.r_[distance, distance]
    best = _best_first(pair_rows, scores, distance, slug_rank[pair_cols])
    pair_rows, pair_cols = pair_rows[best], pair_cols[best]
    bounds = np.searchsorted(pair_rows, np.arange(total + 1))
    return pair_cols, bounds[:-1], bounds[1:]


def _best_first(rows: np.ndarray, scores: np.ndarray, distance: np.ndarray, slug_rank: np.ndarray) -> np.ndarray:
    """The order by row, then score (highest first), then distance, then slug rank.

    Row and score make one integer key (scores are rounded to ``_DECIMALS``), so one
    argsort does what a four-key lexsort did at several times the cost; only the rare
    runs of equal keys are ordered by distance and slug afterwards.
    """
    points = np.rint(scores * 10 ** _DECIMALS).astype(np.int64)
    shift = max(int(points.max()).bit_length(), 1)
    if int(rows.max()).bit_length() + shift > 62:      # beyond any real site: the plain way
        return np.lexsort((slug_rank, distance, -scores, rows))
    keys = (rows << shift) | ((1 << shift) - 1 - points)
    order = np.argsort(keys)
    keys = keys[order]
    same = np.flatnonzero(keys[1:] == keys[:-1])
    if len(same):
        places = np.union1d(same, same + 1)
        among = order[places]
        order[places] = among[np.lexsort((among, slug_rank[among], distance[among], keys[places]))]
    return order


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
