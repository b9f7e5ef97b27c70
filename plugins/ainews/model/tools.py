"""The AIツール registry (content/tools.yml): one entry per tool, validated like articles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .article import Problem, show_value
from .messages import msg
from .slugs import ARTICLE_SLUG, slugify
from .text import strip_bidi, text_problem
from .urls import is_web_url

TOOLS_FILE = "tools.yml"
PRICING = {"free": "無料", "freemium": "一部無料", "paid": "有料"}
FIELDS = ("url", "category", "description", "pricing", "tags", "aliases", "slug")
LIMITS = {"category": 50, "description": 1000, "url": 2000, "tag": 100, "alias": 100}
MAX_TAGS = 10


@dataclass(frozen=True)
class Tool:
    """One tool as /tools/ and /tools/<slug>/ show it."""

    slug: str
    name: str
    url: str
    category: str
    description: str
    pricing: str                    # free, freemium or paid
    tags: tuple[str, ...] = ()      # tag slugs (canonical when tags.yml has the alias)
    aliases: tuple[str, ...] = ()   # other names an article may use for it

    @property
    def pricing_label(self) -> str:
        return PRICING[self.pricing]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class _Entry:
    """Collects the problems of one tool entry."""

    def __init__(self, path: str, name: str, entry: dict[str, Any], problems: list[Problem]) -> None:
        self.path, self.name, self.entry, self.problems = path, name, entry, problems

    def fail(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.path, f"{self.name}.{key}", message))

    def text(self, key: str, required: bool = True) -> str | None:
        value = self.entry.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(key, msg("is required: expected non-empty text"))
            return None
        if not isinstance(value, str):
            self.fail(key, msg("must be text, got {got}", got=show_value(value)))
            return None
        text = strip_bidi(value).strip()
        unusable = text_problem(value)
        if unusable is not None:
            self.fail(key, unusable)
            return None
        if len(text) > LIMITS.get(key, 200):
            self.fail(key, msg("must be at most {limit} characters, got {count}", limit=LIMITS.get(key, 200), count=len(text)))
            return None
        return text

    def names(self, key: str, noun: str) -> tuple[str, ...]:
        value = self.entry.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or len(value) > MAX_TAGS or not all(
                isinstance(v, str) and slugify(v) and len(v) <= LIMITS[noun] and text_problem(v) is None
                for v in value):
            self.fail(key, msg("must be a list of up to {most} names, got {got}", most=MAX_TAGS, got=show_value(value)))
            return ()
        return tuple(strip_bidi(v).strip() for v in value)


def parse_tool(name: str, entry: Any, path: str, problems: list[Problem],
               canonical_tag: dict[str, str]) -> Tool | None:
    """One entry of tools.yml, or None after adding its problems."""
    if not isinstance(entry, dict):
        problems.append(Problem(path, name, msg("must be a tool name mapped to {{url, category, description, pricing}}")))
        return None
    found = len(problems)
    check = _Entry(path, name, entry, problems)
    for key in sorted(set(map(str, entry)) - set(FIELDS)):
        check.fail(key, msg("unknown field; expected one of {fields}", fields=", ".join(FIELDS)))
    url = check.text("url")
    if url is not None and not is_web_url(url):
        check.fail("url", msg("must be an http or https URL, got {got}", got=show_value(url)))
    category = check.text("category")
    description = check.text("description")
    pricing = entry.get("pricing")
    if pricing not in PRICING:
        check.fail("pricing", msg("must be free, freemium or paid, got {got}", got=show_value(pricing)))
    tags = tuple(canonical_tag.get(slugify(t), slugify(t)) for t in check.names("tags", "tag"))
    aliases = check.names("aliases", "alias")
    slug = entry.get("slug", slugify(name))
    if not isinstance(slug, str) or not ARTICLE_SLUG.match(slug):
        check.fail("slug", msg("must be lower-case letters, digits and '-', got {got}", got=show_value(slug)))
    if len(problems) > found:
        return None
    assert url and category and description
    return Tool(slug=slug, name=name, url=url, category=category, description=description, pricing=pricing,
                tags=tags, aliases=aliases)


def parse_tools(data: dict[Any, Any], path: str, problems: list[Problem],
                canonical_tag: dict[str, str]) -> dict[str, Tool]:
    """Every tool of tools.yml by slug, in file order (the order of categories and tools on /tools/)."""
    tools: dict[str, Tool] = {}
    named: dict[str, str] = {}   # every name and alias, as its slug -> the tool's name
    for raw_name, entry in data.items():
        name = strip_bidi(str(raw_name)).strip()
        unusable = text_problem(str(raw_name))
        if not slugify(name) or unusable is not None:
            problems.append(Problem(path, repr(raw_name), unusable or msg("must be a tool name with a letter or digit")))
            continue
        tool = parse_tool(name, entry, path, problems, canonical_tag)
        if tool is None:
            continue
        if tool.slug in tools:
            problems.append(Problem(path, name, msg("has the same slug {slug} as {other}", slug=repr(tool.slug), other=tools[tool.slug].name)))
            continue
        clash = next((named[slugify(n)] for n in tool.names if named.get(slugify(n), name) != name), None)
        if clash is not None:   # one name or alias under two tools: a mention could not say which
            problems.append(Problem(path, f"{name}.aliases", msg("is already an alias of {name}", name=clash)))
            continue
        named.update({slugify(n): name for n in tool.names})
        tools[tool.slug] = tool
    return tools


def mention_pattern(tools: dict[str, Tool]) -> re.Pattern[str] | None:
    """One regex finding any tool name or alias as a whole word (a Latin letter or digit next to it breaks it)."""
    names = sorted({n for tool in tools.values() for n in tool.names}, key=len, reverse=True)
    if not names:
        return None
    # Case-sensitive: tool names are proper nouns ("Cursor"), the lower-case word is not the tool.
    return re.compile(r"(?<![A-Za-z0-9])(" + "|".join(map(re.escape, names)) + r")(?![A-Za-z0-9])")
