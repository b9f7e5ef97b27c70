"""Share links (この記事をシェア): plain links, no third-party scripts."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass(frozen=True)
class ShareLink:
    key: str
    label: str
    href: str


_LABELS = {"x": "X", "facebook": "Facebook", "linkedin": "LinkedIn",
           "hatena": "はてなブックマーク", "line": "LINE", "copy": "リンクをコピー"}


def _share_href(key: str, url: str, title: str) -> str:
    if key == "x":
        return "https://twitter.com/intent/tweet?" + urlencode({"url": url, "text": title})
    if key == "facebook":
        return "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})
    if key == "linkedin":
        return "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})
    if key == "hatena":
        return "https://b.hatena.ne.jp/add?" + urlencode({"mode": "confirm", "url": url, "title": title})
    if key == "line":
        return "https://social-plugins.line.me/lineit/share?" + urlencode({"url": url})
    return url  # copy: without JavaScript the link is the article's own address


def make_share_links(targets: list[str], url: str, title: str) -> list[ShareLink]:
    """Links for ``targets`` (config order) sharing ``url`` with ``title``."""
    return [ShareLink(key, _LABELS[key], _share_href(key, url, title)) for key in targets]
