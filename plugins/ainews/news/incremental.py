"""A preview rebuild whose cost follows the change: re-render only the pages that show it.

MkDocs' dev server runs its whole build for every save. The news plugin hands
the server a `PreviewBuilder` instead (``on_serve``): when every file changed
since the last build is an article (as MkDocs' file watcher reported them,
news/changes.py), the plugin updates the preview itself.

An edit that keeps every edited article's place (slug, time, draft flag, tags,
source, related pins: `reread_edited`) re-reads only those files and swaps
them into the last build's indexes (`plan_in_place`, index/update.py): only
the groups they are in (their days, weeks, tags, source, digests, companies,
tools, the 動画 list) are listed, carded and compared again, related blocks
are recomputed only when what they are computed from changed (and then only
those the edit can change: index/related.py, `update_related`), and only the
pages whose data differ from the last build's (`BuildState.page_data`) are
rendered, through MkDocs' page events and the theme, as a full build would.
Any other article change (added, deleted, retagged, moved in time) reads and
indexes the content again and compares every page. Feeds and share cards are
rewritten only when they changed, deleted articles' pages are removed.
Anything else (mkdocs.yml, a registry, a site page, a template) runs MkDocs'
full build.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from ..cards.plan import CardPlan
from ..index.sections import SectionIndex, SectionSwitches
from ..index.site import SiteIndex
from ..index.update import Reach, swap_articles, swap_sections
from ..model.article import Article
from ..model.corpus import Corpus, ParseCache, display_path
from ..model.safepath import check_file
from ..model.validate import ModelSettings
from ..render.pages import render_template
from ..site.listings import VirtualPage
from ..site.sections.videos import VIDEOS_TEMPLATE

if TYPE_CHECKING:
    from .state import BuildState

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
        # The full build's rule (model/safepath.py): a file reached through a link out of the
        # content folder, a loop, a folder or an unreadable file goes to the full read, which
        # reports it, instead of being read here.
        if check_file(path, content_dir) is not None:
            return None
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


def is_unchanged(before: Article | None, now: Article) -> bool:
    """True when ``now`` is ``before`` or shows exactly the same (the cheap test first)."""
    return before is now or before == now


def card_shown(plan: CardPlan | None, src_uri: str) -> tuple[str, str] | None:
    """What a page's <head> shows of its share card: the file and its alt text (not its pixels)."""
    card = plan.for_page(src_uri) if plan is not None else None
    return (card.path, card.alt) if card is not None else None


@dataclass
class InPlace:
    """The indexes after edits that keep every article's place, and what they reach."""

    index: SiteIndex
    sections: SectionIndex
    reach: Reach
    edited: list[tuple[Article, Article]]

    def new_articles(self) -> list[Article]:
        return [new for _old, new in self.edited]

    def articles_shown(self) -> set[str]:
        """src_uri of the article pages that may show something else: the edited ones, those
        whose related block changed or lists one of them, and their older and newer neighbours."""
        shown = {new.src_uri for new in self.new_articles()} | set(self.reach.related)
        for slug in self.reach.listed:
            shown.update(a.src_uri for a in self.index.neighbours.get(slug, (None, None)) if a is not None)
        return shown


def plan_in_place(old: BuildState, corpus: Corpus, changed: Iterable[str], content_dir: Path, related_count: int,
                  switches: SectionSwitches) -> InPlace:
    """Swap the re-read articles of ``corpus`` (from `reread_edited`) into ``old``'s indexes."""
    assert old.index is not None and old.sections is not None and old.corpus is not None
    srcs = {Path(path).relative_to(content_dir).as_posix() for path in changed}
    new_of = {a.src_uri: a for a in corpus.articles if a.src_uri in srcs}
    edited = [(old.article_by_src[src], new_of[src]) for src in sorted(new_of)]
    index, reach = swap_articles(old.index, edited, related_count)
    sections, reach = swap_sections(old.sections, index, edited, reach, corpus.companies, corpus.tools, switches)
    return InPlace(index, sections, reach, edited)


def replace_pages(pages: Mapping[str, VirtualPage], fresh: Iterable[VirtualPage],
                  videos: bool) -> tuple[dict[str, VirtualPage], set[str]]:
    """``pages`` with ``fresh`` ones in their place, and the pages gone. With ``videos``, every
    動画 page is in ``fresh`` (their number may change): the earlier ones not there go."""
    replaced = dict(pages)
    gone: set[str] = set()
    if videos:
        gone = {src for src, page in pages.items() if page.template == VIDEOS_TEMPLATE}
        for src in gone:
            del replaced[src]
    replaced.update((page.src_uri, page) for page in fresh)
    return replaced, gone - replaced.keys()


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
