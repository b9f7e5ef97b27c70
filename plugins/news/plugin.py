"""The news plugin: a thin MkDocs adapter over the article model and the site index.

Hooks used: on_startup (serve or build), on_config (settings, staging folder),
on_pre_build (read and validate every article before MkDocs empties the site
folder), on_files (route articles, add generated pages), on_page_read_source /
on_page_markdown / on_page_content (article bodies), on_env (filters),
on_page_context (ready objects for templates), on_post_build / on_build_error /
on_shutdown (swap the finished site in, or keep the old one).
"""

from __future__ import annotations

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
from ..index.site import SiteIndex, build_site_index
from ..model.article import Article
from ..model.corpus import SOURCES_FILE, TAGS_FILE, Corpus, CorpusError, ParseCache, read_corpus
from ..model.dates import DateError, load_zone
from ..model.scoring import SCORE_NAMES
from ..model.validate import ModelSettings
from ..pages import routes
from ..pages.feed import render_feed
from ..pages.sanitize import sanitize_html
from ..pages.search import SearchIndexer
from ..pages.virtual import VirtualPage, build_virtual_pages
from ..render.pages import PageMemo, theme_digest
from ..render.bodies import BodyCache, RenderedBody, RenderSettings, needs_mkdocs, render_bodies
from .config import NewsConfig
from .staging import SiteStaging, is_serve_folder, set_aside, write_serve_status
from .templating import make_article_view, register_filters, site_root

log = get_plugin_logger("ainews")


class NewsPlugin(BasePlugin[NewsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.staging: SiteStaging | None = None
        self.build_failed = False
        self.cache = ParseCache()
        self.cache_key: tuple[Any, ...] | None = None
        self.settings: ModelSettings | None = None
        self.index: SiteIndex | None = None
        self.article_by_src: dict[str, Article] = {}
        self.virtual: dict[str, VirtualPage] = {}
        self.bodies: dict[str, RenderedBody] = {}
        self.cards: ShareCards | None = None
        self.search = SearchIndexer()
        self.corpus: Corpus | None = None
        self.serve_problems: list[str] = []
        self.page_memo = PageMemo()
        self.page_keys: dict[str, tuple[str, int]] = {}
        self.memo_hits: dict[str, str] = {}
        self.site_key = ""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is `mkdocs serve` (drafts shown, no staging)."""
        self.serving = command == "serve"
        self.staging_wanted = command in ("build", "gh-deploy")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Turn the options into model settings; build into a staging folder."""
        try:
            zone = load_zone(self.config.timezone)
        except DateError as error:
            raise PluginError(f"mkdocs.yml: plugins.news.timezone: {error}") from None
        weights = self.config.score_weights
        if set(weights) != set(SCORE_NAMES) or not all(isinstance(w, (int, float)) and w >= 0 for w in weights.values()) \
                or sum(weights.values()) <= 0:
            raise PluginError(f"mkdocs.yml: plugins.news.score_weights: must give {', '.join(SCORE_NAMES)} "
                              f"as numbers >= 0 with a positive sum, got {weights!r}")
        self.settings = ModelSettings(zone=zone, weights=dict(weights),
                                      cjk_per_minute=self.config.reading_cjk_per_minute,
                                      words_per_minute=self.config.reading_words_per_minute)
        # Parsed articles depend on these settings: a change drops the cache.
        key = (self.config.timezone, tuple(sorted(weights.items())),
               self.config.reading_cjk_per_minute, self.config.reading_words_per_minute)
        if key != self.cache_key:
            self.cache, self.cache_key = ParseCache(), key
        try:  # find the card font now: a missing one fails the build before the site folder is touched
            self.cards = ShareCards.configure(self.config.cards.font, self.config.cards.cache_dir, Path(
                config.config_file_path or ".").resolve().parent) if self.config.cards.enabled else None
        except FontError as error:
            raise PluginError(f"mkdocs.yml: plugins.news.cards: {error}") from None
        # `mkdocs serve --clean` also starts as "build"; its temporary folder is served as is.
        if getattr(self, "staging_wanted", False) and not is_serve_folder(config.site_dir):
            self.staging = SiteStaging(config.site_dir)
            config.site_dir = str(self.staging.staging)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Read and validate every article now: MkDocs empties the site folder right after."""
        assert self.settings is not None
        base = Path(config.config_file_path or ".").resolve().parent
        try:
            corpus = read_corpus(Path(config.docs_dir), self.config.articles_dir, self.settings,
                                 base=base, cache=self.cache)
        except CorpusError as error:
            if not (self.serving and self.corpus is not None):
                # Raised before anything is touched: `mkdocs build` leaves the old site as it was.
                raise PluginError(str(error)) from None
            # MkDocs' preview server stalls every request after a failed rebuild, so a preview
            # rebuilds the last good content instead and lists the errors in the terminal and,
            # through partials/serve-status.html, over the page.
            for problem in error.problems:
                log.error(str(problem))
            log.warning("showing the last good version until these problems are fixed")
            self.serve_problems = [str(problem) for problem in error.problems]
            corpus = self.corpus
        else:
            self.serve_problems = []
        self.corpus = corpus
        self.search.cancel()   # a preview rebuild supersedes an unfinished index of the last one
        if self.serving:
            set_aside(config.site_dir)
            config_text = Path(config.config_file_path).read_text(encoding="utf-8") if config.config_file_path else ""
            self.site_key = theme_digest([d for d in [config.theme.custom_dir] if d], config_text)
        self.index = build_site_index(corpus, related_count=self.config.related_count)
        shown = self.index.articles + self.index.drafts if (self.serving or self.config.drafts) else self.index.articles
        self.bodies = render_bodies(
            shown, RenderSettings(tuple(config.markdown_extensions), dict(config.mdx_configs), not self.config.raw_html),
            BodyCache(self._cache_folder(config, "bodies")), workers=self.config.workers or os.cpu_count() or 1)
        self.article_by_src = {a.src_uri: a for a in corpus.articles}
        log.info(f"{len(self.index.articles)} articles, {len(self.index.drafts)} drafts")

    def _cache_folder(self, config: MkDocsConfig, name: str) -> Path | None:
        if not self.config.cache:
            return None
        base = Path(config.config_file_path or ".").resolve().parent
        return base / self.config.cache_dir / name

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Route articles to articles/<slug>/, drop the registries, add generated pages."""
        assert self.index is not None
        show_drafts = self.serving or self.config.drafts
        for file in list(files):
            if file.src_uri in (TAGS_FILE, SOURCES_FILE):
                files.remove(file)
                continue
            article = self.article_by_src.get(file.src_uri)
            if article is None:
                continue
            files.remove(file)
            if article.draft and not show_drafts:
                continue
            files.append(File(
                file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls,
                dest_uri=routes.article_dest(article.slug),
                inclusion=InclusionLevel.DRAFT if article.draft and not self.config.drafts
                else InclusionLevel.NOT_IN_NAV,
            ))
        self.virtual = build_virtual_pages(self.index, self.config, config)
        for page in self.virtual.values():
            files.append(File.generated(config, page.src_uri, content=page.source,
                                        inclusion=page.inclusion))
        for src_uri, feed in self._feeds(config).items():
            files.append(File.generated(config, src_uri, content=feed))
        if self.cards is not None:
            self.cards.make_plan(self.index, config.site_name, config.site_description, config.site_url,
                                 self.config.per_page, drafts=show_drafts)
        return files

    def _feeds(self, config: MkDocsConfig) -> dict[str, bytes]:
        """The site feed and one feed per tag (Material has no per-tag feed)."""
        assert self.index is not None
        common = {"site_url": site_root(config), "size": self.config.feed_size}
        feeds = {routes.FEED: render_feed(self.index.articles, title=config.site_name,
                                          description=config.site_description or "",
                                          feed_path=routes.FEED, page_path=routes.home_url(), **common)}
        for slug, articles in self.index.by_tag.items():
            name = self.index.tags[slug].name
            feeds[routes.tag_feed_src(slug)] = render_feed(
                articles, title=f"#{name} - {config.site_name}", description=self.index.tags[slug].description or "",
                feed_path=routes.tag_feed_url(slug), page_path=routes.tag_url(slug), **common)
        return feeds

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hand MkDocs the already parsed translation instead of re-reading the file."""
        article = self.article_by_src.get(page.file.src_uri)
        return article.translation if article is not None else None

    def on_page_markdown(self, markdown_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Give article and generated pages their template and title."""
        article = self.article_by_src.get(page.file.src_uri)
        if article is not None:
            # Material prints meta.title unescaped in <title> and the header: escape it once here.
            page.meta.update(template="article.html", title=str(escape(article.title)),
                             hide=["navigation", "toc"])
            self._recall_page(page, (article, self.index.related.get(article.slug, ()),
                                     self.bodies[article.src_uri]))
            # The body is already rendered (on_pre_build); MkDocs renders only bodies with .md links.
            return markdown_text if needs_mkdocs(article) else ""
        elif page.file.src_uri in self.virtual:
            virtual = self.virtual[page.file.src_uri]
            page.meta.update(template=virtual.template, title=str(escape(virtual.title)),
                             hide=["navigation", "toc"])
            self._recall_page(page, virtual.context)
        return markdown_text

    def _recall_page(self, page: Page, data: Any) -> None:
        """Under serve, reuse the HTML of a page whose data has not changed since the last rebuild."""
        if not self.serving:
            return
        key = self.page_memo.key(self.site_key, page.file.src_uri, (page.meta.get("template"), data))
        self.page_keys[page.file.src_uri] = key
        html = self.page_memo.get(key)
        if html is not None:
            self.memo_hits[page.file.src_uri] = html
            page.meta["template"] = "ainews-cached.html"

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put in the pre-rendered (and sanitized, unless raw_html) translation."""
        article = self.article_by_src.get(page.file.src_uri)
        if article is None:
            return html
        if needs_mkdocs(article):
            return html if self.config.raw_html else sanitize_html(html)
        return self.bodies[article.src_uri].translation

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Register the filters templates format with (dates, stars, URLs)."""
        register_filters(env, self.config)
        if self.config.search and self.index is not None:
            # Index from the model now, on the other core, while MkDocs renders the pages.
            self.search.start(self.index.articles, self.bodies, config.site_dir)
        return env

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                        nav: Any) -> dict[str, Any]:
        """Give templates ready objects: they only loop, format and escape."""
        assert self.index is not None
        if page.file.src_uri in self.memo_hits:
            context["cached_page_html"] = self.memo_hits.pop(page.file.src_uri)
            return context
        article = self.article_by_src.get(page.file.src_uri)
        if article is not None:
            context["article"] = make_article_view(article, self.index, self.config, config,
                                                   self.bodies[article.src_uri].original)
        elif page.file.src_uri in self.virtual:
            context.update(self.virtual[page.file.src_uri].context)
        context["news_index"] = self.index
        context["news_serving"] = self.serving
        context["card"] = self.cards.meta_for(page.file.src_uri) if self.cards is not None else None
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Remember a freshly rendered page for the next preview rebuild."""
        key = self.page_keys.pop(page.file.src_uri, None)
        if key is not None and page.meta.get("template") != "ainews-cached.html":
            self.page_memo.put(key, output)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Wait for the search index (a preview does not wait: the index follows a moment later)."""
        if self.cards is not None:   # share cards: copied from the cache, drawn only when new
            stats = self.cards.write(config.site_dir)
            log.info(f"share cards: {stats.cards} written, {stats.drawn} drawn, {stats.seconds:.2f} s")
        if self.serving:
            self.page_memo.end_build()
            if self.serve_problems:
                write_serve_status(config.site_dir, self.serve_problems)
        else:
            self.search.wait()

    def on_build_error(self, *, error: Exception) -> None:
        self.build_failed = True
        self.search.cancel()

    def on_shutdown(self) -> None:
        """Swap the finished site in; after any failure, keep the old site untouched."""
        self.search.cancel()
        if self.staging is None:
            return
        if self.build_failed:
            self.staging.discard()
        else:
            self.staging.commit()
        self.staging = None
