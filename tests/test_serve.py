"""Live preview for real: `mkdocs serve` on a free loopback port, edited while it runs.

The seconds from save to served are printed (`pytest -s` shows them); the
sample site and 1,000 articles are measured by scripts/serve_latency.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

from conftest import Site, make_site
from ainews.news.staging import SERVE_STATUS
from serving import MkDocsServer, edit

PAGE = "articles/seed/"
ERROR_LINE = "content/articles/2026/06/seed.md: scores.depth: must be an integer from 1 to 5, got 9"
# Generous for a loaded CI machine; on an idle laptop the tiny site takes well under a second.
MAX_SECONDS = 15


def small_site(root: Path) -> Site:
    site = make_site(root, site_url="https://example.github.io/ainews/")
    site.add_article("seed", body="最初の翻訳です。\n\n<!-- original -->\n\nThe first original.\n")
    site.add_article("other", folder="articles/2026/05", published="2026-05-30T10:00:00+09:00")
    return site


def break_scores(path: Path) -> float:
    return edit(path, "depth: 5", "depth: 9")


def test_edits_are_served_and_errors_are_shown_then_recovered(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    article = site.content / "articles/2026/06/seed.md"
    with MkDocsServer(site.root) as server:
        base = server.wait_until_serving()
        assert base.endswith("/ainews/"), base            # served under the site_url's path
        status, html = server.get(PAGE)
        assert status == 200 and "最初の翻訳です。" in html
        assert server.get(SERVE_STATUS)[0] == 404

        saved = edit(article, "最初の翻訳です。", "編集した翻訳です。")
        server.wait_for(PAGE, lambda text: "編集した翻訳です。" in text, timeout=MAX_SECONDS * 4)
        seconds = time.perf_counter() - saved
        print(f"\nmkdocs serve: save -> served in {seconds:.2f}s")
        assert seconds < MAX_SECONDS

        # Invalid: the terminal shows the build's own one-line error ...
        since = break_scores(article)
        shown = server.wait_for_output(ERROR_LINE, since, timeout=MAX_SECONDS * 4)
        assert any(line.endswith(f" {ERROR_LINE}") for line in shown.splitlines()), shown
        # ... the last good page is still served, at once ...
        server.wait_for(SERVE_STATUS, lambda text: ERROR_LINE in json.loads(text)["errors"], timeout=MAX_SECONDS)
        started = time.perf_counter()
        status, html = server.get(PAGE, timeout=5)
        assert status == 200 and "編集した翻訳です。" in html, f"no good page in {time.perf_counter() - started:.1f}s"
        assert "ainews-serve-status" in html              # the box that lists the errors over the page
        assert server.alive()

        # ... and fixing the file brings the new text and clears the errors.
        saved = edit(article, "depth: 9", "depth: 5")
        edit(article, "編集した翻訳です。", "直した翻訳です。")
        server.wait_for(PAGE, lambda text: "直した翻訳です。" in text, timeout=MAX_SECONDS * 4)
        print(f"mkdocs serve: fixed -> served in {time.perf_counter() - saved:.2f}s")
        assert server.get(SERVE_STATUS)[0] == 404
        assert server.alive()


def test_invalid_content_at_start_is_reported_and_serve_stops(tmp_path: Path) -> None:
    # There is no last good site to show yet: the preview says why and exits.
    site = make_site(tmp_path)
    site.add_article("seed", scores={"depth": 9, "relevance": 5, "practicality": 3, "novelty": 4})
    with MkDocsServer(site.root) as server:
        assert server.process is not None
        assert server.process.wait(timeout=60) == 1
        time.sleep(0.2)
        assert ERROR_LINE in server.output.splitlines()


class LivePreview:
    """tests/preview_driver.py --live: the builds `mkdocs serve` runs, one rebuild per call."""

    def __init__(self, project: Path, site_dir: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER), str(project), str(site_dir), "--live"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=project, env=DRIVER_ENV)
        self.read_until("ready")

    def read_until(self, marker: str) -> str:
        assert self.process.stdout is not None
        lines = []
        for line in self.process.stdout:
            if line.strip() == marker:
                return "".join(lines)
            lines.append(line)
        raise AssertionError("the preview driver stopped:\n" + "".join(lines))

    def rebuild(self) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write("rebuild\n")
        self.process.stdin.flush()
        return self.read_until("done")

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=60)


DRIVER = Path(__file__).resolve().parent / "preview_driver.py"
DRIVER_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}


def site_files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and not path.name.startswith("sitemap")}   # a preview's sitemap is not kept up to date


def fresh_preview(project: Path, site_dir: Path) -> dict[str, bytes]:
    done = subprocess.run([sys.executable, str(DRIVER), str(project), str(site_dir)], cwd=project, env=DRIVER_ENV,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return site_files(site_dir)


def rendered_again(log: str) -> int:
    found = re.search(r"preview: (\d+) pages rendered again", log)
    assert found, f"the preview ran a full build:\n{log}"
    return int(found.group(1))


def test_preview_updates_equal_a_fresh_build_after_every_kind_of_edit(tmp_path: Path) -> None:
    site = make_site(tmp_path / "project", plugin_options={"search": False})
    site.add_article("seed", body="最初の翻訳です。\n\n<!-- original -->\n\nThe first original.\n")
    site.add_article("other", folder="articles/2026/05", published="2026-05-30T10:00:00+09:00",
                     tags=["Alignment", "Robotics"])
    site.add_article("third", folder="articles/2026/05", published="2026-05-20T10:00:00+09:00", tags=["Robotics"])
    site.add_article("wip", draft=True, published="2026-06-03T10:00:00+09:00")
    seed = site.content / "articles/2026/06/seed.md"
    live = LivePreview(site.root, tmp_path / "live")
    steps: list[tuple[str, Callable[[], object], int | None]] = [
        # (what the editor does, the edit, most pages the update may render)
        ("edit a body", lambda: edit(seed, "最初の翻訳です。", "編集した翻訳です。"), 12),
        ("edit a title", lambda: edit(seed, "Opus 4.8 パート2", "Opus 4.9 パート2"), 16),
        ("add an article", lambda: site.add_article("added", published="2026-06-04T08:00:00+09:00",
                                                    tags=["Robotics", "Policy"]), None),
        ("retag", lambda: edit(site.content / "articles/2026/05/third.md", "- Robotics", "- Alignment"), None),
        ("delete", lambda: (site.content / "articles/2026/05/other.md").unlink(), None),
        ("publish the draft", lambda: edit(site.content / "articles/2026/06/wip.md", "draft: true", "draft: false"),
         None),
        ("make invalid", lambda: break_scores(seed), 0),
        ("fix", lambda: edit(seed, "depth: 9", "depth: 5"), None),
    ]
    fresh: dict[str, bytes] = {}
    try:
        for number, (what, change, most) in enumerate(steps):
            time.sleep(0.01)   # a new modification time, as between an editor's saves
            change()
            count = rendered_again(live.rebuild())
            print(f"{what}: {count} pages rendered again")
            if most is not None:
                assert count <= most, f"{what}: {count} pages rendered"
            preview = site_files(tmp_path / "live")
            if what == "make invalid":   # the last good pages stay, with the errors listed beside them
                assert ERROR_LINE in json.loads(preview.pop(SERVE_STATUS))["errors"]
            else:
                fresh = fresh_preview(site.root, tmp_path / f"fresh-{number}")
            assert preview.keys() == fresh.keys(), (what, preview.keys() ^ fresh.keys())
            differ = [name for name in fresh if preview[name] != fresh[name]]
            assert not differ, (what, differ)
    finally:
        live.close()
