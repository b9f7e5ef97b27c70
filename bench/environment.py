"""What the figures were measured on: tool versions and the machine."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
from pathlib import Path

# Run in the build interpreter, which may not be the one running the harness.
_VERSIONS = """
import importlib.metadata as m, json, platform
def v(name):
    try:
        return m.version(name)
    except m.PackageNotFoundError:
        return None
print(json.dumps({"python": platform.python_version(), "mkdocs": v("mkdocs"),
                  "mkdocs-material": v("mkdocs-material"), "markdown": v("markdown")}))
"""


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo, else what platform knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def hugo_version() -> str | None:
    hugo = shutil.which("hugo")
    if hugo is None:
        return None
    out = subprocess.run([hugo, "version"], capture_output=True, text=True, check=False)
    return out.stdout.strip() or None


def describe(python: str) -> dict[str, object]:
    """Versions of the build tools and a description of the machine."""
    out = subprocess.run([python, "-c", _VERSIONS], capture_output=True, text=True, check=True)
    return {
        **json.loads(out.stdout),
        "hugo": hugo_version(),
        "cpu": cpu_model(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }
