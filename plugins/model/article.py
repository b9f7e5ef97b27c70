"""The validated article and its parts: plain frozen dataclasses, no MkDocs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, printed as ``path: field: message``."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


@dataclass(frozen=True, order=True)
class Tag:
    """A tag as the site shows it; two tags are the same when their slugs are."""

    slug: str
    name: str = field(compare=False)


@dataclass(frozen=True)
class SourceRef:
    """Where an article comes from: the source's identity and the article's own URL."""

    slug: str
    name: str
    url: str


@dataclass(frozen=True)
class Scores:
    """The four 1..5 sub-scores of the analysis."""

    depth: int
    relevance: int
    practicality: int
    novelty: int

    def as_dict(self) -> dict[str, int]:
        return {"depth": self.depth, "relevance": self.relevance,
                "practicality": self.practicality, "novelty": self.novelty}


@dataclass(frozen=True)
class KeyPoint:
    title: str
    detail: str


@dataclass(frozen=True)
class Article:
    """One article, parsed and validated once per build and read by every page."""

    path: str                 # as shown in error messages, e.g. content/articles/2026/06/foo.md
    src_uri: str              # relative to the docs folder, with forward slashes
    slug: str
    title: str
    original_title: str | None
    source: SourceRef
    published: dt.datetime    # aware, in the site time zone
    analyzed: dt.datetime | None
    tags: tuple[Tag, ...]
    tldr: str
    scores: Scores
    importance: int
    key_points: tuple[KeyPoint, ...]
    impact: str | None
    editorial: str | None
    original_lang: str
    draft: bool
    translation: str          # Markdown before the <!-- original --> line
    original: str | None      # Markdown after it, or None without the marker
    reading_minutes: int
    related_pins: tuple[str, ...] = ()
    related_exclude: tuple[str, ...] = ()

    @property
    def day(self) -> dt.date:
        """The day of the site time zone the article belongs to (its AI日報)."""
        return self.published.date()

    @property
    def tag_slugs(self) -> frozenset[str]:
        return frozenset(tag.slug for tag in self.tags)
