"""AIツール: which articles mention each tool (by tag or by name), and each article's tools."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import AbstractSet, Callable, Mapping, Sequence

from ..model.article import Article
from ..model.registry import TagInfo
from ..model.slugs import slugify
from ..model.tools import Tool, mention_pattern

BOX_SIZE = 4     # この記事のツール shows at most this many


@dataclass(frozen=True)
class ToolEntry:
    """One tool and the published articles that mention it, newest first."""

    tool: Tool
    articles: tuple[Article, ...]
    tags: tuple[TagInfo, ...] = ()      # the tool's tags that have a tag page


@dataclass(frozen=True)
class ToolIndex:
    entries: tuple[ToolEntry, ...]                     # tools.yml order
    by_article: dict[str, tuple[Tool, ...]]            # article slug -> its tools (most mentioned first)

    def categories(self) -> list[tuple[str, list[ToolEntry]]]:
        """Tools grouped by category, categories in order of first appearance."""
        groups: dict[str, list[ToolEntry]] = {}
        for entry in self.entries:
            groups.setdefault(entry.tool.category, []).append(entry)
        return list(groups.items())


def _mentions(article: Article, tools: Mapping[str, Tool], by_tag: Mapping[str, str],
              by_name: Mapping[str, str], pattern: object) -> list[str]:
    """Slugs of the tools an article mentions: a tag naming the tool first, then names in its text."""
    counts: dict[str, int] = defaultdict(int)
    for tag in article.tags:
        if tag.slug in by_tag:
            counts[by_tag[tag.slug]] += 100      # a tag is a deliberate mention: it ranks first
    if pattern is not None:
        text = "\n".join((article.title, article.tldr, article.translation))
        for found in pattern.finditer(text):  # type: ignore[attr-defined]
            counts[by_name[found.group(1)]] += 1
    return sorted(counts, key=lambda slug: (-counts[slug], tools[slug].name))


def _mention_finder(tools: Mapping[str, Tool]) -> Callable[[Article], list[str]]:
    """The tools an article mentions (slugs, most mentioned first), for this registry."""
    by_tag = {slugify(name): tool.slug for tool in tools.values() for name in tool.names}
    by_name = {name: tool.slug for tool in tools.values() for name in tool.names}
    pattern = mention_pattern(dict(tools))
    return lambda article: _mentions(article, tools, by_tag, by_name, pattern)


def build_tools(tools: Mapping[str, Tool], articles: Sequence[Article], tags: Mapping[str, TagInfo],
                shown: Sequence[Article] = ()) -> ToolIndex:
    """Mentions of every tool in ``articles`` (newest first); ``shown`` only get their box.

    ``tags`` are the tags with a page, to link a tool's tags to.
    """
    mentions = _mention_finder(tools)
    mentioned: dict[str, list[Article]] = defaultdict(list)
    by_article: dict[str, tuple[Tool, ...]] = {}
    for article, listed in [*((a, True) for a in articles), *((a, False) for a in shown)]:
        slugs = mentions(article)
        for slug in slugs if listed else ():
            mentioned[slug].append(article)
        if slugs:
            by_article[article.slug] = tuple(tools[s] for s in slugs[:BOX_SIZE])
    return ToolIndex(tuple(ToolEntry(tool, tuple(mentioned.get(slug, ())), tuple(tags[t] for t in tool.tags if t in tags))
                           for slug, tool in tools.items()), by_article)


def _newest(article: Article) -> tuple:
    return (article.published, article.slug)   # the order of SiteIndex.articles, reversed


def swap_tool_mentions(index: ToolIndex, tools: Mapping[str, Tool], edited: Sequence[tuple[Article, Article]],
                       listed: AbstractSet[str]) -> tuple[ToolIndex, set[str]]:
    """``index`` after edits that keep each article's place (``(old, new)``); the tools whose articles changed.

    ``listed``: slugs of the published edited articles (a tool lists those, newest first; the
    others only get their box). Only the tools the old or new text mentions change.
    """
    if not index.entries or not edited:
        return index, set()
    mentions = _mention_finder(tools)
    by_article = dict(index.by_article)
    touched: dict[str, set[str]] = defaultdict(set)     # tool slug -> edited slugs it now lists
    reached: set[str] = set()
    for old, new in edited:
        before, after = mentions(old), mentions(new)
        by_article.pop(new.slug, None)
        if after:
            by_article[new.slug] = tuple(tools[s] for s in after[:BOX_SIZE])
        if new.slug in listed:
            reached.update(before, after)
            for slug in after:
                touched[slug].add(new.slug)
    if not reached:
        return replace(index, by_article=by_article), set()
    new_of = {new.slug: new for _old, new in edited}
    entries = []
    for entry in index.entries:
        slug = entry.tool.slug
        if slug in reached:
            kept = [a for a in entry.articles if a.slug not in new_of]
            kept += [new_of[s] for s in touched.get(slug, ())]
            entry = replace(entry, articles=tuple(sorted(kept, key=_newest, reverse=True)))
        entries.append(entry)
    return ToolIndex(tuple(entries), by_article), reached
