"""Search over an index built in partitions finds what a single index finds."""

from __future__ import annotations

from typing import Any, Iterator

import pytest
from conftest import copy_sample_project

from .conftest import Server, open_context, serve


@pytest.fixture(scope="module")
def partitioned(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    site = copy_sample_project(tmp_path_factory.mktemp("partitioned"), {"search_partition": 10})
    result = site.build()
    assert result.returncode == 0, result.stderr
    yield from serve(site.site_dir, tmp_path_factory.mktemp("www-partitioned"))


def search(browser: Any, server: Server, query: str) -> tuple[str, list[str]]:
    """The result count message and the result links shown first."""
    context, _ = open_context(browser, server.origin, "desktop")
    page = context.new_page()
    page.goto(server.url(f"search/?q={query}"))
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
    page.wait_for_load_state("networkidle")
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => a.pathname)")
    message = page.locator(".pagefind-ui__message").inner_text()
    context.close()
    return message, links


@pytest.mark.parametrize("query", ["hacking", "推論"])
def test_partitions_find_the_same_articles(browser: Any, server: Server, partitioned: Server, query: str) -> None:
    published = len(list(partitioned.site_dir.glob("articles/*/index.html")))
    assert published > 40                                        # 10 a partition: five or more
    assert sorted(p.name for p in partitioned.site_dir.glob("pagefind*")) == \
        sorted(["pagefind"] + [f"pagefind-{n}" for n in range(2, (published + 9) // 10 + 1)])
    if not (server.site_dir / "pagefind").is_dir():
        pytest.fail("the sample site has no search index")
    merged_message, merged_links = search(browser, partitioned, query)
    single_message, single_links = search(browser, server, query)
    assert merged_message == single_message          # e.g. 「推論の14件の検索結果」: same hits in all
    if len(single_links) < 5:                        # all shown: the same articles (order may differ)
        assert sorted(merged_links) == sorted(single_links)
    assert all(link.startswith("/ainews/articles/") for link in merged_links)
