"""Video URLs: which YouTube or Vimeo video a URL (a `video` field, a line of a body) means.

The embed's markup is in `render/video.py`; `DATA_VIDEO` is the one `data-video`
value the sanitizer lets through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_VIMEO_ID = re.compile(r"[0-9]{1,12}")
_YOUTUBE_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com",
                            "www.youtube-nocookie.com"})
_VIMEO_HOSTS = frozenset({"vimeo.com", "www.vimeo.com", "player.vimeo.com"})
# The value of `data-video` that the sanitizer accepts: nothing else passes.
DATA_VIDEO = re.compile(r"\A(?:youtube:[A-Za-z0-9_-]{11}|vimeo:[0-9]{1,12})\Z")
PROVIDER_NAMES = {"youtube": "YouTube", "vimeo": "Vimeo"}


@dataclass(frozen=True)
class Video:
    """A video on a known site, by its id there."""

    provider: str   # "youtube" or "vimeo"
    id: str

    @property
    def key(self) -> str:
        """The `data-video` value: ``youtube:dQw4w9WgXcQ``."""
        return f"{self.provider}:{self.id}"

    @property
    def watch_url(self) -> str:
        """The video's page on its site (the link before, and without, JavaScript)."""
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.id}"
        return f"https://vimeo.com/{self.id}"


def parse_video_url(url: str) -> Video | None:
    """The video a YouTube or Vimeo URL points at, or None for any other URL."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    path = [p for p in parts.path.split("/") if p]
    candidate = None
    if host in _YOUTUBE_HOSTS:
        if path == ["watch"]:
            candidate = (parse_qs(parts.query).get("v") or [""])[0]
        elif len(path) == 2 and path[0] in ("embed", "shorts", "live", "v"):
            candidate = path[1]
        return Video("youtube", candidate) if candidate and _YOUTUBE_ID.fullmatch(candidate) else None
    if host == "youtu.be":
        candidate = path[0] if len(path) == 1 else ""
        return Video("youtube", candidate) if _YOUTUBE_ID.fullmatch(candidate) else None
    if host in _VIMEO_HOSTS:
        candidate = path[-1] if path and (len(path) == 1 or path[:1] == ["video"]) else ""
        return Video("vimeo", candidate) if _VIMEO_ID.fullmatch(candidate) else None
    return None
