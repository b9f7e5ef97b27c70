"""Click-to-play video embeds: one markup for article bodies, the `video` field and any page.

A YouTube or Vimeo URL becomes a box with a play button and a link to the video.
Nothing is loaded from the video site until the reader clicks (no thumbnail, no
iframe): only then does `assets/javascripts/video.js` put in an iframe on the
privacy-enhanced player (youtube-nocookie.com, Vimeo with `dnt=1`). Without
JavaScript the link opens the video on its site. The sanitizer lets through
exactly this markup: `data-video` on a link, holding ``provider:id``.
Templates call `video_embed` (a Jinja global) through `partials/video.html`.
"""

from __future__ import annotations

from html import escape

from ..model.video import PROVIDER_NAMES, Video, parse_video_url


def render_video_embed(video: Video, caption: str | None = None) -> str:
    """The embed's HTML; ``caption`` (plain text) is escaped here."""
    site = PROVIDER_NAMES[video.provider]
    label = f"動画を再生 ({site}) / Play video"
    caption_html = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return (
        f'<figure class="news-video">'
        f'<a class="news-video__play" href="{escape(video.watch_url)}" data-video="{video.key}"'
        f' rel="noopener">'
        f'<span class="news-video__button" aria-hidden="true">▶</span>'
        f'<span class="news-video__label">{label}</span>'
        f'<span class="news-video__note">クリックすると {site} から動画を読み込みます</span></a>'
        f"{caption_html}</figure>"
    )


def video_embed(url: str | None, caption: str | None = None) -> str:
    """Jinja helper: the embed for ``url``, or nothing when it is no known video URL."""
    video = parse_video_url(url) if url else None
    return render_video_embed(video, caption) if video is not None else ""
