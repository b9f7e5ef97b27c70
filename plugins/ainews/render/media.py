"""Media in article bodies: captioned figures, video embeds and local image sizes.

`MediaExtension` (a Python-Markdown extension, added to every page's extensions by
the plugin) turns

- an image with a title alone in its paragraph, ``![alt](a.png "caption")``, into
  ``<figure><img><figcaption>caption</figcaption></figure>``;
- a YouTube or Vimeo URL alone on its line (bare, ``<url>`` or ``[caption](url)``)
  into the click-to-play embed of `video.render_video_embed`.

`localize_images` runs on the rendered HTML, where the article's place is known:
a local image gets a URL that works from the article's page, its width and
height (no layout shift while it loads) and ``loading="lazy"``.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from functools import lru_cache
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ..model.video import parse_video_url
from .video import render_video_embed


def _alone(element: etree.Element) -> bool:
    """True when a paragraph holds nothing but its single child (whitespace aside)."""
    return len(element) == 1 and not (element.text or "").strip() and not (element[0].tail or "").strip()


class _MediaTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for position, paragraph in enumerate(list(parent)):
                if paragraph.tag != "p":
                    continue
                replacement = self._figure(paragraph) if len(paragraph) else self._video_text(paragraph)
                if replacement is None and len(paragraph):
                    replacement = self._video_link(paragraph)
                if replacement is not None:
                    replacement.tail = paragraph.tail
                    parent[position] = replacement

    def _figure(self, paragraph: etree.Element) -> etree.Element | None:
        image = paragraph[0]
        if not _alone(paragraph) or image.tag != "img" or not (image.get("title") or "").strip():
            return None
        caption = image.attrib.pop("title").strip()
        figure = etree.Element("figure")
        image.tail = None
        figure.append(image)
        etree.SubElement(figure, "figcaption").text = caption
        return figure

    def _embed(self, url: str, caption: str | None) -> etree.Element | None:
        video = parse_video_url(url)
        if video is None:
            return None
        # Stashed HTML replaces a paragraph holding only its placeholder (block-level output).
        placeholder = etree.Element("p")
        placeholder.text = self.md.htmlStash.store(render_video_embed(video, caption))
        return placeholder

    def _video_text(self, paragraph: etree.Element) -> etree.Element | None:
        text = (paragraph.text or "").strip()
        return self._embed(text, None) if text and not any(c.isspace() for c in text) else None

    def _video_link(self, paragraph: etree.Element) -> etree.Element | None:
        link = paragraph[0]
        if not _alone(paragraph) or link.tag != "a" or len(link):
            return None
        href = link.get("href") or ""
        text = html.unescape(link.text or "").strip()
        # AutolinkInlineProcessor stores the text as an AtomicString of the URL itself.
        return self._embed(href, None if not text or text == href else text)


class MediaExtension(Extension):
    """Figures from titled images and click-to-play videos from URLs on their own line."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After the inline processor (20), which makes the <img> and <a> elements.
        md.treeprocessors.register(_MediaTreeprocessor(md), "ainews_media", 15)


def makeExtension(**kwargs: Any) -> MediaExtension:  # noqa: N802 - Python-Markdown's loader name
    return MediaExtension(**kwargs)


_IMG = re.compile(r"<img\b[^>]*>", re.I)
_SRC = re.compile(r'\ssrc="([^"]*)"')
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|/|#)")


@lru_cache(maxsize=4096)
def _image_size(path: str, mtime_ns: int) -> tuple[int, int] | None:
    from PIL import Image, UnidentifiedImageError   # only when a body has a local image
    try:
        with Image.open(path) as image:   # reads the header only
            return image.size
    except (OSError, UnidentifiedImageError, ValueError):
        return None


def localize_images(body: str, docs_dir: Path, base_dir: str, page_dir: str) -> str:
    """Local images in ``body``: URL from ``page_dir``, width, height and lazy loading.

    ``base_dir`` is the docs-relative folder the body's relative URLs start from (the
    Markdown file's folder), ``page_dir`` the site folder of the page that shows it.
    Every image loads lazily; one whose file is missing keeps its URL (a broken link
    the link checker reports).
    """
    if "<img" not in body:
        return body
    root = docs_dir.resolve()

    def fix(match: re.Match[str]) -> str:
        tag = match.group(0)
        if " loading=" not in tag:
            tag = tag[:4] + ' loading="lazy"' + tag[4:]
        src = _SRC.search(tag)
        if src is None or _EXTERNAL.match(html.unescape(src.group(1))):
            return tag
        relative = html.unescape(src.group(1)).split("#")[0].split("?")[0]
        target = posixpath.normpath(posixpath.join(base_dir, relative))
        path = (root / target).resolve()
        if target.startswith("..") or not path.is_relative_to(root) or not path.is_file():
            return tag
        url = posixpath.relpath(target, page_dir or ".")
        tag = tag[:src.start(1)] + html.escape(url) + tag[src.end(1):]
        size = _image_size(str(path), path.stat().st_mtime_ns)
        if size is not None and " width=" not in tag and " height=" not in tag:
            tag = tag[:4] + f' width="{size[0]}" height="{size[1]}"' + tag[4:]
        return tag

    return _IMG.sub(fix, body)

