"""RSS 2.0 feeds (the site's latest articles, one per tag, one per source), made with feedgen.

Each channel's `<link>` is its page and `atom:link rel="self"` its own address,
so readers and validators can tell the two apart.
"""

from __future__ import annotations

import html
import re
from typing import Any, Mapping, Sequence

from feedgen.feed import FeedGenerator

from ..index.site import SiteIndex
from ..model.article import Article
from . import routes
from .sitemap import feed_folder_sitemaps

# XML 1.0 cannot carry most control characters; lxml refuses them, so drop them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _html_text(text: str) -> str:
    """Text for an RSS description, which readers render as HTML: escaped here, so that with
    the XML escaping on top a `<script>` in a TL;DR reaches the reader as text, never as markup."""
    return html.escape(_xml_text(text), quote=False)


def render_feed(articles: Sequence[Article], *, site_url: str, title: str, description: str,
                feed_path: str, page_path: str, size: int) -> bytes:
    """The RSS 2.0 document for the newest ``size`` of ``articles`` (newest first)."""
    feed = FeedGenerator()
    feed.title(_xml_text(title))
    feed.description(_html_text(description) or _html_text(title))
    # feedgen makes the channel's <link> of the last link given: the page, not the feed itself.
    feed.link(href=routes.absolute(site_url, feed_path), rel="self")
    feed.link(href=routes.absolute(site_url, page_path), rel="alternate")
    feed.language("ja")
    chosen = list(articles[:size])
    if chosen:
        feed.lastBuildDate(max(a.published for a in chosen))
    # feedgen puts the last added entry first: add oldest first so the feed reads newest first.
    for article in reversed(chosen):
        url = routes.absolute(site_url, routes.article_url(article.slug))
        entry = feed.add_entry()
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.title(_xml_text(article.title))
        entry.link(href=url)
        entry.description(_html_text(f"{article.tldr}\n\n元記事 ({article.source.name}): {article.source.url}"))
        entry.published(article.published)
        entry.source(url=article.source.url, title=_xml_text(article.source.name))
        for tag in article.tags:
            entry.category(term=_xml_text(tag.name))
    return feed.rss_str(pretty=True)


def build_feeds(index: SiteIndex, *, site_name: str, site_description: str | None, site_url: str, size: int,
                memo: Mapping[str, tuple[Any, bytes]], more: Mapping[str, dict[str, Any]] | None = None,
                ) -> tuple[dict[str, bytes], dict[str, tuple[Any, bytes]]]:
    """The site feed, one per tag and one per source (Material has none) by path, and the memo for next time.

    ``memo`` holds each path's feed of an earlier build with everything it showed; a feed
    showing the same is reused. Compared, not hashed: unchanged articles are the same objects.
    ``more`` adds the sections' feeds (digests, companies) as ``render_feed`` options by path.
    The files include an empty sitemap beside each feed in a folder (see ``feed_folder_sitemaps``).
    """
    wanted = {routes.FEED: dict(articles=index.articles[:size], title=site_name,
                                description=site_description or "", feed_path=routes.FEED,
                                page_path=routes.home_url())}
    for slug, articles in index.by_tag.items():
        tag = index.tags[slug]
        wanted[routes.tag_feed_src(slug)] = dict(
            articles=articles[:size], title=f"#{tag.name} - {site_name}", description=tag.description or "",
            feed_path=routes.tag_feed_url(slug), page_path=routes.tag_url(slug))
    for slug, articles in index.by_source.items():
        source = index.sources[slug]
        wanted[routes.source_feed_src(slug)] = dict(
            articles=articles[:size], title=f"{source.name} - {site_name}", description=source.description or "",
            feed_path=routes.source_feed_url(slug), page_path=routes.source_url(slug))
    wanted.update(more or {})
    feeds: dict[str, bytes] = {}
    remembered: dict[str, tuple[Any, bytes]] = {}
    for path, options in wanted.items():
        key = (site_url, *options.values())
        earlier = memo.get(path)
        feeds[path] = earlier[1] if earlier is not None and earlier[0] == key else \
            render_feed(site_url=site_url, size=size, **options)
        remembered[path] = (key, feeds[path])
    feeds.update(feed_folder_sitemaps(list(feeds)))
    return feeds, remembered
