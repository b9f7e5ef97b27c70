"""The preview never stalls: a rebuild that raises keeps serving the last good site, errors on top.

MkDocs' preview server stops answering every request after a rebuild raises,
until a later rebuild succeeds. Invalid content is already handled before the
build (the last good content is rebuilt), but anything else can still raise: a
template error, another plugin, a full disk. So each preview rebuild first moves
the served files aside (``LastGood.set_aside``, which also empties the folder at
once instead of file by file), and ``guard_builder`` wraps the server's builder:
when a rebuild raises, the half-written files go and the last good ones come back,
with the error written where partials/serve-status.html shows it over every page.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import Any, Callable

from ..render.lifetime import remove_dead, temp_folder
from .staging import site_write_error, write_serve_status


def _delete_later(folder: Path) -> None:
    threading.Thread(target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True}, daemon=True).start()


def _move_entries(source: Path, target: Path) -> None:
    for entry in source.iterdir():
        entry.rename(target / entry.name)


class LastGood:
    """The preview's site folder and, during a rebuild, the files it served before."""

    def __init__(self, site_dir: str) -> None:
        self.folder = Path(site_dir)
        self.kept: Path | None = None     # the last good files while a rebuild runs
        for kind in ("last-good", "failed"):   # left by a preview that was killed
            remove_dead(self.folder.parent, f".{self.folder.name}.{kind}-*")

    def set_aside(self) -> None:
        """Empty the folder at once, keeping its files until the rebuild is known to be good."""
        if self.kept is not None:         # the previous rebuild's aside (a rebuild that stopped early)
            _delete_later(self.kept)
            self.kept = None
        if not self.folder.is_dir():
            return
        kept = temp_folder(f".{self.folder.name}.last-good", self.folder.parent)
        _move_entries(self.folder, kept)
        self.kept = kept

    def confirm(self) -> None:
        """The rebuild finished: the kept files are no longer needed."""
        if self.kept is not None:
            _delete_later(self.kept)
            self.kept = None

    def restore(self) -> None:
        """The rebuild failed: put the last good files back (a no-op if none were set aside)."""
        if self.kept is None or not self.folder.is_dir():
            return
        trash = temp_folder(f".{self.folder.name}.failed", self.folder.parent)
        _move_entries(self.folder, trash)
        _move_entries(self.kept, self.folder)
        self.kept.rmdir()
        self.kept = None
        _delete_later(trash)


def error_lines(error: BaseException) -> list[str]:
    """The error as the preview shows it: its own lines (a PluginError lists problems), else its type."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines or [type(error).__name__]


def guard_builder(builder: Callable[..., Any], last_good: LastGood,
                  report: Callable[[list[str]], None]) -> Callable[..., Any]:
    """``builder`` that never raises an ``Exception``: on failure the last good site is served
    again with the error over it, and ``report`` gets the lines (for the terminal)."""

    def build(*args: Any, **kwargs: Any) -> Any:
        try:
            return builder(*args, **kwargs)
        except Exception as error:   # noqa: BLE001 - any failure: the server must go on answering
            disk = site_write_error(error, str(last_good.folder))   # a full disk: one line, no errno
            lines = [disk] if disk is not None else error_lines(error)
            report(lines)
            last_good.restore()
            write_serve_status(str(last_good.folder), lines)
            return None

    return build
