"""Which files under the content folder a build may read or publish: only what stays inside it.

MkDocs walks ``docs_dir`` following every symlink and copies what it finds, so a
committed link such as ``content/articles/env.txt -> /proc/self/environ`` would put
the build's environment on the public site. ``scan_content`` walks the folder
without following links and sorts every entry into files the build may use and
one problem line per entry it must not: a link that leaves the folder, a link to
a folder (MkDocs would walk it: loops, or pages that skip article validation), a
broken or looping link, a FIFO or device (reading it would hang), an unreadable
file or folder. ``is_inside`` is the same test for a single path, used again on
the files MkDocs hands the plugin.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .article import Problem
from .messages import msg


@dataclass
class ContentScan:
    """The result of one walk of the content folder."""

    root: Path                                          # the content folder, resolved
    files: list[Path] = field(default_factory=list)     # usable files, as found (not resolved), sorted
    problems: list[Problem] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)      # src_uri (relative, '/') of every refused entry

    def allows(self, path: str | os.PathLike[str]) -> bool:
        """True when ``path`` (absolute) is a file this scan accepted."""
        return Path(os.path.abspath(path)) in self._accepted

    @property
    def _accepted(self) -> set[Path]:
        cached = self.__dict__.get("_accepted_set")
        if cached is None:
            cached = self.__dict__["_accepted_set"] = {Path(os.path.abspath(p)) for p in self.files}
        return cached


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def check_file(path: str | os.PathLike[str], root: str | os.PathLike[str],
               info: os.stat_result | None = None) -> str | None:
    """Why ``path`` may not be read as a content file of ``root``, or None when it may.

    ``info`` is the entry's own ``lstat`` when the caller reached it by walking ``root``
    without following links: then only a link can lead outside, and realpath is skipped.
    """
    walked = info is not None
    if info is None:
        try:
            info = os.lstat(path)
        except OSError as error:
            return msg("cannot be read: {reason}", reason=error.strerror or error)
    if stat.S_ISLNK(info.st_mode):
        try:
            real = os.path.realpath(path, strict=True)
        except OSError as error:   # ELOOP for a loop, ENOENT for a link to nothing
            return msg("is a link that loops back on itself") if error.errno == errno.ELOOP \
                else msg("is a broken link (its target does not exist)")
        try:
            info = os.stat(path)
        except OSError as error:
            return msg("cannot be read: {reason}", reason=error.strerror or error)
        if stat.S_ISDIR(info.st_mode):
            return msg("is a link to a folder; folder links are not followed (move or copy the files instead)")
        if not _inside(real, os.path.realpath(root)):
            return msg("is a link to a file outside the content folder")
    elif not walked and not _inside(os.path.realpath(path), os.path.realpath(root)):
        return msg("is outside the content folder")
    if stat.S_ISDIR(info.st_mode):
        return None
    if not stat.S_ISREG(info.st_mode):
        return msg("is not a regular file (a pipe, socket or device cannot be published)")
    if not os.access(path, os.R_OK):
        return msg("cannot be read: {reason}", reason="Permission denied")
    return None


def is_inside(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a readable regular file whose real path is inside ``root``."""
    return check_file(path, root) is None and not os.path.isdir(path)


def scan_content(content_dir: Path, shown: Callable[[Path], str]) -> ContentScan:
    """Walk ``content_dir`` without following links; ``shown`` turns a path into its display form."""
    root = content_dir.resolve()
    scan = ContentScan(root=root)
    if not root.is_dir():
        return scan
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as entries:
                found = sorted(entries, key=lambda e: e.name)
        except OSError as error:
            scan.problems.append(Problem(shown(folder), "folder", msg("cannot be read: {reason}", reason=error.strerror or error)))
            scan.refused.add(folder.relative_to(root).as_posix())
            continue
        for entry in found:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                pending.append(path)
                continue
            reason = check_file(path, root, entry.stat(follow_symlinks=False))
            if reason is None:
                scan.files.append(path)
            else:
                scan.problems.append(Problem(shown(path), "file", reason))
                scan.refused.add(path.relative_to(root).as_posix())
    scan.files.sort()
    scan.problems.sort(key=lambda p: p.path)
    return scan
