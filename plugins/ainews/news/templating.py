"""What templates receive: Jinja filters and the ready-made article view."""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from typing import Any, NamedTuple

from mkdocs.config.defaults import MkDocsConfig

from ..index.digests import Digest
from ..index.site import SiteIndex
from ..model.article import Article
from ..model.dates import format_japanese, format_japanese_date, format_month_day, format_week, format_week_short
from ..model.scoring import SCORE_LABELS, SCORE_NAMES
from ..render.navmemo import NavMemo
from ..render.toc import TocEntry, build_toc
from ..render.video import video_embed
from ..site import routes
from ..site.jsonld import article_json_ld, breadcrumb_list, page_json_ld
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


def format_news_day(day: dt.date, year: int) -> str:
    """``11月30日`` on a news list: the year is noise there, unless it is not ``year`` (the build's)."""
    return format_month_day(day) if day.year == year else format_japanese_date(day)


def format_news_time(moment: dt.datetime, year: int) -> str:
    """``11月30日 09:00`` on cards; ``2025年12月31日 09:00`` for a story from another year."""
    return f"{format_news_day(moment.date(), year)} {moment:%H:%M}"


def register_filters(env: Any, news: NewsConfig, today: dt.date | None = None) -> None:
    """Filters and globals for templates; ``today`` is the build's day in the site zone (cards
    leave out the year of dates in its year)."""
    labels = {int(level): str(label) for level, label in news.importance_labels.items()}
    year = (today or dt.date.today()).year
    env.filters["jdatetime"] = format_japanese
    env.filters["jday"] = functools.partial(format_news_day, year=year)
    env.filters["jdaytime"] = functools.partial(format_news_time, year=year)
    env.filters["jdate"] = format_japanese_date
    env.filters["jmonthday"] = format_month_day
    env.filters["jweek"] = format_week
    env.filters["jweek_short"] = format_week_short
    env.filters["stars"] = stars
    env.filters["importance_label"] = lambda level: labels.get(level, "")
    env.globals["routes"] = routes
    env.globals["video_embed"] = video_embed
    env.globals["breadcrumb_json_ld"] = breadcrumb_json_ld
    env.globals["build_year"] = year
    env.globals["site_nav_memo"] = NavMemo()   # a new one per build's environment


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


def make_breadcrumbs(article: Article, digest: Digest | None = None) -> tuple[Crumb, ...]:
    """ニュース一覧 (home) › the article's digest day (AI日報 …) › the article; an article in no
    digest goes straight from the list to itself."""
    day = () if digest is None else (
        Crumb(f"{digest.name} {format_japanese_date(article.day)}", routes.digest_url(digest.path, article.day)),)
    return (Crumb("ニュース一覧", routes.home_url()), *day, Crumb(article.title, routes.article_url(article.slug)))


def breadcrumb_json_ld(crumbs: Any, site_url: str | None) -> str:
    """A page's breadcrumbs as BreadcrumbList JSON-LD, ready for its <script> element."""
    return json_for_script(breadcrumb_list(crumbs, site_url or "/"))


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
    crumbs = make_breadcrumbs(article, digest)
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
        toc=build_toc(body_html),
        older=older,
        newer=newer,
    )
