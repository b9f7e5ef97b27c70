"""Reading and writing article files of the content model (see content-model.md).

The generator writes front matter with `render_front_matter`, a tiny emitter
for the few shapes articles use (JSON-quoted strings are valid YAML
double-quoted scalars), which is much faster than a YAML dumper and looks like
what editors write. The converters for the other generators read the corpus
back with `iter_corpus` and lay out each article with `article_markdown`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterator, Mapping

import yaml

ORIGINAL_MARKER = "<!-- original -->"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


@dataclass(frozen=True)
class Article:
    """One article file: its front matter and the two halves of its body."""

    path: Path
    meta: dict[str, Any]
    translation: str
    original: str | None

    @property
    def slug(self) -> str:
        return str(self.meta.get("slug") or self.path.stem)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, date):  # datetime too: an unquoted ISO timestamp
        return value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)


def _key(key: str) -> str:
    return key if _PLAIN_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _emit(value: Any, indent: str) -> Iterator[str]:
    """Lines of a block mapping; lists of scalars are written flow style."""
    for key, item in value.items():
        head = f"{indent}{_key(key)}:"
        if isinstance(item, Mapping):
            yield head
            yield from _emit(item, indent + "  ")
        elif isinstance(item, list) and item and isinstance(item[0], Mapping):
            yield head
            for entry in item:
                lines = list(_emit(entry, indent + "  "))
                yield f"{indent}- " + lines[0].removeprefix(indent + "  ")
                yield from lines[1:]
        elif isinstance(item, list):
            yield f"{head} [{', '.join(_scalar(v) for v in item)}]"
        else:
            yield f"{head} {_scalar(item)}"


def render_yaml(data: Mapping[str, Any]) -> str:
    """A YAML document for `data` (mappings, lists, strings, numbers, dates)."""
    return "\n".join(_emit(data, "")) + "\n"


def render_front_matter(meta: Mapping[str, Any]) -> str:
    """`meta` between `---` fences."""
    return f"---\n{render_yaml(meta)}---\n"


def parse_article(path: Path, text: str) -> Article:
    """Split an article file into front matter and body halves."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    match = _FRONT_MATTER.match(text)
    if not match:
        raise ValueError(f"{path}: no front matter")
    meta = yaml.load(match.group(1), Loader=_LOADER)
    body = text[match.end():]
    translation, marker, original = body.partition(f"\n{ORIGINAL_MARKER}\n")
    return Article(path, meta, translation.strip(), original.strip() if marker else None)


def iter_corpus(content_dir: Path) -> Iterator[Article]:
    """Every article under `content_dir/articles`, in path order, read one at a time."""
    for path in sorted((content_dir / "articles").rglob("*.md")):
        yield parse_article(path, path.read_text(encoding="utf-8"))


def article_markdown(article: Article, more: str, original_heading: str) -> str:
    """The article as one Markdown page for a generator without our templates.

    TL;DR, then the excerpt separator `more`, key points, analysis, the
    translation and the original under `original_heading`, so the other
    generators render about as much text per article as ours does.
    """
    meta = article.meta
    points = "\n".join(f"1. **{p['title']}**: {p['detail']}" for p in meta["key_points"])
    parts = [meta["tldr"], more, "## キーポイント", points]
    parts += [f"## {label}\n\n{meta[key]}"
              for key, label in (("impact", "影響分析"), ("editorial", "編集コメント")) if meta.get(key)]
    parts.append(article.translation)
    if article.original is not None:
        parts += [f"## {original_heading}", article.original]
    return "\n\n".join(parts) + "\n"
