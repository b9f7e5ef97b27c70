"""Article bodies (translation and original) rendered to HTML once, in worker processes, cached on disk.

Markdown rendering is most of a build's work. Bodies do not depend on the
theme or on other articles, so each is keyed by a hash of its text, the
Markdown extensions and their options, the library versions and the sanitizer
setting: an unchanged article is never rendered twice, in `mkdocs serve` or
across `mkdocs build` runs, and a changed setting or version misses the cache.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any, Iterable, Sequence

import markdown

from ..model.article import Article, Problem
from .budget import BodyFailure, BudgetExceeded, body_seconds, can_time, failure_problem, time_budget
from .ids import avoid_ids, element_ids, page_id_pattern, prefix_ids
from .lifetime import remove_dead_files_once
from .pool import map_batches
from .sanitize import sanitize_and_report

# Bump when the rendering below changes, so old cache entries are not reused.
RENDERER_VERSION = "5"
# Bodies with relative links to other Markdown files are left to MkDocs, which rewrites them.
_RELATIVE_MD_LINK = re.compile(r"\]\((?![a-zA-Z][a-zA-Z0-9+.-]*:|#|/)[^)\s]*\.md\b")
# Below this many bodies to render, starting worker processes costs more than it saves.
_POOL_THRESHOLD = 40


def _describe(value: Any) -> str:
    """A stable text for a non-JSON option value: a function's repr holds its memory address,
    which differs in every process and would miss the cache on every build."""
    if isinstance(value, functools.partial):
        return f"partial({_describe(value.func)}, {value.args!r}, {sorted(value.keywords.items())!r})"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    return repr(value)


@dataclass(frozen=True)
class RenderSettings:
    extensions: tuple[Any, ...]
    extension_configs: dict[str, Any]
    sanitize: bool

    def fingerprint(self) -> str:
        packages = ",".join(f"{name}={version(name)}" for name in ("markdown", "pymdown-extensions", "nh3"))
        configs = json.dumps(self.extension_configs, sort_keys=True, default=_describe)
        # The page's own ids (read from the templates) decide which body ids are renamed.
        return f"{RENDERER_VERSION}|{packages}|{self.extensions!r}|{configs}|{self.sanitize}|{page_id_pattern().pattern}"


@dataclass(frozen=True)
class RenderedBody:
    translation: str
    original: str | None
    removed: tuple[str, ...] = ()   # what the sanitizer took out, for the build's warning


def needs_mkdocs(article: Article) -> bool:
    """True when the translation links other pages by .md path: MkDocs must render it to resolve them."""
    return bool(_RELATIVE_MD_LINK.search(article.translation))


def body_key(article: Article, settings_fingerprint: str) -> str:
    digest = hashlib.sha256(settings_fingerprint.encode())
    for part in (article.translation, article.original):
        digest.update(b"\0" if part is None else b"\1" + part.encode())
    return digest.hexdigest()


class BodyCache:
    """Rendered bodies as small JSON files named by their key."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        if folder is not None:   # entries a killed build was writing (see `put`)
            remove_dead_files_once(folder)

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> RenderedBody | None:
        if self.folder is None:
            return None
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return RenderedBody(data["translation"], data["original"], tuple(data.get("removed", ())))
        except (OSError, ValueError, KeyError, TypeError):
            return None   # missing or damaged entries are simply rendered again

    def put(self, key: str, body: RenderedBody) -> None:
        if self.folder is None:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps({"translation": body.translation, "original": body.original,
                                                  "removed": list(body.removed)},
                                      ensure_ascii=False), encoding="utf-8")
        partial.replace(path)   # atomic: a concurrent reader sees the old entry or the whole new one


_worker_markdown: markdown.Markdown | None = None
_worker_settings: RenderSettings | None = None
_worker_cache = BodyCache(None)


def _init_worker(settings: RenderSettings, cache: BodyCache) -> None:
    global _worker_markdown, _worker_settings, _worker_cache
    _worker_settings, _worker_cache = settings, cache
    _worker_markdown = markdown.Markdown(extensions=list(settings.extensions),
                                         extension_configs=settings.extension_configs)


def _render_text(text: str) -> tuple[str, list[str]]:
    """The body's HTML and what the sanitizer removed from it."""
    assert _worker_markdown is not None and _worker_settings is not None
    html = _worker_markdown.reset().convert(text)
    return sanitize_and_report(html) if _worker_settings.sanitize else (html, [])


def _render_one(translation: str, original: str | None) -> RenderedBody | BodyFailure:
    """One article's bodies within the time budget; a body past it (or too deep) is a failure."""
    part = "body"
    seconds = body_seconds(translation + (original or ""))
    try:
        with time_budget(seconds):
            html, removed = _render_text(translation)
            html = avoid_ids(html)
            if original is None:
                return RenderedBody(html, None, tuple(removed))
            part = "original"
            original_html, original_removed = _render_text(original)
            # Ids: none the page's own parts use; the original's prefixed and apart from the translation's.
            original_html = avoid_ids(prefix_ids(original_html), taken=element_ids(html))
            return RenderedBody(html, original_html, tuple(dict.fromkeys(removed + original_removed)))
    except BudgetExceeded:
        return BodyFailure(part, "time", seconds)
    except RecursionError:
        return BodyFailure(part, "depth")


def _render_batch(bodies: Sequence[tuple[str, str | None, str]]) -> list[RenderedBody | BodyFailure]:
    """Each body rendered and, when it rendered, stored in the cache here, on the worker's core."""
    results = []
    for translation, original, key in bodies:
        body = _render_one(translation, original)
        if isinstance(body, RenderedBody):
            _worker_cache.put(key, body)
        results.append(body)
    return results


def render_bodies(articles: Iterable[Article], settings: RenderSettings, cache: BodyCache,
                  workers: int) -> dict[str, RenderedBody]:
    """Rendered bodies by article src_uri, from the cache or rendered now (in parallel if it pays)."""
    fingerprint = settings.fingerprint()
    rendered: dict[str, RenderedBody] = {}
    missing: list[tuple[Article, str]] = []
    for article in articles:
        key = body_key(article, fingerprint)
        body = cache.get(key)
        if body is None:
            missing.append((article, key))
        else:
            rendered[article.src_uri] = body
    if not missing:
        return rendered
    texts = [(a.translation, a.original, key) for a, key in missing]
    # Extensions given as objects (not names) may not survive pickling into a worker.
    picklable = all(isinstance(e, str) for e in settings.extensions)
    threshold = _POOL_THRESHOLD
    if picklable and not can_time():
        # Only a process's main thread gets the budget's timer: off it (a preview rebuild),
        # even one body goes to a worker process, so no body can hang the preview.
        workers, threshold = max(workers, 2), 1
    results = map_batches(_render_batch, texts, workers if picklable else 1, min_items=threshold,
                          initializer=_init_worker, initargs=(settings, cache))
    failures: list[Problem] = []
    for (article, key), body in zip(missing, results):
        if isinstance(body, BodyFailure):
            failures.append(failure_problem(article.path, body))
            rendered[article.src_uri] = RenderedBody(_UNRENDERED, None)
            continue
        rendered[article.src_uri] = body
    if failures:
        raise BodyError(failures, rendered)
    return rendered


# What a preview shows for a body that failed its budget (the problem is listed over the page).
_UNRENDERED = "<p>(本文を表示できません / the body could not be rendered)</p>"


class BodyError(Exception):
    """Some bodies failed their budget: ``problems`` lists them, ``rendered`` has every body
    (a placeholder for the failed ones), so a preview can still show the site."""

    def __init__(self, problems: list[Problem], rendered: dict[str, RenderedBody]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems
        self.rendered = rendered
