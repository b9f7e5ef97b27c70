"""Faults leave nothing behind: a killed build's folders go with the next build; a mounted site folder builds."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ainews.news import staging as staging_module
from ainews.news.staging import SiteStaging
from conftest import make_site


def test_stale_staging_folders_of_dead_builds_are_removed(tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    dead = tmp_path / ".site.building-999999-abcd"      # no such process
    old_style = tmp_path / ".site.building-xyz123"      # from a build before pids were in the name
    retired = tmp_path / ".site.old-999999"
    mine = tmp_path / f".site.building-{os.getpid()}-live"   # a running build: kept
    for folder in (dead, old_style, retired, mine):
        (folder / "assets").mkdir(parents=True)
        (folder / "assets" / "x.js").write_text("x", encoding="utf-8")
    staging = SiteStaging(str(site_dir))
    assert not dead.exists() and not old_style.exists() and not retired.exists()
    assert mine.exists()
    staging.discard()


def test_a_site_folder_that_is_a_mount_point_swaps_its_contents(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "old.html").write_text("old", encoding="utf-8")
    monkeypatch.setattr(staging_module.os.path, "ismount", lambda path: Path(path) == site_dir)
    renamed: list[Path] = []
    real_rename = Path.rename

    def no_rename_of_the_mount(self: Path, target: Path) -> Path:   # what the kernel says: EBUSY
        if self == site_dir:
            raise OSError(16, "Device or resource busy")
        renamed.append(self)
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", no_rename_of_the_mount)
    staging = SiteStaging(str(site_dir))
    assert staging.staging.parent == site_dir
    (staging.staging / "index.html").write_text("new", encoding="utf-8")
    staging.commit()
    assert sorted(p.name for p in site_dir.iterdir()) == ["index.html"]
    assert (site_dir / "index.html").read_text(encoding="utf-8") == "new"


def test_builds_killed_at_random_moments_leave_the_old_site_and_no_leftovers(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugin_options={"search": False, "cards": {"enabled": False}, "cache": False})
    for number in range(30):
        site.add_article(f"a{number}", folder=f"articles/2026/{number % 12 + 1:02d}")
    assert site.build().returncode == 0
    good = {p.relative_to(site.site_dir).as_posix(): p.read_bytes() for p in site.site_dir.rglob("*") if p.is_file()}
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    rng = random.Random(11)
    for _ in range(3):
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-d", str(site.site_dir)],
                                   cwd=site.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(rng.uniform(0.3, 3.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = {p.relative_to(site.site_dir).as_posix(): p.read_bytes() for p in site.site_dir.rglob("*") if p.is_file()}
        # Killed before the swap: the old site; killed after it: a whole new one (same content here).
        assert now.keys() == good.keys()
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")]
