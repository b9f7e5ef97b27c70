"""Faults leave nothing behind: a killed build's folders go with the next build; a mounted site folder builds."""

from __future__ import annotations

import errno
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from ainews.news import staging as staging_module
from ainews.news.staging import SiteStaging
from ainews.render.bodies import RenderedBody
from ainews.site import search as search_module
from ainews.site.search import SearchIndexer
from conftest import Site, make_site
from test_related import _SEED


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


# --- kill -9: nothing is left behind ------------------------------------------------------------------

def marked_processes(mark: str) -> list[int]:
    """Live processes whose environment carries ``mark`` (a build, its workers, Pagefind)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if mark.encode() in (entry / "environ").read_bytes():
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":   # a zombie is dead: only its parent's wait is missing
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


def gone_within(mark: str, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := marked_processes(mark)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def site_files(folder: Path) -> list[str]:
    """Every file of a site; Pagefind's content-hashed names (they differ from build to build) as H."""
    names = (p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    return sorted(re.sub(r"[0-9a-f]{7,}", "H", name) if name.startswith("pagefind") else name for name in names)


@pytest.mark.linux_only   # /proc and kill -9
def test_builds_killed_at_random_moments_leave_the_old_site_and_no_leftovers(tmp_path: Path) -> None:
    """Workers (bodies, pages) and Pagefind die with a killed build; the next build removes its
    staging and temp folders; killed before the swap the old site stays, after it the new one."""
    site = make_site(tmp_path / "project", plugin_options={"cards": {"enabled": False}, "cache": False, "workers": 2})
    for number in range(45):   # past the body pool's threshold: workers render them
        site.add_article(f"a{number}", folder=f"articles/2026/{number % 12 + 1:02d}")
    temp = tmp_path / "tmp"
    temp.mkdir()
    mark = f"AINEWS_FAULT_{uuid.uuid4().hex}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore", "TMPDIR": str(temp), mark: "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(site.site_dir)]
    started = time.monotonic()
    assert subprocess.run(command, cwd=site.root, env=env, capture_output=True).returncode == 0
    seconds = time.monotonic() - started
    good = site_files(site.site_dir)
    assert any(name.startswith("pagefind/") for name in good)
    rng = random.Random(11)
    moments = [rng.uniform(0.2, seconds) for _ in range(3)] + [None]   # None: as soon as a child runs
    for moment in moments:
        process = subprocess.Popen(command, cwd=site.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env=env)
        if moment is None:
            deadline = time.monotonic() + seconds * 3
            while not [pid for pid in marked_processes(mark) if pid != process.pid] and process.poll() is None:
                assert time.monotonic() < deadline, "no worker or Pagefind started"
                time.sleep(0.02)
        else:
            time.sleep(moment)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert not gone_within(mark, 10), "a child process outlived its killed build"
        # Killed before the swap: the old site; killed after it: a whole new one (same files here).
        assert site_files(site.site_dir) == good
    result = subprocess.run(command, cwd=site.root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert site_files(site.site_dir) == good
    assert not [p.name for p in site.root.iterdir() if p.name.startswith(".site.")]
    assert not list(temp.iterdir()), "a temp folder of a killed build is left"
    assert not marked_processes(mark)


@pytest.mark.linux_only
def test_a_worker_whose_parent_is_killed_ends_too(tmp_path: Path) -> None:
    """The pool's workers on their own: the parent killed mid-batch, no worker is left running."""
    mark = f"AINEWS_FAULT_{uuid.uuid4().hex}"
    script = ("import time\n"
              "from ainews.render.pool import map_batches\n"
              "def slow(batch):\n    time.sleep(600)\n    return batch\n"
              "if __name__ == '__main__':\n    map_batches(slow, list(range(4)), 2)\n")
    (tmp_path / "pooled.py").write_text(script, encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(tmp_path / "pooled.py")], cwd=tmp_path,
                               env={**os.environ, mark: "1"})
    deadline = time.monotonic() + 60
    while len([pid for pid in marked_processes(mark) if pid != process.pid]) < 2:
        assert time.monotonic() < deadline and process.poll() is None, "the workers did not start"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not gone_within(mark, 10)


def test_search_input_folders_of_dead_builds_are_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = tmp_path / "ainews-search-999999-abcd"
    old_style = tmp_path / "ainews-search-k2j3h4"
    mine = tmp_path / f"ainews-search-{os.getpid()}-live"
    other = tmp_path / "ainews-searching-999999"
    for folder in (dead, old_style, mine, other):
        folder.mkdir()
    SearchIndexer().reset()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, other.name])



def _search_inputs(count: int, word: str) -> tuple[list[Any], dict[str, RenderedBody]]:
    articles = [replace(_SEED, slug=f"a{n}", src_uri=f"a{n}.md") for n in range(count)]
    return articles, {a.src_uri: RenderedBody(f"<p>{word}の本文{n}。</p>" * 20, None) for n, a in enumerate(articles)}


def test_search_runs_started_together_never_overlap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each start supersedes the last run: Pagefind processes never write one bundle at the same
    # time, and no thread dies with a traceback (a FileNotFoundError in the preview, once).
    crashed: list[str] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: crashed.append(repr(args.exc_value)))
    indexer = SearchIndexer()
    for round_ in range(3):
        starts = [threading.Thread(target=indexer.start, args=(*_search_inputs(60, f"語{round_}{k}"), str(tmp_path)),
                                   kwargs={"partition": 30, "background": True}) for k in range(3)]
        for thread in starts:
            thread.start()
        for thread in starts:
            thread.join()
    indexer.wait()
    assert crashed == []
    for bundle in ("pagefind", "pagefind-2"):
        assert json.loads((tmp_path / bundle / "pagefind-entry.json").read_text())["languages"]["zxx"]["page_count"] == 30


def test_a_search_run_whose_files_vanish_fails_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    crashed: list[str] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: crashed.append(repr(args.exc_value)))

    def vanished(*args: Any) -> str:
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", "x")
    monkeypatch.setattr(search_module, "render_search_document", vanished)
    indexer = SearchIndexer()
    indexer.start(*_search_inputs(3, "語"), str(tmp_path), partition=30)
    with pytest.raises(PluginError, match=r"^search: cannot index: No such file or directory$"):
        indexer.wait()
    assert crashed == []


def test_a_preview_s_search_run_that_fails_is_said_once_with_nobody_waiting(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # `mkdocs serve` never waits for its index: the failure must reach the terminal by itself.
    def vanished(*args: Any) -> str:
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", "x")
    monkeypatch.setattr(search_module, "render_search_document", vanished)
    said: list[str] = []
    indexer = SearchIndexer(report_background=said.append)
    indexer.start(*_search_inputs(3, "語"), str(tmp_path), partition=30, background=True)
    assert indexer.watcher is not None
    indexer.watcher.join(timeout=120)
    assert said == ["search: cannot index: No such file or directory"]
    indexer.cancel()   # the next build: nothing more is said
    assert said == ["search: cannot index: No such file or directory"]


def test_a_cancelled_preview_search_run_says_nothing(tmp_path: Path) -> None:
    said: list[str] = []
    indexer = SearchIndexer(report_background=said.append)
    indexer.start(*_search_inputs(60, "語"), str(tmp_path), partition=30, background=True)
    indexer.cancel()
    indexer.start(*_search_inputs(60, "語"), str(tmp_path), partition=30, background=True)
    indexer.wait()
    assert said == []
    assert json.loads((tmp_path / "pagefind-2" / "pagefind-entry.json").read_text())["languages"]["zxx"]["page_count"] == 30


def test_half_written_cache_entries_of_dead_builds_are_removed(tmp_path: Path) -> None:
    # A build killed between writing a cache entry's temporary file and renaming it leaves the
    # file behind; the next build removes it, but not one a running build is still writing.
    site = make_site(tmp_path / "project", plugin_options={"search": False, "cards": {"enabled": False}})
    site.add_article("seed")
    assert site.build().returncode == 0
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()                                 # its pid: a process that is gone
    cache = site.root / ".cache" / "ainews"
    dead = [cache / "bodies" / "ab" / f"ab12.{finished.pid}.tmp", cache / "pages" / "cd" / f".cd34.html.z.{finished.pid}.tmp"]
    live = [cache / "bodies" / "ab" / f"ab56.{os.getpid()}.tmp", cache / "pages" / "cd" / f".cd78.html.z.{os.getpid()}.tmp"]
    for path in dead + live:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{half", encoding="utf-8")
    assert site.build().returncode == 0
    assert [path for path in dead if path.exists()] == []
    assert all(path.exists() for path in live)

# --- the preview's folder is known by the command, not by its name ----------------------------------------

@pytest.mark.parametrize("preview_name", [True, False])
def test_a_late_failure_keeps_the_old_site_whatever_the_folder_s_name(tmp_path: Path, preview_name: bool) -> None:
    """`--strict` fails after every page is written; a folder named as `mkdocs serve` names its
    own (/tmp/mkdocs_*) is still a build's, staged."""
    site = make_site(tmp_path / "project", plugin_options={"search": False, "cards": {"enabled": False}})
    site.add_article("seed")
    target = Path(tempfile.mkdtemp(prefix="mkdocs_" if preview_name else "site_"))
    try:
        assert site.build("-d", str(target)).returncode == 0
        before = {p.relative_to(target).as_posix(): p.read_bytes() for p in target.rglob("*") if p.is_file()}
        # A warning fails --strict only after every page is written: a late failure.
        site.write("pages/broken.md", "# 壊れたリンク\n\n[どこにもない](missing.md)\n")
        result = site.build("-d", str(target), "--strict")
        assert result.returncode == 1, result.stderr
        after = {p.relative_to(target).as_posix(): p.read_bytes() for p in target.rglob("*") if p.is_file()}
        assert after == before
        assert not [p for p in target.parent.glob(f".{target.name}.*")]
    finally:
        shutil.rmtree(target, ignore_errors=True)


# --- a full disk, a read-only or foreign site folder: one line, the old site kept ---------------------------

def run_build_with_fault(site: Site, fault: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` in a process where ``fault`` (Python run first) makes some write fail."""
    code = f"import sys, errno, os, pathlib, tempfile\n{fault}\nfrom mkdocs.__main__ import cli\n" \
           f"cli(['build', '-f', {str(site.root / 'mkdocs.yml')!r}, '-d', {str(site.site_dir)!r}, *{list(extra)!r}])\n"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore", "AINEWS_LANG": "en"}
    return subprocess.run([sys.executable, "-c", code], cwd=site.root, env=env, capture_output=True, text=True,
                          timeout=300)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built(tmp_path: Path) -> Site:
    site = make_site(tmp_path / "project", plugin_options={"search": False, "cards": {"enabled": False}})
    site.add_article("seed")
    site.add_article("other", published="2026-06-01T09:00:00+09:00")
    assert site.build().returncode == 0
    site.add_article("third", published="2026-06-03T09:00:00+09:00")   # the next build has more to write
    return site


def assert_one_site_line(result: subprocess.CompletedProcess[str], site: Site, reason: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [f"ERROR   -  ainews: site: cannot write {site.site_dir}: {reason}; the previous site is kept"], \
        result.stderr
    assert not [p.name for p in site.root.iterdir() if p.name.startswith(".site.")]


DISK_FULL = """
import mkdocs.utils
_real = mkdocs.utils.write_file
_count = [0]
def write_file(content, output_path):
    _count[0] += 1
    if _count[0] > 3:   # a few pages fit, then the disk is full
        raise OSError(errno.{code}, os.strerror(errno.{code}), output_path)
    return _real(content, output_path)
mkdocs.utils.write_file = write_file
"""


@pytest.mark.parametrize("code, reason", [("ENOSPC", "the disk is full"), ("EDQUOT", "the disk quota is used up")])
def test_a_full_disk_is_one_line_and_the_old_site_stays(built: Site, code: str, reason: str) -> None:
    before = snapshot(built.site_dir)
    result = run_build_with_fault(built, DISK_FULL.format(code=code))
    assert_one_site_line(result, built, reason)
    assert snapshot(built.site_dir) == before


@pytest.mark.parametrize("code, reason", [("ENOSPC", "the disk is full"), ("EACCES", "permission denied")])
def test_a_full_disk_in_the_first_preview_build_is_one_line(built: Site, code: str, reason: str) -> None:
    # `mkdocs serve` runs its first build before it serves anything: a disk error there stops it,
    # in one line like a build's, instead of a traceback.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code_text = f"import sys, errno, os\n{DISK_FULL.format(code=code)}\nfrom mkdocs.__main__ import cli\n" \
                f"cli(['serve', '-f', {str(built.root / 'mkdocs.yml')!r}, '-a', '127.0.0.1:{port}'])\n"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore", "AINEWS_LANG": "en"}
    result = subprocess.run([sys.executable, "-c", code_text], cwd=built.root, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, result.stderr
    assert re.fullmatch(rf"ERROR   -  ainews: site: cannot write \S+: {reason}", errors[0]), errors


@pytest.mark.linux_only   # RLIMIT_FSIZE: the kernel itself refuses the write (EFBIG)
def test_a_file_size_limit_hit_for_real_is_one_line_and_the_old_site_stays(built: Site) -> None:
    before = snapshot(built.site_dir)
    limit = max(len(data) for data in before.values()) // 2   # the bigger pages cannot be written
    fault = f"import resource\nresource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))"
    result = run_build_with_fault(built, fault)
    assert_one_site_line(result, built, "a file is larger than the system allows")
    assert snapshot(built.site_dir) == before


def test_a_read_only_site_folder_is_one_line(built: Site) -> None:
    before = snapshot(built.site_dir)
    fault = f"""
_real = tempfile.mkdtemp
def mkdtemp(*args, **kwargs):
    if str(kwargs.get("dir")) == {str(built.root)!r}:   # the site folder's parent: mounted read-only
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), kwargs["dir"])
    return _real(*args, **kwargs)
tempfile.mkdtemp = mkdtemp
"""
    assert_one_site_line(run_build_with_fault(built, fault), built, "the file system is read-only")
    assert snapshot(built.site_dir) == before


def test_a_swap_refused_by_the_folder_puts_the_old_site_back(built: Site) -> None:
    before = snapshot(built.site_dir)
    fault = """
_real = pathlib.Path.rename
def rename(self, target):
    if pathlib.Path(target).name == "site" and ".building-" in self.name:   # someone else's folder
        raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(target))
    return _real(self, target)
pathlib.Path.rename = rename
"""
    assert_one_site_line(run_build_with_fault(built, fault), built, "permission denied")
    assert snapshot(built.site_dir) == before
