"""Every URL pattern of the built site, in one place.

Paths are relative to the site root with no leading slash, the way MkDocs
`File.url` is; templates turn them into page-relative links with `|url`.
`*_src` names are the virtual source paths MkDocs keys generated pages by.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

FEED = "feed.xml"
SITEMAP = "sitemap.xml"
# Top-level folders of our pages and files; the home page's folder (the `home` option) must be none of them.
FIXED_FOLDERS = frozenset({"articles", "tags", "sources", "daily", "weekly", "trends", "search", "page",
                           "assets", "pagefind"})

# The folder of the home page (the news list), "" for the site root. The plugin sets it from
# its `home` option before any URL is made; a process builds one site at a time.
_home = ""


def set_home(folder: str) -> None:
    """Put the home page (and its later pages) under ``folder`` (``""`` or ``news/``)."""
    global _home
    _home = folder


def _page(path: str) -> str:
    return quote(path) + "/" if path else ""


def quote_path(path: str) -> str:
    """A folder path as a directory URL (``tags/x`` → ``tags/x/``, the root → ``""``)."""
    return _page(path)


def article_url(slug: str) -> str:
    return _page(f"articles/{slug}")


def article_dest(slug: str) -> str:
    return f"articles/{slug}/index.html"


def home_url(page: int = 1) -> str:
    return _page(_home.rstrip("/")) if page == 1 else _page(f"{_home}page/{page}")


def home_src(page: int = 1) -> str:
    return f"{_home}index.md" if page == 1 else f"{_home}page/{page}.md"


def tags_url() -> str:
    return "tags/"


def tags_src() -> str:
    return "tags/index.md"


def tag_url(slug: str, page: int = 1) -> str:
    return _page(f"tags/{slug}") if page == 1 else _page(f"tags/{slug}/page/{page}")


def tag_src(slug: str, page: int = 1) -> str:
    return f"tags/{slug}/index.md" if page == 1 else f"tags/{slug}/page/{page}.md"


def tag_feed_url(slug: str) -> str:
    return quote(f"tags/{slug}/feed.xml")


def tag_feed_src(slug: str) -> str:
    return f"tags/{slug}/feed.xml"


def sources_url() -> str:
    return "sources/"


def sources_src() -> str:
    return "sources/index.md"


def source_url(slug: str) -> str:
    return _page(f"sources/{slug}")


def source_src(slug: str) -> str:
    return f"sources/{slug}/index.md"


def digest_index_url(path: str) -> str:
    """A digest's list of days (AI日報 at ``daily/``, Hacker日報 at e.g. ``hacker/``)."""
    return _page(path)


def source_feed_url(slug: str) -> str:
    return quote(f"sources/{slug}/feed.xml")


def source_feed_src(slug: str) -> str:
    return f"sources/{slug}/feed.xml"


def digest_index_src(path: str) -> str:
    return f"{path}/index.md"


def digest_url(path: str, day: dt.date) -> str:
    return _page(f"{path}/{day.isoformat()}")


def digest_src(path: str, day: dt.date) -> str:
    return f"{path}/{day.isoformat()}.md"


def digest_feed_url(path: str) -> str:
    return quote(f"{path}/feed.xml")


def digest_feed_src(path: str) -> str:
    return f"{path}/feed.xml"


def weekly_index_url() -> str:
    return "weekly/"


def weekly_index_src() -> str:
    return "weekly/index.md"


def weekly_url(week: str) -> str:
    return _page(f"weekly/{week}")


def weekly_src(week: str) -> str:
    return f"weekly/{week}.md"


def trends_src() -> str:
    return "trends/index.md"


def search_url() -> str:
    return "search/"


def search_src() -> str:
    return "search/index.md"


def absolute(site_url: str, path: str) -> str:
    """An absolute URL for sharing, feeds and canonical links; ``site_url`` ends with ``/``."""
    return site_url.rstrip("/") + "/" + path


SITEMAP_PAGES = "sitemap-pages.xml"
SITEMAP_NEWS = "sitemap-news.xml"


def companies_url() -> str:
    return "companies/"


def companies_src() -> str:
    return "companies/index.md"


def company_url(slug: str) -> str:
    return _page(f"companies/{slug}")


def company_src(slug: str) -> str:
    return f"companies/{slug}/index.md"


def company_feed_url(slug: str) -> str:
    return quote(f"companies/{slug}/feed.xml")


def company_feed_src(slug: str) -> str:
    return f"companies/{slug}/feed.xml"


def videos_url(page: int = 1) -> str:
    return "videos/" if page == 1 else _page(f"videos/page/{page}")


def videos_src(page: int = 1) -> str:
    return "videos/index.md" if page == 1 else f"videos/page/{page}.md"


def tools_url() -> str:
    return "tools/"


def tools_src() -> str:
    return "tools/index.md"


def tool_url(slug: str) -> str:
    return _page(f"tools/{slug}")


def tool_src(slug: str) -> str:
    return f"tools/{slug}/index.md"
