"""`ainews new`: a new article file with every field, failing validation until filled in."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..model.corpus import SOURCES_FILE, find_article_files
from ..model.messages import msg
from ..model.registry import SourceRegistry, parse_source_registry
from ..model.scoring import SCORE_LABELS, SCORE_NAMES
from ..model.slugs import ARTICLE_SLUG
from ..model.urls import is_web_url
from .project import Project

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_PAGE_SUFFIX = re.compile(r"\.(html?|php|aspx?|md)$")
# One long token of letters and digits (`dgxzqouc01ab0r01c26a2000000`), or a bare number.
_ID_LIKE = re.compile(r"^(?=[a-z0-9]*\d)[a-z0-9]{12,}$|^\d+$")
_SLUG_LINE = re.compile(r"^slug:\s*['\"]?([a-z0-9-]+)['\"]?\s*$", re.M)

TEMPLATE = """\
---
# ainews new: fill in every field, then run `ainews check {path}`.
# 全項目を記入してから `ainews check` で確認してください。
title: ""                  # 必須: 日本語の見出し / required: the Japanese headline
original_title: ""         # 任意: 原題 / optional: headline in the original language
source:
  name: {source_name}{source_hint}
  url: {url}
published: {published}# 必須: 元記事の公開日時 / required: when the source published it
                           # (e.g. {today}T09:30:00+09:00; without an offset the site time zone applies)
# analyzed: {today}T12:00:00+09:00   # 任意: AI深層分析の日時 / optional: time of the analysis
tags: []                   # 必須: 1〜10個 / required, 1 to 10, e.g. [LLM, Anthropic]
tldr: ""                   # 必須: 1段落の要約 / required: one-paragraph summary
scores:                    # 必須: 各 1〜5 の整数 / required: each an integer 1..5
{scores}
# importance: 4            # 任意: 重要度を上書き (1〜5) / optional override of the computed importance
key_points:                # 必須: 1〜10項目 / required, 1 to 10 items
  - title: ""
    detail: ""
impact: ""                 # 任意: 影響分析 / optional: impact analysis
editorial: ""              # 任意: 編集コメント / optional: editorial comment
draft: false
---

<!-- original -->

"""


class ScaffoldError(Exception):
    """The article cannot be created; the message says why and what to do."""


def make_slug(url: str) -> str:
    """The slug suggested by a URL's last path segment: ``.../p/opus-4-8-part-2`` -> ``opus-4-8-part-2``."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if not segments:
        return ""
    last = _PAGE_SUFFIX.sub("", unquote(segments[-1]))
    if last.lower() in ("index", "default") and len(segments) > 1:
        last = unquote(segments[-2])
    folded = unicodedata.normalize("NFKC", last).lower()
    return _NOT_SLUG.sub("-", folded).strip("-")


def _host(netloc: str) -> str:
    return netloc.lower().removeprefix("www.")


def guess_source(url: str, registry: SourceRegistry) -> str | None:
    """The registered source whose home page is the longest prefix of ``url`` (same host)."""
    parts = urlsplit(url)
    best: tuple[int, str] | None = None
    for info in registry.sources.values():
        if not info.home:
            continue
        home = urlsplit(info.home)
        prefix = home.path.rstrip("/")
        if _host(home.netloc) == _host(parts.netloc) and (parts.path == prefix or parts.path.startswith(prefix + "/")):
            if best is None or len(prefix) > best[0]:
                best = (len(prefix), info.name)
    return best[1] if best else None


def _slug_in_use(project: Project, slug: str) -> Path | None:
    for file in find_article_files(project.content_dir, project.options.articles_dir):
        if file.stem == slug:
            return file
        head = file.read_bytes()[:4096].decode("utf-8", "replace")
        found = _SLUG_LINE.search(head.split("\n---", 1)[0])
        if found and found.group(1) == slug:
            return file
    return None


def render_article(url: str, today: dt.date, shown_path: str, weights: dict[str, float],
                   source_name: str | None, published: dt.date | None = None) -> str:
    """The new file's text; ``published`` is filled in only when the editor gave the day (--date)."""
    scores = "\n".join(f"  {name}:{' ' * (24 - len(name))}# {SCORE_LABELS[name]} "
                       f"({weights[name] / sum(weights.values()):.0%})" for name in SCORE_NAMES)
    return TEMPLATE.format(
        path=shown_path, url=json.dumps(url, ensure_ascii=False), today=today.isoformat(), scores=scores,
        # Today would pass validation unnoticed: without --date the field stays empty and fails.
        published=f"{published.isoformat():<16}" if published else " " * 16,
        source_name=json.dumps(source_name or "", ensure_ascii=False),
        source_hint="" if source_name else "               # 必須: ソース名 / required: see content/sources.yml",
    )


def slug_warning(url: str, slug: str) -> str | None:
    """Why the slug made from ``url`` says little about the article, or None when it is fine."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    source = unicodedata.normalize("NFKC", unquote(segments[-1])) if segments else ""
    if any(not c.isascii() and c.isalnum() for c in source):
        why = msg("only the Latin letters and digits of {segment} are kept", segment=repr(source))
    elif _ID_LIKE.match(slug):
        why = msg("it looks like an ID, not words")
    else:
        return None
    return msg("the slug {slug} made from the URL says little about the article ({why}); rename the file "
               "or make it again with --slug, e.g. --slug openai-gpt-5-launch", slug=repr(slug), why=why)


def create_article(project: Project, url: str, slug: str | None = None,
                   today: dt.date | None = None) -> Path:
    """Write the new article file and return its path; never overwrites anything.

    ``today`` (`--date`) is also the publication day; without it `published` is left empty.
    """
    given_day = today
    if not is_web_url(url):
        raise ScaffoldError(msg("{url} is not an http or https URL", url=repr(url)))
    slug = slug if slug is not None else make_slug(url)
    if not slug:
        raise ScaffoldError(msg("cannot make a slug from {url}; give one with --slug, e.g. --slug opus-5-review",
                                url=repr(url)))
    if not ARTICLE_SLUG.match(slug):
        raise ScaffoldError(msg("slug {slug} must be lower-case letters, digits and '-'", slug=repr(slug)))
    today = today or dt.datetime.now(project.settings.zone).date()
    path = project.articles_dir / f"{today:%Y}" / f"{today:%m}" / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(msg("{path}: already exists; not overwritten", path=project.shown(path)))
    taken = _slug_in_use(project, slug)
    if taken is not None:
        raise ScaffoldError(msg("{path}: already uses the slug {slug}; choose another with --slug",
                                path=project.shown(taken), slug=repr(slug)))
    registry_file = project.content_dir / SOURCES_FILE
    registry = parse_source_registry(
        registry_file.read_text(encoding="utf-8-sig") if registry_file.is_file() else None, SOURCES_FILE, [])
    text = render_article(url, today, project.shown(path), dict(project.settings.weights),
                          guess_source(url, registry), published=given_day)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        raise ScaffoldError(msg("{path}: already exists; not overwritten", path=project.shown(path))) from None
    return path
