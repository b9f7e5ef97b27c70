"""`ainews schema`: a JSON Schema (draft-07) of an article's front matter, for editors and tools.

Draft-07 because the YAML language server behind VS Code's YAML extension
supports drafts up to 7. The schema is derived from the declared format
(``ainews.model.fields``), as the validator is: fields, required ones, limits,
defaults and help come from there. The build stays the authority; a test checks
the two agree on the sample articles and on known bad values.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from ..model.fields import ARTICLE, LANGUAGE_PATTERN, Field, Kind
from ..model.slugs import ARTICLE_SLUG
from ..model.text import schema_patterns

# A date (2026-06-02) or a datetime with or without offset, as datetime.fromisoformat reads it.
WHEN_PATTERN = (r"^\d{4}-\d{2}-\d{2}"
                r"([T ]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$")
SLUG_PATTERN = ARTICLE_SLUG.pattern.removesuffix(r"\Z") + "$"
# Some character that is not a space nor ASCII punctuation. Written without \w: editors' JavaScript
# validators (VS Code's YAML extension) read \w as ASCII only and would refuse every Japanese tag.
TAG_PATTERN = r"[^\s\x00-\x2F\x3A-\x40\x5B-\x60\x7B-\x7F]"
URL_PATTERN = r"^https?://[^\s/?#]+[^\s]*$"
# The validator takes numbers as text too (YAML reads `title: 2026` as a number).
TEXT_TYPE = ["string", "number"]


def _no_control(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` refusing control characters (model/text.py), as every front-matter string does."""
    return {**schema, "allOf": [*schema.get("allOf", []), {"pattern": schema_patterns()[0]}]}


def _visible(schema: dict[str, Any], required: bool) -> dict[str, Any]:
    """``schema`` of text that shows something (model/text.py): required text may not be blank,
    optional text is blank or visible; never only zero-width spaces, joiners or selectors."""
    _, blank_or_visible, visible = schema_patterns()
    rule = {"pattern": visible, "minLength": 1} if required else {"pattern": blank_or_visible}
    return _no_control({**schema, "allOf": [*schema.get("allOf", []), rule]})


def _text(spec: Field) -> dict[str, Any]:
    return _visible({"type": TEXT_TYPE}, spec.required)


_KINDS: dict[str, Callable[[Field], dict[str, Any]]] = {
    Kind.TEXT: _text,
    Kind.NAME: _text,
    Kind.URL: lambda spec: _no_control({"type": "string", "pattern": URL_PATTERN, "format": "uri"}),
    # Editors' hint only: the build's model/video.py decides which YouTube and Vimeo URLs are videos.
    Kind.VIDEO: lambda spec: _no_control({"type": "string", "format": "uri",
                                          "pattern": r"^https?://([a-z0-9-]+\.)*(youtube\.com|youtube-nocookie\.com|youtu\.be|vimeo\.com)/"}),
    Kind.WHEN: lambda spec: {"type": "string", "pattern": WHEN_PATTERN,
                             "examples": ["2026-06-02T09:30:00+09:00", "2026-06-02"]},
    Kind.INTEGER: lambda spec: {"type": "integer", "minimum": spec.minimum, "maximum": spec.maximum},
    Kind.BOOLEAN: lambda spec: {"type": "boolean"},
    Kind.LANGUAGE: lambda spec: {"type": "string", "pattern": LANGUAGE_PATTERN},
    Kind.SLUG: lambda spec: {"type": "string", "pattern": SLUG_PATTERN},
    Kind.SLUGS: lambda spec: {"type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN}},
    Kind.TAG: lambda spec: _visible({"type": TEXT_TYPE, "pattern": TAG_PATTERN}, required=False),
    Kind.LIST: lambda spec: {"type": "array", "minItems": spec.min_items, "maxItems": spec.max_items,
                             "items": field_schema(spec.item) if spec.item else {}},
    Kind.OBJECT: lambda spec: {
        "type": "object", "additionalProperties": False,
        "required": [member.name for member in spec.fields if member.required] or None,
        "properties": {member.name: field_schema(member) for member in spec.fields},
    },
}


def field_schema(spec: Field) -> dict[str, Any]:
    """The schema of one declared field: its help, its kind's shape, then its limits and default."""
    schema: dict[str, Any] = {}
    if spec.label_ja:
        schema["title"] = f"{spec.label_ja} / {spec.label_en}"
    if spec.help_ja:
        schema["description"] = f"{spec.help_ja} / {spec.help_en}"
    schema.update(_KINDS[spec.kind](spec))
    if spec.max_length is not None:
        schema["maxLength"] = spec.max_length
    if spec.default is not None:
        schema["default"] = list(spec.default) if isinstance(spec.default, tuple) else spec.default
    return {key: value for key, value in schema.items() if value is not None}


def build_schema(declaration: Field = ARTICLE) -> dict[str, Any]:
    """The front-matter schema as a JSON-ready dict."""
    shape = {key: value for key, value in field_schema(declaration).items() if key not in ("title", "description")}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "AIニュースデスク article front matter",
        "description": "記事ファイルの front matter / The YAML front matter of content/articles/**/*.md. "
                       "Generated by `ainews schema` from the declared format; `ainews check` is the authority.",
        **shape,
    }


def render_schema(declaration: Field = ARTICLE) -> str:
    return json.dumps(build_schema(declaration), ensure_ascii=False, indent=2) + "\n"
