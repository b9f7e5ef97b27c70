"""All the sections' pages and feeds, and the section pages a `nav:` entry may name."""

from __future__ import annotations

from typing import Any, Callable, Sequence

from ...index.digests import Digest
from ...index.sections import SectionIndex
from .. import routes
from ..listings import VirtualPage
from .companies import company_feeds, company_pages
from .digests import digest_feeds, digest_pages
from .tools import tool_pages
from .videos import video_pages


def section_pages(sections: SectionIndex, per_page: int,
                  thumbnail: Callable[[str], str] | None) -> list[VirtualPage]:
    """Digest, company, video and tool pages; a section with nothing to show makes none.

    ``thumbnail`` maps a page URL to its share card (None when cards are off).
    """
    return [*digest_pages(sections.digests), *company_pages(sections.companies),
            *video_pages(sections.videos, per_page, thumbnail), *tool_pages(sections.tools)]


def section_feeds(sections: SectionIndex, site_name: str, size: int) -> dict[str, dict[str, Any]]:
    """Every digest's and company's feed, as ``feeds.render_feed`` options by path."""
    return {**digest_feeds(sections.digests, site_name, size), **company_feeds(sections.companies, site_name, size)}


def owned_section_pages(digests: Sequence[Digest]) -> set[str]:
    """Source paths of every section index a `nav:` entry may name, made or not this build."""
    return {*(routes.digest_index_src(d.path) for d in digests), routes.companies_src(), routes.tools_src(),
            routes.videos_src()}
