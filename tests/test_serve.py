"""Live preview for real: `mkdocs serve` on a free loopback port, edited while it runs.

The seconds from save to served are printed (`pytest -s` shows them); the
sample site and 1,000 articles are measured by scripts/serve_latency.py.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

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
