"""The generated pages (home, tags, sources, weekly, trends) as data for File.generated.

Each page is a template name plus the ready objects its template needs; the
Markdown source is empty because templates draw everything from the index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import InclusionLevel

from ..index.rank import by_importance, sources_by_use, top_tags
from ..index.digests import Digest
from ..index.site import SiteIndex
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
    pages: list[VirtualPage] = []
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

    pages.append(VirtualPage(routes.tags_src(), "タグ一覧", "tags.html", {"tag_entries": _tag_entries(index)},
                             InclusionLevel.INCLUDED))
    for slug, articles in index.by_tag.items():
        tag = index.tags[slug]
        for src, pagination in paginate(articles, news.per_page, lambda n, s=slug: routes.tag_url(s, n),
                                        lambda n, s=slug: routes.tag_src(s, n)):
            pages.append(VirtualPage(src, f"#{tag.name}", "tag.html", {
                "tag": tag, "listing": pagination,
                "page_feed": PageFeed(routes.tag_feed_url(slug), f"#{tag.name} - {config.site_name}")}))

    sources = sources_by_use(index)
    pages.append(VirtualPage(routes.sources_src(), "ソース一覧", "sources.html",
                             {"source_entries": [(s, len(index.by_source[s.slug])) for s in sources]},
                             InclusionLevel.INCLUDED))
    for source in sources:
        pages.append(VirtualPage(routes.source_src(source.slug), source.name, "source.html",
                                 {"source": source, "articles": index.by_source[source.slug],
                                  "page_feed": PageFeed(routes.source_feed_url(source.slug),
                                                        f"{source.name} - {config.site_name}")}))

    pages.extend(_weekly_pages(index))
    trends = build_trends(index)
    pages.append(VirtualPage(routes.trends_src(), "トレンド", "trends.html",
                             {"trends": trends, "trend_chart": render_trend_chart(trends),
                              "trend_legend": legend_entries(trends)}, InclusionLevel.INCLUDED))
    pages.append(VirtualPage(routes.search_src(), "検索", "search.html",
                             {"search_bundles": bundle_paths(len(index.articles), news.search_partition)},
                             InclusionLevel.INCLUDED))
    return {page.src_uri: page for page in pages}


def _weekly_pages(index: SiteIndex) -> list[VirtualPage]:
    weeks = list(index.by_week)            # newest first
    pages = [VirtualPage(routes.weekly_index_src(), "週報", "weekly-index.html",
                         {"weeks": [(week, *week_days(week), len(index.by_week[week])) for week in weeks]},
                         InclusionLevel.INCLUDED)]
    for position, week in enumerate(weeks):
        articles = index.by_week[week]
        monday, sunday = week_days(week)
        pages.append(VirtualPage(
            routes.weekly_src(week), f"{format_week(week)}の週報", "weekly.html",
            {"week": week, "monday": monday, "sunday": sunday, "count": len(articles),
             "top": by_importance(articles)[:10], "top_tags": top_tags(articles, 10),
             "newer_week": weeks[position - 1] if position > 0 else None,
             "older_week": weeks[position + 1] if position + 1 < len(weeks) else None}))
    return pages
