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
import os
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..cards.build import ShareCards
from ..cards.fonts import FontError
from ..cards.plan import card_path
from ..index.site import build_site_index
from ..model.messages import msg
from ..model.corpus import SOURCES_FILE, TAGS_FILE, CorpusError, ParseCache, read_corpus
from ..model.schedule import ClockError, build_time, schedule_message
from ..index.sections import SectionSwitches, build_section_index
from ..model.tools import TOOLS_FILE
from ..site.sections.digests import default_digest
from ..site.sections.nav import prune_nav
from ..site.sections.pages import owned_section_pages, section_feeds, section_pages
from ..site import routes
from ..site.feeds import build_feeds
from ..render.sanitize import sanitize_html
from ..site.search import SearchIndexer
from ..site.sitemap import split_sitemap
from ..site.listings import build_virtual_pages
from .preview import PreviewPages, theme_digest
from ..render.toc import use_unicode_heading_ids
from ..render.bodies import BodyCache, RenderSettings, needs_mkdocs, render_bodies
from .config import NewsConfig, OptionError, make_digests, make_model_settings
from .staging import SiteStaging, is_serve_folder, set_aside, write_serve_status
from .state import BuildState, PreviewState
from .templating import make_article_view, register_filters, site_root
from .theme import TEMPLATES_DIR, install_theme_files

log = get_plugin_logger("ainews")


class NewsPlugin(BasePlugin[NewsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.staging_wanted = False
        self.build: BuildState | None = None          # the current build's state, replaced by the next
        self.preview = PreviewState()                 # what survives between preview rebuilds
        self.search = SearchIndexer()                 # a running index, cancelled by the next build
        self.card_notice_given = False                # "no cards in this preview" is said once

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is `mkdocs serve` (drafts shown, no staging)."""
        self.serving = command == "serve"
        self.staging_wanted = command in ("build", "gh-deploy")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Turn the options into model settings; find our templates; build into a staging folder."""
        install_theme_files(config)
        use_unicode_heading_ids(config.markdown_extensions, config.mdx_configs)
        try:
            build = BuildState(make_model_settings(self.config), digests=make_digests(self.config))
        except OptionError as error:
            raise PluginError("\n".join(f"mkdocs.yml: {line}" for line in str(error).splitlines())) from None
        try:  # find the card font now: a missing one fails the build before the site folder is touched
            build.cards = ShareCards.configure(self.config.cards.font, self.config.cards.cache_dir, Path(
                config.config_file_path or ".").resolve().parent) if self.config.cards.enabled else None
        except FontError as error:
            if not (self.serving or is_serve_folder(config.site_dir)):
                raise PluginError(f"mkdocs.yml: plugins.news.cards: {error}") from None
            # Cards are for publishing: a preview goes on without them (said once per session).
            build.cards = None
            if not self.card_notice_given:
                log.info(msg("share cards are not drawn in this preview: {reason}", reason=error.args[0]))
                self.card_notice_given = True
        # `mkdocs serve --clean` also starts as "build"; its temporary folder is served as is.
        if self.staging_wanted and not is_serve_folder(config.site_dir):
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
        base = Path(config.config_file_path or ".").resolve().parent
        try:
            corpus = read_corpus(Path(config.docs_dir), self.config.articles_dir, build.settings,
                                 base=base, cache=self._parse_cache())
        except CorpusError as error:
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
        build.corpus = corpus
        if self.serving:
            self.preview.last_good = corpus
        self.search.cancel()   # a preview rebuild supersedes an unfinished index of the last one
        if self.serving:
            set_aside(config.site_dir)
            config_text = Path(config.config_file_path).read_text(encoding="utf-8") if config.config_file_path else ""
            self.preview.pages.start_build(
                theme_digest([d for d in [config.theme.custom_dir, str(TEMPLATES_DIR)] if d], config_text))
        try:
            now = build_time(build.settings.zone)
        except ClockError as error:
            raise PluginError(str(error)) from None
        build.index = build_site_index(corpus, related_count=self.config.related_count, now=now)
        shown = build.index.articles + build.index.drafts if (self.serving or self.config.drafts) \
            else build.index.articles
        if self.serving:   # scheduled articles: a page marked 予約 under serve, never in `mkdocs build`
            shown += build.index.scheduled
        build.sections = build_section_index(
            build.index, build.digests, corpus.sources, shown=build.index.drafts + build.index.scheduled,
            companies=corpus.companies, tools=corpus.tools, switches=SectionSwitches(**dict(self.config.sections)))
        build.bodies = render_bodies(
            shown, RenderSettings(tuple(config.markdown_extensions), dict(config.mdx_configs), not self.config.raw_html),
            BodyCache(self._cache_folder(config, "bodies")), workers=self.config.workers or os.cpu_count() or 1)
        build.article_by_src = {a.src_uri: a for a in corpus.articles}
        log.info(msg("{articles} articles, {drafts} drafts", articles=len(build.index.articles),
                     drafts=len(build.index.drafts)))
        waiting = schedule_message(build.index.scheduled)
        if waiting:
            log.info(waiting)

    def _state(self) -> BuildState:
        assert self.build is not None, "on_config makes the build state"
        return self.build

    def _cache_folder(self, config: MkDocsConfig, name: str) -> Path | None:
        if not self.config.cache:
            return None
        base = Path(config.config_file_path or ".").resolve().parent
        return base / self.config.cache_dir / name

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Route articles to articles/<slug>/, drop the registries, add generated pages."""
        build = self._state()
        assert build.index is not None
        show_drafts = self.serving or self.config.drafts
        for file in list(files):
            if file.src_uri in (TAGS_FILE, SOURCES_FILE, TOOLS_FILE):
                files.remove(file)
                continue
            article = build.article_by_src.get(file.src_uri)
            if article is None:
                continue
            files.remove(file)
            scheduled = build.is_scheduled(article)
            if (article.draft and not show_drafts) or (scheduled and not self.serving):
                continue
            self._add_page(files, config, File(
                file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls,
                dest_uri=routes.article_dest(article.slug),
                inclusion=InclusionLevel.DRAFT if (article.draft and not self.config.drafts) or scheduled
                else InclusionLevel.NOT_IN_NAV,
            ))
        assert build.sections is not None
        build.virtual = build_virtual_pages(build.index, self.config, config,
                                            home_digest=default_digest(build.sections.digests))
        build.virtual.update({page.src_uri: page for page in section_pages(
            build.sections, self.config.per_page, card_path if build.cards is not None else None)})
        # Header tabs: a section left without pages (switched off or empty) leaves the menu.
        config.nav = prune_nav(config.nav, owned_section_pages(build.digests), build.virtual)
        for page in build.virtual.values():
            self._add_page(files, config, File.generated(config, page.src_uri, content=page.source,
                                                         inclusion=page.inclusion))
        for src_uri, feed in self._feeds(config).items():
            files.append(File.generated(config, src_uri, content=feed))
        if build.cards is not None:
            build.cards.make_plan(build.index, config.site_name, config.site_description, config.site_url,
                                  self.config.per_page, drafts=show_drafts, digests=build.sections.digests)
        return files

    def _feeds(self, config: MkDocsConfig) -> dict[str, bytes]:
        build = self._state()
        index, sections = build.index, build.sections
        assert index is not None and sections is not None
        feeds, memo = build_feeds(index, site_name=config.site_name, site_description=config.site_description,
                                  site_url=site_root(config), size=self.config.feed_size, memo=self.preview.feeds,
                                  more=section_feeds(sections, config.site_name, self.config.feed_size))
        if self.serving:   # a preview rebuild redraws only the feeds whose articles changed
            self.preview.feeds = memo
        return feeds

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hand MkDocs the already parsed translation instead of re-reading the file."""
        article = self._state().article_by_src.get(page.file.src_uri)
        return article.translation if article is not None else None

    def on_page_markdown(self, markdown_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Give article and generated pages their template and title."""
        build = self._state()
        article = build.article_by_src.get(page.file.src_uri)
        if article is not None:
            # Material prints meta.title unescaped in <title> and the header: escape it once here.
            page.meta.update(template="article.html", title=str(escape(article.title)),
                             hide=["navigation", "toc"])
            # The body is already rendered (on_pre_build); MkDocs renders only bodies with .md links.
            return markdown_text if needs_mkdocs(article) else ""
        elif page.file.src_uri in build.virtual:
            virtual = build.virtual[page.file.src_uri]
            page.meta.update(template=virtual.template, title=str(escape(virtual.title)),
                             hide=["navigation", "toc"])
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

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put in the pre-rendered (and sanitized, unless raw_html) translation."""
        build = self._state()
        article = build.article_by_src.get(page.file.src_uri)
        if article is None:
            return html
        if needs_mkdocs(article):
            return html if self.config.raw_html else sanitize_html(html)
        return build.bodies[article.src_uri].translation

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Register the filters templates format with (dates, stars, URLs)."""
        build = self._state()
        register_filters(env, self.config)
        # MkDocs makes a new Jinja environment per build; keeping compiled templates across
        # preview rebuilds saves recompiling some 50 templates each time (checked by source hash).
        env.bytecode_cache = self.preview.templates
        if self.config.search and build.index is not None:
            # Index from the model now, on the other core, while MkDocs renders the pages.
            self.search.start(build.index.articles, build.bodies, config.site_dir,
                              partition=self.config.search_partition, background=self.serving)
        return env

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                        nav: Any) -> dict[str, Any]:
        """Give templates ready objects: they only loop, format and escape."""
        build = self._state()
        assert build.index is not None
        if self.preview.pages.is_hit(page.file.src_uri):
            context["cached_page_html"] = self.preview.pages.take(page.file.src_uri)
            return context
        article = build.article_by_src.get(page.file.src_uri)
        if article is not None:
            sections = context["sections"] = build.article_sections(article)
            context["article"] = make_article_view(article, build.index, self.config, config,
                                                   build.bodies[article.src_uri].original, page.content or "",
                                                   digest=sections.digest)
        elif page.file.src_uri in build.virtual:
            context.update(build.virtual[page.file.src_uri].context)
        context["news_serving"] = self.serving
        context["card"] = build.cards.meta_for(page.file.src_uri) if build.cards is not None else None
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Remember a freshly rendered page for the next preview rebuild."""
        if self.serving:
            self.preview.pages.remember(page.file.src_uri, page.meta.get("template"), output)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Wait for the search index (a preview does not wait: the index follows a moment later)."""
        build = self._state()
        split_sitemap(config.site_dir, site_root(config), self._newest())
        if build.cards is not None:   # share cards: copied from the cache, drawn only when new
            stats = build.cards.write(config.site_dir)
            log.info(msg("share cards: {cards} written, {drawn} drawn, {seconds:.2f} s",
                         cards=stats.cards, drawn=stats.drawn, seconds=stats.seconds))
        if self.serving:
            self.preview.pages.end_build()
            if build.problems:
                write_serve_status(config.site_dir, build.problems)
        else:
            self.search.wait()

    def _newest(self) -> dt.datetime:
        """The newest article's time: the sitemap index's lastmod, stable between rebuilds."""
        index = self._state().index
        articles = index.articles if index is not None else ()
        return articles[0].published if articles else dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)

    def on_build_error(self, *, error: Exception) -> None:
        if self.build is not None:
            self.build.failed = True
        self.search.cancel()

    def on_shutdown(self) -> None:
        """Swap the finished site in; after any failure, keep the old site untouched."""
        self.search.cancel()
        staging = self.build.staging if self.build is not None else None
        if staging is None:
            return
        if self.build is not None and self.build.failed:
            staging.discard()
        else:
            staging.commit()
        if self.build is not None:
            self.build.staging = None
