"""Read every article and the registries (tags, sources, tools) into one validated corpus, or every problem."""

from __future__ import annotations

import hashlib
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Sequence

from .article import Article, Problem, SourceRef, Tag
from .frontmatter import FENCE, FrontMatterError, decode_text, describe_yaml_error
from .yamlsafe import YamlShapeError, check_yaml_shape
from .messages import msg
from .companies import Company, check_logos
from .report import report_lines
from .safepath import ContentScan, scan_content
from .tools import TOOLS_FILE, Tool, parse_tools
from .registry import (SourceInfo, SourceRegistry, TagInfo, TagRegistry, load_mapping, parse_source_registry,
                       parse_tag_registry)
from .validate import ModelSettings, parse_article

TAGS_FILE = "tags.yml"
SOURCES_FILE = "sources.yml"


class CorpusError(Exception):
    """The content is invalid; ``problems`` holds every one-line problem of the build."""

    def __init__(self, problems: list[Problem], accepted: frozenset[str] = frozenset()) -> None:
        self.problems = problems
        self.accepted = accepted   # as Corpus.accepted: what a preview may still publish
        count = len(problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the content:\n"
                         + "\n".join(report_lines(problems)))


@dataclass(frozen=True)
class Corpus:
    """Every article (drafts included) with the canonical tags and sources they use."""

    articles: tuple[Article, ...]
    tags: dict[str, TagInfo]        # by slug, every tag used or registered
    sources: dict[str, SourceInfo]  # by slug, every source used or registered
    companies: dict[str, Company] = field(default_factory=dict)   # `kind: company` tags by slug
    tools: dict[str, Tool] = field(default_factory=dict)          # tools.yml by slug, in file order
    # src_uri of every file under the content folder that may be read and published
    # (model/safepath.py): MkDocs itself follows links out of the folder.
    accepted: frozenset[str] = frozenset()


@dataclass
class ParseCache:
    """Parsed articles by content hash, so `mkdocs serve` re-parses only edited files."""

    entries: dict[tuple[str, str, str], tuple[Article | None, list[Problem]]] = field(default_factory=dict)

    def parse(self, data: bytes, path: str, src_uri: str, settings: ModelSettings,
              aliases: dict[str, str]) -> tuple[Article | None, list[Problem]]:
        key = _cache_key(data, path, src_uri)
        if key not in self.entries:
            self.entries[key] = parse_article(data, path, src_uri, settings, aliases)
        return self.entries[key]


def _cache_key(data: bytes, path: str, src_uri: str) -> tuple[str, str, str]:
    return hashlib.sha256(data).hexdigest(), path, src_uri


# A function with `render.pool.map_batches`' signature, less its ``workers`` (given by the caller).
BatchMapper = Callable[..., list[Any]]
# Below this many files to parse, starting worker processes costs more than it saves.
PARSE_POOL_MIN = 200
_parse_settings: tuple[ModelSettings, dict[str, str]] | None = None


def _init_parse(settings: ModelSettings, aliases: dict[str, str]) -> None:
    global _parse_settings
    _parse_settings = (settings, aliases)


def _parse_files(files: Sequence[tuple[str, str, str]]) -> list[tuple[tuple[Article | None, list[Problem]],
                                                                       tuple[str, str, str] | None]]:
    """Read and parse files by path (workers get paths, not text); each result with its cache key."""
    assert _parse_settings is not None
    settings, aliases = _parse_settings
    results = []
    for path, shown, src_uri in files:
        problems: list[Problem] = []
        data = _read_bytes(Path(path), shown, problems)
        if data is None:
            results.append(((None, problems), None))
        else:
            results.append((parse_article(data, shown, src_uri, settings, aliases), _cache_key(data, shown, src_uri)))
    return results


def find_article_files(scan: ContentScan, articles_dir: str) -> list[Path]:
    """Every usable ``*.md`` under the articles folder, sorted so builds are repeatable.

    Hidden files and folders (``.wip/``, macOS ``._name.md``) are skipped, as MkDocs
    skips them by default: an article MkDocs never renders must not be listed either.
    """
    root = scan.root / articles_dir
    return [p for p in scan.files
            if p.suffix == ".md" and p.is_relative_to(root)
            and not any(part.startswith(".") for part in p.relative_to(root).parts)]


def display_path(path: Path, base: Path) -> str:
    """The path as an editor knows it: relative to the project folder ``base`` when inside it."""
    absolute = Path(os.path.abspath(path))
    return absolute.relative_to(base).as_posix() if absolute.is_relative_to(base) else absolute.as_posix()


def _read_bytes(path: Path, shown: str, problems: list[Problem]) -> bytes | None:
    """The file's bytes, or None and a problem when reading fails (a race with the scan, EIO)."""
    try:
        return path.read_bytes()
    except OSError as error:
        problems.append(Problem(shown, "file", msg("cannot be read: {reason}", reason=error.strerror or error)))
        return None


def _read_optional(path: Path, shown: str, scan: ContentScan, problems: list[Problem]) -> str | None:
    """A registry's text (UTF-8, BOM and line endings as for articles), or None when absent or unreadable."""
    if path.is_dir() and not path.is_symlink():
        problems.append(Problem(shown, "(file)", msg("must be a file, got a folder")))
        return None
    if not scan.allows(path):
        return None   # absent, or refused by the scan (its problem is listed already)
    data = _read_bytes(path, shown, problems)
    try:
        return None if data is None else decode_text(data)
    except FrontMatterError as error:
        problems.append(Problem(shown, "(file)", error.message))
        return None


def check_page(path: Path, shown: str) -> list[Problem]:
    """Problems MkDocs would turn into a traceback or a hang for a page that is not an article:
    text that is not UTF-8, front matter too deep or too large once its aliases expand.
    (Invalid YAML is not one: MkDocs shows such a page without front matter.)"""
    problems: list[Problem] = []
    data = _read_bytes(path, shown, problems)
    if data is None:
        return problems
    try:
        text = decode_text(data)
    except FrontMatterError as error:
        return [Problem(shown, error.field, error.message)]
    fenced = FENCE.match(text)
    if fenced:
        try:
            check_yaml_shape(fenced.group(1) or "")
        except YamlShapeError as error:
            problems.append(Problem(shown, "front matter", describe_yaml_error(error, fenced.group(1), first_line=2)))
    return problems


def read_corpus(content_dir: Path, articles_dir: str, settings: ModelSettings, base: Path,
                cache: ParseCache | None = None, mapper: BatchMapper | None = None) -> Corpus:
    """Read and validate everything under ``content_dir``; raise ``CorpusError`` listing all problems.

    ``mapper`` (`render.pool.map_batches` with its workers given) parses the articles of a
    first build, when there are many, in worker processes.
    """
    cache = cache or ParseCache()
    problems: list[Problem] = []
    content_dir = content_dir.resolve()
    scan = scan_content(content_dir, lambda path: display_path(path, base))
    problems.extend(scan.problems)
    accepted = frozenset(path.relative_to(scan.root).as_posix() for path in scan.files)
    tags_path, sources_path = content_dir / TAGS_FILE, content_dir / SOURCES_FILE
    tags_shown, sources_shown = display_path(tags_path, base), display_path(sources_path, base)
    tag_registry = parse_tag_registry(_read_optional(tags_path, tags_shown, scan, problems), tags_shown, problems)
    source_registry = parse_source_registry(
        _read_optional(sources_path, sources_shown, scan, problems), sources_shown, problems)
    problems.extend(check_logos(tag_registry.companies, content_dir, tags_shown))
    tools_path = content_dir / TOOLS_FILE
    tools_shown = display_path(tools_path, base)
    tools = parse_tools(load_mapping(_read_optional(tools_path, tools_shown, scan, problems), tools_shown, problems),
                        tools_shown, problems, tag_registry.aliases)

    articles: list[Article] = []
    files = [(file, display_path(file, base), file.relative_to(content_dir).as_posix())
             for file in find_article_files(scan, articles_dir)]
    if mapper is not None and not cache.entries and len(files) >= PARSE_POOL_MIN:
        # A first build: every file is parsed, on every core (in file order, as below).
        parsed = mapper(_parse_files, [(str(file), shown, src_uri) for file, shown, src_uri in files],
                        initializer=_init_parse, initargs=(settings, tag_registry.aliases))
        for (article, found), key in parsed:
            if key is not None:
                cache.entries[key] = (article, found)
            problems.extend(found)
            if article is not None:
                articles.append(article)
        files = []
    for file, shown, src_uri in files:
        data = _read_bytes(file, shown, problems)
        if data is None:
            continue
        article, found = cache.parse(data, shown, src_uri, settings, tag_registry.aliases)
        problems.extend(found)
        if article is not None:
            articles.append(article)

    for file in scan.files:   # the site's other pages: MkDocs reads them with no safety net
        if file.suffix == ".md" and not file.is_relative_to(content_dir / articles_dir):
            problems.extend(check_page(file, display_path(file, base)))

    problems.extend(_check_across(articles))
    if problems:
        raise CorpusError(problems, accepted)
    return replace(_canonicalise(articles, tag_registry, source_registry),
                   companies=dict(tag_registry.companies), tools=tools, accepted=accepted)


def _check_across(articles: list[Article]) -> list[Problem]:
    """Problems that only show between articles: duplicate slugs, unknown related slugs."""
    problems = []
    by_slug: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_slug[article.slug].append(article)
    for slug, same in by_slug.items():
        for article in same[1:]:
            problems.append(Problem(article.path, "slug",
                                    msg("{slug} is already used by {other}; slugs must be unique",
                                        slug=repr(slug), other=same[0].path)))
    for article in articles:
        for key, slugs in (("related", article.related_pins), ("related_exclude", article.related_exclude)):
            for slug in slugs:
                if slug not in by_slug:
                    problems.append(Problem(article.path, key, msg("names no article: {slug}", slug=repr(slug))))
    return problems


def _most_common_spelling(spellings: Counter[str]) -> str:
    # The most used spelling wins; ties go to the alphabetically first, so rebuilds agree.
    return min(spellings.items(), key=lambda item: (-item[1], item[0]))[0]


def _canonicalise(articles: list[Article], tag_registry: TagRegistry,
                  source_registry: SourceRegistry) -> Corpus:
    """Give every tag and source one display name, from the registry or the commonest spelling."""
    tag_spellings: dict[str, Counter[str]] = defaultdict(Counter)
    source_spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        for tag in article.tags:
            tag_spellings[tag.slug][tag.name] += 1
        source_spellings[article.source.slug][article.source.name] += 1

    tags = dict(tag_registry.tags)
    for slug, spellings in tag_spellings.items():
        tags.setdefault(slug, TagInfo(slug=slug, name=_most_common_spelling(spellings)))
    sources = dict(source_registry.sources)
    for slug, spellings in source_spellings.items():
        sources.setdefault(slug, SourceInfo(slug=slug, name=_most_common_spelling(spellings)))

    canonical = [
        replace(article,
                tags=tuple(Tag(slug=t.slug, name=tags[t.slug].name) for t in article.tags),
                source=SourceRef(slug=article.source.slug, name=sources[article.source.slug].name,
                                 url=article.source.url))
        for article in articles
    ]
    return Corpus(articles=tuple(canonical), tags=tags, sources=sources)
