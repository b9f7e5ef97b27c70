"""企業 pages: the index of companies by article count, one profile page and one feed per company."""

from __future__ import annotations

from typing import Any, Sequence

from mkdocs.structure.files import InclusionLevel

from ...index.companies import CompanyEntry
from .. import routes
from ..listings import VirtualPage


def company_pages(entries: Sequence[CompanyEntry]) -> list[VirtualPage]:
    """/companies/ and /companies/<slug>/; nothing (no header tab) without companies with articles."""
    if not entries:
        return []
    return [companies_index_page(entries), *map(company_page, entries)]


def companies_index_page(entries: Sequence[CompanyEntry]) -> VirtualPage:
    return VirtualPage(routes.companies_src(), "企業", "companies.html", {"company_entries": list(entries)},
                       InclusionLevel.INCLUDED)


def company_page(entry: CompanyEntry) -> VirtualPage:
    return VirtualPage(routes.company_src(entry.company.slug), entry.company.name, "company.html",
                       {"company_entry": entry})


def company_feeds(entries: Sequence[CompanyEntry], site_name: str, size: int) -> dict[str, dict[str, Any]]:
    """Each company's feed, as options of ``feeds.render_feed``."""
    return {routes.company_feed_src(e.company.slug): dict(
        articles=e.articles[:size], title=f"{e.company.name} - 企業 - {site_name}",
        description=e.company.description or "", feed_path=routes.company_feed_url(e.company.slug),
        page_path=routes.company_url(e.company.slug)) for e in entries}
