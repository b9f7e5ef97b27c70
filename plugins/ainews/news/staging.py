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
import threading
from pathlib import Path


def is_serve_folder(site_dir: str) -> bool:
    """True for the temporary folder `mkdocs serve` builds into (named mkdocs_* in the temp dir)."""
    folder = Path(site_dir).resolve()
    return folder.name.startswith("mkdocs_") and folder.parent == Path(tempfile.gettempdir()).resolve()


class SiteStaging:
    def __init__(self, site_dir: str) -> None:
        self.final = Path(site_dir).resolve()
        self.final.parent.mkdir(parents=True, exist_ok=True)
        # A sibling folder, so the final rename stays on one file system.
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.final.name}.building-", dir=self.final.parent))
        # mkdtemp makes the folder private (0700); a published site must be readable by the web server.
        umask = os.umask(0)
        os.umask(umask)
        self.staging.chmod(0o777 & ~umask)

    def commit(self) -> None:
        """Replace the old site with the new one (two renames, old one removed after)."""
        retired = None
        if self.final.exists():
            retired = self.final.with_name(f".{self.final.name}.old-{os.getpid()}")
            shutil.rmtree(retired, ignore_errors=True)
            self.final.rename(retired)
        self.staging.rename(self.final)
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def set_aside(site_dir: str) -> None:
    """Empty a preview's site folder at once: move its files aside, delete them in the background.

    MkDocs deletes the old preview file by file before every rebuild, which on
    a big site takes longer than the rebuild itself.
    """
    folder = Path(site_dir)
    if not folder.is_dir():
        return
    trash = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old-", dir=folder.parent))
    for entry in folder.iterdir():
        entry.rename(trash / entry.name)
    threading.Thread(target=shutil.rmtree, args=(trash,), kwargs={"ignore_errors": True}, daemon=True).start()


SERVE_STATUS = "ainews-status.json"


def write_serve_status(site_dir: str, errors: list[str]) -> None:
    """Tell the preview's pages (partials/serve-status.html) that the last rebuild failed."""
    folder = Path(site_dir)
    if folder.is_dir():
        (folder / SERVE_STATUS).write_text(json.dumps({"errors": errors}, ensure_ascii=False), encoding="utf-8")
