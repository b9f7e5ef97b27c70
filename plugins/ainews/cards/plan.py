"""Which cards the site needs and what each shows, from the `SiteIndex`. No MkDocs here.

One card per article, the home page, the tag, source and digest (AI日報) indexes,
and each tag, source and digest day. Paginated pages share the card of their first page;
any other page (about, privacy) shows the home card. A card's file sits at
``assets/cards/`` plus its page's URL path: ``articles/<slug>/`` draws
``assets/cards/articles/<slug>.png``, the home page ``assets/cards/home.png``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence
from urllib.parse import quote, unquote

from ..index.rank import by_importance, sources_by_use, top_tags
from ..index.digests import DEFAULT_DIGESTS, DigestDays, build_digests
from ..index.site import SiteIndex
from ..model.article import Article
from ..model.dates import format_japanese, format_japanese_date
from ..site import routes
from ..site.paging import page_count
from .draw import HEIGHT, WIDTH, CardSpec

CARDS_DIR = "assets/cards"
TOP_TAGS = 6
HEADLINES = 3


@dataclass(frozen=True)
class Card:
    """One card file: where it goes in the site, what it shows, and its alt text."""

    path: str          # relative to the site folder, unquoted
    spec: CardSpec
    alt: str

    def url(self, site_url: str) -> str:
        """The absolute URL social sites fetch the card from."""
        return routes.absolute(site_url, quote(self.path))


@dataclass(frozen=True)
class CardMeta:
    """What the page head needs for `og:image` and `twitter:card`."""

    url: str
    alt: str
    width: int = WIDTH
    height: int = HEIGHT
    type: str = "image/png"


@dataclass
class CardPlan:
    cards: dict[str, Card] = field(default_factory=dict)       # by path
    by_src: dict[str, str] = field(default_factory=dict)       # page src_uri -> card path
    default: str | None = None                                 # the home card, for every other page
    articles: dict[str, tuple[Article, Card]] = field(default_factory=dict)   # by src_uri, for the next plan

    def add(self, card: Card, *srcs: str) -> None:
        self.cards[card.path] = card
        for src in srcs:
            self.by_src[src] = card.path

    def for_page(self, src_uri: str) -> Card | None:
        path = self.by_src.get(src_uri, self.default)
        return self.cards.get(path) if path else None


def card_path(page_url: str) -> str:
    """The card file of a page, from the page's URL path (``tags/llm/`` -> ``assets/cards/tags/llm.png``)."""
    return f"{CARDS_DIR}/{unquote(page_url).strip('/') or 'home'}.png"


def _pages(count: int, per_page: int, src_of: Callable[[int], str]) -> list[str]:
    """The source paths of every page of a listing of ``count`` items."""
    return [src_of(number) for number in range(1, page_count(count, per_page) + 1)]


def _hashtags(articles: Iterable[Article], limit: int = TOP_TAGS) -> tuple[str, ...]:
    return tuple(f"#{name}" for _slug, name, _uses in top_tags(articles, limit))


def _headlines(articles: Sequence[Article]) -> tuple[str, ...]:
    return tuple(article.title for article in articles[:HEADLINES])


def article_card(article: Article, site_name: str) -> Card:
    when = format_japanese(article.published)
    spec = CardSpec(site_name=site_name, label="ニュース", title=article.title,
                    meta=f"{article.source.name} · {when}", importance=article.importance,
                    tags=tuple(f"#{tag.name}" for tag in article.tags[:TOP_TAGS]))
    alt = f"{article.title}({article.source.name}、{when}、重要度 {article.importance}/5)"
    return Card(card_path(routes.article_url(article.slug)), spec, alt)


def plan_cards(index: SiteIndex, site_name: str, site_description: str | None, per_page: int,
               drafts: bool = False, digests: Sequence[DigestDays] | None = None,
               earlier: CardPlan | None = None) -> CardPlan:
    """Every card of the site; ``drafts`` adds cards for draft articles (they have pages under serve).

    ``digests`` are the site's daily digests (by default one AI日報 of every article).
    ``earlier`` (a plan for the same site name) lends its cards of articles that are the very
    same objects now: a preview update redraws the plan of the articles it re-read only.
    """
    plan = CardPlan()
    articles = index.articles
    held = earlier.articles if earlier is not None else {}
    for article in (*articles, *index.drafts) if drafts else articles:
        kept = held.get(article.src_uri)
        card = kept[1] if kept is not None and kept[0] is article else article_card(article, site_name)
        plan.add(card, article.src_uri)
        plan.articles[article.src_uri] = (article, card)

    description = site_description or site_name
    home = Card(card_path(routes.home_url()),
                CardSpec(site_name, "最新ニュース", description, meta=f"{len(articles)}件の記事",
                         tags=_hashtags(articles)),
                f"{site_name}:{description}")
    plan.add(home, *_pages(len(articles), per_page, routes.home_src))
    plan.default = home.path

    plan.add(Card(card_path(routes.tags_url()),
                  CardSpec(site_name, "タグ", "タグ一覧", meta=f"{len(index.tags)}個のタグ",
                           tags=_hashtags(articles, limit=12)),
                  f"{site_name}のタグ一覧"), routes.tags_src())
    for slug in index.by_tag:
        _add(plan, _tag_card(index, slug, site_name, per_page))

    sources = sources_by_use(index)
    plan.add(Card(card_path(routes.sources_url()),
                  CardSpec(site_name, "ソース", "ソース一覧", meta=f"{len(sources)}のソース",
                           bullets=tuple(f"{s.name}({len(index.by_source[s.slug])}件)" for s in sources[:HEADLINES])),
                  f"{site_name}のソース一覧"), routes.sources_src())
    for source in sources:
        _add(plan, _source_card(index, source.slug, site_name))

    if digests is None:
        digests, _ = build_digests(DEFAULT_DIGESTS, articles, index.sources)
    for digest_days in digests:
        _plan_digest(plan, digest_days, site_name)
    return plan


Planned = tuple[Card, tuple[str, ...]]     # a card and the pages showing it


def _add(plan: CardPlan, planned: Planned) -> None:
    plan.add(planned[0], *planned[1])


def _plan_digest(plan: CardPlan, digest_days: DigestDays, site_name: str) -> None:
    """The cards of one digest's index and of each of its days."""
    if not digest_days.by_day:
        return
    _add(plan, _digest_index_card(digest_days, site_name))
    for day in digest_days.by_day:
        _add(plan, _digest_day_card(digest_days, day, site_name))


def _tag_card(index: SiteIndex, slug: str, site_name: str, per_page: int) -> Planned:
    """A tag's card and the pages showing it."""
    tagged, name = index.by_tag[slug], index.tags[slug].name
    card = Card(card_path(routes.tag_url(slug)),
                CardSpec(site_name, "タグ", f"#{name}", meta=f"{len(tagged)}件の記事", bullets=_headlines(tagged)),
                f"タグ「{name}」の記事一覧({len(tagged)}件)")
    return card, tuple(_pages(len(tagged), per_page, lambda n: routes.tag_src(slug, n)))


def _source_card(index: SiteIndex, slug: str, site_name: str) -> Planned:
    source, listed = index.sources[slug], index.by_source[slug]
    return (Card(card_path(routes.source_url(slug)),
                 CardSpec(site_name, "ソース", source.name, meta=f"{len(listed)}件の記事", bullets=_headlines(listed)),
                 f"{source.name}の記事一覧({len(listed)}件)"), (routes.source_src(slug),))


def _digest_index_card(digest_days: DigestDays, site_name: str) -> Planned:
    digest, by_day = digest_days.digest, digest_days.by_day
    days = list(by_day)[:HEADLINES]
    return (Card(card_path(routes.digest_index_url(digest.path)),
                 CardSpec(site_name, digest.name, digest.name, meta=f"{len(by_day)}日分",
                          bullets=tuple(f"{format_japanese_date(day)}:{by_importance(by_day[day])[0].title}"
                                        for day in days)),
                 f"{site_name}の{digest.name}"), (routes.digest_index_src(digest.path),))


def _digest_day_card(digest_days: DigestDays, day: dt.date, site_name: str) -> Planned:
    digest = digest_days.digest
    ranked = by_importance(digest_days.by_day[day])
    title = f"{digest.name} {format_japanese_date(day)}"
    return (Card(card_path(routes.digest_url(digest.path, day)),
                 CardSpec(site_name, digest.name, title, meta=f"{len(ranked)}件の記事",
                          tags=_hashtags(ranked), bullets=_headlines(ranked)),
                 f"{title}({len(ranked)}件の記事)"), (routes.digest_src(digest.path, day),))


def replan_cards(earlier: CardPlan, index: SiteIndex, site_name: str, per_page: int, articles: Iterable[Article],
                 tags: Iterable[str], sources: Iterable[str], days: Iterable[dt.date],
                 digests: Sequence[DigestDays]) -> tuple[CardPlan, set[str]]:
    """``earlier`` with the cards of these articles, tags, sources and digest days planned again.

    For edits that keep every article in its groups (a preview update, news/incremental.py): no
    page or card comes or goes, and every other card shows the same. Also returns the pages
    whose card now has another file or alt text (their <head> changes).
    """
    plan = CardPlan(dict(earlier.cards), dict(earlier.by_src), earlier.default, dict(earlier.articles))
    fresh: list[Planned] = []
    for article in articles:
        if article.src_uri in plan.articles:
            card = article_card(article, site_name)
            plan.articles[article.src_uri] = (article, card)
            fresh.append((card, (article.src_uri,)))
    fresh += [_tag_card(index, slug, site_name, per_page) for slug in tags if slug in index.by_tag]
    fresh += [_source_card(index, slug, site_name) for slug in sources if slug in index.by_source]
    days = list(days)
    for digest_days in digests:
        if any(day in digest_days.by_day for day in days):
            fresh.append(_digest_index_card(digest_days, site_name))
            fresh += [_digest_day_card(digest_days, day, site_name) for day in days if day in digest_days.by_day]
    shown_again: set[str] = set()
    for card, srcs in fresh:
        before = earlier.cards.get(card.path)
        plan.add(card, *srcs)
        if before is None or before.alt != card.alt:
            shown_again.update(srcs)
    return plan, shown_again
