"""Orderings and tallies over a group of articles, shared by the listing pages and the share cards."""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Sequence

from ..model.article import Article
from ..model.registry import SourceInfo
from .site import SiteIndex


def by_importance(articles: Sequence[Article]) -> list[Article]:
    """Most important first, then newest, then by slug: the order of roundups and highlights."""
    return sorted(articles, key=lambda a: (-a.importance, -a.published.timestamp(), a.slug))


def top_tags(articles: Iterable[Article], limit: int) -> list[tuple[str, str, int]]:
    """``(slug, name, uses)`` of the ``limit`` most used tags in ``articles``; ties by name."""
    uses: Counter[str] = Counter()
    names: dict[str, str] = {}
    for article in articles:
        for tag in article.tags:
            uses[tag.slug] += 1
            names[tag.slug] = tag.name
    ranked = sorted(uses, key=lambda slug: (-uses[slug], names[slug]))
    return [(slug, names[slug], uses[slug]) for slug in ranked[:limit]]


def sources_by_use(index: SiteIndex) -> list[SourceInfo]:
    """The sources of published articles, most articles first, then by name."""
    return sorted(index.sources.values(), key=lambda s: (-len(index.by_source[s.slug]), s.name))
