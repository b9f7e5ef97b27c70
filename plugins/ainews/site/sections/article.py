"""What an article page shows of the sections: its digest, its tools, its 予約 mark."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...index.digests import Digest
from ...index.sections import SectionIndex
from ...model.article import Article


@dataclass(frozen=True)
class ArticleSections:
    """Handed to article templates as ``sections``; also part of the preview memo's key."""

    digest: Digest | None              # 今日のまとめ opens this digest's day page
    scheduled: bool                    # publish_at still ahead: only `mkdocs serve` shows it (予約)
    tools: tuple[Any, ...] = ()        # この記事のツール


def make_article_sections(sections: SectionIndex, article: Article, scheduled: bool) -> ArticleSections:
    return ArticleSections(digest=sections.digest_of(article), scheduled=scheduled,
                           tools=sections.tools_of(article))
