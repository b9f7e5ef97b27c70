"""The optional tag and source registries (content/tags.yml, content/sources.yml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .article import Problem, show_value
from .frontmatter import describe_yaml_error, load_yaml
from .companies import COMPANY_FIELDS, Company, parse_company
from .messages import msg
from .slugs import slugify
from .text import strip_bidi, text_problem
from .urls import is_web_url


@dataclass(frozen=True)
class TagInfo:
    """What the registry says of one canonical tag."""

    slug: str
    name: str
    description: str | None = None


@dataclass(frozen=True)
class SourceInfo:
    """What the registry says of one source."""

    slug: str
    name: str
    home: str | None = None
    description: str | None = None
    groups: tuple[str, ...] = ()      # `group:` in sources.yml, e.g. community (Hacker日報)


@dataclass(frozen=True)
class TagRegistry:
    tags: dict[str, TagInfo] = field(default_factory=dict)      # by slug
    aliases: dict[str, str] = field(default_factory=dict)       # alias slug -> canonical slug
    companies: dict[str, Company] = field(default_factory=dict)  # `kind: company` tags by slug


@dataclass(frozen=True)
class SourceRegistry:
    sources: dict[str, SourceInfo] = field(default_factory=dict)  # by slug


def load_mapping(text: str | None, path: str, problems: list[Problem]) -> dict[Any, Any]:
    """A registry file's top-level mapping (empty when absent); YAML errors become problems."""
    if text is None or not text.strip():
        return {}
    try:
        data = load_yaml(text)
    except yaml.YAMLError as error:
        problems.append(Problem(path, "(file)", describe_yaml_error(error, text)))
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(path, "(file)", msg("must be a mapping keyed by name")))
        return {}
    return data


def _optional_text(entry: dict[str, Any], key: str, path: str, where: str,
                   problems: list[Problem]) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append(Problem(path, f"{where}.{key}", msg("must be text, got {got}", got=show_value(value))))
        return None
    text = strip_bidi(value).strip()
    unusable = text_problem(value)
    if unusable is not None:
        problems.append(Problem(path, f"{where}.{key}", unusable))
        return None
    return text or None


def registry_name(raw: Any, path: str, problems: list[Problem]) -> str | None:
    """A registry entry's name (its key), cleaned; None after a problem (control or invisible characters)."""
    name = strip_bidi(str(raw)).strip()
    unusable = text_problem(str(raw))
    if unusable is not None:
        problems.append(Problem(path, repr(raw), unusable))
        return None
    return name


def parse_tag_registry(text: str | None, path: str, problems: list[Problem]) -> TagRegistry:
    """Read ``tags.yml``: ``Name: {aliases: [..], description: ..}`` per canonical tag.

    A company adds ``kind: company`` and optionally ``name_ja``, ``name_en``, ``website``, ``logo``.
    """
    registry = TagRegistry()
    for raw, entry in load_mapping(text, path, problems).items():
        name = registry_name(raw, path, problems)
        if name is None:
            continue
        slug = slugify(name)
        entry = entry or {}
        if not slug or not isinstance(entry, dict):
            problems.append(Problem(path, name, msg("must be a tag name mapped to {{aliases, description}}")))
            continue
        for key in sorted(set(map(str, entry)) - {"aliases", "description"} - COMPANY_FIELDS):   # every one
            problems.append(Problem(path, f"{name}.{key}", msg(
                "unknown field; expected aliases, description, or for a company kind, name_ja, name_en, website, logo")))
        if slug in registry.tags:   # `LLM Safety:` and `llm safety:` are one tag
            problems.append(Problem(path, name, msg("has the same slug {slug} as {other}", slug=repr(slug),
                                                    other=registry.tags[slug].name)))
            continue
        description = _optional_text(entry, "description", path, name, problems)
        registry.tags[slug] = TagInfo(slug=slug, name=name, description=description)
        company = parse_company(name, slug, entry, description, path, problems)
        if company is not None:
            registry.companies[slug] = company
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list):
            problems.append(Problem(path, f"{name}.aliases", msg("must be a list of tag names, got {got}",
                                                                     got=show_value(aliases))))
            continue
        for position, alias in enumerate(aliases):
            unusable = text_problem(alias) if isinstance(alias, str) else None
            if unusable is not None:
                problems.append(Problem(path, f"{name}.aliases[{position}]", unusable))
                continue
            if not isinstance(alias, str) or not slugify(alias):
                problems.append(Problem(path, f"{name}.aliases[{position}]", msg(
                    "must be a tag name with a letter or digit, got {got}", got=show_value(alias))))
                continue
            alias_slug = slugify(alias)
            if registry.aliases.get(alias_slug, slug) != slug:   # one alias under two tags
                problems.append(Problem(path, f"{name}.aliases[{position}]", msg(
                    "is already an alias of {name}", name=registry.tags[registry.aliases[alias_slug]].name)))
            elif alias_slug != slug:
                registry.aliases[alias_slug] = slug
    for alias_slug, slug in registry.aliases.items():
        if alias_slug in registry.tags:
            problems.append(Problem(path, registry.tags[alias_slug].name,
                                    msg("is both a tag and an alias of {name}", name=registry.tags[slug].name)))
    return registry


def _groups(value: Any, path: str, name: str, problems: list[Problem]) -> tuple[str, ...]:
    """A source's groups: one name or a list of names, compared by slug."""
    values = [value] if isinstance(value, str) else value if value is not None else []
    if not isinstance(values, list) or not all(isinstance(v, str) and slugify(v) for v in values):
        problems.append(Problem(path, f"{name}.group",
                                msg("must be a group name or a list of them, got {got}", got=show_value(value))))
        return ()
    return tuple(slugify(v) for v in values)


def parse_source_registry(text: str | None, path: str, problems: list[Problem]) -> SourceRegistry:
    """Read ``sources.yml``: ``Name: {url: .., description: .., group: ..}`` per source."""
    registry = SourceRegistry()
    for raw, entry in load_mapping(text, path, problems).items():
        name = registry_name(raw, path, problems)
        if name is None:
            continue
        slug = slugify(name)
        entry = entry or {}
        if not slug or not isinstance(entry, dict):
            problems.append(Problem(path, name, msg("must be a source name mapped to {{url, description}}")))
            continue
        for key in sorted(set(map(str, entry)) - {"url", "description", "group"}):   # every one
            problems.append(Problem(path, f"{name}.{key}", msg("unknown field; expected url, description or group")))
        if slug in registry.sources:   # `OpenAI Blog:` and `openai blog:` are one source
            problems.append(Problem(path, name, msg("has the same slug {slug} as {other}", slug=repr(slug),
                                                    other=registry.sources[slug].name)))
            continue
        home = _optional_text(entry, "url", path, name, problems)
        if home is not None and not is_web_url(home):
            problems.append(Problem(path, f"{name}.url", msg("must be an http or https URL, got {got}",
                                                                 got=show_value(home))))
            home = None
        description = _optional_text(entry, "description", path, name, problems)
        groups = _groups(entry.get("group"), path, name, problems)
        registry.sources[slug] = SourceInfo(slug=slug, name=name, home=home, description=description,
                                            groups=groups)
    return registry
