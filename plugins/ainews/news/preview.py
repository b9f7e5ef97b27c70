"""Finished pages remembered between `mkdocs serve` rebuilds, keyed by everything they show.

A preview rebuild re-renders every page through Material's templates, which
is most of a warm rebuild. A page whose inputs (its own data, the articles it
lists, the theme files and the configuration) are unchanged is written from
memory instead. Only `mkdocs serve` uses this: a build always renders afresh.
"""

from __future__ import annotations

import hashlib
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, Iterable

from jinja2.bccache import Bucket, BytecodeCache


def freeze(value: Any) -> Any:
    """A hashable twin of template data: dicts, lists and sets become tuples."""
    if isinstance(value, dict):
        return tuple((key, freeze(item)) for key, item in sorted(value.items(), key=lambda kv: str(kv[0])))
    if isinstance(value, (list, tuple)):
        return tuple(freeze(item) for item in value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(freeze(item) for item in value))
    if is_dataclass(value) and not isinstance(value, type):
        try:
            hash(value)
            return value
        except TypeError:
            return (type(value).__name__,) + tuple(freeze(getattr(value, f.name)) for f in fields(value))
    return value


def theme_digest(folders: Iterable[str], config_text: str) -> str:
    """Changes whenever a template, stylesheet or the configuration changes."""
    digest = hashlib.sha256(config_text.encode())
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}|{stat.st_mtime_ns}|{stat.st_size}\n".encode())
    return digest.hexdigest()


def menu_digest(nav: Any, files: Iterable[Any], generated: Iterable[str]) -> str:
    """Changes whenever the header's tabs may: the `nav:` setting, the menu pages of the site
    (their files' times and sizes, for their titles) and the generated menu pages (``generated``)."""
    digest = hashlib.sha256(repr(nav).encode())
    for file in sorted(files, key=lambda f: f.src_uri):
        path = Path(file.abs_src_path) if file.abs_src_path else None
        stat = path.stat() if path is not None and path.is_file() else None
        digest.update(f"{file.src_uri}|{stat and stat.st_mtime_ns}|{stat and stat.st_size}\n".encode())
    for src_uri in sorted(generated):
        digest.update(f"{src_uri}\n".encode())
    return digest.hexdigest()


class PageMemo:
    """Rendered HTML by page fingerprint; a rebuild keeps only the entries it used."""

    def __init__(self) -> None:
        self.outputs: dict[tuple[str, int], str] = {}
        self.used: set[tuple[str, int]] = set()

    def key(self, site: str, src_uri: str, data: Any) -> tuple[str, int]:
        return (f"{site}|{src_uri}", hash(freeze(data)))

    def get(self, key: tuple[str, int]) -> str | None:
        self.used.add(key)
        return self.outputs.get(key)

    def put(self, key: tuple[str, int], html: str) -> None:
        self.outputs[key] = html

    def end_build(self) -> None:
        """Forget pages the last build did not have (edited or deleted articles)."""
        self.outputs = {key: html for key, html in self.outputs.items() if key in self.used}
        self.used = set()


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory for the life of the process (Jinja checks each source's hash)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class PreviewPages:
    """The preview memo as the plugin uses it: recall pages before MkDocs sees them, remember after."""

    CACHED_TEMPLATE = "ainews-cached.html"   # outputs `cached_page_html` as is

    def __init__(self) -> None:
        self.memo = PageMemo()
        self.site_key = ""
        self.keys: dict[str, tuple[str, int]] = {}    # pages being rendered this build
        self.hits: dict[str, str] = {}                # menu pages answered from memory

    def start_build(self, site_key: str) -> None:
        self.site_key = site_key

    def set_menu(self, menu: str) -> None:
        """Add what the site's menu shows to the key: a remembered page carries the menu of its day."""
        self.site_key = f"{self.site_key.split('|menu:')[0]}|menu:{menu}"

    def recall(self, src_uri: str, data: Any, in_menu: bool) -> str | None:
        """The remembered HTML of a page in no menu, to write as a plain file; else None.

        A menu page must stay a MkDocs page (the navigation is built from pages), so a hit
        for it is kept for `take` and rendered through the one-line template.
        """
        key = self.memo.key(self.site_key, src_uri, data)
        html = self.memo.get(key)
        if html is not None and not in_menu:
            return html
        self.keys[src_uri] = key
        if html is not None:
            self.hits[src_uri] = html
        return None

    def is_hit(self, src_uri: str) -> bool:
        return src_uri in self.hits

    def take(self, src_uri: str) -> str:
        return self.hits.pop(src_uri)

    def remember(self, src_uri: str, template: str | None, html: str) -> None:
        key = self.keys.pop(src_uri, None)
        if key is not None and template != self.CACHED_TEMPLATE:
            self.memo.put(key, html)

    def end_build(self) -> None:
        self.memo.end_build()
        self.keys.clear()
        self.hits.clear()
