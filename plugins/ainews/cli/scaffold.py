"""`ainews new`: a new article file with every field, failing validation until filled in.

The fields, their order, their help comments and limits come from the declared
format (``ainews.model.fields``); this module only chooses each kind's placeholder.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..model.corpus import SOURCES_FILE, display_path, find_article_files
from ..model.frontmatter import FrontMatterError, decode_text
from ..model.safepath import ContentScan, scan_content
from ..model.messages import msg
from ..model.registry import SourceRegistry, parse_source_registry
from ..model.fields import ARTICLE, Field, Kind
from ..model.slugs import ARTICLE_SLUG
from ..model.urls import is_web_url
from .fieldtable import describe_limits
from .project import Project

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_PAGE_SUFFIX = re.compile(r"\.(html?|php|aspx?|md)$")
# One long token of letters and digits (`dgxzqouc01ab0r01c26a2000000`), or a bare number.
_ID_LIKE = re.compile(r"^(?=[a-z0-9]*\d)[a-z0-9]{12,}$|^\d+$")
_SLUG_LINE = re.compile(r"^slug:\s*['\"]?([a-z0-9-]+)['\"]?\s*$", re.M)

HEADER = """\
---
# ainews new: fill in every field, then run `ainews check {path}`.
# 全項目を記入してから `ainews check` で確認してください。
"""
FOOTER = """\
---

<!-- original -->

"""
COMMENT_COLUMN = 27   # where the help comments start, so they line up


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


def _slug_in_use(project: Project, scan: ContentScan, slug: str) -> Path | None:
    # Only files the build would read: a broken or outside link is the build's problem to report.
    for file in find_article_files(scan, project.options.articles_dir):
        if file.stem == slug:
            return file
        try:
            with file.open("rb") as stream:
                head = stream.read(4096).decode("utf-8", "replace")
        except OSError:
            continue
        found = _SLUG_LINE.search(head.split("\n---", 1)[0])
        if found and found.group(1) == slug:
            return file
    return None


def _line(text: str, comment: str = "") -> str:
    return f"{text:<{COMMENT_COLUMN - 1}} # {comment}" if comment else text


def _comment(spec: Field, limits: tuple[str, str] | None = None) -> str:
    """``必須: 日本語の見出し、200 文字まで / required: the Japanese headline, up to 200 characters``."""
    limit_ja, limit_en = limits or describe_limits(spec)
    state_ja, state_en = ("必須", "required") if spec.required else ("任意", "optional")
    return (f"{state_ja}: {spec.label_ja}{'、' + limit_ja if limit_ja else ''} / "
            f"{state_en}: {spec.label_en}{', ' + limit_en if limit_en else ''}")


def _is_uniform(spec: Field) -> bool:
    """An OBJECT whose keys are all alike (the scores): its comment gives their limits once."""
    return len({(m.kind, m.minimum, m.maximum, m.max_length) for m in spec.fields}) == 1


@dataclass(frozen=True)
class _Given:
    """What `ainews new` knows: values for some fields, today, the score weights."""

    values: dict[str, str]
    today: dt.date
    weights: dict[str, float]


def _lines(spec: Field, indent: str, path: str, given: _Given) -> list[str]:
    """The scaffold's lines for one field: a placeholder that fails validation until filled in."""
    key = f"{indent}{spec.name}:"
    if path in given.values:
        value = given.values[path]
        return [_line(f"{key} {value}".rstrip(), _comment(spec))]
    if not spec.required:
        if not spec.scaffold:
            return []
        if spec.kind == Kind.WHEN:      # examples to uncomment
            return [_line(f"# {key} {given.today}T12:00:00+09:00", _comment(spec))]
        if spec.kind == Kind.INTEGER:
            return [_line(f"# {key} {spec.maximum}", _comment(spec))]
        if spec.kind == Kind.BOOLEAN:
            return [f"{key} {'true' if spec.default else 'false'}"]
    if spec.kind == Kind.OBJECT and _is_uniform(spec):
        each_ja, each_en = describe_limits(spec.fields[0])
        total = sum(given.weights.values())
        return [_line(key, _comment(spec, (f"各 {each_ja}", f"each {each_en}")))] + [
            _line(f"{indent}  {m.name}:", m.label_ja + (f" ({given.weights[m.name] / total:.0%})"
                                                        if m.name in given.weights else ""))
            for m in spec.fields]
    if spec.kind == Kind.OBJECT:
        return [key] + [line for m in spec.fields for line in _lines(m, indent + "  ", f"{path}.{m.name}", given)]
    if spec.kind == Kind.LIST and spec.item is not None and spec.item.fields:
        first, *rest = (f'{m.name}: ""' for m in spec.item.fields)
        return [_line(key, _comment(spec)), f"{indent}  - {first}", *(f"{indent}    {line}" for line in rest)]
    placeholder = {Kind.LIST: " []", Kind.SLUGS: " []", Kind.INTEGER: "", Kind.WHEN: f" {given.today}"}
    return [_line(key + placeholder.get(spec.kind, ' ""'), _comment(spec))]


def render_article(url: str, today: dt.date, shown_path: str, weights: dict[str, float],
                   source_name: str | None, published: dt.date | None = None,
                   declaration: Field = ARTICLE) -> str:
    """The text of a new article: required fields as placeholders, some optional ones as examples.

    ``published`` is filled in only when the editor gave the day (--date): today would pass
    validation unnoticed, so without it the field stays empty and fails.
    """
    values = {"source.url": json.dumps(url, ensure_ascii=False),
              "source.name": json.dumps(source_name or "", ensure_ascii=False),
              "published": published.isoformat() if published else ""}
    given = _Given(values, today, weights)
    lines = [line for spec in declaration.fields for line in _lines(spec, "", spec.name, given)]
    return HEADER.format(path=shown_path) + "\n".join(lines) + "\n" + FOOTER


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
    scan = scan_content(project.content_dir, lambda found: display_path(found, project.root))
    taken = _slug_in_use(project, scan, slug)
    if taken is not None:
        raise ScaffoldError(msg("{path}: already uses the slug {slug}; choose another with --slug",
                                path=project.shown(taken), slug=repr(slug)))
    registry_file = project.content_dir / SOURCES_FILE
    try:   # only a hint for source.name: an unreadable or broken registry is `ainews check`'s to report
        registry_text = decode_text(registry_file.read_bytes()) if scan.allows(registry_file) else None
    except (OSError, FrontMatterError):
        registry_text = None
    registry = parse_source_registry(registry_text, SOURCES_FILE, [])
    text = render_article(url, today, project.shown(path), dict(project.settings.weights),
                          guess_source(url, registry), published=given_day)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        raise ScaffoldError(msg("{path}: already exists; not overwritten", path=project.shown(path))) from None
    return path
