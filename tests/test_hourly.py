"""Hourly publishing: the workflow's schedule, and the deploy skipped when the built site is unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, Site, make_site
from test_workflow import load_workflow, step

sys.path.insert(0, str(REPO / "scripts"))
from site_hash import HASH_FILE, site_hash  # noqa: E402


def test_the_workflow_also_runs_every_hour_and_deploys_only_a_changed_site() -> None:
    workflow = load_workflow()
    assert [entry["cron"].split()[1:] for entry in workflow["on"]["schedule"]] == [["*", "*", "*", "*"]]
    build, deploy = workflow["jobs"]["site"], workflow["jobs"]["deploy"]
    assert "needs.site.outputs.changed == 'true'" in deploy["if"]
    assert build["outputs"]["changed"] == "${{ steps.compare.outputs.changed }}"
    # The hourly run rebuilds an already tested commit: the code jobs are skipped (test_workflow.py),
    # and skipped jobs do not hold the deploy back.
    assert "!cancelled()" in deploy["if"] and "!contains(needs.*.result, 'failure')" in deploy["if"]
    assert "steps.compare.outputs.changed == 'true'" in step(build, "Upload the site")["if"]


def run_compare(root: Path, event: str, deployed: str | None) -> str:
    """The workflow's compare step in ``root`` with a fake curl serving ``deployed``; its changed= output."""
    bin_dir = root / "bin"
    bin_dir.mkdir(exist_ok=True)
    curl = bin_dir / "curl"
    curl.write_text("#!/bin/sh\n" + (f"echo {deployed}\n" if deployed else "exit 22\n"), encoding="utf-8")
    curl.chmod(0o755)
    python = root / ".venv/bin/python"
    python.parent.mkdir(parents=True, exist_ok=True)
    if not python.exists():
        python.symlink_to(sys.executable)
    (root / "scripts").mkdir(exist_ok=True)
    (root / "scripts/site_hash.py").write_bytes((REPO / "scripts/site_hash.py").read_bytes())
    (root / ".site-url").write_text("https://user.github.io/repo/\n", encoding="utf-8")
    output = root / "github_output"
    output.write_text("", encoding="utf-8")
    script = step(load_workflow()["jobs"]["site"], "Compare with the deployed site")["run"]
    script = script.replace("${{ github.event_name }}", event)
    result = subprocess.run(["bash", "-e", "-c", script], cwd=root, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "GITHUB_OUTPUT": str(output)})
    assert result.returncode == 0, result.stderr
    return output.read_text(encoding="utf-8").strip()


def test_compare_step_skips_only_an_hourly_run_of_an_unchanged_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>news</p>", encoding="utf-8")
    same = site_hash(site)
    assert run_compare(tmp_path, "schedule", same) == "changed=false"
    assert (site / HASH_FILE).read_text(encoding="utf-8").strip() == same     # published with the site
    assert run_compare(tmp_path, "schedule", "0" * 64) == "changed=true"
    assert run_compare(tmp_path, "schedule", None) == "changed=true"         # first deploy: nothing to fetch
    assert run_compare(tmp_path, "push", same) == "changed=true"             # a push always deploys


def test_the_hash_ignores_pagefind_names_and_sees_any_page_change(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "index.html").write_text("a", encoding="utf-8")
    (site / "pagefind/ja_1.pf_filter").write_text("x", encoding="utf-8")
    before = site_hash(site)
    (site / "pagefind/ja_1.pf_filter").rename(site / "pagefind/ja_2.pf_filter")
    (site / HASH_FILE).write_text("old", encoding="utf-8")
    assert site_hash(site) == before
    (site / "index.html").write_text("b", encoding="utf-8")
    assert site_hash(site) != before


def test_rebuilding_unchanged_content_gives_the_same_hash_and_a_due_article_changes_it(tmp_path: Path) -> None:
    site: Site = make_site(tmp_path, site_url="https://user.github.io/repo/")
    site.add_article("first")
    site.add_article("later", publish_at="2026-12-02T18:00:00+09:00")
    hashes = []
    for now in ("2026-12-02T17:00:00+09:00", "2026-12-02T17:59:00+09:00", "2026-12-02T18:00:00+09:00"):
        os.environ["AINEWS_NOW"] = now
        try:
            result = site.build("--strict")
        finally:
            del os.environ["AINEWS_NOW"]
        assert result.returncode == 0, result.stderr
        hashes.append(site_hash(site.site_dir))
    assert hashes[0] == hashes[1] != hashes[2]
