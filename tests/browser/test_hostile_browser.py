"""The hostile-value site (tests/test_hostile.py) in a real browser: no injected script ever runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest

from conftest import Site, make_site
from test_hostile import NAMES, SHOWN, SITE_URL, article_text, hostile_body, hostile_meta, mark, value

from .conftest import Server, open_context, serve


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("hostile-browser")
    site: Site = make_site(root, site_url=SITE_URL)
    for k in range(len(NAMES)):
        site.write(f"articles/hostile-{k}.md", article_text(hostile_meta(k), hostile_body(k)))
    result = site.build()
    assert result.returncode == 0, result.stderr
    yield from serve(site.site_dir, root / "www")


def test_no_injected_script_runs_on_any_page(browser: Any, hostile_server: Server) -> None:
    context, watch = open_context(browser, hostile_server.origin, "desktop")
    page = context.new_page()
    page.add_init_script("window.__injected = []; const _alert = window.alert;"
                         "window.alert = (m) => { window.__injected.push(String(m)); };")
    ran = []
    for path in hostile_server.pages():
        page.goto(hostile_server.url(path), wait_until="load")
        for summary in page.locator("summary").all():
            summary.click()
        ran += [f"{path}: {m}" for m in page.evaluate("window.__injected")]
    context.close()
    watch.assert_clean()
    assert ran == []


@pytest.mark.parametrize("k", range(len(NAMES)))
def test_hostile_titles_show_as_text_and_search_safely(browser: Any, hostile_server: Server, k: int) -> None:
    context, watch = open_context(browser, hostile_server.origin, "desktop")
    page = context.new_page()
    page.goto(hostile_server.url(f"articles/hostile-{k}/"))
    assert page.locator("h1").inner_text() == (mark("title", k) + SHOWN[NAMES[k]]).strip()
    assert page.title().startswith((mark("title", k) + SHOWN[NAMES[k]]).strip())
    if (hostile_server.site_dir / "pagefind").is_dir():
        page.goto(hostile_server.url("search/"))
        page.locator(".pagefind-ui__search-input").fill(mark("title", k))
        result = page.locator(".pagefind-ui__result-link").first
        result.wait_for(timeout=10000)
        assert SHOWN[NAMES[k]].strip()[:8] in result.inner_text()
    context.close()
    watch.assert_clean()
