"""動画: the published articles with a video: the `video` field, or a YouTube or Vimeo URL alone on a line.

That line is what the article page turns into its click-to-play embed (the body's
media handling); this module only finds it, to list the article on /videos/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..model.article import Article
from ..model.video import parse_video_url

# A bare URL, <URL> or [text](URL), alone on its line.
_LONE_URL = re.compile(r"^[ \t]*(?:<(https?://\S+)>|\[[^\]\n]*\]\((https?://[^)\s]+)\)|(https?://\S+))[ \t]*$", re.M)


@dataclass(frozen=True)
class VideoArticle:
    article: Article
    url: str          # the video's URL as the article gives it


def is_video_url(url: str) -> bool:
    """True for a YouTube or Vimeo video link (the embed's own parser, `model/video.py`)."""
    return parse_video_url(url) is not None


def article_video(article: Article) -> str | None:
    """The article's `video` field, else the first video URL alone on a line of its translation, or None."""
    if article.video:
        return article.video
    for match in _LONE_URL.finditer(article.translation):
        url = next(group for group in match.groups() if group)
        if is_video_url(url):
            return url
    return None


def build_videos(articles: Sequence[Article]) -> tuple[VideoArticle, ...]:
    """The articles with a video, in the order given (newest first)."""
    found = ((article, article_video(article)) for article in articles)
    return tuple(VideoArticle(article, url) for article, url in found if url is not None)
