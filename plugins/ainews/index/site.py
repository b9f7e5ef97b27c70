"""SiteIndex: the articles arranged every way the pages need them, built once per build."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from ..model.article import Article
from ..model.corpus import Corpus
from ..model.dates import iso_week
from ..model.registry import SourceInfo, TagInfo
from ..model.schedule import split_scheduled
from .related import RelatedIndex, build_related_index


@dataclass(frozen=True)
class SiteIndex:
    """Published articles newest first, grouped by tag, source and day, with related articles.

    Drafts and scheduled articles (``publish_at`` still ahead) are kept apart: they
    get their own page under `mkdocs serve` but are never listed, counted or related.
    """

    articles: tuple[Article, ...]
    drafts: tuple[Article, ...]
    by_tag: dict[str, tuple[Article, ...]]
    by_source: dict[str, tuple[Article, ...]]
    by_day: dict[dt.date, tuple[Article, ...]]     # days newest first
    by_week: dict[str, tuple[Article, ...]]        # ISO weeks ("2026-W47") newest first
    tags: dict[str, TagInfo]                        # tags used by a published article
    sources: dict[str, SourceInfo]                  # sources of a published article
    related: dict[str, tuple[Article, ...]]
    scheduled: tuple[Article, ...] = ()            # soonest first
    # slug -> (the next older, the next newer) published article: an article page's 前の記事 / 次の記事
    neighbours: dict[str, tuple[Article | None, Article | None]] = field(default_factory=dict)
    # What ``related`` was computed from, for the preview's updates (index/update.py).
    related_index: RelatedIndex | None = field(default=None, compare=False, repr=False)

    @property
    def scheduled_slugs(self) -> frozenset[str]:
        return frozenset(a.slug for a in self.scheduled)


def newest_first(articles: Iterable[Article]) -> tuple[Article, ...]:
    return tuple(sorted(articles, key=lambda a: (a.published, a.slug), reverse=True))


def build_site_index(corpus: Corpus, related_count: int = 3, now: dt.datetime | None = None) -> SiteIndex:
    """Arrange the corpus; with ``now``, articles whose ``publish_at`` is later are held back."""
    drafts = newest_first(a for a in corpus.articles if a.draft)
    due, scheduled = split_scheduled([a for a in corpus.articles if not a.draft], now) if now is not None \
        else ([a for a in corpus.articles if not a.draft], [])
    published = newest_first(due)
    related = build_related_index(published, count=related_count)
    by_tag: dict[str, list[Article]] = defaultdict(list)
    by_source: dict[str, list[Article]] = defaultdict(list)
    by_day: dict[dt.date, list[Article]] = defaultdict(list)
    by_week: dict[str, list[Article]] = defaultdict(list)
    for article in published:   # already newest first, so every group is too
        for tag in article.tags:
            by_tag[tag.slug].append(article)
        by_source[article.source.slug].append(article)
        by_day[article.day].append(article)
        by_week[iso_week(article.day)].append(article)
    return SiteIndex(
        articles=published,
        drafts=drafts,
        by_tag={slug: tuple(items) for slug, items in by_tag.items()},
        by_source={slug: tuple(items) for slug, items in by_source.items()},
        by_day={day: tuple(by_day[day]) for day in sorted(by_day, reverse=True)},
        by_week={week: tuple(by_week[week]) for week in sorted(by_week, reverse=True)},
        tags={slug: corpus.tags[slug] for slug in by_tag},
        sources={slug: corpus.sources[slug] for slug in by_source},
        related=related.related,
        scheduled=tuple(scheduled),
        neighbours=build_neighbours(published),
        related_index=related,
    )


def build_neighbours(newest: tuple[Article, ...]) -> dict[str, tuple[Article | None, Article | None]]:
    """Each article's older and newer neighbour in ``newest`` (newest first)."""
    return {a.slug: (newest[i + 1] if i + 1 < len(newest) else None, newest[i - 1] if i > 0 else None)
            for i, a in enumerate(newest)}
