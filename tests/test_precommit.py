"""The commit hook works from a GUI git client: no activated venv, nothing of the project on PATH."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_sample_project, make_article

pytestmark = pytest.mark.linux_only   # links .venv in, runs git's shell hook


def git(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=600, env=env)


def test_the_hook_stops_a_bad_article_with_a_bare_path(tmp_path: Path) -> None:
    site = copy_sample_project(tmp_path / "repo")
    root = site.root
    shutil.copy(REPO / ".pre-commit-config.yaml", root)
    (root / "scripts").mkdir()
    shutil.copy(REPO / "scripts" / "precommit_check.py", root / "scripts")
    (root / ".venv").symlink_to(Path(sys.prefix))       # what `make setup` made
    (root / ".gitignore").write_text(".venv\nsite/\n")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "start", "--no-verify")
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=root, capture_output=True,
                               text=True, timeout=120)
    assert installed.returncode == 0, installed.stderr

    # A GUI client's environment: a bare PATH, no venv, the user's home for pre-commit's cache.
    bare = {"PATH": os.pathsep.join(p for p in ("/usr/bin", "/bin") if Path(p).is_dir()),
            "HOME": str(tmp_path / "home"), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
            "AINEWS_LANG": "both", **{k: v for k, v in os.environ.items() if k.startswith("PIP_")}}
    bad = root / "content/articles/2026/12/bad.md"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text(make_article(scores={"depth": "４", "relevance": 5, "practicality": 3, "novelty": 4}),
                   encoding="utf-8")
    git(root, "add", str(bad))
    commit = git(root, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-m", "bad", env=bare)
    output = commit.stdout + commit.stderr
    assert commit.returncode != 0, output
    assert ("content/articles/2026/12/bad.md: scores.depth: 1〜5 の整数にしてください（値: '４'）。全角数字です。"
            "半角で 4 と書いてください / must be an integer from 1 to 5, got '４': full-width digits, write 4") in output

    bad.write_text(make_article(), encoding="utf-8")
    git(root, "add", str(bad))
    commit = git(root, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-m", "good", env=bare)
    assert commit.returncode == 0, commit.stdout + commit.stderr
