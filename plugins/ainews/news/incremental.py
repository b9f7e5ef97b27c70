"""A preview rebuild whose cost follows the change: re-render only the pages that show it.

MkDocs' dev server runs its whole build for every save. The news plugin hands
the server a `PreviewBuilder` instead (``on_serve``): when every file changed
since the last build is an article, the plugin reads the content again (an
edit that keeps an article's place in the listings re-reads only that file,
`reread_edited`), and the pages whose data differ from the last build's
(`BuildState.page_data`: the article, its related block and body; a listing's
articles) are rendered again through MkDocs' page events and the theme, as a
full build would render them. Feeds and share cards are rewritten only when
they changed, deleted articles' pages are removed. Anything else (mkdocs.yml,
a registry, a site page, a template) runs MkDocs' full build.
"""

from __future__ import annotations

import os
import stat
from dataclasses import fields, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from ..index.site import SiteIndex
from ..model.article import Article
from ..model.corpus import Corpus, ParseCache, display_path
from ..model.validate import ModelSettings
from ..render.pages import render_template

log = get_plugin_logger("ainews")

Snapshot = dict[str, tuple[int, int]]    # path -> (mtime_ns, size)

def take_snapshot(roots: Iterable[str]) -> Snapshot:
    """Modification time and size of every file under ``roots`` (files or folders)."""
    seen: Snapshot = {}
    for root in roots:
        for folder, _, names in (os.walk(root) if os.path.isdir(root) else [(os.path.dirname(root),
                                                                              [], [os.path.basename(root)])]):
            for name in names:
                path = os.path.join(folder, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                seen[path] = (info.st_mtime_ns, info.st_size)
    return seen


def changed_paths(before: Snapshot, after: Snapshot) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def are_articles(paths: Iterable[str], articles_root: Path) -> bool:
    """True when every path is a visible ``.md`` file under the articles folder."""
    for path in map(Path, paths):
        if path.suffix != ".md" or not path.is_relative_to(articles_root):
            return False
        if any(part.startswith(".") for part in path.relative_to(articles_root).parts):
            return False
    return True


class FullBuildNeeded(Exception):
    """The change reaches beyond the pages (the navigation): MkDocs' full build must run."""


class PreviewBuilder:
    """Stands in for the dev server's builder: an update when it can, else MkDocs' full build."""

    def __init__(self, update: Callable[[], bool], full: Callable[..., None]) -> None:
        self.update = update
        self.full = full

    def __call__(self, config: MkDocsConfig | None = None) -> None:
        if config is None and self.update():
            return
        self.full(config)


def _same_place(old: Article, new: Article) -> bool:
    """True when ``new`` is listed, related and named exactly where ``old`` was.

    Its tags and source must read as the canonical names ``old`` shows, so no
    display name (the commonest spelling) can change either.
    """
    return (old.slug == new.slug and old.published == new.published and old.draft == new.draft
            and old.publish_at == new.publish_at
            and old.related_pins == new.related_pins and old.related_exclude == new.related_exclude
            and old.tags == new.tags and old.source == new.source)


def reread_edited(corpus: Corpus, paths: Iterable[str], content_dir: Path, base: Path, settings: ModelSettings,
                  cache: ParseCache, aliases: Mapping[str, str]) -> Corpus | None:
    """The corpus after edits that keep every edited article's place; None for any other change.

    Only edits of existing, valid, plain files qualify; the same parse as `read_corpus`
    (through the same cache) is used, so the result equals what it would return.
    """
    by_src = {article.src_uri: article for article in corpus.articles}
    replaced: dict[str, Article] = {}
    for path in map(Path, paths):
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                return None
            data = path.read_bytes()
        except OSError:
            return None
        src_uri = path.relative_to(content_dir).as_posix()
        old = by_src.get(src_uri)
        if old is None:
            return None
        article, problems = cache.parse(data, display_path(path, base), src_uri, settings, dict(aliases))
        if problems or article is None or not _same_place(old, article):
            return None
        replaced[src_uri] = replace(article, tags=old.tags, source=old.source)
    return replace(corpus, articles=tuple(replaced.get(a.src_uri, a) for a in corpus.articles))


def reindex(index: SiteIndex, corpus: Corpus) -> SiteIndex:
    """``index`` with its articles swapped for ``corpus``'s (after `reread_edited`: same places).

    Every field holding articles is swapped (tuples, and dicts of tuples), whatever the fields are.
    """
    listed = {article.slug: article for article in (*index.articles, *index.drafts)}
    new = {a.slug: a for a in corpus.articles if listed.get(a.slug) is not a}

    def swap(items: Any) -> Any:
        if not isinstance(items, tuple) or not any(isinstance(a, Article) and a.slug in new for a in items):
            return items
        return tuple(new.get(a.slug, a) if isinstance(a, Article) else a for a in items)

    swapped = {}
    for name in (f.name for f in fields(index)):
        value = getattr(index, name)
        swapped[name] = {key: swap(items) for key, items in value.items()} if isinstance(value, dict) \
            else swap(value)
    return replace(index, **swapped)


def render_page(page: Page, config: MkDocsConfig, files: Files, doc_files: Sequence[File], nav: Navigation,
                env: Any) -> None:
    """Read one page again and render it through every plugin's page events, into the site folder.

    These are the steps of MkDocs' own page loop (``_populate_page`` and ``_build_page`` in
    mkdocs/commands/build.py, private there) in the same order, made of MkDocs' public parts.
    """
    page = config.plugins.on_pre_page(page, config=config, files=files)
    page.read_source(config)
    assert page.markdown is not None
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    page.render(config, files)
    assert page.content is not None
    page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    output = config.plugins.on_post_page(render_template(page, config, doc_files, nav, env), page=page,
                                         config=config)
    if output.strip():
        write_file(output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)


def remove_output(site_dir: str, dest_uri: str) -> None:
    """Delete a page's file and its folder when that is left empty."""
    target = Path(site_dir) / dest_uri
    target.unlink(missing_ok=True)
    try:
        target.parent.rmdir()
    except OSError:
        pass


def served_pages(files: Files) -> Sequence[File]:
    return files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
