"""The news plugin: a thin MkDocs adapter over the article model and the site index.

Hooks used: on_startup (serve or build), on_config (settings, staging folder),
on_pre_build (read and validate every article before MkDocs empties the site
folder), on_files (route articles, add generated pages), on_page_read_source /
on_page_markdown / on_page_content (article bodies), on_env (filters),
on_page_context (ready objects for templates), on_post_page (remember pages for
the next preview rebuild), on_post_build / on_build_error / on_shutdown (share
cards, search index; swap the finished site in, or keep the old one).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import posixpath
import time
import zlib
from pathlib import Path
from typing import Any, Callable, Sequence

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from ..cards.build import ShareCards
from ..cards.fonts import FontError
from ..cards.plan import card_path, replan_cards
from ..index.site import SiteIndex, build_site_index
from ..model.article import Article, Problem
from ..model.messages import msg
from ..model.oserrors import reason
from ..model.corpus import SOURCES_FILE, TAGS_FILE, Corpus, CorpusError, ParseCache, read_corpus
from ..model.frontmatter import decode_text
from ..model.registry import parse_tag_registry
from ..model.schedule import ClockError, build_time, schedule_message
from ..index.sections import SectionIndex, SectionSwitches, build_section_index
from ..model.tools import TOOLS_FILE
from ..site.sections.digests import default_digest
from ..site.sections.nav import prune_nav
from ..site.sections.pages import owned_section_pages, reached_section_pages, section_feeds, section_pages
from ..site import routes
from ..site.feeds import build_feeds
from ..render.blank import skip_blank_render
from ..render.media import localize_images
from ..render.sanitize import sanitize_and_report
from ..site.search import SearchIndexer
from ..site.searchstore import BundleStore
from ..site.sitemap import content_dates, news_articles, write_sitemaps
from ..site.listings import build_virtual_pages, listing_pages
from .progress import Progress, articles, pages
from .progress import files as files_unit
from .preview import PreviewPages, menu_digest, theme_digest
from ..render.toc import use_unicode_heading_ids
from ..render.ids import avoid_ids
from ..render.bodies import BodyError, BodyCache, RenderedBody, RenderSettings, needs_mkdocs, render_bodies
from ..render.pagecache import PageCache, site_key
from ..render.pool import map_batches
from ..render.pages import pack, render_in_pool, render_template, unpack
from .coexist import home_folder, refuse_clashes, refuse_flat_urls
from .config import NewsConfig, OptionError, make_digests, make_model_settings
from .incremental import (FullBuildNeeded, PreviewBuilder, are_articles, card_shown, changed_paths, is_unchanged,
                          plan_in_place, remove_output, replace_pages, reread_edited, render_page, served_pages,
                          take_snapshot)
from .keepserving import LastGood, guard_builder
from .staging import (SERVE_STATUS, SiteStaging, preview_command, quiet_page_write_errors, site_write_error,
                      write_serve_status)
from .state import BuildState, PreviewState
from .templating import make_article_view, make_page_json_ld, register_filters, site_root
from .theme import TEMPLATES_DIR, install_theme_files

log = get_plugin_logger("ainews")

MEDIA_EXTENSION = "ainews.render.media"


def _from_docs(file: File, config: MkDocsConfig) -> bool:
    """True for a file MkDocs found in docs_dir (not a theme file or a generated one)."""
    return file.generated_by is None and file.src_dir == config.docs_dir


def removed_warning(article: Article, removed: Sequence[str]) -> str:
    """One line naming the file and everything the sanitizer took out of its body."""
    return str(Problem(article.path, "body", msg("the sanitizer removed {removed}", removed=", ".join(removed))))


class NewsPlugin(BasePlugin[NewsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.previewing = False
        self.site_dir = ""                            # the site folder as given (before staging)
        self.staging_wanted = False
        self.build: BuildState | None = None          # the current build's state, replaced by the next
        self.preview = PreviewState()                 # what survives between preview rebuilds
        # A running index, cancelled by the next build; a preview's failure is said when it happens.
        self.search = SearchIndexer(report_background=log.warning)
        self.last_good: LastGood | None = None        # the preview's served files during a rebuild
        self.server_started = False                   # on_serve ran: the preview's first build is done
        self.card_notice_given = False                # "no cards in this preview" is said once

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is `mkdocs serve` (drafts shown, no staging)."""
        self.serving = command == "serve"
        # `mkdocs serve --clean` starts as "build"; its temporary folder is served as is, not staged.
        self.previewing = preview_command(command)
        self.staging_wanted = command in ("build", "gh-deploy") and not self.previewing
        quiet_page_write_errors()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Turn the options into model settings; find our templates; build into a staging folder."""
        self.site_dir = config.site_dir
        refuse_flat_urls(config)
        routes.set_home(home_folder(self.config.home))
        install_theme_files(config)
        use_unicode_heading_ids(config.markdown_extensions, config.mdx_configs)
        if MEDIA_EXTENSION not in config.markdown_extensions:   # figures and videos on every page
            config.markdown_extensions.append(MEDIA_EXTENSION)
        try:
            build = BuildState(make_model_settings(self.config), digests=make_digests(self.config))
        except OptionError as error:
            raise PluginError("\n".join(f"mkdocs.yml: {line}" for line in str(error).splitlines())) from None
        try:  # find the card font now: a missing one fails the build before the site folder is touched
            build.cards = ShareCards.configure(self.config.cards.font, self.config.cards.cache_dir, Path(
                config.config_file_path or ".").resolve().parent) if self.config.cards.enabled else None
        except FontError as error:
            if not self.previewing:
                raise PluginError(f"mkdocs.yml: plugins.news.cards: {error}") from None
            # Cards are for publishing: a preview goes on without them (said once per session).
            build.cards = None
            if not self.card_notice_given:
                log.info(msg("share cards are not drawn in this preview: {reason}", reason=error.args[0]))
                self.card_notice_given = True
        if self.staging_wanted:
            build.staging = SiteStaging(config.site_dir)
            config.site_dir = str(build.staging.staging)
        self.build = build
        return config

    def _parse_cache(self) -> ParseCache:
        # Parsed articles depend on these settings: a change drops the cache.
        return self.preview.parse_cache_for((
            self.config.timezone, tuple(sorted(self.config.score_weights.items())),
            self.config.reading_cjk_per_minute, self.config.reading_words_per_minute))

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Read and validate every article now: MkDocs empties the site folder right after."""
        build = self._state()
        build.progress = Progress(log, preview=self.serving)
        if self.serving:   # what the next preview update compares against (news/incremental.py)
            if self.preview.changes.watching:
                self.preview.changes.clear()   # this build reads everything changed so far
            else:
                self.preview.snapshot = take_snapshot(self._watched(config))
        corpus = self._read_content(config, build)
        self.search.reset()   # a rebuild supersedes an unfinished index of the last one; the folder is emptied
        if self.serving:
            if self.last_good is None or self.last_good.folder != Path(config.site_dir):
                self.last_good = LastGood(config.site_dir)
            self.last_good.set_aside()   # kept until this rebuild is known to be good (news/keepserving.py)
            config_text = Path(config.config_file_path).read_text(encoding="utf-8") if config.config_file_path else ""
            self.preview.pages.start_build(
                theme_digest([d for d in [config.theme.custom_dir, str(TEMPLATES_DIR)] if d], config_text))
        self._prepare(config, build, corpus, self._index(build, corpus))
        waiting = schedule_message(self._state().index.scheduled)  # type: ignore[union-attr]
        if waiting:
            log.info(waiting)

    def _read_content(self, config: MkDocsConfig, build: BuildState) -> Corpus:
        """Every article, validated; under serve, the last good content while any is invalid."""
        base = Path(config.config_file_path or ".").resolve().parent
        phase = build.progress.start("read")
        try:
            corpus = read_corpus(Path(config.docs_dir), self.config.articles_dir, build.settings,
                                 base=base, cache=self._parse_cache(), mapper=functools.partial(
                                     map_batches, workers=self._workers()))
        except CorpusError as error:
            phase.finish(0, articles)
            if not (self.serving and self.preview.last_good is not None):
                # Raised before anything is touched: `mkdocs build` leaves the old site as it was.
                raise PluginError(str(error)) from None
            # MkDocs' preview server stalls every request after a failed rebuild, so a preview
            # rebuilds the last good content instead and lists the errors in the terminal and,
            # through partials/serve-status.html, over the page.
            for problem in error.problems:
                log.error(str(problem))
            log.warning(msg("showing the last good version until these problems are fixed"))
            build.problems = [str(problem) for problem in error.problems]
            corpus = self.preview.last_good
            build.accepted = error.accepted   # what is safe now, not what was last time
        else:
            build.accepted = corpus.accepted
            phase.finish(len(corpus.articles), articles)
        if self.serving:
            self.preview.last_good = corpus
        return corpus

    def _now(self, build: BuildState) -> dt.datetime:
        try:
            return build_time(build.settings.zone)
        except ClockError as error:
            raise PluginError(str(error)) from None

    def _index(self, build: BuildState, corpus: Corpus) -> SiteIndex:
        return build_site_index(corpus, related_count=self.config.related_count, now=self._now(build))

    def _prepare(self, config: MkDocsConfig, build: BuildState, corpus: Corpus, index: SiteIndex,
                 previous: BuildState | None = None, sections: SectionIndex | None = None) -> None:
        """Fill the build state from the content: index, sections (given by a preview update that
        kept every article's place), bodies (``previous``'s when unchanged)."""
        build.corpus, build.index = corpus, index
        shown = index.articles + index.drafts if (self.serving or self.config.drafts) else index.articles
        if self.serving:   # scheduled articles: a page marked 予約 under serve, never in `mkdocs build`
            shown += index.scheduled
        build.sections = sections or build_section_index(
            index, build.digests, corpus.sources, shown=index.drafts + index.scheduled,
            companies=corpus.companies, tools=corpus.tools, switches=self._switches())
        if previous is not None:
            build.bodies = {a.src_uri: previous.bodies[a.src_uri] for a in shown
                            if a.src_uri in previous.bodies and is_unchanged(previous.article_by_src.get(a.src_uri), a)}
            shown = tuple(a for a in shown if a.src_uri not in build.bodies)
        build.article_by_src = {a.src_uri: a for a in corpus.articles}
        phase = build.progress.start("bodies")
        try:
            fresh = render_bodies(
                shown, RenderSettings(tuple(config.markdown_extensions), dict(config.mdx_configs), not self.config.raw_html),
                BodyCache(self._cache_folder(config, "bodies")), workers=self._workers())
        except BodyError as error:   # a body past its time or depth budget (render/budget.py)
            if not self.serving:
                raise PluginError(str(CorpusError(error.problems))) from None
            for problem in error.problems:
                log.error(str(problem))
            build.problems += [str(problem) for problem in error.problems]
            fresh = error.rendered
        build.bodies.update({src: self._finish_body(build.article_by_src[src], body, config)
                             for src, body in fresh.items()})
        phase.finish(len(shown), articles)
        log.info(msg("{articles} articles, {drafts} drafts", articles=len(index.articles), drafts=len(index.drafts)))

    def _workers(self) -> int:
        return self.config.workers or os.cpu_count() or 1

    def _switches(self) -> SectionSwitches:
        return SectionSwitches(**dict(self.config.sections))

    def _state(self) -> BuildState:
        assert self.build is not None, "on_config makes the build state"
        return self.build

    def _finish_body(self, article: Article, body: RenderedBody, config: MkDocsConfig) -> RenderedBody:
        """Local images made to work from the article's page; what the sanitizer removed, said once."""
        if body.removed:
            log.warning(removed_warning(article, body.removed))
        docs, base = Path(config.docs_dir), posixpath.dirname(article.src_uri)
        page = posixpath.dirname(routes.article_dest(article.slug))
        return RenderedBody(
            localize_images(body.translation, docs, base, page),
            None if body.original is None else localize_images(body.original, docs, base, page),
            body.removed)

    def _cache_folder(self, config: MkDocsConfig, name: str) -> Path | None:
        if not self.config.cache:
            return None
        base = Path(config.config_file_path or ".").resolve().parent
        return base / self.config.cache_dir / name

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Route articles to articles/<slug>/, drop the registries, add generated pages (never over the site's own)."""
        build = self._state()
        assert build.index is not None
        show_drafts = self.serving or self.config.drafts
        pages: list[File] = []
        for file in list(files):
            # Only files the content scan accepted (model/safepath.py): MkDocs follows links out
            # of docs_dir. A preview showing the last good content drops newly refused ones here.
            if file.src_uri not in build.accepted and _from_docs(file, config):
                files.remove(file)
                continue
            if file.src_uri in (TAGS_FILE, SOURCES_FILE, TOOLS_FILE):
                files.remove(file)
                continue
            article = build.article_by_src.get(file.src_uri)
            if article is None:
                continue
            files.remove(file)
            if (article.draft and not show_drafts) or (build.is_scheduled(article) and not self.serving):
                continue
            pages.append(self._page_file(config, build, file.src_uri))
        self._plan_pages(config, build)
        # Header tabs: a section left without pages (switched off or empty) leaves the menu.
        config.nav = prune_nav(config.nav, owned_section_pages(build.digests), build.virtual)
        if self.serving:   # a remembered menu page shows the menu of its build: the menu is part of its key
            self.preview.pages.set_menu(menu_digest(
                config.nav, [f for f in files if f.is_documentation_page() and f.inclusion == InclusionLevel.INCLUDED],
                [p.src_uri for p in build.virtual.values() if p.inclusion == InclusionLevel.INCLUDED]))
        pages += [self._page_file(config, build, page.src_uri) for page in build.virtual.values()]
        feeds = [File.generated(config, src_uri, content=feed) for src_uri, feed in build.feeds.items()]
        refuse_clashes(files, [*pages, *feeds], config)
        for page_file in pages:
            self._add_page(files, config, page_file)
        for feed_file in feeds:
            files.append(feed_file)
        build.files = files
        self._start_search(config, build)
        # MkDocs reads and renders the pages next (ours in the worker pool); on_post_page counts them.
        build.pages_phase = build.progress.start("pages", total=len(files.documentation_pages()))
        return files

    def _plan_pages(self, config: MkDocsConfig, build: BuildState) -> None:
        """Generated pages, feeds and share cards from the build's index."""
        assert build.index is not None and build.sections is not None
        build.virtual = build_virtual_pages(build.index, self.config, config,
                                            home_digest=default_digest(build.sections.digests))
        build.virtual.update({page.src_uri: page for page in section_pages(
            build.sections, self.config.per_page, card_path if build.cards is not None else None)})
        self._plan_feeds(config, build)
        if build.cards is not None:
            build.cards.make_plan(build.index, config.site_name, config.site_description, config.site_url,
                                  self.config.per_page, drafts=self.serving or self.config.drafts,
                                  digests=build.sections.digests)

    def _plan_feeds(self, config: MkDocsConfig, build: BuildState) -> None:
        """Every feed, reusing the ones whose articles did not change."""
        assert build.index is not None and build.sections is not None
        phase = build.progress.start("feeds")
        build.feeds, memo = build_feeds(
            build.index, site_name=config.site_name, site_description=config.site_description,
            site_url=site_root(config), size=self.config.feed_size, memo=self.preview.feeds,
            more=section_feeds(build.sections, config.site_name, self.config.feed_size))
        phase.finish(len(build.feeds), files_unit)
        if self.serving:   # a preview rebuild redraws only the feeds whose articles changed
            self.preview.feeds = memo

    def _page_file(self, config: MkDocsConfig, build: BuildState, src_uri: str) -> File:
        """The MkDocs file of an article (at articles/<slug>/) or of a generated page."""
        article = build.article_by_src.get(src_uri)
        if article is not None:
            hidden = (article.draft and not self.config.drafts) or build.is_scheduled(article)
            return File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls,
                        dest_uri=routes.article_dest(article.slug),
                        inclusion=InclusionLevel.DRAFT if hidden else InclusionLevel.NOT_IN_NAV)
        page = build.virtual[src_uri]
        return File.generated(config, page.src_uri, content=page.source, inclusion=page.inclusion)

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hand MkDocs the already parsed translation instead of re-reading the file."""
        article = self._state().article_by_src.get(page.file.src_uri)
        return article.translation if article is not None else None

    # Last: other plugins and `hooks:` see (and may change) an article's Markdown first.
    @event_priority(-100)
    def on_page_markdown(self, markdown_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Give article and generated pages their template and title."""
        build = self._state()
        article = build.article_by_src.get(page.file.src_uri)
        if article is not None or page.file.src_uri in build.virtual:
            skip_blank_render(page)   # an empty text costs no Markdown instance (render/blank.py)
        if article is not None:
            # Material prints meta.title unescaped in <title> and the header: escape it once here.
            page.meta.update(template="article.html", title=str(escape(article.title)),
                             hide=["navigation", "toc"])
            # The body is already rendered (on_pre_build): MkDocs renders it only when it links
            # other pages by .md path, or when another plugin or hook changed the Markdown.
            return markdown_text if needs_mkdocs(article) or markdown_text != article.translation else ""
        elif page.file.src_uri in build.virtual:
            virtual = build.virtual[page.file.src_uri]
            page.meta.update(template=virtual.template, title=str(escape(virtual.title)),
                             hide=["navigation", "toc"])
        else:   # the site's own pages (content/pages/*.md): their front matter is escaped like articles'
            for key in ("title", "description"):
                if page.meta.get(key) is not None:
                    page.meta[key] = str(escape(str(page.meta[key])))
        if self.preview.pages.is_hit(page.file.src_uri):
            page.meta["template"] = PreviewPages.CACHED_TEMPLATE
        return markdown_text

    def _add_page(self, files: Files, config: MkDocsConfig, file: File) -> None:
        """Add a page; under serve, a page unchanged since the last rebuild reuses its HTML.

        A page in no menu goes in as a plain file (MkDocs neither converts nor renders it; it is
        only missing from the preview's sitemap); a menu page keeps its place in the navigation
        and is rendered through a one-line template instead.
        """
        data = self._state().page_data(file.src_uri) if self.serving else None
        if data is not None:
            html = self.preview.pages.recall(file.src_uri, data, in_menu=file.inclusion == InclusionLevel.INCLUDED)
            if html is not None:
                files.append(File.generated(config, file.dest_uri, content=html))
                return
        files.append(file)

    # First: other plugins and `hooks:` see the article's body, not the empty placeholder.
    @event_priority(100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put in the pre-rendered (and sanitized, unless raw_html) translation."""
        build = self._state()
        article = build.article_by_src.get(page.file.src_uri)
        if article is None:
            return html
        if page.markdown:   # MkDocs rendered it (see on_page_markdown)
            page_dir = posixpath.dirname(page.file.dest_uri)   # MkDocs made image URLs relative to the page
            if not self.config.raw_html:
                html, removed = sanitize_and_report(html)
                if removed:
                    log.warning(removed_warning(article, removed))
            return localize_images(avoid_ids(html), Path(config.docs_dir), page_dir, page_dir)
        return build.bodies[article.src_uri].translation

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Register the filters templates format with (dates, stars, URLs)."""
        build = self._state()
        register_filters(env, self.config, today=self._now(build).date())
        build.config, build.env, build.files = config, env, files
        if not self.serving:
            build.prerendered = self._render_in_pool(config, build, files, env)
        if build.cards is not None:   # drawn in worker processes while MkDocs writes the pages
            build.cards.start(config.site_dir)
        # MkDocs makes a new Jinja environment per build; keeping compiled templates across
        # preview rebuilds saves recompiling some 50 templates each time (checked by source hash).
        env.bytecode_cache = self.preview.templates
        return env

    def _start_search(self, config: MkDocsConfig, build: BuildState) -> None:
        """Index from the model now (the site folder is emptied already), in a process of its
        own, while MkDocs reads and renders the pages."""
        if self.config.search and build.index is not None:
            folder = None if self.serving else self._cache_folder(config, "search")
            self.search.start(build.index.articles, build.bodies, config.site_dir,
                              partition=self.config.search_partition, background=self.serving,
                              store=BundleStore(folder, build.digester) if folder is not None else None)

    def _render_in_pool(self, config: MkDocsConfig, build: BuildState, files: Files, env: Any) -> dict[str, bytes]:
        """Render article and generated pages on every core now; MkDocs' loop then only writes them.

        The pages are read already (MkDocs calls on_env after reading every page), so each
        worker renders templates with the very context MkDocs would give; their HTML reaches
        MkDocs' loop through the one-line template, and ``on_post_page`` runs there as usual.
        With the page cache (render/pagecache.py), a page whose key the last build stored is
        not rendered at all: ``on_page_context`` hands its stored HTML to the same template.
        """
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        ours = [file.page for file in doc_files if file.page is not None
                and (file.src_uri in build.article_by_src or file.src_uri in build.virtual)]
        assert build.nav is not None
        workers = self._workers()
        cache = build.page_cache = self._page_cache(config, build)
        keys: dict[str, str | None] = {}
        todo = ours
        if cache is not None:
            keys = {page.file.src_uri: cache.key(page, self._page_inputs(build, page.file.src_uri), None if (
                build.cards is None) else build.cards.meta_for(page.file.src_uri)) for page in ours}
            for page in ours:
                key = keys[page.file.src_uri]
                if key is not None and cache.has(key):
                    build.reused_pages[page.file.src_uri] = (key, page.meta.get("template", "main.html"))
            todo = [page for page in ours if page.file.src_uri not in build.reused_pages]
        html = render_in_pool(todo, config, doc_files, build.nav, env, workers)
        if html is not None:
            log.info(msg("{count} pages rendered in {workers} processes", count=len(todo), workers=workers))
        elif cache is not None:   # too few for a pool: rendered here, so the cache gets them too
            html = [pack(render_template(page, config, doc_files, build.nav, env)) for page in todo]
        else:
            return {}
        if cache is not None:
            log.info(msg("{count} pages from the page cache, {rendered} rendered", count=len(build.reused_pages),
                         rendered=len(todo)))
            for page, text in zip(todo, html):
                key = keys[page.file.src_uri]
                if key is not None:
                    cache.put(key, text)
        for page in ours:
            page.meta["template"] = PreviewPages.CACHED_TEMPLATE
        return {page.file.src_uri: text for page, text in zip(todo, html)}

    def _page_cache(self, config: MkDocsConfig, build: BuildState) -> PageCache | None:
        """The build's page cache; None when caching is off, or when another plugin or hook
        changes the template context or environment (its effect is in no key)."""
        folder = self._cache_folder(config, "pages")
        others = [handler for event in ("page_context", "env") for handler in config.plugins.events[event]
                  if getattr(handler, "__self__", None) is not self]
        if folder is None or others or build.nav is None:
            return None
        site = site_key(config, self.config, build.nav, build.digester)
        return PageCache(folder, site, build.digester) if site is not None else None

    @staticmethod
    def _page_inputs(build: BuildState, src_uri: str) -> tuple[Any, ...]:
        """What our templates show of a page: its data, and for an article its source's registry entry."""
        article = build.article_by_src.get(src_uri)
        source = build.index.sources.get(article.source.slug) if article is not None and build.index else None
        return (build.page_data(src_uri), source)

    def _reused_page(self, page: Page, config: MkDocsConfig, build: BuildState) -> str:
        """A page's HTML from the page cache; rendered after all if its entry went missing."""
        key, template = build.reused_pages.pop(page.file.src_uri)
        assert build.page_cache is not None and build.files is not None and build.nav is not None
        packed = build.page_cache.get(key)
        if packed is not None:
            try:
                return unpack(packed)
            except (zlib.error, UnicodeDecodeError):   # damaged since on_env
                pass
        page.meta["template"] = template
        doc_files = build.files.documentation_pages(inclusion=InclusionLevel.is_included)
        html = render_template(page, config, doc_files, build.nav, build.env)
        page.meta["template"] = PreviewPages.CACHED_TEMPLATE
        build.page_cache.put(key, pack(html))
        return html

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Keep the navigation: a preview update renders pages with it."""
        self._state().nav = nav
        return nav

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                        nav: Any) -> dict[str, Any]:
        """Give templates ready objects: they only loop, format and escape."""
        build = self._state()
        assert build.index is not None
        if page.file.src_uri in build.prerendered:
            context["cached_page_html"] = unpack(build.prerendered.pop(page.file.src_uri))
            return context
        if page.file.src_uri in build.reused_pages:
            context["cached_page_html"] = self._reused_page(page, config, build)
            return context
        if self.preview.pages.is_hit(page.file.src_uri):
            context["cached_page_html"] = self.preview.pages.take(page.file.src_uri)
            return context
        article = build.article_by_src.get(page.file.src_uri)
        card = build.cards.meta_for(page.file.src_uri) if build.cards is not None else None
        if article is not None:
            sections = context["sections"] = build.article_sections(article)
            context["article"] = make_article_view(article, build.index, self.config, config,
                                                   build.bodies[article.src_uri].original, page.content or "",
                                                   digest=sections.digest, card=card)
        elif page.file.src_uri in build.virtual:
            virtual = build.virtual[page.file.src_uri]
            context.update(virtual.context)
            context["json_ld"] = make_page_json_ld(virtual.title, page.url, virtual.src_uri == routes.home_src(), config)
        context["news_serving"] = self.serving
        context["card"] = card
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Remember a freshly rendered page for the next preview rebuild."""
        if self.serving:
            self.preview.pages.remember(page.file.src_uri, page.meta.get("template"), output)
        if self.build is not None and self.build.pages_phase is not None:
            self.build.pages_phase.advance()
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Wait for the search index (a preview does not wait: the index follows a moment later)."""
        build = self._state()
        if build.pages_phase is not None:
            build.pages_phase.finish(unit=pages)
            build.pages_phase = None
        if build.index is not None:
            write_sitemaps(config.site_dir, site_root(config), config.site_name,
                           content_dates(build.index, build.virtual),
                           news_articles(build.index, self._now(build)))
        if build.cards is not None:   # share cards: copied from the cache, drawn only when new
            phase = build.progress.start("cards")
            stats = build.cards.write(config.site_dir)
            phase.finish(stats.cards, lambda count: msg("{count} written, {drawn} drawn", count=count,
                                                         drawn=stats.drawn))
        if self.serving:
            self.preview.pages.end_build()
            if build.problems:
                write_serve_status(config.site_dir, build.problems)
            if self.last_good is not None:
                self.last_good.confirm()
        elif self.search.running():
            phase = build.progress.start("search")
            self.search.wait()
            phase.finish(unit=lambda _: msg("done"))
        if build.page_cache is not None:   # the folder keeps this build's pages only
            build.page_cache.prune()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Callable[..., None]) -> Any:
        """Let saves that touch only articles re-render just the pages they change (news/incremental.py)."""
        self.server_started = True
        if self.last_good is None:
            self.last_good = LastGood(config.site_dir)
        self.preview.changes.watch(server, self._watched(config))   # which files each save touched
        # Any failure of a rebuild serves the last good site again with its error (news/keepserving.py).
        server.builder = guard_builder(PreviewBuilder(self._update_preview, builder), self.last_good,
                                       lambda lines: [log.error(line) for line in lines])
        return server

    def _watched(self, config: MkDocsConfig) -> list[str]:
        paths = [str(Path(config.docs_dir).resolve()), *map(str, config.watch)]
        return paths + ([config.config_file_path] if config.config_file_path else [])

    def _update_preview(self) -> bool:
        """Update the preview for changed articles; False when a full build is needed instead."""
        old = self.build
        if old is None or old.config is None or old.index is None:
            return False
        config = old.config
        if self.preview.changes.watching:   # what MkDocs' file watcher saw (news/changes.py)
            changed = self.preview.changes.take()
        else:
            snapshot = take_snapshot(self._watched(config))
            changed = changed_paths(self.preview.snapshot, snapshot)
            self.preview.snapshot = snapshot
        if not changed or not are_articles(changed, Path(config.docs_dir).resolve() / self.config.articles_dir):
            return False
        started = time.perf_counter()
        try:
            count = self._apply_update(config, old, changed)
        except FullBuildNeeded:
            return False
        except Exception as error:   # a full build starts from scratch, whatever was half done
            log.warning(msg("preview update failed ({error}); rebuilding everything",
                            error=f"{type(error).__name__}: {error}"))
            return False
        log.info(msg("preview: {count} pages rendered again in {seconds} s", count=count,
                     seconds=f"{time.perf_counter() - started:.2f}"))
        return True

    def _apply_update(self, config: MkDocsConfig, old: BuildState, changed: set[str]) -> int:
        """Read the changed content, then render, write and delete only what differs from ``old``."""
        assert old.index is not None and old.files is not None and old.nav is not None
        build = BuildState(old.settings, digests=old.digests, cards=old.cards, config=config, files=old.files,
                           nav=old.nav, env=old.env)
        self.build = build   # the page hooks below read the current state
        content_dir = Path(config.docs_dir).resolve()
        now = self._now(build)
        due = any(not article.is_scheduled(now) for article in old.index.scheduled)   # its time has come
        edited = None if old.problems or old.corpus is None or due else reread_edited(
            old.corpus, changed, content_dir, Path(config.config_file_path or ".").resolve().parent,
            old.settings, self._parse_cache(), self._tag_aliases(content_dir))
        old_plan = old.cards.plan if old.cards is not None else None
        if edited is not None:   # every edited article kept its place: plan only what shows them
            self.preview.last_good = edited
            candidates = self._update_in_place(config, old, build, edited, changed, content_dir)
        else:
            corpus = self._read_content(config, build)
            index = old.index if corpus is old.corpus and not due else build_site_index(
                corpus, related_count=self.config.related_count, now=now)
            self._prepare(config, build, corpus, index, previous=old)
            self._plan_pages(config, build)
            candidates = old.shown_pages() | build.shown_pages()
        owned = owned_section_pages(build.digests)
        if owned & set(old.virtual) != owned & set(build.virtual):   # a header tab comes or goes
            raise FullBuildNeeded
        new_plan = build.cards.plan if build.cards is not None else None
        pages = sorted(src for src in candidates if old.page_data(src) != build.page_data(src)
                       or card_shown(old_plan, src) != card_shown(new_plan, src))
        self._render_again(config, old, build, pages)
        for src_uri in old.feeds.keys() | build.feeds.keys():
            if src_uri not in build.feeds:
                remove_output(config.site_dir, src_uri)
            elif old.feeds.get(src_uri) is not build.feeds[src_uri] and old.feeds.get(src_uri) != build.feeds[src_uri]:
                write_file(build.feeds[src_uri], str(Path(config.site_dir) / src_uri))
        if build.cards is not None:
            build.cards.write(config.site_dir, since=old_plan)
        assert build.index is not None
        if self.config.search and (build.index.articles != old.index.articles or build.bodies != old.bodies):
            self.search.start(build.index.articles, build.bodies, config.site_dir,
                              partition=self.config.search_partition, background=True)
        if build.problems:
            write_serve_status(config.site_dir, build.problems)
        else:
            (Path(config.site_dir) / SERVE_STATUS).unlink(missing_ok=True)
        return len(pages)

    def _update_in_place(self, config: MkDocsConfig, old: BuildState, build: BuildState, corpus: Corpus,
                         changed: set[str], content_dir: Path) -> set[str]:
        """Index, plan and list again only what the edited articles are in (news/incremental.py);
        the pages whose data may differ from ``old``'s."""
        assert old.index is not None and old.sections is not None
        plan = plan_in_place(old, corpus, changed, content_dir, self.config.related_count, self._switches())
        build.accepted = old.accepted   # the same files: only their text changed
        self._prepare(config, build, corpus, plan.index, previous=old, sections=plan.sections)
        assert build.sections is not None
        reach = plan.reach
        fresh = (listing_pages(plan.index, self.config, config, default_digest(build.sections.digests), reach.tags,
                               reach.sources, reach.weeks) if reach.listed else [])
        fresh += reached_section_pages(build.sections, self.config.per_page,
                                       card_path if build.cards is not None else None, reach.days,
                                       reach.companies, reach.tools, reach.videos)
        build.virtual, gone = replace_pages(old.virtual, fresh, videos=reach.videos)
        self._plan_feeds(config, build)
        candidates = plan.articles_shown() | {page.src_uri for page in fresh} | gone
        if build.cards is not None:
            build.cards.plan, shown_again = replan_cards(
                build.cards.plan, plan.index, config.site_name, self.config.per_page, plan.new_articles(),
                reach.tags, reach.sources, reach.days, build.sections.digests)
            candidates |= shown_again
        return candidates

    def _render_again(self, config: MkDocsConfig, old: BuildState, build: BuildState, pages: list[str]) -> None:
        """Render ``pages`` with ``build``'s data; remove the pages ``build`` no longer has."""
        files, new_pages = build.files, []
        assert files is not None and build.nav is not None
        added_or_removed = False
        for src_uri in pages:
            before = self._page_file(config, old, src_uri) if old.shows(src_uri) else None
            existing = files.get_file_from_path(src_uri)
            if before is not None:   # the page, or its remembered HTML written as a plain file
                remembered = files.get_file_from_path(before.dest_uri)
                if remembered is not None and remembered is not existing:
                    files.remove(remembered)
                    added_or_removed = True
            if not build.shows(src_uri):
                if existing is not None:
                    files.remove(existing)
                    added_or_removed = True
                if before is not None:
                    remove_output(config.site_dir, before.dest_uri)
                continue
            file = self._page_file(config, build, src_uri)
            if before is not None and before.dest_uri != file.dest_uri:
                remove_output(config.site_dir, before.dest_uri)
            if existing is not None and existing.dest_uri == file.dest_uri and existing.inclusion == file.inclusion:
                file = existing   # keeps its Page, the one the navigation holds
            else:
                if existing is not None:
                    files.remove(existing)
                files.append(file)
                added_or_removed = True
            new_pages.append(file)
        listed = self.preview.served
        if added_or_removed or listed is None or listed[0] is not files:
            listed = self.preview.served = (files, served_pages(files))
        served = listed[1]
        for file in new_pages:
            render_page(file.page or Page(None, file, config), config, files, served, build.nav, build.env)

    @staticmethod
    def _tag_aliases(content_dir: Path) -> dict[str, str]:
        """The tag registry's aliases (unchanged since the last build, or it would be a full build)."""
        path = content_dir / TAGS_FILE
        text = decode_text(path.read_bytes()) if path.is_file() else None
        return parse_tag_registry(text, TAGS_FILE, []).aliases

    # Last: every other plugin sees the error before a full disk is turned into one line.
    @event_priority(-100)
    def on_build_error(self, *, error: Exception) -> None:
        """Keep the old site (on_shutdown discards the staging folder); a full or read-only
        disk is one `site:` line instead of a traceback."""
        if self.build is not None:
            self.build.failed = True
            if self.build.cards is not None:
                self.build.cards.cancel()
        self.search.cancel()
        # Not in a running preview: Abort ends the process, and the preview shows the error instead
        # (keepserving). A preview's very first build has nothing to serve yet: it stops like a build.
        first_preview = self.previewing and not self.server_started
        line = site_write_error(error, self.site_dir, kept=not first_preview)
        if line is not None and (not self.previewing or first_preview):
            log.error(line)
            raise Abort("Aborted with a BuildError!") from None

    def on_shutdown(self) -> None:
        """Swap the finished site in; after any failure, keep the old site untouched."""
        self.search.close()
        staging = self.build.staging if self.build is not None else None
        if staging is None:
            return
        if self.build is not None and self.build.failed:
            staging.discard()
        else:
            phase = self.build.progress.start("swap") if self.build is not None else None
            try:
                staging.commit()
            except OSError as error:   # the old site is back in place (SiteStaging.commit)
                staging.discard()
                log.error(site_write_error(error, self.site_dir) or msg(
                    "site: cannot write {path}: {reason}", path=self.site_dir, reason=reason(error)))
                raise Abort("Aborted with a BuildError!") from None
            if phase is not None:
                phase.finish(unit=lambda _: msg("done"))
        if self.build is not None:
            self.build.staging = None
