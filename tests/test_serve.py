"""Live preview for real: `mkdocs serve` on a free loopback port, edited while it runs.

The seconds from save to served are printed (`pytest -s` shows them); the
sample site and 1,000 articles are measured by scripts/serve_latency.py.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import Site, make_site
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

        saved = edit(article, "最初の翻訳です。", "編集した翻訳です。")
        server.wait_for(PAGE, lambda text: "編集した翻訳です。" in text, timeout=MAX_SECONDS * 4)
        seconds = time.perf_counter() - saved
        print(f"\nmkdocs serve: save -> served in {seconds:.2f}s")
        assert seconds < MAX_SECONDS

        since = break_scores(article)
        shown = server.wait_for_output(ERROR_LINE, since, timeout=MAX_SECONDS * 4)
        assert ERROR_LINE in shown.splitlines()          # the build's own one-line error, on its own line
        time.sleep(0.5)
        assert server.alive()

        saved = edit(article, "depth: 9", "depth: 5")
        edit(article, "編集した翻訳です。", "直した翻訳です。")
        server.wait_for(PAGE, lambda text: "直した翻訳です。" in text, timeout=MAX_SECONDS * 4)
        print(f"mkdocs serve: fixed -> served in {time.perf_counter() - saved:.2f}s")
        assert server.alive()


@pytest.mark.xfail(strict=True, reason=(
    "MkDocs 1.6's dev server holds every request after a failed rebuild ('The server will appear stuck "
    "until build errors are resolved'); serving the last good site needs the news plugin to keep "
    "building from the last good corpus under `mkdocs serve` instead of raising (see docs/editors-guide.md)."))
def test_the_last_good_page_is_served_while_an_article_is_invalid(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    article = site.content / "articles/2026/06/seed.md"
    with MkDocsServer(site.root) as server:
        server.wait_until_serving()
        since = break_scores(article)
        server.wait_for_output(ERROR_LINE, since, timeout=MAX_SECONDS * 4)
        time.sleep(0.5)
        started = time.perf_counter()
        status, html = server.get(PAGE, timeout=3)
        assert status == 200 and "最初の翻訳です。" in html, f"no answer in {time.perf_counter() - started:.1f}s"
