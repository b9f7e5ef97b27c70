"""The sections' view of the site (digests, companies, videos, tools), built once per build after SiteIndex."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from ..model.article import Article
from ..model.registry import SourceInfo
from .digests import Digest, DigestDays, build_digests
from .site import SiteIndex


@dataclass(frozen=True)
class SectionIndex:
    """What the section pages and the article pages' section boxes read."""

    digests: tuple[DigestDays, ...]
    own_digest: dict[str, Digest] = field(default_factory=dict)     # article slug -> its digest

    def digest_of(self, article: Article) -> Digest | None:
        return self.own_digest.get(article.slug)

    def tools_of(self, article: Article) -> tuple[object, ...]:
        return ()


def build_section_index(index: SiteIndex, digests: Sequence[Digest], sources: Mapping[str, SourceInfo],
                        shown: Sequence[Article] = ()) -> SectionIndex:
    """Arrange the published articles for the sections (``sources``: the registry, for groups).

    ``shown`` are articles with a page but no place in listings (drafts and scheduled
    articles under serve): they still get their own digest for the 今日のまとめ link.
    """
    days, own = build_digests(digests, index.articles, sources)
    _, own_of_shown = build_digests(digests, shown, sources)
    return SectionIndex(digests=days, own_digest={**own_of_shown, **own})
