"""`ainews stats`: what the site holds, and the loose ends an editor should tidy."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..model.corpus import SOURCES_FILE, TAGS_FILE, Corpus
from ..model.registry import parse_source_registry, parse_tag_registry
from .project import Project


@dataclass
class Stats:
    """Counts over published articles (what `mkdocs build` puts on the site); drafts apart."""

    articles: int = 0
    drafts: list[str] = field(default_factory=list)              # paths
    per_day: dict[str, int] = field(default_factory=dict)        # ISO day in the site zone, newest first
    per_source: dict[str, int] = field(default_factory=dict)     # display name, most first
    per_tag: dict[str, int] = field(default_factory=dict)        # display name, most first
    tags_used_once: list[str] = field(default_factory=list)
    sources_not_registered: list[str] = field(default_factory=list)
    tags_not_registered: list[str] | None = None                # None: there is no tags.yml


def _most_first(counts: Counter[str]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold())))


def build_stats(corpus: Corpus, registered_sources: set[str], registered_tags: set[str] | None) -> Stats:
    """Count ``corpus``; ``registered_tags`` is None when there is no tags.yml to compare with."""
    published = [a for a in corpus.articles if not a.draft]
    days: Counter[dt.date] = Counter(a.day for a in published)
    sources: Counter[str] = Counter(a.source.slug for a in published)
    tags: Counter[str] = Counter(t.slug for a in published for t in a.tags)
    tag_name = {slug: info.name for slug, info in corpus.tags.items()}
    source_name = {slug: info.name for slug, info in corpus.sources.items()}
    return Stats(
        articles=len(published),
        drafts=sorted(a.path for a in corpus.articles if a.draft),
        per_day={day.isoformat(): days[day] for day in sorted(days, reverse=True)},
        per_source=_most_first(Counter({source_name[s]: n for s, n in sources.items()})),
        per_tag=_most_first(Counter({tag_name[s]: n for s, n in tags.items()})),
        tags_used_once=sorted((tag_name[s] for s, n in tags.items() if n == 1), key=str.casefold),
        sources_not_registered=sorted((source_name[s] for s in sources if s not in registered_sources),
                                      key=str.casefold),
        tags_not_registered=None if registered_tags is None else sorted(
            (tag_name[s] for s in tags if s not in registered_tags), key=str.casefold),
    )


def read_stats(project: Project) -> Stats:
    """Stats of the project's content; raises ``CorpusError`` when the content is invalid."""
    corpus = project.read_corpus()
    sources_file = project.content_dir / SOURCES_FILE
    tags_file = project.content_dir / TAGS_FILE
    sources = parse_source_registry(
        sources_file.read_text(encoding="utf-8-sig") if sources_file.is_file() else None, SOURCES_FILE, [])
    tags = parse_tag_registry(tags_file.read_text(encoding="utf-8-sig"), TAGS_FILE, []) \
        if tags_file.is_file() else None
    return build_stats(corpus, set(sources.sources), set(tags.tags) if tags is not None else None)


def _width(text: str) -> int:
    """Columns on a terminal: Japanese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(title: str, counts: dict[str, int], limit: int) -> list[str]:
    shown = list(counts.items()) if limit <= 0 else list(counts.items())[:limit]
    lines = [f"{title} ({len(counts)}):"]
    width = max((_width(name) for name, _ in shown), default=0)
    lines += [f"  {name}{' ' * (width - _width(name))}  {count:>4}" for name, count in shown]
    if len(shown) < len(counts):
        lines.append(f"  ... {len(counts) - len(shown)} more (--limit 0 shows all)")
    return lines


def render_stats(stats: Stats, limit: int = 20) -> str:
    """A plain-text report; ``limit`` rows per table (0: all)."""
    lines = [f"Articles: {stats.articles} published, {len(stats.drafts)} drafts", ""]
    lines += _table("Articles per day (site time zone)", stats.per_day, limit) + [""]
    lines += _table("Articles per source", stats.per_source, limit) + [""]
    lines += _table("Articles per tag", stats.per_tag, limit) + [""]
    checks: list[tuple[str, list[str] | None]] = [
        ("Drafts (left out of mkdocs build)", stats.drafts),
        ("Tags used once (typo? merge with an alias in content/tags.yml)", stats.tags_used_once),
        ("Sources not in content/sources.yml", stats.sources_not_registered),
        ("Tags not in content/tags.yml", stats.tags_not_registered),
    ]
    for title, items in checks:
        if items is None:
            continue
        lines.append(f"{title}: {len(items) if items else 'none'}")
        lines += [f"  {item}" for item in items]
    return "\n".join(lines) + "\n"


def stats_json(stats: Stats) -> str:
    data: dict[str, Any] = dict(stats.__dict__)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
