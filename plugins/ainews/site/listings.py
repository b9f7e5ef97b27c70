"""The generated pages (home, tags, sources, weekly, trends) as data for File.generated.

Each page is a template name plus the ready objects its template needs; the
Markdown source is empty because templates draw everything from the index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import InclusionLevel

from ..index.rank import by_importance, sources_by_use, top_tags
from ..index.digests import Digest
from ..index.site import SiteIndex
from ..model.registry import SourceInfo
from ..index.trends import build_trends
from ..model.dates import format_week, load_zone, week_days
from ..model.schedule import build_time
from . import routes
from .chart import legend_entries, render_trend_chart
from .paging import paginate
from .search import bundle_paths


@dataclass(frozen=True)
class VirtualPage:
    src_uri: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    inclusion: InclusionLevel = InclusionLevel.NOT_IN_NAV
    source: str = ""


@dataclass(frozen=True)
class PageFeed:
    """The RSS feed of a tag or source page: linked in its <head> and shown as a feed button."""

    url: str
    title: str


@dataclass(frozen=True)
class TagEntry:
    slug: str
    name: str
    count: int
    weight: int                  # 1..5, for sizing the tag cloud


def _tag_entries(index: SiteIndex) -> list[TagEntry]:
    counts = {slug: len(items) for slug, items in index.by_tag.items()}
    top = max(counts.values(), default=1)
    entries = [TagEntry(slug, index.tags[slug].name, n, 1 + (4 * n) // top if top > 1 else 3)
               for slug, n in counts.items()]
    return sorted(entries, key=lambda e: (-e.count, e.name))


def build_virtual_pages(index: SiteIndex, news: Any, config: MkDocsConfig,
                        home_digest: Digest | None = None) -> dict[str, VirtualPage]:
    """Home, tag, source, weekly, trends and search pages (digests: ``sections.digests``).

    ``home_digest`` is the digest of every article, which the home page's highlights link to.
    """
    pages: list[VirtualPage] = home_pages(index, news, config, home_digest)
    pages.append(tags_page(index))
    for slug in index.by_tag:
        pages.extend(tag_pages(index, slug, news, config))
    sources = sources_by_use(index)
    pages.append(sources_page(index, sources))
    pages.extend(source_page(index, source.slug, config) for source in sources)
    weeks = list(index.by_week)            # newest first
    pages.append(weekly_index_page(index))
    pages.extend(weekly_page(index, weeks, position) for position in range(len(weeks)))
    pages.append(trends_page(index))
    pages.append(VirtualPage(routes.search_src(), "検索", "search.html",
                             {"search_bundles": bundle_paths(len(index.articles), news.search_partition)},
                             InclusionLevel.INCLUDED))
    return {page.src_uri: page for page in pages}


def listing_pages(index: SiteIndex, news: Any, config: MkDocsConfig, home_digest: Digest | None,
                  tags: Iterable[str], sources: Iterable[str], weeks: Iterable[str]) -> list[VirtualPage]:
    """The pages that list the articles of these tags, sources and weeks, and the home pages.

    A preview update plans only these again for edits that keep every article in its groups
    (news/incremental.py); `build_virtual_pages` makes the same pages for the whole site.
    """
    pages = home_pages(index, news, config, home_digest)
    for slug in tags:
        pages.extend(tag_pages(index, slug, news, config))
    pages.extend(source_page(index, slug, config) for slug in sources if slug in index.by_source)
    newest_first = list(index.by_week)
    position = {week: i for i, week in enumerate(newest_first)}
    pages.extend(weekly_page(index, newest_first, position[week]) for week in weeks if week in position)
    return pages


def home_pages(index: SiteIndex, news: Any, config: MkDocsConfig, home_digest: Digest | None) -> list[VirtualPage]:
    """最新ニュース: every article newest first, the newest day's three most important on top."""
    pages = []
    latest_day = next(iter(index.by_day), None)
    today = build_time(load_zone(news.timezone)).date()   # AINEWS_NOW, else the clock
    highlights = by_importance(index.by_day[latest_day])[:3] if latest_day else []
    for src, pagination in paginate(index.articles, news.per_page, routes.home_url, routes.home_src):
        title = config.site_name if pagination.number == 1 else f"最新ニュース ({pagination.number}ページ目)"
        pages.append(VirtualPage(src, title, "home.html",
                                 {"listing": pagination, "highlights": highlights if pagination.number == 1 else [],
                                  "highlight_day": latest_day, "highlight_digest": home_digest,
                                  # "今日" only when the newest day is today in the site zone at build time
                                  "highlight_is_today": latest_day == today},
                                 InclusionLevel.INCLUDED if pagination.number == 1 else InclusionLevel.NOT_IN_NAV))
    return pages


def tags_page(index: SiteIndex) -> VirtualPage:
    return VirtualPage(routes.tags_src(), "タグ一覧", "tags.html", {"tag_entries": _tag_entries(index)},
                       InclusionLevel.INCLUDED)


def tag_pages(index: SiteIndex, slug: str, news: Any, config: MkDocsConfig) -> list[VirtualPage]:
    """A tag's pages (none when no published article has it)."""
    tag = index.tags.get(slug)
    if tag is None or slug not in index.by_tag:
        return []
    return [VirtualPage(src, f"#{tag.name}", "tag.html", {
                "tag": tag, "listing": pagination,
                "page_feed": PageFeed(routes.tag_feed_url(slug), f"#{tag.name} - {config.site_name}")})
            for src, pagination in paginate(index.by_tag[slug], news.per_page, lambda n: routes.tag_url(slug, n),
                                            lambda n: routes.tag_src(slug, n))]


def sources_page(index: SiteIndex, sources: Sequence[SourceInfo]) -> VirtualPage:
    return VirtualPage(routes.sources_src(), "ソース一覧", "sources.html",
                       {"source_entries": [(s, len(index.by_source[s.slug])) for s in sources]},
                       InclusionLevel.INCLUDED)


def source_page(index: SiteIndex, slug: str, config: MkDocsConfig) -> VirtualPage:
    source = index.sources[slug]
    return VirtualPage(routes.source_src(source.slug), source.name, "source.html",
                       {"source": source, "articles": index.by_source[source.slug],
                        "page_feed": PageFeed(routes.source_feed_url(source.slug),
                                              f"{source.name} - {config.site_name}")})


def trends_page(index: SiteIndex) -> VirtualPage:
    trends = build_trends(index)
    return VirtualPage(routes.trends_src(), "トレンド", "trends.html",
                       {"trends": trends, "trend_chart": render_trend_chart(trends),
                        "trend_legend": legend_entries(trends)}, InclusionLevel.INCLUDED)


def weekly_index_page(index: SiteIndex) -> VirtualPage:
    return VirtualPage(routes.weekly_index_src(), "週報", "weekly-index.html",
                       {"weeks": [(week, *week_days(week), len(index.by_week[week])) for week in index.by_week]},
                       InclusionLevel.INCLUDED)


def weekly_page(index: SiteIndex, weeks: Sequence[str], position: int) -> VirtualPage:
    """The roundup of ``weeks[position]`` (``weeks``: every week with articles, newest first)."""
    week = weeks[position]
    articles = index.by_week[week]
    monday, sunday = week_days(week)
    return VirtualPage(
        routes.weekly_src(week), f"{format_week(week)}の週報", "weekly.html",
        {"week": week, "monday": monday, "sunday": sunday, "count": len(articles),
         "top": by_importance(articles)[:10], "top_tags": top_tags(articles, 10),
         "newer_week": weeks[position - 1] if position > 0 else None,
         "older_week": weeks[position + 1] if position + 1 < len(weeks) else None})
