"""Write `mkdocs build` output to a staging folder and swap it in only on success.

MkDocs empties site_dir early and writes pages one by one, so a build that
fails halfway would leave a half-written site. Building beside it and renaming
at the end leaves the last good site untouched by any failure.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path


def is_serve_folder(site_dir: str) -> bool:
    """True for the temporary folder `mkdocs serve` builds into (named mkdocs_* in the temp dir)."""
    folder = Path(site_dir).resolve()
    return folder.name.startswith("mkdocs_") and folder.parent == Path(tempfile.gettempdir()).resolve()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:   # someone else's process: alive
        return True
    return True


def _owner(entry: Path) -> int | None:
    """The pid in ``.site.building-<pid>-xxxx``, or None for a name without one (older builds)."""
    tail = entry.name.rsplit(".", 1)[-1]            # building-<pid>-xxxx / old-<pid>
    parts = tail.split("-")
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def remove_stale(folder: Path, prefix: str) -> None:
    """Staging and retired folders left by builds that died (kill -9, power loss): a later
    build removes every one whose process is gone, so they never pile up beside the site."""
    for pattern in (f"{prefix}.building-*", f"{prefix}.old-*"):
        for entry in folder.glob(pattern):
            pid = _owner(entry)
            if entry.is_dir() and not entry.is_symlink() and (pid is None or not _alive(pid)):
                shutil.rmtree(entry, ignore_errors=True)


class SiteStaging:
    """A build's output folder, swapped in for the site folder only when the build succeeds.

    Normally a sibling of the site folder, renamed over it at the end. A site folder that
    is a mount point (a volume) cannot be renamed: the staging folder then lives inside it
    and the swap moves the folder's contents instead.
    """

    def __init__(self, site_dir: str) -> None:
        self.final = Path(site_dir).resolve()
        self.final.parent.mkdir(parents=True, exist_ok=True)
        self.mounted = os.path.ismount(self.final)
        # A sibling (or, for a mount point, a child) folder: the renames stay on one file system.
        home, prefix = (self.final, ".ainews") if self.mounted else (self.final.parent, f".{self.final.name}")
        remove_stale(home, prefix)
        self.staging = Path(tempfile.mkdtemp(prefix=f"{prefix}.building-{os.getpid()}-", dir=home))
        # mkdtemp makes the folder private (0700); a published site must be readable by the web server.
        umask = os.umask(0)
        os.umask(umask)
        self.staging.chmod(0o777 & ~umask)

    def commit(self) -> None:
        """Replace the old site with the new one (renames; the old one removed after)."""
        if self.mounted:
            self._swap_contents()
            return
        retired = None
        if self.final.exists():
            retired = self.final.with_name(f".{self.final.name}.old-{os.getpid()}")
            shutil.rmtree(retired, ignore_errors=True)
            self.final.rename(retired)
        self.staging.rename(self.final)
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)

    def _swap_contents(self) -> None:
        retired = Path(tempfile.mkdtemp(prefix=f".ainews.old-{os.getpid()}-", dir=self.final))
        for entry in self.final.iterdir():
            if entry not in (self.staging, retired):
                entry.rename(retired / entry.name)
        for entry in self.staging.iterdir():
            entry.rename(self.final / entry.name)
        self.staging.rmdir()
        shutil.rmtree(retired, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


SERVE_STATUS = "ainews-status.json"


def write_serve_status(site_dir: str, errors: list[str]) -> None:
    """Tell the preview's pages (partials/serve-status.html) that the last rebuild failed."""
    folder = Path(site_dir)
    if folder.is_dir():
        (folder / SERVE_STATUS).write_text(json.dumps({"errors": errors}, ensure_ascii=False), encoding="utf-8")
