"""The sections' view of the site (digests, companies, videos, tools), built once per build after SiteIndex."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from ..model.article import Article
from ..model.companies import Company
from ..model.registry import SourceInfo
from ..model.tools import Tool
from .companies import CompanyEntry, build_companies
from .digests import Digest, DigestDays, build_digests
from .site import SiteIndex
from .tools import ToolIndex, build_tools
from .videos import VideoArticle, build_videos


@dataclass(frozen=True)
class SectionSwitches:
    """Which optional sections the site wants (`sections:` in mkdocs.yml)."""

    companies: bool = True
    videos: bool = True
    tools: bool = True


@dataclass(frozen=True)
class SectionIndex:
    """What the section pages and the article pages' section boxes read."""

    digests: tuple[DigestDays, ...]
    own_digest: dict[str, Digest] = field(default_factory=dict)     # article slug -> its digest
    companies: tuple[CompanyEntry, ...] = ()                          # with articles, most first
    videos: tuple[VideoArticle, ...] = ()                             # newest first
    tools: ToolIndex = field(default_factory=lambda: ToolIndex((), {}))

    def digest_of(self, article: Article) -> Digest | None:
        return self.own_digest.get(article.slug)

    def tools_of(self, article: Article) -> tuple[Tool, ...]:
        return self.tools.by_article.get(article.slug, ())


def build_section_index(index: SiteIndex, digests: Sequence[Digest], sources: Mapping[str, SourceInfo],
                        shown: Sequence[Article] = (), companies: Mapping[str, Company] | None = None,
                        tools: Mapping[str, Tool] | None = None,
                        switches: SectionSwitches = SectionSwitches()) -> SectionIndex:
    """Arrange the published articles for the sections (``sources``: the registry, for groups).

    ``shown`` are articles with a page but no place in listings (drafts and scheduled
    articles under serve): they still get their own digest and tools box.
    A section switched off is left empty, so it makes no pages.
    """
    days, own = build_digests(digests, index.articles, sources)
    _, own_of_shown = build_digests(digests, shown, sources)
    return SectionIndex(
        digests=days, own_digest={**own_of_shown, **own},
        companies=build_companies(companies or {}, index.by_tag) if switches.companies else (),
        videos=build_videos(index.articles) if switches.videos else (),
        tools=build_tools(tools or {}, index.articles, index.tags, shown) if switches.tools
        else ToolIndex((), {}))
