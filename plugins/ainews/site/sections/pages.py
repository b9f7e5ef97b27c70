"""All the sections' pages and feeds, and the section pages a `nav:` entry may name."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Collection, Iterable, Sequence

from ...index.digests import Digest
from ...index.sections import SectionIndex
from .. import routes
from ..listings import VirtualPage
from .companies import companies_index_page, company_feeds, company_page, company_pages
from .digests import digest_day_pages, digest_feeds, digest_pages
from .tools import tool_page, tool_pages, tools_index_page
from .videos import video_pages


def section_pages(sections: SectionIndex, per_page: int,
                  thumbnail: Callable[[str], str] | None) -> list[VirtualPage]:
    """Digest, company, video and tool pages; a section with nothing to show makes none.

    ``thumbnail`` maps a page URL to its share card (None when cards are off).
    """
    return [*digest_pages(sections.digests), *company_pages(sections.companies),
            *video_pages(sections.videos, per_page, thumbnail), *tool_pages(sections.tools)]


def reached_section_pages(sections: SectionIndex, per_page: int, thumbnail: Callable[[str], str] | None,
                          days: Iterable[dt.date], companies: Collection[str], tools: Collection[str],
                          videos: bool) -> list[VirtualPage]:
    """The section pages that list these days, companies and tools (with their indexes), and the
    動画 pages when ``videos``: what a preview update plans again (news/incremental.py)."""
    pages = digest_day_pages(sections.digests, days)
    if companies:
        pages.append(companies_index_page(sections.companies))
        pages += [company_page(e) for e in sections.companies if e.company.slug in companies]
    if tools:
        pages.append(tools_index_page(sections.tools))
        pages += [tool_page(e) for e in sections.tools.entries if e.tool.slug in tools]
    if videos:
        pages += video_pages(sections.videos, per_page, thumbnail)
    return pages


def section_feeds(sections: SectionIndex, site_name: str, size: int) -> dict[str, dict[str, Any]]:
    """Every digest's and company's feed, as ``feeds.render_feed`` options by path."""
    return {**digest_feeds(sections.digests, site_name, size), **company_feeds(sections.companies, site_name, size)}


def owned_section_pages(digests: Sequence[Digest]) -> set[str]:
    """Source paths of every section index a `nav:` entry may name, made or not this build."""
    return {*(routes.digest_index_src(d.path) for d in digests), routes.companies_src(), routes.tools_src(),
            routes.videos_src()}
