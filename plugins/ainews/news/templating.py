"""What templates receive: Jinja filters and the ready-made article view."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, NamedTuple

from mkdocs.config.defaults import MkDocsConfig

from ..index.digests import Digest
from ..index.site import SiteIndex
from ..model.article import Article
from ..model.dates import format_japanese, format_japanese_date, format_month_day, format_week, format_week_short
from ..model.scoring import SCORE_LABELS, SCORE_NAMES
from ..render.toc import TocEntry, build_toc
from ..render.video import video_embed
from ..site import routes
from ..site.jsonld import article_json_ld, page_json_ld
from ..site.share import ShareLink, make_share_links
from .config import NewsConfig


@dataclass(frozen=True)
class ScoreRow:
    key: str
    label: str
    weight_percent: int
    value: int


class Crumb(NamedTuple):
    label: str
    url: str          # site-relative, like routes.*_url


@dataclass(frozen=True)
class ArticleView:
    """An article page's data, computed in Python so the template only lays it out."""

    article: Article
    url: str
    absolute_url: str
    importance_label: str
    score_rows: tuple[ScoreRow, ...]
    share_links: tuple[ShareLink, ...]
    related: tuple[Article, ...]
    original_html: str | None
    json_ld: str
    breadcrumbs: tuple[Crumb, ...] = ()
    breadcrumb_json_ld: str = ""
    toc: tuple[TocEntry, ...] = ()
    older: Article | None = None     # 前の記事 (by publication date)
    newer: Article | None = None     # 次の記事


def stars(level: int, top: int = 5) -> str:
    return "★" * level + "☆" * (top - level)


def json_for_script(data: Any) -> str:
    """JSON safe inside <script>: no `</script>`, `<!--` or `&` can close or confuse it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def site_root(config: MkDocsConfig) -> str:
    return config.site_url or "/"


def register_filters(env: Any, news: NewsConfig) -> None:
    labels = {int(level): str(label) for level, label in news.importance_labels.items()}
    env.filters["jdatetime"] = format_japanese
    env.filters["jdate"] = format_japanese_date
    env.filters["jmonthday"] = format_month_day
    env.filters["jweek"] = format_week
    env.filters["jweek_short"] = format_week_short
    env.filters["stars"] = stars
    env.filters["importance_label"] = lambda level: labels.get(level, "")
    env.globals["routes"] = routes
    env.globals["video_embed"] = video_embed


def logo_path(config: MkDocsConfig) -> str:
    """The site's logo image for structured data: the theme's logo, else its favicon."""
    logo = config.theme.get("logo")
    return str(logo) if logo else str(config.theme.get("favicon") or "assets/images/favicon.png")


def make_page_json_ld(title: str, url: str, is_home: bool, config: MkDocsConfig) -> str:
    """A generated page's JSON-LD, ready for its <script> element."""
    return json_for_script(page_json_ld(
        title=title, url=routes.absolute(site_root(config), url), is_home=is_home, site_name=config.site_name,
        site_url=site_root(config), logo_path=logo_path(config),
        description=config.site_description if is_home else None))


def make_breadcrumbs(article: Article, site: str, digest: Digest | None = None) -> tuple[tuple[Crumb, ...], str]:
    """ニュース一覧 (home) › the article's digest day (AI日報 …) › the article, and the same as
    BreadcrumbList JSON-LD; an article in no digest goes straight from the list to itself."""
    day = () if digest is None else (
        Crumb(f"{digest.name} {format_japanese_date(article.day)}", routes.digest_url(digest.path, article.day)),)
    crumbs = (Crumb("ニュース一覧", routes.home_url()), *day, Crumb(article.title, routes.article_url(article.slug)))
    json_ld = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [{"@type": "ListItem", "position": n, "name": crumb.label,
                             "item": routes.absolute(site, crumb.url)} for n, crumb in enumerate(crumbs, 1)],
    }
    return crumbs, json_for_script(json_ld)


def make_article_view(article: Article, index: SiteIndex, news: NewsConfig, config: MkDocsConfig,
                      original_html: str | None, body_html: str = "", digest: Digest | None = None,
                      card: Any | None = None) -> ArticleView:
    url = routes.article_url(article.slug)
    absolute_url = routes.absolute(site_root(config), url)
    weights = news.score_weights
    total = sum(weights.values())
    rows = tuple(
        ScoreRow(key=name, label=SCORE_LABELS[name], weight_percent=round(100 * weights[name] / total),
                 value=getattr(article.scores, name))
        for name in SCORE_NAMES
    )
    json_ld = article_json_ld(article, url=absolute_url, site_name=config.site_name, site_url=site_root(config),
                              logo_path=logo_path(config), source=index.sources.get(article.source.slug),
                              image=card)
    labels = {int(level): str(label) for level, label in news.importance_labels.items()}
    crumbs, crumbs_json = make_breadcrumbs(article, site_root(config), digest)
    older, newer = index.neighbours.get(article.slug, (None, None))
    return ArticleView(
        article=article,
        url=url,
        absolute_url=absolute_url,
        importance_label=labels.get(article.importance, ""),
        score_rows=rows,
        share_links=tuple(make_share_links(news.share, absolute_url, article.title)),
        related=index.related.get(article.slug, ()),
        original_html=original_html,
        json_ld=json_for_script(json_ld),
        breadcrumbs=crumbs,
        breadcrumb_json_ld=crumbs_json,
        toc=build_toc(body_html),
        older=older,
        newer=newer,
    )
