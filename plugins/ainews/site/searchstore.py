"""Search bundles kept between `mkdocs build` runs: a partition whose articles are unchanged is not indexed again.

`SearchIndexer` indexes the site in partitions of a fixed number of articles,
oldest first, so adding news changes the newest partition only. A preview
remembers what it indexed in memory; a build, which starts from an empty site
folder in a new process, asks this store instead. A bundle is stored under a
key that hashes its folder name, every article and body it indexes, the
Pagefind version and this package's files; a hit is hard-linked into the site
(copied across file systems). Bundles the build did not use are removed once
it has indexed everything, so the folder holds one build's bundles.
"""

from __future__ import annotations

import os
import shutil
import uuid
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from ..render.digest import Digester, Unstable
from ..render.pagecache import package_fingerprint

STORE_VERSION = "1"


def _pagefind_version() -> str:
    try:
        return version("pagefind") + "/" + version("pagefind_bin_extended")
    except PackageNotFoundError:
        return "-"


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


class BundleStore:
    """Finished Pagefind bundles in ``folder``, one folder per key."""

    def __init__(self, folder: Path, digester: Digester) -> None:
        self.folder = folder
        self.digester = digester
        self.used: set[str] = set()

    def key(self, bundle: str, part: Any) -> str | None:
        """The key of ``bundle`` holding ``part`` ((article, body) pairs); None if it has no digest."""
        try:
            return self.digester.digest([STORE_VERSION, bundle, part, _pagefind_version(),
                                         package_fingerprint()]).hex()
        except (Unstable, RecursionError):
            return None

    def place(self, key: str | None, target: Path) -> bool:
        """Put the stored bundle ``key`` at ``target`` (which must not exist); False when not stored."""
        stored = self.folder / key if key else None
        if stored is None or not stored.is_dir():
            return False
        try:
            shutil.copytree(stored, target, copy_function=_link_or_copy)
        except (OSError, shutil.Error):
            # Another build sharing the cache pruned it meanwhile, or it is damaged: index instead.
            shutil.rmtree(target, ignore_errors=True)
            return False
        self.used.add(stored.name)
        return True

    def keep(self, key: str | None, output: Path) -> None:
        """Store the bundle Pagefind just wrote at ``output``."""
        if key is None:
            return
        partial = self.folder / f".{key}.{os.getpid()}.{uuid.uuid4().hex}.tmp"
        try:
            shutil.copytree(output, partial, copy_function=_link_or_copy)
            shutil.rmtree(self.folder / key, ignore_errors=True)
            partial.rename(self.folder / key)   # whole or not at all
        finally:
            shutil.rmtree(partial, ignore_errors=True)
        self.used.add(key)

    def prune(self) -> None:
        """Remove the bundles this build neither placed nor stored."""
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.name not in self.used:
                    shutil.rmtree(path, ignore_errors=True)


__all__ = ["BundleStore"]
