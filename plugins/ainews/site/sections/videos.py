"""動画 pages: the articles with a video, paginated, with their share cards as thumbnails."""

from __future__ import annotations

from typing import Callable, Sequence

from mkdocs.structure.files import InclusionLevel

from ...index.videos import VideoArticle
from .. import routes
from ..listings import VirtualPage, paginate


VIDEOS_TEMPLATE = "videos.html"


def video_pages(videos: Sequence[VideoArticle], per_page: int,
                thumbnail: Callable[[str], str] | None) -> list[VirtualPage]:
    """/videos/, /videos/page/N/; nothing (no header tab) without video articles.

    ``thumbnail`` gives the site path of a page's share card from its URL (None: no cards drawn).
    """
    if not videos:
        return []
    cards = {v.article.slug: thumbnail(routes.article_url(v.article.slug)) for v in videos} if thumbnail else {}
    return [VirtualPage(src, "動画" if listing.number == 1 else f"動画 ({listing.number}ページ目)", VIDEOS_TEMPLATE,
                        {"listing": listing, "video_thumbnails": cards},
                        InclusionLevel.INCLUDED if listing.number == 1 else InclusionLevel.NOT_IN_NAV)
            for src, listing in paginate(videos, per_page, routes.videos_url, routes.videos_src)]
