"""Validate one article's front matter and body; every problem is reported, not the first.

Which fields exist and their limits come from the declaration in ``fields.py``;
this module knows what each *kind* of field means and how its problems read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from .article import Article, KeyPoint, Problem, Scores, SourceRef, Tag, show_value
from .dates import DateError, parse_when
from .fields import ARTICLE, LANGUAGE_PATTERN, MAX_SLUG_BYTES, Derived, Field, Kind
from .frontmatter import FrontMatterError, decode_text, split_article
from .hints import integer_hint
from .messages import Msg, msg
from .readtime import CJK_CHARS_PER_MINUTE, LATIN_WORDS_PER_MINUTE, reading_minutes
from .scoring import DEFAULT_WEIGHTS, weighted_importance
from .bodylimits import body_problems
from .slugs import ARTICLE_SLUG, slugify
from .text import first_control, strip_bidi, text_problem
from .urls import has_credentials, is_web_url
from .video import parse_video_url

KNOWN_FIELDS = frozenset(ARTICLE.names)
_LANG = re.compile(LANGUAGE_PATTERN.removesuffix("$") + r"\Z")
_MISSING: Any = object()   # the key is absent (a YAML null is present, with the value None)


@dataclass(frozen=True)
class ModelSettings:
    """What validation and derived values depend on, taken from mkdocs.yml."""

    zone: dt.tzinfo
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    cjk_per_minute: int = CJK_CHARS_PER_MINUTE
    words_per_minute: int = LATIN_WORDS_PER_MINUTE


def _show(value: Any) -> str:
    """A short, one-line rendering of a bad value for an error message."""
    return show_value(None if value is _MISSING else value)


def _either(names: tuple[str, ...]) -> Msg:
    """``name or url``; three or more names are listed."""
    if len(names) == 2:
        return Msg(" か ".join(names), " or ".join(names))
    return Msg(", ".join(names), ", ".join(names))


def _both(names: tuple[str, ...]) -> Msg:
    """``name and url``."""
    return Msg(" と ".join(names), " and ".join(names))


class _Checker:
    """Collects the problems of one file while checking its fields against their declaration."""

    def __init__(self, path: str, zone: dt.tzinfo, file_slug: str, canonical_tag: Mapping[str, str]) -> None:
        self.path = path
        self.zone = zone
        self.file_slug = file_slug
        self.canonical_tag = canonical_tag
        self.problems: list[Problem] = []
        self._kinds: dict[str, Callable[[Field, Any, str], Any]] = {
            Kind.TEXT: self._text, Kind.NAME: self._name, Kind.URL: self._url, Kind.VIDEO: self._video, Kind.WHEN: self._when,
            Kind.INTEGER: self._integer, Kind.BOOLEAN: self._boolean, Kind.LANGUAGE: self._language,
            Kind.SLUG: self._slug, Kind.SLUGS: self._slugs, Kind.TAG: self._tag, Kind.LIST: self._list,
            Kind.OBJECT: self._object,
        }

    def fail(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.path, name, message))

    def check(self, spec: Field, value: Any, where: str) -> Any:
        """The checked value of one field (``_MISSING`` when absent), or None after a problem.

        A control character is refused in every string, whatever the field's kind: it would
        go raw into HTML, feeds and terminals.
        """
        if isinstance(value, str):
            control = first_control(value)
            if control is not None:
                self.fail(where, msg("must not contain the control character {char}", char=control))
                return None
        return self._kinds[spec.kind](spec, value, where)

    def members(self, spec: Field, value: Mapping[Any, Any], where: str) -> dict[str, Any]:
        """Every key of an OBJECT checked; unknown keys are problems, reported first."""
        prefix = f"{where}." if where else ""
        unknown = value.keys() - spec.name_set
        for key in sorted(set(map(str, unknown)) - spec.name_set):
            if not where:
                self.fail(key, msg("unknown field; expected one of {fields}", fields=", ".join(sorted(spec.names))))
            else:
                self.fail(prefix + key, msg("unknown {noun}; expected {names}",
                                            noun=Msg(spec.noun_ja, spec.noun), names=_either(spec.names)))
        checked = {}
        for member in spec.fields:
            checked[member.attribute] = self.check(member, value.get(member.name, _MISSING), prefix + member.name)
        return checked

    # -- one method per kind ------------------------------------------------------------------

    def _text(self, spec: Field, value: Any, where: str) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            if value is not _MISSING and value is not None:
                self.fail(where, msg("must be text, got {got}", got=_show(value)))
                return None
            text = ""
        else:
            unusable = text_problem(str(value))   # nothing visible (zero-width spaces only, ...)
            if unusable is not None:
                self.fail(where, unusable)
                return None
            # Bidi controls can reverse the rest of a line wherever the text is shown.
            text = strip_bidi(str(value)).strip()
        if not text:
            if spec.required:
                self.fail(where, msg("is required: expected non-empty text"))
            return None
        if spec.max_length is not None and len(text) > spec.max_length:
            self.fail(where, msg("must be at most {limit} characters, got {count}",
                                 limit=spec.max_length, count=len(text)))
            return None
        return text

    def _name(self, spec: Field, value: Any, where: str) -> str | None:
        text = self._text(spec, value, where)
        if text is None:
            return None
        slug = slugify(text)
        if not slug:
            self.fail(where, msg("must contain a letter or digit, got {got}", got=_show(text)))
            return None
        return text if self._fits(slug, where) else None

    def _fits(self, slug: str, where: str) -> bool:
        """A tag's or source's slug is a folder name: it must fit a file system's limit."""
        size = len(slug.encode("utf-8"))
        if size > MAX_SLUG_BYTES:
            self.fail(where, msg("is too long for a web address: its slug is {size} bytes of UTF-8, "
                                 "at most {limit} (a kanji takes 3)", size=size, limit=MAX_SLUG_BYTES))
        return size <= MAX_SLUG_BYTES

    def _url(self, spec: Field, value: Any, where: str) -> str | None:
        text = self._text(spec, value, where)
        if text is not None and has_credentials(text):
            self.fail(where, msg("must not carry a user name or password (they would be published)"))
            return None
        if text is not None and not is_web_url(text):
            self.fail(where, msg("must be an http or https URL, got {got}", got=_show(text)))
            return None
        return text

    def _video(self, spec: Field, value: Any, where: str) -> str | None:
        text = self._url(spec, value, where)
        if text is not None and parse_video_url(text) is None:
            self.fail(where, msg("must be a YouTube or Vimeo video URL, got {got}", got=_show(text)))
            return None
        return text

    def _when(self, spec: Field, value: Any, where: str) -> dt.datetime | None:
        if value is _MISSING or value is None:
            if spec.required:
                self.fail(where, msg("is required: expected a date (2026-06-02) or datetime "
                                     "(2026-06-02T09:30:00+09:00)"))
            return None
        try:
            return parse_when(value, self.zone)
        except DateError as error:
            self.fail(where, error.args[0])
            return None

    def _integer(self, spec: Field, value: Any, where: str) -> int | None:
        if value is _MISSING or value is None:
            if spec.required:
                self.fail(where, msg("is required: expected an integer from {low} to {high}",
                                     low=spec.minimum, high=spec.maximum))
            return None
        meant = integer_hint(value)
        if meant is not None:
            self.fail(where, msg("must be an integer from {low} to {high}, got {got}: full-width digits, "
                                 "write {fixed}", low=spec.minimum, high=spec.maximum, got=_show(value), fixed=meant))
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not spec.minimum <= value <= spec.maximum:  # type: ignore[operator]
            self.fail(where, msg("must be an integer from {low} to {high}, got {got}",
                                 low=spec.minimum, high=spec.maximum, got=_show(value)))
            return None
        return value

    def _boolean(self, spec: Field, value: Any, where: str) -> bool | None:
        if value is _MISSING:
            return spec.default  # type: ignore[no-any-return]
        if not isinstance(value, bool):
            self.fail(where, msg("must be true or false, got {got}", got=_show(value)))
            return None
        return value

    def _language(self, spec: Field, value: Any, where: str) -> str | None:
        if value is _MISSING:
            return spec.default  # type: ignore[no-any-return]
        if not isinstance(value, str) or not _LANG.match(value):
            self.fail(where, msg("must be a language code such as en or zh-CN, got {got}", got=_show(value)))
            return None
        return value

    def _slug(self, spec: Field, value: Any, where: str) -> str | None:
        from_file = value is _MISSING and spec.derived is Derived.FILE_NAME
        if from_file:
            value = self.file_slug
        if value is _MISSING:
            return None
        # Length first: the slug pattern is bounded too, and "too long" is the more useful line.
        if isinstance(value, str) and spec.max_length is not None and len(value) > spec.max_length:
            self.fail(where, msg("must be at most {limit} characters, got {count}",
                                 limit=spec.max_length, count=len(value)))
            return None
        if not isinstance(value, str) or not ARTICLE_SLUG.match(value):
            self.fail(where, msg("must be lower-case letters, digits and '-' (taken from the file name), got {got}"
                                 if from_file else "must be lower-case letters, digits and '-', got {got}",
                                 got=_show(value)))
            return None
        return value

    def _slugs(self, spec: Field, value: Any, where: str) -> tuple[str, ...] | None:
        if value is _MISSING or value is None:
            return tuple(spec.default or ())
        if not isinstance(value, list) or not all(isinstance(v, str) and ARTICLE_SLUG.match(v) for v in value):
            self.fail(where, msg("must be a list of article slugs, got {got}", got=_show(value)))
            return None
        return tuple(value)

    def _tag(self, spec: Field, value: Any, where: str) -> Tag | None:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not slugify(str(value)):
            self.fail(where, msg("must be a tag name with a letter or digit, got {got}", got=_show(value)))
            return None
        unusable = text_problem(str(value))
        text = strip_bidi(str(value)).strip()
        if unusable is not None:
            self.fail(where, unusable)
            return None
        if spec.max_length is not None and len(text) > spec.max_length:
            self.fail(where, msg("must be at most {limit} characters, got {count}",
                                 limit=spec.max_length, count=len(text)))
            return None
        slug = slugify(text)
        if not self._fits(slug, where):
            return None
        return Tag(slug=self.canonical_tag.get(slug, slug), name=text)

    def _list(self, spec: Field, value: Any, where: str) -> tuple[Any, ...] | None:
        if (value is _MISSING or value is None) and not spec.required:
            return tuple(spec.default or ())
        assert spec.item is not None and spec.max_items is not None, "a LIST declares its item and max_items"
        low, high = spec.min_items or 0, spec.max_items
        if not isinstance(value, list) or not low <= len(value) <= high:
            if spec.item.kind == Kind.OBJECT:
                self.fail(where, msg("must be a list of {low} to {high} items with {names}, got {got}",
                                     low=low, high=high, names=_both(spec.item.names),
                                     got=msg("{count} items", count=len(value)) if isinstance(value, list)
                                     else _show(value)))
            else:
                self.fail(where, msg("must be a list of {low} to {high} {things}, got {got}",
                                     low=low, high=high, things=Msg(spec.label_ja, spec.noun),
                                     got=msg("{count} {noun}", count=len(value), noun=spec.noun)
                                     if isinstance(value, list) else _show(value)))
            return None
        checked = [self.check(spec.item, item, f"{where}[{position}]") for position, item in enumerate(value)]
        return tuple(item for item in checked if item is not None)

    def _object(self, spec: Field, value: Any, where: str) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return self.members(spec, value, where)
        if spec.required:
            first = spec.fields[0]
            if all((m.kind, m.minimum, m.maximum) == (Kind.INTEGER, first.minimum, first.maximum)
                   for m in spec.fields):   # the scores: one range for all
                self.fail(where, msg("is required: expected {names}, each an integer from {low} to {high}",
                                     names=", ".join(spec.names), low=first.minimum, high=first.maximum))
            else:
                self.fail(where, msg("is required: expected {names} fields, got {got}",
                                     names=_both(spec.names), got=_show(value)))
        elif value is not _MISSING and (value is not None or where.endswith("]")):
            # An optional field written as null is absent; a list item is there even when null.
            self.fail(where, msg("must have {names}, got {got}", names=_both(spec.names), got=_show(value)))
        return None


def parse_article(data: bytes, path: str, src_uri: str, settings: ModelSettings,
                  canonical_tag: Mapping[str, str] | None = None,
                  declaration: Field = ARTICLE) -> tuple[Article | None, list[Problem]]:
    """Parse and validate one article file. Returns the article, or None and its problems.

    ``canonical_tag`` maps alias slugs to canonical slugs (from tags.yml); ``declaration``
    is the article format (the one in ``fields.py`` unless a test tries another).
    """
    file_slug = src_uri.rsplit("/", 1)[-1].removesuffix(".md")
    check = _Checker(path, settings.zone, file_slug, canonical_tag or {})
    try:
        decoded = decode_text(data)
        split = split_article(decoded)
    except FrontMatterError as error:
        check.fail(error.field, error.message)
        return None, check.problems
    values = check.members(declaration, split.meta, "")

    if not split.translation.strip():
        check.fail("body", msg("must contain the Japanese translation after the front matter, got nothing"))
    if split.original is not None and not split.original.strip():
        check.fail("body", msg("has a '<!-- original -->' line but no original text after it"))
    for part, text in (("body", split.translation), ("body (original)", split.original or "")):
        first_line = decoded[:decoded.find(text)].count("\n") + 1 if text else 1
        for name, message in body_problems(text, part, first_line):   # shapes Markdown cannot render in time
            check.fail(name, message)

    if check.problems:
        return None, check.problems
    for name, make in _MAKE.items():
        values[name] = make(values[name])
    if values["importance"] is None:
        values["importance"] = weighted_importance(values["scores"].as_dict(), settings.weights)
    article = Article(
        path=path, src_uri=src_uri, translation=split.translation, original=split.original,
        reading_minutes=reading_minutes(split.translation, settings.cjk_per_minute, settings.words_per_minute),
        **values,
    )
    return article, []


def _first_spelling(tags: tuple[Tag, ...]) -> tuple[Tag, ...]:
    """One tag per slug, in the first spelling the article used."""
    unique: dict[str, Tag] = {}
    for tag in tags:
        unique.setdefault(tag.slug, tag)
    return tuple(unique.values())


# The model's parts made from checked values; a field not listed here is passed on as checked
# (an OBJECT as a dict, a LIST as a tuple).
_MAKE: dict[str, Callable[[Any], Any]] = {
    "source": lambda s: SourceRef(slug=slugify(s["name"]), name=s["name"], url=s["url"]),
    "scores": lambda s: Scores(**s),
    "key_points": lambda points: tuple(KeyPoint(**point) for point in points),
    "tags": _first_spelling,
}
