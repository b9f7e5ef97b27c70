"""Pages through the theme's templates: one at a time, or many on every core.

`render_template` is the template half of MkDocs' page loop (``_build_page`` in
mkdocs/commands/build.py, private there), made of MkDocs' public parts: the
same context (`get_context`), every plugin's ``on_page_context``, the page's
template. `render_in_pool` runs it for many already-read pages in worker
processes. The workers must inherit the pages, navigation and Jinja environment
from the build, so only a forking pool can; elsewhere (spawn) the pages are
left to MkDocs' own loop.
"""

from __future__ import annotations

import zlib
from typing import Any, Sequence

from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .pool import map_batches, start_method

# What MkDocs puts before a draft's content in `mkdocs serve` (mkdocs/commands/build.py).
DRAFT_MARKER = ('<div class="mkdocs-draft-marker" title="This page will not be included into the built site.">'
                'DRAFT</div>')
# Fewer pages than this render faster here than a pool starts.
POOL_MIN_PAGES = 64


def render_template(page: Page, config: MkDocsConfig, doc_files: Sequence[File], nav: Navigation, env: Any) -> str:
    """The page's HTML before ``on_post_page``, exactly as MkDocs' build renders it."""
    page.active = True   # the theme marks the current page in the navigation
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        if page.file.inclusion.is_excluded():
            page.content = DRAFT_MARKER + (page.content or "")
        return template.render(context)
    finally:
        page.active = False


# The job a forked pool's workers inherit: (pages, config, doc_files, nav, env).
_JOB: tuple[Sequence[Page], MkDocsConfig, Sequence[File], Navigation, Any] | None = None


def _render_batch(numbers: Sequence[int]) -> list[bytes]:
    assert _JOB is not None, "only a forked worker (or this process) holds the job"
    pages, config, doc_files, nav, env = _JOB
    # Compressed: the build holds every page until MkDocs' loop writes it, and as `str` a
    # Japanese page costs two bytes a character (10,000 articles: over 2 GiB; compressed, ~10x less).
    return [pack(render_template(pages[n], config, doc_files, nav, env)) for n in numbers]


def pack(html: str) -> bytes:
    """A page's HTML as the build holds it (and the page cache stores it): zlib-compressed UTF-8."""
    return zlib.compress(html.encode("utf-8"), 1)


def unpack(rendered: bytes) -> str:
    """A page's HTML from what `render_in_pool` returned for it."""
    return zlib.decompress(rendered).decode("utf-8")


def render_in_pool(pages: Sequence[Page], config: MkDocsConfig, doc_files: Sequence[File], nav: Navigation,
                   env: Any, workers: int) -> list[bytes] | None:
    """Every page's HTML (before ``on_post_page``) rendered on ``workers`` cores, each packed (see `unpack`);
    None when no pool can."""
    if workers < 2 or len(pages) < POOL_MIN_PAGES or start_method() != "fork":
        return None
    global _JOB
    _JOB = (pages, config, doc_files, nav, env)
    try:
        # One page of each template first, here: its templates (and the navigation memo) are
        # compiled and filled once and inherited by every worker, instead of once in each.
        first = {page.meta.get("template", "main.html"): number for number, page in enumerate(pages)}
        early = dict(zip(first.values(), _render_batch(list(first.values()))))
        rest = [number for number in range(len(pages)) if number not in early]
        done = iter(map_batches(_render_batch, rest, workers))
        return [early[number] if number in early else next(done) for number in range(len(pages))]
    finally:
        _JOB = None
