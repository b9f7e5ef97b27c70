"""Drive a real `mkdocs serve` process: start it on a free loopback port, fetch pages, read its log.

Used by tests/test_serve.py and scripts/serve_latency.py.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable

_SERVING = re.compile(r"Serving on (http://\S+)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class MkDocsServer:
    """`mkdocs serve` (or ``tool`` serve, e.g. properdocs) on ``root/mkdocs.yml``; a context manager."""

    def __init__(self, root: Path, *extra: str, port: int | None = None, tool: str = "mkdocs") -> None:
        self.root = root
        self.tool = tool
        self.port = port or free_port()
        self.extra = extra
        self.lines: list[tuple[float, str]] = []     # (perf_counter time, line) of its terminal output
        self.base_url = ""
        self._lock = threading.Lock()
        self.process: subprocess.Popen[str] | None = None

    def __enter__(self) -> MkDocsServer:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore", "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", self.tool, "serve", "-f", str(self.root / "mkdocs.yml"),
             "-a", f"127.0.0.1:{self.port}", *self.extra],
            cwd=self.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, bufsize=1)
        threading.Thread(target=self._read, daemon=True).start()
        return self

    def __exit__(self, *_: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def _read(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        for line in self.process.stdout:
            with self._lock:
                self.lines.append((time.perf_counter(), line.rstrip("\n")))
            found = _SERVING.search(line)
            if found:
                self.base_url = found.group(1)

    @property
    def output(self) -> str:
        with self._lock:
            return "\n".join(line for _, line in self.lines)

    def output_since(self, moment: float) -> str:
        with self._lock:
            return "\n".join(line for at, line in self.lines if at >= moment)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def wait_until_serving(self, timeout: float = 120) -> str:
        """The base URL (``http://127.0.0.1:PORT/<site_url path>``) once the first build is served."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError(f"mkdocs serve exited:\n{self.output}")
            if self.base_url:
                status, _ = self.get("")
                if status == 200:
                    return self.base_url
            time.sleep(0.1)
        raise TimeoutError(f"mkdocs serve did not start in {timeout}s:\n{self.output}")

    def get(self, path: str, timeout: float = 10) -> tuple[int, str]:
        """Status and text of ``path`` under the base URL (no cache); status 0 when there is no answer."""
        request = urllib.request.Request(self.base_url + path, headers={"Cache-Control": "no-cache"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, ""

    def wait_for(self, path: str, ready: Callable[[str], bool], timeout: float = 60,
                 interval: float = 0.05) -> float:
        """Poll ``path`` until ``ready(text)``; the seconds it took. Raises TimeoutError."""
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            status, text = self.get(path)
            if status == 200 and ready(text):
                return time.perf_counter() - started
            if not self.alive():
                raise RuntimeError(f"mkdocs serve exited:\n{self.output}")
            time.sleep(interval)
        raise TimeoutError(f"{path} did not change in {timeout}s:\n{self.output[-3000:]}")

    def wait_for_output(self, text: str, since: float, timeout: float = 60) -> str:
        """Wait until the terminal shows ``text`` after ``since``; returns the output since then."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.output_since(since)
            if text in shown:
                return shown
            time.sleep(0.05)
        raise TimeoutError(f"{text!r} not shown in {timeout}s:\n{self.output_since(since)[-3000:]}")


def edit(path: Path, old: str, new: str) -> float:
    """Replace ``old`` by ``new`` in ``path`` the way an editor saves; returns the save time."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return time.perf_counter()
