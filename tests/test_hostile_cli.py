"""Every `ainews` command that cannot write its output says so in one line: no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Site, make_site

ENV = {**os.environ, "AINEWS_LANG": "en"}


def run(root: Path, *args: str, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ainews.cli.main", *args], cwd=root, env=ENV, text=True,
                          stdout=stdout, stderr=subprocess.PIPE, timeout=120)  # type: ignore[call-overload]


@pytest.fixture
def project(tmp_path: Path) -> Site:
    site = make_site(tmp_path / "project")
    site.add_article("seed")
    return site


def assert_one_line(result: subprocess.CompletedProcess[str], start: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(start), result.stderr


def test_schema_into_a_missing_folder(project: Site, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "dir" / "x.json"
    result = run(project.root, "schema", "-o", str(target))
    assert_one_line(result, f"ainews schema: {target}: cannot be read or written: ")
    assert "No such file or directory" in result.stderr


def test_schema_onto_a_folder(project: Site, tmp_path: Path) -> None:
    assert_one_line(run(project.root, "schema", "-o", str(tmp_path)), f"ainews schema: {tmp_path}: ")


def test_new_where_the_month_folder_is_a_file(project: Site) -> None:
    (project.content / "articles" / "2030").write_text("not a folder", encoding="utf-8")
    result = run(project.root, "new", "https://example.com/news/x", "--date", "2030-01-02")
    assert_one_line(result, "ainews new: ")
    assert "articles/2030" in result.stderr


@pytest.mark.linux_only   # /dev/full: every write fails with ENOSPC
@pytest.mark.parametrize("args", [("stats",), ("stats", "--json"), ("schema",)])
def test_output_to_a_full_disk(project: Site, args: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        result = run(project.root, *args, stdout=full)
    assert_one_line(result, f"ainews {args[0]}: -: cannot be read or written: the disk is full")
