"""Check that every internal link and asset of a built site resolves to a file in it.

    from linkcheck import broken_links
    assert broken_links(site_dir) == []

Every ``.html`` file is parsed with ``html.parser``. Links (``href``, ``src``,
``srcset``, ``poster``, ``action``, ...) are resolved the way a browser
resolves them on that page: relative ones against the page's folder,
root-absolute ones (``/repo/...``) against the site's base path, and absolute
ones that start with the site URL (canonical, ``og:url``, ``og:image``) against
the site root. Percent-encoded paths are decoded (UTF-8), and a folder URL
(``tags/llm/``) means its ``index.html``. External URLs, ``mailto:``, ``tel:``,
``javascript:``, ``data:`` and bare ``#fragments`` are not checked, nor are
fragments and query strings of internal links.

The site URL (which gives the base path) is read from the home page's
canonical link unless given; MkDocs writes root-absolute links in 404.html
from it.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that hold one URL, by tag; `srcset` holds several.
URL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href",), "area": ("href",), "link": ("href",), "img": ("src", "srcset"),
    "script": ("src",), "iframe": ("src",), "embed": ("src",), "source": ("src", "srcset"),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "input": ("src",),
    "object": ("data",), "form": ("action",), "use": ("href", "xlink:href"), "image": ("href", "xlink:href"),
}
# <meta> whose content is a URL of the site itself.
URL_METAS = frozenset({"og:url", "og:image", "twitter:image", "twitter:url"})
NOT_CHECKED_SCHEMES = frozenset({"mailto", "tel", "javascript", "data", "sms", "blob", "about"})


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []     # (where, url): "a href", url
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        for name in URL_ATTRIBUTES.get(tag, ()):
            if name not in values:
                continue
            if name == "srcset":
                for candidate in values[name].split(","):
                    if candidate.strip():
                        self.links.append((f"{tag} {name}", candidate.split()[0]))
            else:
                self.links.append((f"{tag} {name}", values[name]))
        if tag == "link" and "canonical" in values.get("rel", "").split() and "href" in values:
            self.canonical = values["href"]
        if tag == "meta" and (values.get("property") or values.get("name")) in URL_METAS and "content" in values:
            self.links.append((f"meta {values.get('property') or values.get('name')}", values["content"]))

    handle_startendtag = handle_starttag


def _collect(page: Path) -> _LinkCollector:
    collector = _LinkCollector()
    collector.feed(page.read_text(encoding="utf-8", errors="replace"))
    collector.close()
    return collector


def page_links(page: Path) -> list[tuple[str, str]]:
    """Every URL on one built page that the checker looks at, as ``(where, url)``: ``("a href", "../x/")``."""
    return _collect(page).links


def detect_site_url(site_dir: Path) -> str | None:
    """The site URL as the home page's canonical link gives it, if there is one."""
    home = site_dir / "index.html"
    return _collect(home).canonical if home.is_file() else None


def _target(site_dir: Path, root_path: str) -> Path:
    """The file a site-root-relative, still percent-encoded path names."""
    decoded = unquote(root_path, encoding="utf-8", errors="strict")
    target = site_dir / decoded
    if decoded in ("", ".") or decoded.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def check_link(site_dir: Path, page: str, url: str, site_url: str | None) -> str | None:
    """Why ``url`` on ``page`` (path relative to the site root) is broken, or None when fine."""
    url = url.strip()
    if not url or url.startswith("#"):
        return None
    try:
        parts = urlsplit(url)
    except ValueError as error:
        return f"is not a URL ({error})"
    base = urlsplit(site_url) if site_url else None
    base_path = base.path if base and base.path.endswith("/") else (base.path + "/" if base else "/")
    if parts.scheme.lower() in NOT_CHECKED_SCHEMES:
        return None
    if parts.scheme or parts.netloc:
        if base is None or parts.netloc.lower() != base.netloc.lower() \
                or (parts.scheme and parts.scheme.lower() not in ("http", "https")):
            return None                                   # another site
        if not parts.path.startswith(base_path) and parts.path + "/" != base_path:
            return f"is on the site's host but outside its base path {base_path}"
        root_path = parts.path[len(base_path):]
    elif parts.path.startswith("/"):
        if not parts.path.startswith(base_path) and parts.path + "/" != base_path:
            return f"is root-absolute outside the site's base path {base_path} (breaks under a sub-path)"
        root_path = parts.path[len(base_path):]
    else:
        if not parts.path:                                # only ?query: the page itself
            return None
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
        if joined == ".." or joined.startswith("../"):
            return "points above the site root"
        root_path = "" if joined == "." else joined + ("/" if parts.path.endswith("/") else "")
    try:
        target = _target(site_dir, root_path)
    except UnicodeDecodeError:
        return "has a percent-encoding that is not UTF-8"
    if not target.is_file():
        return f"names {target.relative_to(site_dir).as_posix()}, which is not in the built site"
    return None


def broken_links(site_dir: str | Path, *, site_url: str | None = None) -> list[str]:
    """Every broken internal link of the built site, one line each: ``page: where url: why``.

    ``site_url`` (e.g. ``https://user.github.io/repo/``) defaults to the home
    page's canonical link; without either, the base path is ``/``.
    """
    site_dir = Path(site_dir)
    site_url = site_url or detect_site_url(site_dir)
    problems = []
    for file in sorted(site_dir.rglob("*.html")):
        page = file.relative_to(site_dir).as_posix()
        for where, url in _collect(file).links:
            why = check_link(site_dir, page, url, site_url)
            if why is not None:
                problems.append(f"{page}: {where} {url}: {why}")
    return problems
