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

pytestmark = pytest.mark.linux_only   # runs the workflow's bash steps

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
    script = step(load_workflow()["jobs"]["site"], BUILD_STEP)["run"]
    variables = {"SITE_URL": "", "OWNER": "User", "REPO": "repo", **env}
    return subprocess.run(["bash", "-e", "-c", script], cwd=root, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore", **variables})


ACTION = REPO / ".github/actions/setup/action.yml"
# The current major version of each action (checked against their releases, 2026).
CURRENT = {"actions/checkout": "v7", "actions/setup-python": "v7", "actions/cache": "v6",
           "actions/upload-pages-artifact": "v5", "actions/deploy-pages": "v5"}


def all_steps() -> list[dict[str, Any]]:
    workflow = load_workflow()
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return [s for job in workflow["jobs"].values() for s in job["steps"]] + action["runs"]["steps"]


def test_workflow_and_its_action_match_githubs_schemas() -> None:
    checker = Path(sys.executable).parent / "check-jsonschema"
    for schema, path in (("vendor.github-workflows", WORKFLOW), ("vendor.github-actions", ACTION)):
        result = subprocess.run([str(checker), "--builtin-schema", schema, str(path)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_on_its_current_major_version() -> None:
    used = {s["uses"] for s in all_steps() if "uses" in s and not s["uses"].startswith("./")}
    assert used and {u.split("@")[0] for u in used} <= set(CURRENT)
    assert sorted(u for u in used if u.split("@")[1] != CURRENT[u.split("@")[0]]) == []


def test_workflow_builds_on_pull_requests_and_deploys_only_from_main() -> None:
    workflow = load_workflow()
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "pull_request" in workflow["on"]
    jobs = workflow["jobs"]
    site, deploy = jobs["site"], jobs["deploy"]
    assert set(deploy["needs"]) == {"site", "tests", "properdocs", "portable"}
    assert "github.event_name != 'pull_request'" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert uses(deploy) == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"
    assert "actions/upload-pages-artifact" in uses(site)
    assert "pull_request" in step(site, "Upload the site")["if"]


def test_workflow_permissions_and_concurrency() -> None:
    workflow = load_workflow()
    assert workflow["permissions"] == {"contents": "read"}
    # Only the deploy job may publish; the others run with a read-only token.
    assert [name for name, job in workflow["jobs"].items() if "permissions" in job] == ["deploy"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_the_install_is_cached_and_locked_and_the_font_comes_from_the_workflow() -> None:
    steps = yaml.safe_load(ACTION.read_text(encoding="utf-8"))["runs"]["steps"]
    venv = next(s for s in steps if s.get("id") == "venv")
    assert venv["uses"].startswith("actions/cache@") and venv["with"]["path"] == ".venv"
    assert "hashFiles('constraints.txt', 'pyproject.toml')" in venv["with"]["key"]
    install = next(s for s in steps if "pip install -c constraints.txt -e '.[test]'" in s.get("run", ""))
    assert install["if"] == "steps.venv.outputs.cache-hit != 'true'"
    assert "touch .venv/.installed" in install["run"]      # so `make test` does not install again
    font = next(s for s in steps if "fonts-noto-cjk" in s.get("run", ""))
    assert "apt-get install" in font["run"] and "inputs.font == 'true'" in font["if"]
    jobs = load_workflow()["jobs"]
    for name in ("site", "tests", "properdocs"):
        assert {"uses": "./.github/actions/setup", "with": {"font": "true"}} in jobs[name]["steps"]
    scripts = [s.get("run", "") for s in jobs["site"]["steps"]]
    check = next(i for i, s in enumerate(scripts) if "ainews check" in s)
    build = next(i for i, s in enumerate(scripts) if "mkdocs build --strict" in s)
    assert check < build
    assert any("make test" in s.get("run", "") for s in jobs["tests"]["steps"])


def test_the_deploy_build_keeps_its_cache_keyed_on_the_library_versions() -> None:
    site = load_workflow()["jobs"]["site"]
    names = [s.get("name") for s in site["steps"]]
    cache = step(site, "Restore the build cache (.cache/)")
    assert names.index("Restore the build cache (.cache/)") < names.index(BUILD_STEP)
    assert cache["with"]["path"].split() == [".cache/ainews", ".cache/cards"]
    assert "hashFiles('constraints.txt')" in cache["with"]["key"] and "github.run_id" in cache["with"]["key"]
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])


def _touched(tmp_path: Path, changed: dict[str, str], event: str = "pull_request") -> str:
    """Run the workflow's "What the change touches" step on a branch that changes ``changed``."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    git("init", "-q")
    (tmp_path / "content").mkdir()
    (tmp_path / "content/a.md").write_text("a")
    (tmp_path / "Makefile").write_text("all:")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "base")
    base = git("rev-parse", "HEAD").strip()
    for name, text in changed.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "change", "--allow-empty")
    output = tmp_path / "out"
    script = step(load_workflow()["jobs"]["changes"], "What the change touches")["run"]
    subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, check=True, capture_output=True, text=True,
                   env={**os.environ, "EVENT": event, "BASE": base, "GITHUB_OUTPUT": str(output)})
    return output.read_text().strip()


@pytest.mark.parametrize(("changed", "event", "code"), [
    ({"content/articles/2026/12/new.md": "x", "content/tags.yml": "x"}, "pull_request", "code=false"),
    ({"content/a.md": "b", "plugins/x.py": "x"}, "pull_request", "code=true"),
    ({"Makefile": "b"}, "pull_request", "code=true"),
    ({"content/a.md": "b"}, "push", "code=true"),
    ({"plugins/x.py": "x"}, "schedule", "code=false"),      # the hourly rebuild of a tested commit
])
def test_a_content_only_pull_request_skips_the_code_jobs(tmp_path: Path, changed: dict[str, str], event: str,
                                                        code: str) -> None:
    assert _touched(tmp_path, changed, event) == code
    jobs = load_workflow()["jobs"]
    for name in ("tests", "properdocs", "portable"):
        assert jobs[name]["needs"] == "changes" and jobs[name]["if"] == "needs.changes.outputs.code == 'true'"
    assert "needs" not in jobs["site"]     # the fast check always runs


def test_macos_and_windows_run_the_portable_tests_and_a_strict_build() -> None:
    portable = load_workflow()["jobs"]["portable"]
    assert portable["strategy"]["matrix"]["os"] == ["macos-latest", "windows-latest"]
    runs = [s.get("run", "") for s in portable["steps"]]
    assert any("pytest" in r and '-m "not linux_only"' in r and "--ignore=tests/browser" in r for r in runs)
    assert any("mkdocs build --strict" in r for r in runs)


def test_properdocs_job_builds_and_serves() -> None:
    job = load_workflow()["jobs"]["properdocs"]
    assert any("tests/test_properdocs.py" in s.get("run", "") for s in job["steps"])


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
    script = step(load_workflow()["jobs"]["site"], BUILD_STEP)["run"].replace(".venv/bin/mkdocs", str(stub))
    variables = {"SITE_URL": "", "OWNER": "User", "REPO": "repo", **env}
    run = subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, capture_output=True, text=True,
                         env={**os.environ, **variables})
    assert run.returncode == 0, run.stderr
    config = yaml.safe_load((tmp_path / ".mkdocs.pages.yml").read_text(encoding="utf-8"))
    assert config == {"INHERIT": "mkdocs.yml", "site_url": site_url}
    assert (tmp_path / "mkdocs-args").read_text().split() == [
        "build", "--strict", "--config-file", ".mkdocs.pages.yml", "--site-dir", "site"]
