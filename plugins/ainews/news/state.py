"""The news plugin's state, in two objects: one build's, and what a preview keeps between builds.

`BuildState` is made afresh when a build reads its configuration and dropped
when the next one starts: nothing in it outlives a build. `PreviewState` lives
as long as the plugin (one `mkdocs serve` process); everything in it only
saves work on the next rebuild, except ``last_good``, the content a preview
falls back to while an article is invalid.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from ..cards.build import ShareCards
from ..index.digests import Digest
from ..index.sections import SectionIndex
from ..index.site import SiteIndex
from ..model.article import Article
from ..model.corpus import Corpus, ParseCache
from ..model.validate import ModelSettings
from ..render.bodies import RenderedBody
from ..render.digest import Digester
from ..render.pagecache import PageCache
from ..site.listings import VirtualPage
from ..site.sections.article import ArticleSections, make_article_sections
from .changes import ChangeLog
from .incremental import Snapshot
from .preview import MemoryBytecodeCache, PreviewPages
from .progress import Phase, Progress
from .staging import SiteStaging


@dataclass
class BuildState:
    """One build: its settings, the content it read and the pages it makes from it."""

    settings: ModelSettings
    digests: tuple[Digest, ...] = ()              # the declared daily digests (AI日報, ...)
    cards: ShareCards | None = None               # None when share cards are off
    staging: SiteStaging | None = None            # `mkdocs build`: the folder swapped in at the end
    failed: bool = False
    corpus: Corpus | None = None
    index: SiteIndex | None = None
    sections: SectionIndex | None = None
    article_by_src: dict[str, Article] = field(default_factory=dict)
    virtual: dict[str, VirtualPage] = field(default_factory=dict)
    bodies: dict[str, RenderedBody] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)   # preview only: errors shown over the last good pages
    progress: Progress = field(default_factory=lambda: Progress(logging.getLogger("mkdocs.plugins.ainews")))
    pages_phase: Phase | None = None              # MkDocs renders the pages between on_files and on_post_build
    feeds: dict[str, bytes] = field(default_factory=dict)           # by src_uri
    prerendered: dict[str, bytes] = field(default_factory=dict)     # packed HTML rendered in the pool, by src_uri
    # `mkdocs build` with the cache: pages taken from the last build, src_uri -> (key, their template).
    page_cache: PageCache | None = None
    reused_pages: dict[str, tuple[str, str]] = field(default_factory=dict)
    digester: Digester = field(default_factory=Digester)   # one per build: articles digested once
    # What MkDocs made of this build, kept so a preview can render a page again (news/incremental.py).
    config: MkDocsConfig | None = None
    files: Files | None = None
    nav: Navigation | None = None
    env: Any = None

    def shown_pages(self) -> set[str]:
        """src_uri of every article and generated page this build shows."""
        return set(self.article_by_src) | set(self.virtual)

    def shows(self, src_uri: str) -> bool:
        """True when ``src_uri`` is one of `shown_pages` (without making the set)."""
        return src_uri in self.article_by_src or src_uri in self.virtual
    accepted: frozenset[str] = frozenset()        # docs_dir files that may be published (model/safepath.py)

    def page_data(self, src_uri: str) -> tuple[Any, ...] | None:
        """Everything an article or generated page shows (the preview memo's key), or None."""
        article = self.article_by_src.get(src_uri)
        if article is not None:
            assert self.index is not None
            return ("article.html", article, self.index.related.get(article.slug, ()),
                    self.index.neighbours.get(article.slug), self.bodies.get(src_uri), self.article_sections(article))
        virtual = self.virtual.get(src_uri)
        return (virtual.template, virtual.context) if virtual is not None else None

    def is_scheduled(self, article: Article) -> bool:
        """True when the article's publish_at is still ahead (only `mkdocs serve` shows it)."""
        return self.index is not None and article.slug in self.index.scheduled_slugs

    def article_sections(self, article: Article) -> ArticleSections:
        """The article page's digest, tools and 予約 mark."""
        assert self.sections is not None
        return make_article_sections(self.sections, article, scheduled=self.is_scheduled(article))


@dataclass
class PreviewState:
    """Kept for the life of the process: caches that make the next rebuild cheaper."""

    parse_cache: ParseCache = field(default_factory=ParseCache)
    parse_key: tuple[Any, ...] | None = None      # the settings parse_cache's articles were made with
    pages: PreviewPages = field(default_factory=PreviewPages)
    templates: MemoryBytecodeCache = field(default_factory=MemoryBytecodeCache)
    feeds: dict[str, tuple[Any, bytes]] = field(default_factory=dict)   # feed path -> (what it shows, XML)
    last_good: Corpus | None = None               # shown while the content is invalid
    snapshot: Snapshot = field(default_factory=dict)   # watched files when the last build started
    changes: ChangeLog = field(default_factory=ChangeLog)   # or what MkDocs' file watcher saw since (news/changes.py)
    # The pages MkDocs lists in every page's context, for the Files object they came from: an
    # update that adds or removes no file lists them without walking every file again.
    served: tuple[Any, Sequence[Any]] | None = None

    def parse_cache_for(self, key: tuple[Any, ...]) -> ParseCache:
        """The parse cache, emptied when the settings parsed articles depend on change."""
        if key != self.parse_key:
            self.parse_cache, self.parse_key = ParseCache(), key
        return self.parse_cache
