"""Daily digests (AI日報, Hacker日報, ...): which articles each takes, and each article's own digest.

A digest takes the articles of its sources, source groups (``group:`` in
sources.yml) or tags; one with none of these takes every article. An article's
own digest, the one its 今日のまとめ link opens, is the first declared digest
whose rules name it, else the first digest of every article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from ..model.article import Article
from ..model.messages import msg
from ..model.registry import SourceInfo
from ..model.slugs import slugify

DIGEST_PATH = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")
# Top-level folders the site's other pages own: a digest there would overwrite them.
RESERVED_PATHS = frozenset({"articles", "tags", "sources", "page", "weekly", "trends", "search", "assets",
                            "companies", "videos", "tools", "pages", "pagefind", "search-index"})


@dataclass(frozen=True)
class Digest:
    """One declared digest; rules are slugs, so spelling variants of a name match."""

    name: str
    path: str
    description: str = ""
    sources: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()

    @property
    def takes_all(self) -> bool:
        return not (self.sources or self.groups or self.tags)

    def includes(self, article: Article, groups_of: Mapping[str, tuple[str, ...]]) -> bool:
        """True when ``article`` belongs here; ``groups_of`` maps source slugs to their groups."""
        return self.takes_all or article.source.slug in self.sources \
            or bool(self.groups.intersection(groups_of.get(article.source.slug, ()))) \
            or any(tag.slug in self.tags for tag in article.tags)


DEFAULT_DIGESTS = (Digest(name="AI日報", path="daily"),)


def make_digest(name: str, path: str, description: str = "", sources: Iterable[str] = (),
                source_groups: Iterable[str] = (), tags: Iterable[str] = ()) -> Digest:
    """A digest from its options, names turned into slugs."""
    return Digest(name=name.strip(), path=path.strip().strip("/"), description=description.strip(),
                  sources=frozenset(map(slugify, sources)), groups=frozenset(map(slugify, source_groups)),
                  tags=frozenset(map(slugify, tags)))


def digest_problems(digests: Sequence[Digest]) -> list[str]:
    """What is wrong with the declared digests, one message each (empty when fine)."""
    problems = []
    seen: set[str] = set()
    for position, digest in enumerate(digests):
        where = f"digests[{position}]"
        if not digest.name:
            problems.append(f"{where}.name: " + msg("must be non-empty text"))
        if not DIGEST_PATH.match(digest.path):
            problems.append(f"{where}.path: " + msg("must be lower-case letters, digits and '-', got {got}",
                                                    got=repr(digest.path)))
        elif digest.path in RESERVED_PATHS:
            problems.append(f"{where}.path: " + msg("{path} is used by other pages of the site", path=repr(digest.path)))
        elif digest.path in seen:
            problems.append(f"{where}.path: " + msg("{path} is already used by another digest", path=repr(digest.path)))
        seen.add(digest.path)
    return problems


@dataclass(frozen=True)
class DigestDays:
    """A digest's articles by day of the site zone, days newest first (each day newest first)."""

    digest: Digest
    by_day: dict[dt.date, tuple[Article, ...]]

    @property
    def count(self) -> int:
        return sum(len(items) for items in self.by_day.values())


def build_digests(digests: Sequence[Digest], articles: Sequence[Article],
                  sources: Mapping[str, SourceInfo]) -> tuple[tuple[DigestDays, ...], dict[str, Digest]]:
    """Every digest's days (``articles`` newest first) and each article's own digest by slug."""
    groups_of = {slug: info.groups for slug, info in sources.items()}
    days: dict[str, dict[dt.date, list[Article]]] = {d.path: defaultdict(list) for d in digests}
    own: dict[str, Digest] = {}
    ruled = [d for d in digests if not d.takes_all]
    fallback = next((d for d in digests if d.takes_all), None)
    for article in articles:
        for digest in digests:
            if digest.includes(article, groups_of):
                days[digest.path][article.day].append(article)
        home = next((d for d in ruled if d.includes(article, groups_of)), fallback)
        if home is not None:
            own[article.slug] = home
    built = tuple(DigestDays(d, {day: tuple(days[d.path][day]) for day in sorted(days[d.path], reverse=True)})
                  for d in digests)
    return built, own
