"""A `SiteIndex` and `SectionIndex` updated for edited articles that keep their place, in time of the change.

A preview update (news/incremental.py) re-reads an edited article; when its
slug, time, draft flag, tags, source and related pins are unchanged
(``same place``), every grouping holds it at the same position, so the new
indexes are the old ones with the edited article objects swapped in: only
the groups the article is in are copied, never every group of the site.
Related blocks are recomputed only where the edit can change them
(`related.update_related`).
`Reach` names those groups, so the pages and cards showing them (and only
those) are planned again.
"""

from __future__ import annotations

import datetime as dt
from operator import attrgetter
from dataclasses import dataclass, replace
from typing import Mapping, Sequence

from ..model.article import Article
from ..model.companies import Company
from ..model.dates import iso_week
from ..model.tools import Tool
from .companies import build_company
from .digests import DigestDays
from .features import article_features
from .related import build_related_index, update_related
from .sections import SectionIndex, SectionSwitches
from .site import SiteIndex
from .tools import swap_tool_mentions
from .videos import VideoArticle, article_video

_SLUG = attrgetter("slug")


@dataclass(frozen=True)
class Reach:
    """The groups the edited (published) articles are in: what a same-place edit can change."""

    slugs: frozenset[str] = frozenset()        # every edited article, drafts and scheduled ones too
    listed: frozenset[str] = frozenset()       # the published ones among them (in listings)
    days: frozenset[dt.date] = frozenset()
    weeks: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    companies: frozenset[str] = frozenset()    # company entries rebuilt
    tools: frozenset[str] = frozenset()        # tool entries whose articles changed
    videos: bool = False                       # the 動画 list changed
    related: frozenset[str] = frozenset()      # src_uri of articles whose related block changed or shows an edited one


def reach_of(articles: Sequence[Article]) -> Reach:
    """The groups ``articles`` (published, same place before and after) are listed in."""
    return Reach(slugs=frozenset(a.slug for a in articles), listed=frozenset(a.slug for a in articles),
                 days=frozenset(a.day for a in articles), weeks=frozenset(iso_week(a.day) for a in articles),
                 tags=frozenset(t.slug for a in articles for t in a.tags),
                 sources=frozenset(a.source.slug for a in articles))


def _swap(items: tuple[Article, ...], new: Mapping[str, Article]) -> tuple[Article, ...]:
    """``items`` with the articles of ``new`` (by slug) in place. Slugs are unique, and the
    slugs are listed at C speed: a preview at 3,000 articles runs no Python loop over them."""
    slugs = list(map(_SLUG, items))
    found = new.keys() & set(slugs)
    if not found:
        return items
    swapped = list(items)
    for slug in found:
        swapped[slugs.index(slug)] = new[slug]
    return tuple(swapped)


def _swap_groups(groups: dict, keys: frozenset, new: Mapping[str, Article]) -> dict:
    """``groups`` with the edited articles swapped into the groups ``keys`` only."""
    copied = dict(groups)
    for key in keys:
        if key in copied:
            copied[key] = _swap(copied[key], new)
    return copied


def same_features(old: Article, new: Article) -> bool:
    """True when related articles cannot tell ``old`` and ``new`` apart (time, pins, features)."""
    return (old.published == new.published and old.related_pins == new.related_pins
            and old.related_exclude == new.related_exclude and article_features(old) == article_features(new))


def swap_articles(index: SiteIndex, edited: Sequence[tuple[Article, Article]],
                  related_count: int) -> tuple[SiteIndex, Reach]:
    """``index`` after same-place edits (``(old, new)`` pairs) and the groups they reach.

    Related articles: when no edit changes what they are computed from, every block stays
    and only shows the new objects; otherwise `update_related` computes again the blocks
    the edits can change, exactly as a full build would.
    """
    new = {b.slug: b for _a, b in edited}
    listed = index.neighbours.keys()   # one entry per published article
    reach = reach_of([b for a, b in edited if a.slug in listed])
    articles = _swap(index.articles, new)
    neighbours = dict(index.neighbours)
    for slug in reach.listed:
        older, newer = neighbours[slug]
        for other in (older, newer):
            if other is not None:
                around = neighbours[other.slug]
                neighbours[other.slug] = (around[0] and new.get(around[0].slug, around[0]),
                                          around[1] and new.get(around[1].slug, around[1]))
        neighbours[slug] = (older and new.get(older.slug, older), newer and new.get(newer.slug, newer))
    # The blocks showing an edited article show its new title.
    related_index = index.related_index or build_related_index(index.articles, count=related_count)
    published = [(a, b) for a, b in edited if a.slug in listed]
    related_index, changed, showing = update_related(
        related_index, published, features_changed=not all(same_features(a, b) for a, b in published))
    by_slug = related_index.position
    showing = [related_index.ordered[by_slug[slug]] for slug in changed | showing]
    reach = replace(reach, related=frozenset(a.src_uri for a in showing))
    swapped = replace(
        index, articles=articles, drafts=_swap(index.drafts, new), scheduled=_swap(index.scheduled, new),
        by_tag=_swap_groups(index.by_tag, reach.tags, new), by_source=_swap_groups(index.by_source, reach.sources, new),
        by_day=_swap_groups(index.by_day, reach.days, new), by_week=_swap_groups(index.by_week, reach.weeks, new),
        related=related_index.related, neighbours=neighbours, related_index=related_index)
    return swapped, reach


def _swap_videos(videos: tuple[VideoArticle, ...], edited: Sequence[tuple[Article, Article]]) -> tuple[VideoArticle, ...]:
    """The 動画 list after the edits (a video line may come or go), newest first as `build_videos` keeps it."""
    kept = {v.article.slug: v for v in videos}
    for old, new in edited:
        kept.pop(old.slug, None)
        url = article_video(new)
        if url is not None:
            kept[new.slug] = VideoArticle(new, url)
    return tuple(sorted(kept.values(), key=lambda v: (v.article.published, v.article.slug), reverse=True))


def swap_sections(sections: SectionIndex, index: SiteIndex, edited: Sequence[tuple[Article, Article]],
                  reach: Reach, companies: Mapping[str, Company], tools: Mapping[str, Tool],
                  switches: SectionSwitches) -> tuple[SectionIndex, Reach]:
    """``sections`` after same-place edits: the digests' days, companies, videos and tools they reach.

    ``companies`` and ``tools`` are the registries; a section ``switches`` turns off stays empty.
    """
    new = {b.slug: b for _a, b in edited}
    digests = tuple(DigestDays(d.digest, _swap_groups(d.by_day, reach.days, new)) for d in sections.digests)
    entries, companies_reached = [], set()
    for entry in sections.companies:
        if entry.company.slug in reach.tags:
            entry = build_company(entry.company, index.by_tag[entry.company.slug], companies)
            companies_reached.add(entry.company.slug)
        entries.append(entry)
    listed = [(a, b) for a, b in edited if a.slug in reach.listed]
    videos = _swap_videos(sections.videos, listed) if switches.videos and listed else sections.videos
    tool_index, tools_reached = swap_tool_mentions(sections.tools, tools, edited, reach.listed) \
        if switches.tools else (sections.tools, set())
    updated = replace(sections, digests=digests, companies=tuple(entries), videos=videos, tools=tool_index)
    return updated, replace(reach, companies=frozenset(companies_reached), tools=frozenset(tools_reached),
                            videos=videos != sections.videos)
