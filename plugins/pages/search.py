"""Static, chunked site search: a Pagefind index of every published article.

Pagefind's extended build segments Japanese, and readers download only the
index chunks a query needs instead of one JSON of the whole site. Its input is
a small HTML document per article written from the model (title, TL;DR, key
points, translation, original; tags and source as filters), so indexing starts
as soon as the bodies are rendered and runs on the second core while MkDocs
renders the pages. `mkdocs build` waits for it; `mkdocs serve` lets it finish
in the background so a preview is not held up by the index.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path
from typing import Iterable, Mapping

from mkdocs.exceptions import PluginError

from ..model.article import Article
from ..model.dates import format_japanese
from ..render.bodies import RenderedBody
from . import routes

BUNDLE = "pagefind"


def render_search_document(article: Article, body: RenderedBody) -> str:
    """What Pagefind indexes for one article, with its filters and result metadata."""
    # Filters, metadata and the sort key sit in an ignored block: Pagefind still reads them
    # (data-pagefind-ignore skips only indexing), but none leaks into result excerpts.
    extras = [f'<span data-pagefind-filter="ソース">{escape(article.source.name)}</span>',
              f'<span data-pagefind-meta="日付">{escape(format_japanese(article.published))}</span>',
              f'<span data-pagefind-sort="date">{article.published.isoformat()}</span>']
    extras += [f'<span data-pagefind-filter="タグ">{escape(tag.name)}</span>' for tag in article.tags]
    points = "".join(f"<h3>{escape(p.title)}</h3><p>{escape(p.detail)}</p>" for p in article.key_points)
    original = f'<section lang="{escape(article.original_lang)}">{body.original}</section>' if body.original else ""
    return (
        '<!doctype html><html lang="ja"><head><meta charset="utf-8">'
        f"<title>{escape(article.title)}</title></head><body>"
        f'<main data-pagefind-body><h1 data-pagefind-meta="title">{escape(article.title)}</h1>'
        f'<div data-pagefind-ignore>{"".join(extras)}</div>'
        f"<p>{escape(article.tldr)}</p>{points}{body.translation}{original}</main></body></html>"
    )


class SearchIndexer:
    """One Pagefind run in the background: start, then wait for it or cancel it."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.workdir: Path | None = None

    def start(self, articles: Iterable[Article], bodies: Mapping[str, RenderedBody], site_dir: str,
              background: bool = False) -> None:
        """Start indexing; ``background`` runs Pagefind at the lowest CPU priority (previews)."""
        self.cancel()
        self.workdir = Path(tempfile.mkdtemp(prefix="ainews-search-"))
        for article in articles:
            target = self.workdir / routes.article_dest(article.slug)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(render_search_document(article, bodies[article.src_uri]), encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pagefind", "--site", str(self.workdir), "--silent",
             "--force-language", "ja", "--output-path", str(Path(site_dir) / BUNDLE)],
            stdout=subprocess.DEVNULL if background else subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            preexec_fn=(lambda: os.nice(19)) if background else None)

    def wait(self) -> None:
        """Block until the index is written; a Pagefind failure fails the build."""
        if self.process is None:
            return
        output, _ = self.process.communicate()
        code = self.process.returncode
        self._clean()
        if code != 0:
            lines = (output or "").strip().splitlines()
            raise PluginError(f"search: Pagefind failed: {lines[-1] if lines else f'exit {code}'}")

    def cancel(self) -> None:
        """Stop an unfinished run (a newer build supersedes it)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._clean()

    def _clean(self) -> None:
        self.process = None
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None
