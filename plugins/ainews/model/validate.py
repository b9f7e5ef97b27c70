"""Validate one article's front matter and body; every problem is reported, not the first."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from .article import Article, KeyPoint, Problem, Scores, SourceRef, Tag, show_value
from .dates import DateError, parse_when
from .hints import integer_hint
from .messages import msg
from .frontmatter import FrontMatterError, decode_text, split_article
from .readtime import CJK_CHARS_PER_MINUTE, LATIN_WORDS_PER_MINUTE, reading_minutes
from .scoring import DEFAULT_WEIGHTS, MAX_SCORE, MIN_SCORE, SCORE_NAMES, weighted_importance
from .text import strip_bidi
from .slugs import ARTICLE_SLUG, slugify
from .urls import is_web_url

MAX_TAGS = 10
MAX_TAG_LENGTH = 100
# Front-matter text is repeated on listings, cards, feeds and the search index: a runaway
# value (a pasted article in the title) would multiply across the site, so each has a limit.
MAX_LENGTH: dict[str, int] = {
    "title": 200, "original_title": 300, "tldr": 2000, "impact": 10000, "editorial": 10000,
    "source.name": 100, "source.url": 2000, "detail": 3000,
}

MAX_KEY_POINTS = 10
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")
KNOWN_FIELDS = frozenset({
    "title", "original_title", "source", "published", "analyzed", "tags", "tldr", "scores",
    "importance", "key_points", "impact", "editorial", "original_lang", "slug", "draft",
    "related", "related_exclude", "publish_at",
})


@dataclass(frozen=True)
class ModelSettings:
    """What validation and derived values depend on, taken from mkdocs.yml."""

    zone: dt.tzinfo
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    cjk_per_minute: int = CJK_CHARS_PER_MINUTE
    words_per_minute: int = LATIN_WORDS_PER_MINUTE


class _Checker:
    """Collects problems for one file while reading its fields."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def fail(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.path, name, message))

    def text(self, meta: Mapping[str, Any], key: str, name: str | None = None,
             required: bool = True) -> str | None:
        """A text field, stripped of bidi controls, within its length limit (``MAX_LENGTH``)."""
        name = name or key
        value = meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(name, msg("is required: expected non-empty text"))
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.fail(name, msg("must be text, got {got}", got=_show(value)))
            return None
        text = strip_bidi(str(value)).strip()
        limit = MAX_LENGTH.get(name.split(".")[-1] if "[" in name else name)
        if limit is not None and len(text) > limit:
            self.fail(name, msg("must be at most {limit} characters, got {count}", limit=limit, count=len(text)))
            return None
        return text

    def integer(self, value: Any, name: str) -> int | None:
        meant = integer_hint(value)
        if meant is not None:
            self.fail(name, msg("must be an integer from {low} to {high}, got {got}: full-width digits, "
                                "write {fixed}", low=MIN_SCORE, high=MAX_SCORE, got=_show(value), fixed=meant))
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not MIN_SCORE <= value <= MAX_SCORE:
            self.fail(name, msg("must be an integer from {low} to {high}, got {got}",
                                 low=MIN_SCORE, high=MAX_SCORE, got=_show(value)))
            return None
        return value

    def when(self, meta: Mapping[str, Any], key: str, zone: dt.tzinfo,
             required: bool) -> dt.datetime | None:
        if meta.get(key) is None:
            if required:
                self.fail(key, msg("is required: expected a date (2026-06-02) or datetime (2026-06-02T09:30:00+09:00)"))
            return None
        try:
            return parse_when(meta[key], zone)
        except DateError as error:
            self.fail(key, error.args[0])
            return None

    def slug_list(self, meta: Mapping[str, Any], key: str) -> tuple[str, ...]:
        value = meta.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and ARTICLE_SLUG.match(v) for v in value):
            self.fail(key, msg("must be a list of article slugs, got {got}", got=_show(value)))
            return ()
        return tuple(value)


def _count(value: Any, items: bool = False) -> str:
    """``11 tags`` for a list (its length is the problem), the value itself otherwise."""
    if not isinstance(value, list):
        return _show(value)
    return msg("{count} items", count=len(value)) if items else msg("{count} tags", count=len(value))


def _show(value: Any) -> str:
    """A short, one-line rendering of a bad value for an error message."""
    return show_value(value)


def parse_article(data: bytes, path: str, src_uri: str, settings: ModelSettings,
                  canonical_tag: Mapping[str, str] | None = None) -> tuple[Article | None, list[Problem]]:
    """Parse and validate one article file. Returns the article, or None and its problems.

    ``canonical_tag`` maps alias slugs to canonical slugs (from tags.yml).
    """
    check = _Checker(path)
    try:
        split = split_article(decode_text(data))
    except FrontMatterError as error:
        check.fail(error.field, error.message)
        return None, check.problems
    meta = split.meta

    for key in sorted(set(map(str, meta)) - KNOWN_FIELDS):
        check.fail(key, msg("unknown field; expected one of {fields}", fields=", ".join(sorted(KNOWN_FIELDS))))

    title = check.text(meta, "title")
    original_title = check.text(meta, "original_title", required=False)
    source = _parse_source(meta.get("source"), check)
    published = check.when(meta, "published", settings.zone, required=True)
    analyzed = check.when(meta, "analyzed", settings.zone, required=False)
    publish_at = check.when(meta, "publish_at", settings.zone, required=False)
    tags = _parse_tags(meta.get("tags"), check, canonical_tag or {})
    tldr = check.text(meta, "tldr")
    scores = _parse_scores(meta.get("scores"), check)
    importance = None
    if meta.get("importance") is not None:
        importance = check.integer(meta["importance"], "importance")
    key_points = _parse_key_points(meta.get("key_points"), check)
    impact = check.text(meta, "impact", required=False)
    editorial = check.text(meta, "editorial", required=False)

    original_lang = meta.get("original_lang", "en")
    if not isinstance(original_lang, str) or not _LANG.match(original_lang):
        check.fail("original_lang", msg("must be a language code such as en or zh-CN, got {got}", got=_show(original_lang)))

    default_slug = src_uri.rsplit("/", 1)[-1].removesuffix(".md")
    slug = meta.get("slug", default_slug)
    if not isinstance(slug, str) or not ARTICLE_SLUG.match(slug):
        check.fail("slug", msg("must be lower-case letters, digits and '-', got {got}" if "slug" in meta else
                               "must be lower-case letters, digits and '-' (taken from the file name), got {got}",
                               got=_show(slug)))

    draft = meta.get("draft", False)
    if not isinstance(draft, bool):
        check.fail("draft", msg("must be true or false, got {got}", got=_show(draft)))

    related_pins = check.slug_list(meta, "related")
    related_exclude = check.slug_list(meta, "related_exclude")

    if not split.translation.strip():
        check.fail("body", msg("must contain the Japanese translation after the front matter, got nothing"))
    if split.original is not None and not split.original.strip():
        check.fail("body", msg("has a '<!-- original -->' line but no original text after it"))

    if check.problems:
        return None, check.problems
    assert title and source and published and tldr and scores and tags and key_points
    if importance is None:
        importance = weighted_importance(scores.as_dict(), settings.weights)
    article = Article(
        path=path, src_uri=src_uri, slug=slug, title=title, original_title=original_title,
        source=source, published=published, analyzed=analyzed, tags=tags, tldr=tldr,
        scores=scores, importance=importance, key_points=key_points, impact=impact,
        editorial=editorial, original_lang=original_lang, draft=draft,
        translation=split.translation, original=split.original,
        reading_minutes=reading_minutes(split.translation, settings.cjk_per_minute, settings.words_per_minute),
        related_pins=related_pins, related_exclude=related_exclude, publish_at=publish_at,
    )
    return article, []


def _parse_source(value: Any, check: _Checker) -> SourceRef | None:
    if not isinstance(value, dict):
        check.fail("source", msg("is required: expected name and url fields, got {got}", got=_show(value)))
        return None
    for key in sorted(set(map(str, value)) - {"name", "url"}):
        check.fail(f"source.{key}", msg("unknown field; expected name or url"))
    name = check.text(value, "name", "source.name")
    url = check.text(value, "url", "source.url")
    ok = name is not None and url is not None
    if url is not None and not is_web_url(url):
        check.fail("source.url", msg("must be an http or https URL, got {got}", got=_show(url)))
        ok = False
    if name is not None and not slugify(name):
        check.fail("source.name", msg("must contain a letter or digit, got {got}", got=_show(name)))
        ok = False
    if not ok:
        return None
    assert name is not None and url is not None
    return SourceRef(slug=slugify(name), name=name, url=url)


def _parse_tags(value: Any, check: _Checker, canonical: Mapping[str, str]) -> tuple[Tag, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_TAGS:
        check.fail("tags", msg("must be a list of 1 to {most} tags, got {got}", most=MAX_TAGS, got=_count(value)))
        return ()
    tags: dict[str, Tag] = {}
    for position, name in enumerate(value):
        if isinstance(name, bool) or not isinstance(name, (str, int, float)) or not slugify(str(name)):
            check.fail(f"tags[{position}]", msg("must be a tag name with a letter or digit, got {got}", got=_show(name)))
            continue
        text = strip_bidi(str(name)).strip()
        if len(text) > MAX_TAG_LENGTH:
            check.fail(f"tags[{position}]", msg("must be at most {limit} characters, got {count}",
                                                    limit=MAX_TAG_LENGTH, count=len(text)))
            continue
        slug = slugify(text)
        slug = canonical.get(slug, slug)
        tags.setdefault(slug, Tag(slug=slug, name=text))
    return tuple(tags.values())


def _parse_scores(value: Any, check: _Checker) -> Scores | None:
    if not isinstance(value, dict):
        check.fail("scores", msg("is required: expected {names}, each an integer from {low} to {high}",
                                   names=", ".join(SCORE_NAMES), low=MIN_SCORE, high=MAX_SCORE))
        return None
    for key in sorted(set(map(str, value)) - set(SCORE_NAMES)):
        check.fail(f"scores.{key}", msg("unknown score; expected {names}", names=", ".join(SCORE_NAMES)))
    found: dict[str, int | None] = {}
    for name in SCORE_NAMES:
        if value.get(name) is None:
            check.fail(f"scores.{name}", msg("is required: expected an integer from {low} to {high}",
                                              low=MIN_SCORE, high=MAX_SCORE))
            found[name] = None
        else:
            found[name] = check.integer(value[name], f"scores.{name}")
    if any(score is None for score in found.values()):
        return None
    return Scores(**found)  # type: ignore[arg-type]


def _parse_key_points(value: Any, check: _Checker) -> tuple[KeyPoint, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_KEY_POINTS:
        check.fail("key_points", msg("must be a list of 1 to {most} items with title and detail, got {got}",
                                     most=MAX_KEY_POINTS, got=_count(value, items=True)))
        return ()
    points = []
    for position, item in enumerate(value):
        name = f"key_points[{position}]"
        if not isinstance(item, dict):
            check.fail(name, msg("must have title and detail, got {got}", got=_show(item)))
            continue
        for key in sorted(set(map(str, item)) - {"title", "detail"}):
            check.fail(f"{name}.{key}", msg("unknown field; expected title or detail"))
        title = check.text(item, "title", f"{name}.title")
        detail = check.text(item, "detail", f"{name}.detail")
        if title and detail:
            points.append(KeyPoint(title=title, detail=detail))
    return tuple(points)
