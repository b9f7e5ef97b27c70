"""MkDocs' Markdown step skipped for pages whose Markdown is blank.

MkDocs' ``Page.render`` builds a new Markdown instance with every configured
extension for each page, even when there is nothing to convert: our article
pages (their bodies are rendered already, see bodies.py) and generated pages
(templates draw them) hand it an empty text. At 1,000 articles that is 1,800
instances, about a second in the build's one process. For a blank text
Python-Markdown returns ``""`` before running anything, so the page gets here
exactly what ``Page.render`` would give it: no content, an empty table of
contents, no title from a heading, no anchors and no links.
"""

from __future__ import annotations

import functools
import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

# The logger Page.render checks before it keeps links to anchors (mkdocs/structure/pages.py).
_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")


def _render(page: Page, config: MkDocsConfig, files: Files) -> None:
    if page.markdown is None or page.markdown.strip():
        Page.render(page, config, files)
        return
    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    if _PAGES_LOG.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = {}


def skip_blank_render(page: Page) -> None:
    """Let ``page.render`` skip Markdown while the page's text is blank (checked at each render)."""
    page.render = functools.partial(_render, page)  # type: ignore[method-assign]
