"""Sitemaps: a small index at /sitemap.xml, the pages with their content's dates, and a news sitemap.

Material's JavaScript fetches `sitemap.xml` on every page load (for instant
navigation and previews, which this site does not use). At 10,000 articles
MkDocs' sitemap is over 2 MB, downloaded by every reader. The sitemap protocol
lets `/sitemap.xml` be an index instead: crawlers follow it to the full list,
and Material finds no pages in it and stops there.

MkDocs gives every URL the build date as `lastmod`, which tells a crawler that
everything changed on every build. The list of pages is kept (MkDocs decides
which pages are in it) but each `lastmod` comes from the content: an article's
modification time, a listing's newest article; pages without dated content
have none. `sitemap-news.xml` is the Google News sitemap: the articles
published in the last two days.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any, Iterable, Mapping
from xml.sax.saxutils import escape

from ..index.site import SiteIndex
from ..model.article import Article
from . import routes
from .jsonld import modified
from .listings import VirtualPage
from .paging import Pagination

NEWS_WINDOW = dt.timedelta(days=2)    # Google News takes articles of the last two days
_LOC = re.compile(r"<loc>([^<]*)</loc>")


def _articles_in(value: Any) -> Iterable[Article]:
    """The articles a page's template context holds, however nested (pagination, lists, entries)."""
    if isinstance(value, Article):
        yield value
    elif isinstance(getattr(value, "article", None), Article):   # an entry wrapping one (videos)
        yield value.article
    elif isinstance(value, Pagination):
        yield from _articles_in(value.items)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _articles_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _articles_in(item)


def content_dates(index: SiteIndex, pages: Mapping[str, VirtualPage]) -> dict[str, dt.datetime]:
    """Each article's and generated page's `lastmod`, by site-relative URL.

    A generated page changes when an article it shows does; pages that show no
    article (tag and source lists, trends) change with the newest one.
    """
    dates = {routes.article_url(a.slug): modified(a) for a in index.articles}
    newest = max(dates.values(), default=None)
    for page in pages.values():
        shown = [modified(a) for a in _articles_in(page.context)]
        when = max(shown, default=newest)
        if when is not None:
            dates[page_url(page.src_uri)] = when
    return dates


def page_url(src_uri: str) -> str:
    """The directory URL of a generated page's source path (``tags/x/index.md`` → ``tags/x/``)."""
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        path = path[:-len("index")]
    return routes.quote_path(path.rstrip("/"))


def _urlset(entries: Iterable[str], news: bool = False) -> str:
    namespaces = ' xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    if news:
        namespaces += ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset{namespaces}>\n' + "".join(entries) + "</urlset>\n"


def feed_folder_sitemaps(feed_paths: Iterable[str]) -> dict[str, bytes]:
    """An empty sitemap in every folder that holds a feed, by path.

    Material's JavaScript fetches `sitemap.xml` beside the target of every
    `<link rel="alternate">` (looking for translations of the page), so each tag and
    source page, whose feed link points into its own folder, would log a 404.
    """
    empty = _urlset(()).encode("utf-8")
    return {f"{folder}/sitemap.xml": empty
            for folder in {path.rpartition("/")[0] for path in feed_paths} if folder}


def render_pages_sitemap(mkdocs_sitemap: str, site_url: str, dates: Mapping[str, dt.datetime]) -> str:
    """MkDocs' list of pages, each with the `lastmod` of its content (none when it has no date)."""
    entries = []
    for match in _LOC.finditer(mkdocs_sitemap):
        location = html.unescape(match.group(1))
        relative = location[len(site_url.rstrip("/")) + 1:] if location.startswith(site_url.rstrip("/")) else None
        when = dates.get(relative) if relative is not None else None
        lastmod = f"<lastmod>{when.isoformat(timespec='seconds')}</lastmod>" if when else ""
        entries.append(f"  <url><loc>{escape(location)}</loc>{lastmod}</url>\n")
    return _urlset(entries)


def news_articles(index: SiteIndex, now: dt.datetime) -> list[Article]:
    """The published articles of the last two days before ``now``, newest first."""
    return [a for a in index.articles if now - NEWS_WINDOW <= a.published <= now]


def render_news_sitemap(articles: Iterable[Article], site_url: str, site_name: str) -> str:
    """The Google News sitemap (`news:news` with publication name, language, date and title)."""
    entries = [
        f"  <url><loc>{escape(routes.absolute(site_url, routes.article_url(a.slug)))}</loc>"
        f"<news:news><news:publication><news:name>{escape(site_name)}</news:name>"
        f"<news:language>ja</news:language></news:publication>"
        f"<news:publication_date>{a.published.isoformat(timespec='seconds')}</news:publication_date>"
        f"<news:title>{escape(a.title)}</news:title></news:news></url>\n"
        for a in articles]
    return _urlset(entries, news=True)


def write_sitemaps(site_dir: str, site_url: str, site_name: str, dates: Mapping[str, dt.datetime],
                   news: list[Article]) -> None:
    """Replace MkDocs' sitemap with the index, the pages list and the news sitemap."""
    site = Path(site_dir)
    full = site / routes.SITEMAP
    if not full.is_file():
        return
    (site / routes.SITEMAP_PAGES).write_text(
        render_pages_sitemap(full.read_text(encoding="utf-8"), site_url, dates), encoding="utf-8")
    (site / routes.SITEMAP_NEWS).write_text(render_news_sitemap(news, site_url, site_name), encoding="utf-8")
    (site / (routes.SITEMAP + ".gz")).unlink(missing_ok=True)   # MkDocs' copy of the full list
    newest = max(dates.values(), default=None)
    newest_news = max((a.published for a in news), default=newest)
    entries = ""
    for path, when in ((routes.SITEMAP_PAGES, newest), (routes.SITEMAP_NEWS, newest_news)):
        lastmod = f"<lastmod>{when.isoformat(timespec='seconds')}</lastmod>" if when else ""
        entries += f"  <sitemap><loc>{escape(routes.absolute(site_url, path))}</loc>{lastmod}</sitemap>\n"
    full.write_text('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                    f"{entries}</sitemapindex>\n", encoding="utf-8")
