"""Configuration of the news plugin (`plugins: - ainews/news:` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..index.digests import DEFAULT_DIGESTS, Digest, digest_problems, make_digest
from ..model.dates import DateError, load_zone
from ..model.readtime import CJK_CHARS_PER_MINUTE, LATIN_WORDS_PER_MINUTE
from ..model.scoring import DEFAULT_LABELS, DEFAULT_WEIGHTS
from ..model.validate import ModelSettings
from .options import option_problems

SHARE_TARGETS = ("x", "facebook", "linkedin", "hatena", "line", "copy")


class CardsConfig(Config):
    """Share cards (`cards:`): a 1200x630 Open Graph image per page, see docs/cards.md."""

    enabled = c.Type(bool, default=True)
    """Draw the cards and point og:image / twitter:card at them."""
    font = c.Optional(c.Type(str))
    """A .ttf/.otf/.ttc file with Japanese glyphs, relative to mkdocs.yml; by default Noto Sans CJK JP is found."""
    cache_dir = c.Type(str, default=".cache/cards")
    """Folder of drawn cards by content hash, relative to mkdocs.yml; an unchanged card is copied from it."""


class DigestConfig(Config):
    """One daily digest (`digests:`): AI日報, Hacker日報, ...; see docs/configuration.md."""

    name = c.Type(str)
    """Its title and header tab, e.g. `Hacker日報`."""
    path = c.Type(str)
    """Its URL folder: day pages at `<path>/2026-11-30/`, the index at `<path>/`, the feed at `<path>/feed.xml`."""
    description = c.Type(str, default="")
    """One sentence under the title of its pages and in its feed."""
    sources = c.ListOfItems(c.Type(str), default=[])
    """Source names (as in articles / sources.yml) whose articles belong to it."""
    source_groups = c.ListOfItems(c.Type(str), default=[])
    """Source groups (`group:` in sources.yml) whose articles belong to it."""
    tags = c.ListOfItems(c.Type(str), default=[])
    """Tags whose articles belong to it. With no sources, groups or tags it takes every article."""


class SectionsConfig(Config):
    """The optional sections (`sections:`): each is built only when switched on and not empty."""

    companies = c.Type(bool, default=True)
    """企業: an index and a page per `kind: company` tag of tags.yml."""
    videos = c.Type(bool, default=True)
    """動画: a paginated list of the articles with a video."""
    tools = c.Type(bool, default=True)
    """AIツール: the content/tools.yml registry, a page per tool and the この記事のツール box."""


class NewsConfig(Config):
    # Content: where articles live and how their times are read.
    articles_dir = c.Type(str, default="articles")
    """Folder under docs_dir holding one Markdown file per article."""
    timezone = c.Type(str, default="Asia/Tokyo")
    """Site time zone: times without an offset are in it, and every date is shown in it."""
    drafts = c.Type(bool, default=False)
    """Build `draft: true` articles with `mkdocs build` too (serve always shows them)."""

    # Scoring: how importance (重要度) is derived and labelled.
    score_weights = c.Type(dict, default=dict(DEFAULT_WEIGHTS))
    """Weights of depth, relevance, practicality and novelty in the importance."""
    importance_labels = c.Type(dict, default=dict(DEFAULT_LABELS))
    """Label shown for each importance level 1..5."""

    # Reading time (約N分で読める).
    reading_cjk_per_minute = c.Type(int, default=CJK_CHARS_PER_MINUTE)
    """Japanese characters read per minute."""
    reading_words_per_minute = c.Type(int, default=LATIN_WORDS_PER_MINUTE)
    """Latin-script words read per minute."""

    # Listings: where the home page goes, related articles, home pagination and the feed.
    home = c.Type(str, default="")
    """Folder of the home page (the news list), such as `news/`; empty for the site root."""
    related_count = c.Type(int, default=3)
    """How many related articles (関連記事) each article shows."""
    per_page = c.Type(int, default=20)
    """Article cards per page on the home page and tag pages."""
    feed_size = c.Type(int, default=50)
    """How many of the latest articles the RSS feeds carry."""

    # Speed: caches and worker processes.
    cache = c.Type(bool, default=True)
    """Keep rendered article bodies on disk between builds (keyed by content hash)."""
    cache_dir = c.Type(str, default=".cache/ainews")
    """Cache folder, relative to mkdocs.yml."""
    workers = c.Type(int, default=0)
    """Processes that render article bodies; 0 means one per CPU core."""

    # Search: a Pagefind index of the built pages.
    search = c.Type(bool, default=True)
    """Build the Pagefind search index after each build."""
    search_partition = c.Type(int, default=2000)
    """Articles per search index partition: bounds Pagefind's memory (about 1.3 GiB per 2,000)."""

    # Body HTML: article bodies come from pipelines and outside sources.
    raw_html = c.Type(bool, default=False)
    """Keep raw HTML in article bodies as written (fully trusted sites only); by default it is sanitized."""

    # Sharing (この記事をシェア).
    share = c.ListOfItems(c.Choice(SHARE_TARGETS), default=list(SHARE_TARGETS))
    """Which share links an article shows, in order."""

    # Sections: digests of the day and the optional sections (docs/content-model.md).
    digests = c.ListOfItems(c.SubConfig(DigestConfig), default=[])
    """The daily digests in header order; empty means one AI日報 of every article at `daily/`."""
    sections = c.SubConfig(SectionsConfig)
    """`companies`, `videos` and `tools`: switch a section off with `false`."""

    # Share cards: the Open Graph image of every page.
    cards = c.SubConfig(CardsConfig)
    """`enabled`, `font` and `cache_dir` of the share cards."""


class OptionError(ValueError):
    """An option MkDocs' type checks let through but the model cannot use: `plugins.news.<option>: ...`."""


def make_model_settings(options: NewsConfig) -> ModelSettings:
    """The model's settings from the options: one place, used by the build and the `ainews` CLI."""
    try:
        zone = load_zone(options.timezone)
    except DateError as error:
        raise OptionError(f"plugins.news.timezone: {error}") from None
    # Every line starts `plugins.news.<option>:`; callers put `mkdocs.yml: ` before each.
    problems = option_problems(options)
    if problems:
        raise OptionError("\n".join(problems))
    weights = options.score_weights
    return ModelSettings(zone=zone, weights=dict(weights), cjk_per_minute=options.reading_cjk_per_minute,
                         words_per_minute=options.reading_words_per_minute)


def make_digests(options: NewsConfig) -> tuple[Digest, ...]:
    """The declared digests in header order (AI日報 of every article when none are declared)."""
    digests = tuple(make_digest(**dict(option)) for option in options.digests) or DEFAULT_DIGESTS
    problems = digest_problems(digests)
    if problems:
        raise OptionError("\n".join(f"plugins.news.{problem}" for problem in problems))
    return digests
