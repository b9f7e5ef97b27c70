"""The benchmark still runs end to end (on a tiny corpus: CI proves it works, it does not time it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_benchmark_runs_on_a_small_corpus(tmp_path: Path) -> None:
    report = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "bench/run.py"), "--n", "20", "--reps", "1",
         "--only", "floor,ours-core,ours-warm,ours-add-one", "--json", str(report), "--python", sys.executable],
        capture_output=True, text=True, timeout=600, cwd=REPO)
    assert result.returncode == 0, result.stderr[-2000:]
    results = {r["name"]: r for r in json.loads(report.read_text(encoding="utf-8"))["results"]}
    for name in ("floor", "ours-core", "ours-warm", "ours-add-one"):
        assert results[name]["status"] == "ok", results[name]["reason"]
        assert results[name]["runs"][0]["wall_s"] > 0
    assert results["ours-core"]["html_files"] > 20     # articles plus the listing pages
    # The added article has its page (and the corpus is left as generated for the next target).
    assert results["ours-add-one"]["html_files"] > results["ours-warm"]["html_files"]
