"""Which files changed since the last preview build, as MkDocs' own file watcher saw them.

`mkdocs serve` watches the docs folder, mkdocs.yml and ``watch:`` paths with
watchdog and calls the builder without saying what changed. A preview update
(news/incremental.py) needs the paths: `ChangeLog` listens to the same
watcher (the very watches MkDocs scheduled, so no second scan of the tree)
and collects every file event until the next build takes them. Without a
watcher (a builder driven by hand), the plugin falls back to comparing a
snapshot of modification times (`incremental.take_snapshot`).
"""

from __future__ import annotations

import os
import threading
from typing import Any, Iterable

from watchdog.events import FileSystemEvent, FileSystemEventHandler


class ChangeLog(FileSystemEventHandler):
    """Paths of files created, changed, moved or deleted since the last `take`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: set[str] = set()
        self.watching = False

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return   # reading a file changes nothing; a folder's own event comes with its files'
        found = [event.src_path, getattr(event, "dest_path", "")]
        with self._lock:
            self._paths.update(os.fsdecode(path) for path in found if path)

    def take(self) -> set[str]:
        """The changed paths (made absolute and free of links, as the content scan sees them), forgetting them."""
        with self._lock:
            paths, self._paths = self._paths, set()
        return {os.path.realpath(path) for path in paths}

    def clear(self) -> None:
        with self._lock:
            self._paths = set()

    def watch(self, server: Any, paths: Iterable[str]) -> bool:
        """Listen to ``server``'s watcher on ``paths`` (as MkDocs watches them); False without one."""
        observer = getattr(server, "observer", None)
        if observer is None or not hasattr(observer, "schedule"):
            return False
        for path in paths:
            # The same path and flags as LiveReloadServer.watch: watchdog adds this handler to
            # MkDocs' own watch instead of polling the folder a second time.
            observer.schedule(self, os.path.abspath(path), recursive=True)
        self.watching = True
        return True
