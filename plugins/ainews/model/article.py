"""The validated article and its parts: plain frozen dataclasses, no MkDocs."""

from __future__ import annotations

import datetime as dt
import reprlib
from dataclasses import dataclass, field

from .report import plain


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, printed as ``path: field: message``."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        # Always one line, whatever the input put in a field name (an empty or multi-line YAML key).
        field = self.field if self.field.isprintable() and self.field.strip() and ": " not in self.field \
            else repr(self.field)
        # A file name may carry a newline or terminal escapes: shown escaped (model/report.py).
        return f"{plain(self.path)}: {field}: {plain(' '.join(self.message.splitlines()))}"


_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxstring, _SHORT.maxother = 3, 60, 60
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxset = _SHORT.maxdict = 6


def show_value(value: object) -> str:
    """A short, one-line rendering of a bad value for a problem message.

    Bounded however large the value: nine lines of YAML aliases expand to 9**9
    strings, and a plain repr() of them would never finish.
    """
    shown = repr(value) if isinstance(value, (str, bytes)) else _SHORT.repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


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
    publish_at: dt.datetime | None = None   # when our site publishes it; None: at once
    updated: dt.datetime | None = None      # last update, shown as 更新 beside the date
    translator: str | None = None           # credit line under the headline
    editor: str | None = None
    video: str | None = None  # a YouTube or Vimeo URL, shown as a click-to-play embed

    def is_scheduled(self, now: dt.datetime) -> bool:
        """True while ``publish_at`` is still ahead of ``now``: the build leaves it out like a draft."""
        return self.publish_at is not None and self.publish_at > now

    @property
    def day(self) -> dt.date:
        """The day of the site time zone the article belongs to (its AI日報)."""
        return self.published.date()
