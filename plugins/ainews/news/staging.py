"""Write `mkdocs build` output to a staging folder and swap it in only on success.

MkDocs empties site_dir early and writes pages one by one, so a build that
fails halfway would leave a half-written site. Building beside it and renaming
at the end leaves the last good site untouched by any failure.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

import click

from ..model.messages import msg
from ..model.oserrors import WRITE_ERRNOS, reason, write_error
from ..model.report import plain
from ..render.lifetime import remove_dead


def preview_command(startup_command: str) -> bool:
    """True when MkDocs is serving a preview, from what the command itself records.

    ``on_startup`` says ``serve``, except for ``mkdocs serve --clean``, which starts as
    ``build``; the command line MkDocs (or ProperDocs) is running names it then. The site
    folder's name proves nothing: ``mkdocs build -d /tmp/mkdocs_x`` is a build to publish.
    """
    if startup_command == "serve":
        return True
    context = click.get_current_context(silent=True)
    return context is not None and context.info_name == "serve"


def remove_stale(folder: Path, prefix: str) -> None:
    """Staging and retired folders left by builds that died (kill -9, power loss): a later
    build removes every one whose process is gone, so they never pile up beside the site."""
    for pattern in (f"{prefix}.building-*", f"{prefix}.old-*"):
        remove_dead(folder, pattern)


class _PageWriteNoise(logging.Filter):
    """MkDocs logs a page it could not write before raising again; the `site:` line says it once."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        return not (text.startswith("Error building page") and any(f"[Errno {n}]" in text for n in WRITE_ERRNOS))


def quiet_page_write_errors() -> None:
    """Leave a full or read-only disk to the one `site:` line (``site_write_error``)."""
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(existing, _PageWriteNoise) for existing in logger.filters):
        logger.addFilter(_PageWriteNoise())


def site_write_error(error: BaseException, site_dir: str, kept: bool = True) -> str | None:
    """The one line for a build the disk or the site folder refused (full, quota, read-only,
    not ours), or None for any other error; ``kept`` says the previous site stays (not after
    a preview's first build, which had none)."""
    refused = write_error(error)
    if refused is None:
        return None
    if not kept:
        return msg("site: cannot write {path}: {reason}", path=plain(site_dir), reason=reason(refused))
    return msg("site: cannot write {path}: {reason}; the previous site is kept", path=plain(site_dir),
               reason=reason(refused))


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
        try:
            self.staging.rename(self.final)
        except OSError:
            if retired is not None:   # put the old site back: a failed swap must not lose it
                retired.rename(self.final)
            raise
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
