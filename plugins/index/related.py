"""Related articles (関連記事) from an inverted tag index, weighted by rarity.

Score = sum of idf(tag) = log(N / df) over shared tags, so a rare shared tag
outweighs a common one. Ties go to the article closest in time, then slug.
Tags used by many articles are not scanned whole: only the ``window`` articles
nearest in time on each side are candidates through such a tag, which keeps
the work per article bounded at 10,000+ articles.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import defaultdict
from typing import Sequence

from ..model.article import Article


def build_related(articles: Sequence[Article], count: int = 3, window: int = 60) -> dict[str, tuple[Article, ...]]:
    """Up to ``count`` related articles per article slug. ``articles`` excludes drafts."""
    ordered = sorted(articles, key=lambda a: (a.published, a.slug))
    stamps = [a.published.timestamp() for a in ordered]
    position = {a.slug: i for i, a in enumerate(ordered)}
    postings: dict[str, list[int]] = defaultdict(list)   # tag slug -> positions, in time order
    for i, article in enumerate(ordered):
        for tag in article.tags:
            postings[tag.slug].append(i)
    total = len(ordered)
    idf = {slug: math.log((total + 1) / len(items)) for slug, items in postings.items()}

    related: dict[str, tuple[Article, ...]] = {}
    for i, article in enumerate(ordered):
        scores: dict[int, float] = defaultdict(float)
        for tag in article.tags:
            for j in _nearby(postings[tag.slug], i, window):
                if j != i:
                    scores[j] += idf[tag.slug]
        excluded = {position[s] for s in article.related_exclude if s in position} | {i}
        chosen = [position[s] for s in article.related_pins
                  if s in position and position[s] not in excluded][:count]
        taken = set(chosen) | excluded
        ranked = heapq.nsmallest(
            count, (j for j in scores if j not in taken),
            key=lambda j: (-round(scores[j], 9), abs(stamps[j] - stamps[i]), ordered[j].slug))
        chosen += ranked[:count - len(chosen)]
        if len(chosen) < count:
            chosen += _closest_in_time(ordered, stamps, i, count - len(chosen), set(chosen) | excluded | set(scores))
        related[article.slug] = tuple(ordered[j] for j in chosen)
    return related


def _nearby(items: list[int], i: int, window: int) -> list[int]:
    """All positions of a rare tag; for a common one, the ``window`` nearest on each side of ``i``."""
    if len(items) <= 2 * window + 1:
        return items
    at = bisect.bisect_left(items, i)
    return items[max(0, at - window):at + window + 1]


def _closest_in_time(ordered: Sequence[Article], stamps: list[float], i: int, needed: int,
                     skip: set[int]) -> list[int]:
    """Articles sharing no tag fill the last slots, nearest in time first."""
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
