"""The README's first command on a fresh machine: a clean clone, `make serve`, no Japanese font, no Chromium.

The clone gets its own .venv from `make serve` itself, as a new editor's would.
The machine's fonts are hidden twice: fontconfig reads an empty configuration
(so `fc-match` knows no font) and `AINEWS_FONT_DIRS` points the card font
search at an empty folder. PATH holds only python3, make and the few tools
make's recipes call, so no Chromium, apt or fc-* command is reachable.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO
from serving import free_port

pytestmark = pytest.mark.linux_only   # make, symlinks, fontconfig

TOOLS = ("make", "sh", "touch", "rm")


def _python3() -> str:
    """A python3 (3.11+) outside any venv, as a fresh machine has."""
    return os.path.realpath(getattr(sys, "_base_executable", sys.executable))


def _clone(target: Path) -> str:
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True,
                          check=True).stdout.strip()
    subprocess.run(["git", "clone", "-q", "--no-local", str(REPO), str(target)], check=True)
    subprocess.run(["git", "checkout", "-q", head], cwd=target, check=True)
    return head


def _bare_path(folder: Path) -> str:
    folder.mkdir()
    (folder / "python3").symlink_to(_python3())
    for tool in TOOLS:
        found = shutil.which(tool)
        assert found, tool
        (folder / tool).symlink_to(found)
    return str(folder)


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.read().decode("utf-8")


def test_make_serve_previews_a_fresh_clone_without_font_or_chromium(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    _clone(clone)
    empty_fonts = tmp_path / "no-fonts"
    empty_fonts.mkdir()
    fontconfig = tmp_path / "fonts.conf"
    fontconfig.write_text("<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig/>\n")
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("VIRTUAL_ENV", "PYTHON", "AINEWS_", "MAKE", "NO_MKDOCS"))}
    env.update(PATH=_bare_path(tmp_path / "bin"), FONTCONFIG_FILE=str(fontconfig),
               AINEWS_FONT_DIRS=str(empty_fonts), PYTHONUNBUFFERED="1")
    for command in ("chromium", "chromium-browser", "google-chrome", "apt-get", "fc-match", "fc-list"):
        assert shutil.which(command, path=env["PATH"]) is None, command

    port = free_port()
    process = subprocess.Popen(["make", "serve", f"ADDR=127.0.0.1:{port}"], cwd=clone, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(process.stdout or ()), daemon=True).start()
    try:
        deadline = time.monotonic() + 900   # a whole .venv is installed first
        while not any("Serving on" in line for line in output):
            assert process.poll() is None, "".join(output)
            assert time.monotonic() < deadline, "".join(output)
            time.sleep(1)
        base = f"http://127.0.0.1:{port}/ainews/"   # the sample site is served under its site_url path
        status, home = _get(base)
        assert status == 200 and "AIニュースデスク" in home
        articles = sorted(set(re.findall(r'href="(?:\.\./)*(?:\./)?(articles/[a-z0-9-]+/)"', home)))
        assert len(articles) >= 3, home[:2000]
        for path in articles[:3]:
            status, page = _get(base + path)
            assert status == 200 and 'class="md-content' in page and "<article" in page
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    log = "".join(output)
    notices = [line for line in log.splitlines() if "share cards are not drawn in this preview" in line]
    assert len(notices) == 1, log
    assert notices[0].startswith("INFO") and "このプレビューではシェアカードを描きません" in notices[0]
    assert "Traceback" not in log and "ERROR" not in log, log
    assert (clone / ".venv" / ".installed").is_file()
