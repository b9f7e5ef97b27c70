"""Run one build as a child process and measure wall time, CPU time and peak RSS.

Peak memory comes from `os.wait4`, whose rusage belongs to that one child
(and the children it reaped), so repeated runs do not mask each other the way
`getrusage(RUSAGE_CHILDREN)`, a running maximum over all children, would.
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

# ru_maxrss is in KiB on Linux and in bytes on macOS.
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


def run_measured(cmd: Sequence[str], cwd: Path | None = None) -> Measurement:
    """Run `cmd` to completion; its output is kept only for the failure reason."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped; tell Popen
        log.seek(0)
        lines = log.read().decode("utf-8", "replace").strip().splitlines()
    return Measurement(
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_rss_mib=usage.ru_maxrss * _RSS_TO_MIB,
        returncode=proc.returncode,
        output_tail="\n".join(lines[-TAIL_LINES:]),
    )
