"""The GitHub Pages workflow: valid for GitHub, and doing what the README promises."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO

WORKFLOW = REPO / ".github/workflows/publish.yml"
BUILD_STEP = "Build the site"


def load_workflow() -> dict[str, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))      # YAML 1.1 reads the key `on` as true
    return data


def step(job: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in job["steps"] if s.get("name") == name)


def uses(job: dict[str, Any]) -> list[str]:
    return [s["uses"].split("@")[0] for s in job["steps"] if "uses" in s]


def run_build_step(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the workflow's build step in ``root`` as CI would, with ``.venv/bin/mkdocs`` this Python's."""
    mkdocs = root / ".venv/bin/mkdocs"
    mkdocs.parent.mkdir(parents=True, exist_ok=True)
    mkdocs.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m mkdocs "$@"\n', encoding="utf-8")
    mkdocs.chmod(0o755)
    script = step(load_workflow()["jobs"]["build"], BUILD_STEP)["run"]
    variables = {"SITE_URL": "", "OWNER": "User", "REPO": "repo", **env}
    return subprocess.run(["bash", "-e", "-c", script], cwd=root, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore", **variables})


def test_workflow_matches_githubs_schema() -> None:
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_builds_on_pull_requests_and_deploys_only_from_main() -> None:
    workflow = load_workflow()
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "pull_request" in workflow["on"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "github.event_name != 'pull_request'" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert uses(deploy) == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"
    assert "actions/upload-pages-artifact" in uses(build)
    assert "pull_request" in step(build, "Upload the site")["if"]


def test_workflow_permissions_and_concurrency() -> None:
    workflow = load_workflow()
    assert workflow["permissions"] == {"contents": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    # Only the deploy job may publish; the build job runs the tests with a read-only token.
    assert "permissions" not in build
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_workflow_installs_locked_dependencies_with_a_cache_then_tests_and_builds_strictly() -> None:
    build = load_workflow()["jobs"]["build"]
    python = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip"
    assert "constraints.txt" in python["with"]["cache-dependency-path"]
    scripts = [s.get("run", "") for s in build["steps"]]
    install = next(i for i, s in enumerate(scripts) if "pip install -c constraints.txt -e '.[test]'" in s)
    tests = next(i for i, s in enumerate(scripts) if "make test" in s)
    site = next(i for i, s in enumerate(scripts) if "mkdocs build --strict" in s)
    assert install < tests < site
    assert "touch .venv/.installed" in scripts[install]     # so `make test` does not install again
    assert any("ainews check" in s for s in scripts)


@pytest.mark.parametrize(("env", "site_url"), [
    ({}, "https://user.github.io/repo/"),
    ({"OWNER": "User", "REPO": "User.github.io"}, "https://user.github.io/"),
    ({"SITE_URL": "https://news.example.jp"}, "https://news.example.jp/"),
    ({"SITE_URL": "https://news.example.jp/ai/"}, "https://news.example.jp/ai/"),
])
def test_build_step_chooses_the_site_url(tmp_path: Path, env: dict[str, str], site_url: str) -> None:
    # Replace mkdocs with a stub that only records its arguments: this test is about the URL.
    stub = tmp_path / "stub-mkdocs"
    stub.write_text('#!/bin/sh\necho "$@" > mkdocs-args\n', encoding="utf-8")
    stub.chmod(0o755)
    script = step(load_workflow()["jobs"]["build"], BUILD_STEP)["run"].replace(".venv/bin/mkdocs", str(stub))
    variables = {"SITE_URL": "", "OWNER": "User", "REPO": "repo", **env}
    run = subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, capture_output=True, text=True,
                         env={**os.environ, **variables})
    assert run.returncode == 0, run.stderr
    config = yaml.safe_load((tmp_path / ".mkdocs.pages.yml").read_text(encoding="utf-8"))
    assert config == {"INHERIT": "mkdocs.yml", "site_url": site_url}
    assert (tmp_path / "mkdocs-args").read_text().split() == [
        "build", "--strict", "--config-file", ".mkdocs.pages.yml", "--site-dir", "site"]
