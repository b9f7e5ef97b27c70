"""Sanitize rendered article bodies: article text comes from translation pipelines and
outside sources, and Markdown lets it carry raw HTML.

A safelist (nh3, the Rust ammonia sanitizer) keeps what Markdown and its
extensions produce: tables (with their text-align styles), images, footnotes,
code blocks with highlight classes, headings with ids, details/summary,
admonitions and links. It removes scripts, styles, iframes, forms, embedded
objects, SVG/MathML, event handlers, `data-*` hooks, unsafe styles and any URL
that is not http, https, mailto or relative. External links get rel="noopener".
The one `data-*` attribute kept is `data-video` on a link, and only with a value
the click-to-play video embed makes (`video.DATA_VIDEO`). `sanitize_and_report`
also says what was removed, so the build can warn about it.
Sites whose every author is trusted turn this off with the `raw_html` option.
"""

from __future__ import annotations

import re
from collections import Counter
from html import unescape
from html.parser import HTMLParser

import nh3

from ..model.video import DATA_VIDEO
from .ids import THEME_ID

# Kept with their content stripped to text; everything not listed is unwrapped (text kept).
ALLOWED_TAGS = frozenset(nh3.ALLOWED_TAGS) | {"details", "summary", "figure", "figcaption", "tfoot"}
# Removed together with everything inside them.
REMOVED_WITH_CONTENT = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
    "button", "select", "textarea", "template", "svg", "math", "noscript", "noembed", "noframes",
    "base", "link", "meta", "title", "audio", "video", "canvas", "dialog", "portal",
})
_GLOBAL_ATTRIBUTES = {"id", "class", "title", "lang", "dir", "style"}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": _GLOBAL_ATTRIBUTES,
    "a": {"href", "hreflang", "rel", "data-video"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "details": {"open"},
    "span": {"aria-hidden"},   # the video embed's decorative play sign
    "ol": {"start", "reversed", "type"},
    "time": {"datetime"},
    "th": {"scope", "colspan", "rowspan", "headers", "abbr"},
    "td": {"colspan", "rowspan", "headers"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Inline style declarations that cannot load anything or cover the page.
STYLE_PROPERTIES = frozenset({
    "text-align", "vertical-align", "color", "background-color", "font-weight", "font-style",
    "text-decoration", "white-space", "width", "max-width", "height",
})
_REL_TOKENS = frozenset({"nofollow", "noopener", "noreferrer", "ugc", "sponsored", "footnote"})
# Material's own elements use ids such as __config, __search and __drawer; body HTML
# reusing one would hijack the page scripts (DOM clobbering). Code line anchors are fine.
_RESERVED_ID = re.compile(THEME_ID)
_UNSAFE_STYLE = re.compile(r"url\s*\(|expression\s*\(|\\|@import|javascript:", re.I)
_A_TAG = re.compile(r"<a\b[^>]*>")
_HREF = re.compile(r'\shref="([^"]*)"')
_REL = re.compile(r'\srel="([^"]*)"')
_EXTERNAL = re.compile(r"^(?:https?:)?//", re.I)


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "class":
        # Material's md-* classes style and drive the page chrome: body HTML may not fake it.
        kept = [token for token in value.split() if not token.startswith("md-")]
        return " ".join(kept) or None
    if name == "id":
        return None if _RESERVED_ID.match(value) else value
    if name == "style":
        return None if _UNSAFE_STYLE.search(value) else value
    if name == "data-video":
        return value if tag == "a" and DATA_VIDEO.match(value) else None
    if name == "rel":
        kept = [token for token in value.lower().split() if token in _REL_TOKENS]
        return " ".join(kept) or None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(REMOVED_WITH_CONTENT),
    attributes=ALLOWED_ATTRIBUTES,
    attribute_filter=_filter_attribute,
    strip_comments=True,
    link_rel=None,
    url_schemes=set(URL_SCHEMES),
    filter_style_properties=set(STYLE_PROPERTIES),
)


def _mark_external(match: re.Match[str]) -> str:
    tag = match.group(0)
    href = _HREF.search(tag)
    if href is None or not _EXTERNAL.match(href.group(1)):
        return tag
    rel = _REL.search(tag)
    if rel is None:
        return tag[:-1] + ' rel="noopener">'
    tokens = rel.group(1).split()
    if "noopener" in tokens:
        return tag
    return tag[:rel.start(1)] + " ".join([*tokens, "noopener"]) + tag[rel.end(1):]


def sanitize_html(html: str) -> str:
    """Return ``html`` with everything outside the safelist removed.

    nh3 re-serialises its output (double-quoted, escaped attributes), so the
    external-link pass can read the ``<a>`` tags with simple patterns.
    """
    return _A_TAG.sub(_mark_external, _CLEANER.clean(html))


class _Inventory(HTMLParser):
    """Counts elements and attribute values, to compare a body before and after cleaning."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: Counter[tuple[str, str, str]] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items[(tag, "", "")] += 1
        for name, value in attrs:
            if name == "style":   # the cleaner rewrites `text-align: left;` as `text-align:left`
                value = _declarations(value or "")
            if name != "rel":   # rel only ever gains tokens (noopener) or loses unknown ones
                self.items[(tag, name, value or "")] += 1


def _declarations(style: str) -> str:
    """A style attribute's declarations, spelled one way."""
    found = (part.partition(":") for part in style.split(";") if part.strip())
    return ";".join(f"{name.strip().lower()}:{' '.join(value.split())}" for name, _, value in found)


def _inventory(html: str) -> Counter[tuple[str, str, str]]:
    parser = _Inventory()
    parser.feed(html)
    parser.close()
    return parser.items


# Well-formed tags only: a name of ASCII letters and digits, attributes named plainly and valued
# in quotes (no "<" inside) or unquoted without quotes, "=", "<", ">", "`" or spaces. Between the
# parts only the spaces HTMLParser ends a tag name at (it reads "<p\u3000class=x>" as one name).
_WS = r"[ \t\n\r\f]"
_NAME = r"[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_VALUE = r"""(?:"[^"<]*"|'[^'<]*'|[^\s"'=<>`]+)"""
_PLAIN_TAG = re.compile(rf"<(?:/([a-zA-Z][a-zA-Z0-9]*){_WS}*|([a-zA-Z][a-zA-Z0-9]*)"
                        rf"((?:{_WS}+{_NAME}(?:{_WS}*={_WS}*{_VALUE})?)*){_WS}*/?)>")
_PLAIN_ATTRIBUTE = re.compile(rf"({_NAME})(?:{_WS}*={_WS}*({_VALUE}))?")


def _plain_inventory(markup: str) -> Counter[tuple[str, str, str]] | None:
    """`_inventory`'s counts read with one pattern, or None when ``markup`` has anything but
    well-formed tags (a comment, a declaration, a stray ``<``, an odd attribute).

    Every ``<`` must open a `_PLAIN_TAG`, and such a tag holds no other ``<``: then the tags
    matched are exactly those HTMLParser reads, with the same names and values. The
    sanitizer's reports run this on every body twice; HTMLParser is pure Python and took
    most of their time. Anything else goes to HTMLParser (see `_inventory`).
    """
    items: Counter[tuple[str, str, str]] = Counter()
    matched = 0
    for tag in _PLAIN_TAG.finditer(markup):
        matched += 1
        name = tag.group(2)
        if name is None:   # an end tag: not counted
            continue
        name = name.lower()
        if name in ("script", "style"):   # raw text inside: HTMLParser reads it differently
            return None
        items[(name, "", "")] += 1
        for attribute in _PLAIN_ATTRIBUTE.finditer(tag.group(3)):
            key, quoted = attribute.group(1).lower(), attribute.group(2)
            value = "" if quoted is None else quoted[1:-1] if quoted[0] in "\"'" else quoted
            if "&" in value:
                value = unescape(value)
            if key == "style":
                value = _declarations(value)
            if key != "rel":
                items[(name, key, value)] += 1
    return items if matched == markup.count("<") else None


def describe_removed(before: str, after: str) -> list[str]:
    """What cleaning took out of ``before``: ``<iframe>``, ``onclick on <a>``, in document order."""
    fast_before = _plain_inventory(before)
    fast_after = _plain_inventory(after) if fast_before is not None else None
    if fast_before is not None and fast_after is not None:
        missing = fast_before - fast_after
    else:
        missing = _inventory(before) - _inventory(after)
    gone = {tag for tag, name, _ in missing if not name}
    seen: dict[str, None] = {}
    for tag, name, _ in missing:
        if name and tag in gone:
            continue   # the element went, its attributes with it
        seen.setdefault(f"<{tag}>" if not name else f"{name} on <{tag}>")
    return list(seen)


def sanitize_and_report(html: str) -> tuple[str, list[str]]:
    """The sanitized HTML and what was removed from it (empty when nothing was)."""
    clean = sanitize_html(html)
    return clean, describe_removed(html, clean)
