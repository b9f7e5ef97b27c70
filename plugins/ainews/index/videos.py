"""動画: the published articles with a video: the `video` field, or a YouTube or Vimeo URL alone on a line.

That line is what the article page turns into its click-to-play embed (the body's
media handling); this module only finds it, to list the article on /videos/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence
from urllib.parse import parse_qs, urlsplit

from ..model.article import Article

# A bare URL, <URL> or [text](URL), alone on its line.
_LONE_URL = re.compile(r"^[ \t]*(?:<(https?://\S+)>|\[[^\]\n]*\]\((https?://[^)\s]+)\)|(https?://\S+))[ \t]*$", re.M)
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_VIMEO_ID = re.compile(r"[0-9]{1,12}")


@dataclass(frozen=True)
class VideoArticle:
    article: Article
    url: str          # the video's URL as the article gives it


def is_video_url(url: str) -> bool:
    """True for a YouTube watch/short link or a Vimeo video link."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = [p for p in parts.path.split("/") if p]
    if host in ("youtube.com", "youtube-nocookie.com"):
        candidate = (parse_qs(parts.query).get("v") or [""])[0] if path == ["watch"] else \
            path[1] if len(path) == 2 and path[0] in ("embed", "shorts", "live") else ""
        return bool(_YOUTUBE_ID.fullmatch(candidate))
    if host == "youtu.be":
        return len(path) == 1 and bool(_YOUTUBE_ID.fullmatch(path[0]))
    if host in ("vimeo.com", "player.vimeo.com"):
        return bool(path) and bool(_VIMEO_ID.fullmatch(path[-1]))
    return False


def article_video(article: Article) -> str | None:
    """The article's `video` field when it has one, else the first video URL alone on a line, or None."""
    # The `video` front-matter field arrives with the click-to-play embed (issue 14's branch);
    # until it is on main, articles have no such attribute and only body lines count.
    field = getattr(article, "video", None)
    if isinstance(field, str) and is_video_url(field):
        return field
    for match in _LONE_URL.finditer(article.translation):
        url = next(group for group in match.groups() if group)
        if is_video_url(url):
            return url
    return None


def build_videos(articles: Sequence[Article]) -> tuple[VideoArticle, ...]:
    """The articles with a video, in the order given (newest first)."""
    found = ((article, article_video(article)) for article in articles)
    return tuple(VideoArticle(article, url) for article, url in found if url is not None)
