"""Run one build as a child process and measure wall time, CPU time and peak RSS.

Peak RSS comes from GNU time (`/usr/bin/time -f %M`) when it is installed,
else from the rusage `os.wait4` returns for the child. The wait4 figure has a
floor: Linux starts a child's ru_maxrss at the high-water mark of the process
it was spawned from (the vfork'd memory it exec'd out of), so a child of this
harness never reports less than the harness's own peak. GNU time spawns the
build from its own 1-2 MiB, so its figure is the build's alone. Either way the
figure belongs to that one child, unlike `getrusage(RUSAGE_CHILDREN)`, which is
a running maximum over every child so far.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
METHOD = "GNU time %M" if GNU_TIME else "os.wait4 ru_maxrss (floored at the harness's own peak)"
# ru_maxrss is in KiB on Linux and in bytes on macOS; GNU time's %M is in KiB.
_RSS_TO_MIB = 1 / (1 << 20) if sys.platform == "darwin" else 1 / 1024
TAIL_LINES = 5


@dataclass(frozen=True)
class Measurement:
    """One build: how long, how much CPU, how much memory at peak, and how it ended."""

    wall_s: float
    cpu_s: float
    peak_rss_mib: float
    returncode: int
    output_tail: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def _read_gnu_time(path: Path) -> tuple[float, float] | None:
    """(peak RSS MiB, CPU s) from the "%M %U %S" line GNU time ends its file with."""
    try:
        kib, user, system = path.read_text().split()[-3:]
        return int(kib) / 1024, float(user) + float(system)
    except (OSError, ValueError):
        return None


def run_measured(cmd: Sequence[str], cwd: Path | None = None) -> Measurement:
    """Run `cmd` to completion; its output is kept only for the failure reason."""
    with tempfile.TemporaryDirectory(prefix="measure-") as tmp:
        usage_file = Path(tmp) / "usage"
        wrapped = [GNU_TIME, "-f", "%M %U %S", "-o", str(usage_file), *cmd] if GNU_TIME else list(cmd)
        with open(Path(tmp) / "output", "w+b") as log:
            start = time.perf_counter()
            proc = subprocess.Popen(wrapped, cwd=cwd, stdin=subprocess.DEVNULL, stdout=log,
                                    stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped; tell Popen
            log.seek(0)
            lines = log.read().decode("utf-8", "replace").strip().splitlines()
        measured = _read_gnu_time(usage_file) if GNU_TIME else None
    rss, cpu = measured or (usage.ru_maxrss * _RSS_TO_MIB, usage.ru_utime + usage.ru_stime)
    return Measurement(wall, cpu, rss, proc.returncode, "\n".join(lines[-TAIL_LINES:]))
