"""Nothing a build starts outlives it: child processes die with it, its temp folders go with the next build.

A build killed with ``kill -9`` runs no clean-up code. So:

- every worker process (render/pool.py) and every Pagefind run asks the kernel to
  kill it when its parent dies (Linux ``prctl(PR_SET_PDEATHSIG)``); elsewhere a
  watchdog thread or process notices the parent is gone (``os.getppid`` changes) and
  ends it;
- every temporary folder carries the pid of the build that made it
  (``ainews-search-<pid>-xxxx``), and ``remove_dead`` deletes those whose process is
  gone, so a later build removes a killed one's leftovers; the caches' half-written
  entries (``<key>.<pid>.tmp``) go the same way (``remove_dead_files``).

``python -m ainews.render.lifetime PARENT-PID COMMAND...`` runs COMMAND tied to
PARENT-PID this way (used for Pagefind: no ``preexec_fn`` in a threaded program).
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

_PR_SET_PDEATHSIG = 1
# How often a watchdog looks for its parent where the kernel cannot be asked.
_POLL_SECONDS = 0.5


def _find_prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl  # type: ignore[no-any-return]
    except (OSError, AttributeError):
        return None


# Looked up once, at import: a worker forked while another thread held the dynamic loader's
# lock could hang in dlopen or dlsym, but calling a known function needs neither.
_PRCTL = _find_prctl()


def _kernel_kills_orphans() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where that is not possible."""
    return _PRCTL is not None and _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0


def _watch_parent(parent: int, on_orphan: Callable[[], object]) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_POLL_SECONDS)
        on_orphan()
    threading.Thread(target=watch, daemon=True, name="ainews-parent-watch").start()


def die_with_parent(parent: int | None = None, any_thread: bool = False) -> None:
    """End this process when ``parent`` (by default the current parent) ends.

    ``any_thread``: this process may have been started from a short-lived thread of the
    parent. Linux sends the death signal when the *thread* that forked ends, so such a
    process watches the parent process instead.
    """
    parent = os.getppid() if parent is None else parent
    if any_thread or not _kernel_kills_orphans():
        _watch_parent(parent, lambda: os._exit(1))
    if os.getppid() != parent:   # it died before the request took effect
        os._exit(1)


def tied_command(command: list[str]) -> list[str]:
    """``command`` run so that it dies with this process (see the module's ``__main__``)."""
    return [sys.executable, "-m", "ainews.render.lifetime", str(os.getpid()), *command]


def _run_tied(parent: int, command: list[str]) -> int:
    if _kernel_kills_orphans():
        if os.getppid() != parent:
            return 1
        os.execvp(command[0], command)   # the request survives exec: Pagefind itself is tied
    child = subprocess.Popen(command)   # no such request: stay between them and watch
    _watch_parent(parent, lambda: (child.kill(), os._exit(1)))
    return child.wait()


# -- temporary folders ----------------------------------------------------------------------------

def alive(pid: int) -> bool:
    """Whether a process with this pid exists (someone else's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def owner(rest: str) -> int | None:
    """The pid at the start of ``rest`` (a folder name after its prefix: ``<pid>-xxxx``), else None."""
    head = rest.split("-", 1)[0]
    return int(head) if head.isdigit() else None


def temp_folder(prefix: str, parent: Path | None = None) -> Path:
    """A new private folder named ``<prefix>-<pid>-xxxx`` (in the system temp folder by default)."""
    return Path(tempfile.mkdtemp(prefix=f"{prefix}-{os.getpid()}-", dir=parent))


def remove_dead(folder: Path, pattern: str, keep_unowned: bool = False) -> None:
    """Delete every folder matching ``pattern`` in ``folder`` whose owning process is gone.

    A name without a pid (an older build's) is removed too, unless ``keep_unowned``.
    """
    try:
        entries = list(folder.glob(pattern))
    except OSError:
        return
    for entry in entries:
        pid = owner(entry.name[len(pattern.split("*", 1)[0]):])
        if pid == os.getpid() or (pid is None and keep_unowned) or (pid is not None and alive(pid)):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


# A cache entry being written: `<name>.<pid>.tmp`, or `<name>.<pid>.<uuid hex>.tmp`.
_TEMP_FILE = re.compile(r"\.(\d+)(?:\.[0-9a-f]{32})?\.tmp$")


def remove_dead_files(folder: Path, pattern: str = "*/*.tmp") -> None:
    """Delete the half-written files matching ``pattern`` in ``folder`` whose writing process is gone.

    Caches write each entry to a temporary file named with the writer's pid and rename it
    into place; a killed build leaves its temporary files behind. A file of a live process
    (another build still writing) is kept, as are names without a pid.
    """
    try:
        entries = list(folder.glob(pattern))
    except OSError:
        return
    for entry in entries:
        match = _TEMP_FILE.search(entry.name)
        if match is None or int(match.group(1)) == os.getpid() or alive(int(match.group(1))):
            continue
        try:
            entry.unlink()
        except OSError:   # gone already, or not ours to remove
            pass


_SWEPT: set[tuple[Path, str]] = set()


def remove_dead_files_once(folder: Path, pattern: str = "*/*.tmp") -> None:
    """`remove_dead_files`, the first time this process asks for ``folder``: a preview's
    updates, each with a cache of its own, do not walk the whole cache again (a few
    milliseconds per thousand entries) for leftovers the first build removed."""
    if (folder, pattern) not in _SWEPT:
        remove_dead_files(folder, pattern)
        _SWEPT.add((folder, pattern))


if __name__ == "__main__":
    sys.exit(_run_tied(int(sys.argv[1]), sys.argv[2:]))
