"""Finished pages kept between `mkdocs build` runs, keyed by everything they are rendered from.

Rendering a page through Material's templates is most of a build that reads
its bodies and cards from the cache. With the cache folder kept between CI
runs, a page whose inputs are unchanged is taken from the last build instead:
the HTML its template rendered (before any ``on_post_page``, which still runs
on it as usual), named by a key that hashes

- the site: the library versions, this package's files (code and templates),
  the configuration (file and loaded values), the theme's folders and the
  navigation every page shows;
- the page: its URL, file, title, meta, content and table of contents, the
  data our templates show (`BuildState.page_data`: the article, its body,
  related articles and neighbours; a listing's context) and its card.

Anything in these that has no stable digest (`render/digest.py`) leaves that
page out of the cache: it is rendered as in a cold build. Entries the build
did not use are removed at its end, so the folder holds one build's pages.
"""

from __future__ import annotations

import functools
import hashlib
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .digest import Digester, Unstable
from .lifetime import remove_dead_files_once

# Bump when what a cached page depends on changes in a way the key cannot see.
PAGES_VERSION = "1"
PACKAGES = ("mkdocs", "mkdocs-material", "jinja2", "markupsafe", "markdown", "pymdown-extensions")
PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Where the build writes: differs every build (staging) and is no input of a page.
_NOT_INPUTS = {"site_dir", "plugins", "theme", "config_file_path"}


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "-"


@functools.lru_cache(maxsize=1)
def package_fingerprint() -> str:
    """Every file of this package (modules, templates, assets): an edited template misses the cache."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _folder_digest(folder: str | None) -> str:
    digest = hashlib.sha256()
    if folder and Path(folder).is_dir():
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _nav(items: Any) -> list[Any]:
    """What the theme shows of the navigation: kinds, titles, URLs, meta, nesting."""
    return [(type(item).__name__, item.title, getattr(item, "url", None), getattr(item, "meta", None),
             _nav(item.children or []) if getattr(item, "children", None) else None) for item in items]


def site_key(config: MkDocsConfig, options: Any, nav: Navigation, digester: Digester) -> str | None:
    """What every page of the build is rendered with; None when part of it cannot be digested."""
    config_file = Path(config.config_file_path) if config.config_file_path else None
    values = {key: value for key, value in config.items() if key not in _NOT_INPUTS}
    theme = config.theme
    try:
        return digester.digest([
            PAGES_VERSION, [(name, _version(name)) for name in PACKAGES], package_fingerprint(),
            config_file.read_bytes() if config_file and config_file.is_file() else b"",
            digester.lenient(values), digester.lenient(options), theme.name, digester.lenient(dict(theme.items())), list(theme.dirs),
            _folder_digest(theme.custom_dir), digester.lenient(_nav(nav.items)),
        ]).hex()
    except (Unstable, RecursionError):
        return None


class PageCache:
    """Pages in ``folder`` as `render/pages.py` packs them (zlib), one file per key (``ab/abcdef….html.z``)."""

    def __init__(self, folder: Path, site: str, digester: Digester) -> None:
        self.folder = folder
        self.site = site
        self.digester = digester
        self.used: set[str] = set()
        self.folders: set[Path] = set()
        remove_dead_files_once(folder)   # entries a killed build was writing (see `put`)

    def key(self, page: Page, data: Any, card: Any) -> str | None:
        """The page's key; None when something it shows has no stable digest."""
        try:
            return self.digester.digest([
                self.site, page.file.src_uri, page.file.dest_uri, page.url, page.file.inclusion.name,
                page.title, self.digester.lenient(page.meta), page.content,
                self.digester.lenient(list(page.toc)), data, card]).hex()
        except (Unstable, RecursionError):
            return None

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.html.z"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str) -> bytes | None:
        """The page as `render/pages.py` packs it; None when missing (a damaged entry fails to unpack)."""
        try:
            packed = self._path(key).read_bytes()
        except OSError:
            return None
        self.used.add(key)
        return packed

    def put(self, key: str, packed: bytes) -> None:
        """Store a page packed as `render/pages.py` packs it (zlib-compressed UTF-8, written as is)."""
        path = self._path(key)
        if path.parent not in self.folders:   # one mkdir per shard, not per page
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(path.parent)
        partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        partial.write_bytes(packed)
        partial.replace(path)   # atomic: a concurrent reader sees the whole entry or none
        self.used.add(key)

    def prune(self) -> int:
        """Remove the entries this build did not use; how many."""
        removed = 0
        if not self.folder.is_dir():
            return removed
        for shard in self.folder.iterdir():
            for path in shard.glob("*.html.z") if shard.is_dir() else ():
                if path.name[:-len(".html.z")] not in self.used:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed


__all__ = ["PageCache", "package_fingerprint", "site_key"]
