"""The sample site built the way CI builds it for https://user.github.io/repo/: every link works there."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import copy_sample_project
from linkcheck import broken_links, check_link, page_links
from test_workflow import run_build_step

SITE_URL = "https://user.github.io/repo/"


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample site built by the workflow's own build step (OWNER=User, REPO=repo)."""
    root = copy_sample_project(tmp_path_factory.mktemp("subpath")).root
    result = run_build_step(root)
    assert result.returncode == 0, result.stderr
    assert f"site_url: {SITE_URL}" in result.stdout
    return root / "site"


def test_every_internal_link_and_asset_resolves(subpath_site: Path) -> None:
    assert broken_links(subpath_site, site_url=SITE_URL) == []


def test_the_checker_saw_the_whole_site(subpath_site: Path) -> None:
    pages = list(subpath_site.rglob("*.html"))
    links = [url for page in pages for _, url in page_links(page)]
    assert len(pages) > 20 and len(links) > 20 * len(pages)
    assert any("%E" in url for url in links), "no percent-encoded (Japanese) link was checked"
    assert any(url.endswith("/") and not url.startswith(("http", "#")) for url in links)


def test_canonical_and_og_urls_are_under_the_sub_path(subpath_site: Path) -> None:
    for page in subpath_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        relative = page.relative_to(subpath_site).as_posix()
        for pattern in (r'<link rel="canonical" href="([^"]*)"', r'<meta property="og:url" content="([^"]*)"'):
            for url in re.findall(pattern, text):
                assert url.startswith(SITE_URL), f"{relative}: {url}"
    article = (subpath_site / "articles/claude-opus-5-release/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}articles/claude-opus-5-release/">' in article


def test_feed_and_sitemap_urls_are_under_the_sub_path(subpath_site: Path) -> None:
    urls = [element.text or "" for element in ET.parse(subpath_site / "sitemap-pages.xml").iter()
            if element.tag.endswith("loc")]
    urls += [element.text or "" for element in ET.parse(subpath_site / "feed.xml").iter("link")]
    assert len(urls) > 20
    for url in urls:
        assert url.startswith(SITE_URL), url
        assert check_link(subpath_site, "index.html", url, SITE_URL) is None, url
