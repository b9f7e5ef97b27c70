"""The sample site in a real browser, on a desktop (1280 px) and a phone (390 px) viewport."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml

from conftest import REPO

from .conftest import VIEWPORTS, Server, open_context, screenshot

SITE_URL = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
ARTICLE = "articles/opus-5-system-card-sandbagging/"
ARTICLE_TITLE = "Claude Opus 5 システムカード精読:評価への「手加減」と飽和した物差し"
# One page of each type: axe-core runs on these, and their screenshots are saved.
PAGE_TYPES = {
    "home": "", "home-2": "page/2/", "article": ARTICLE, "tags": "tags/", "tag": "tags/anthropic/",
    "sources": "sources/", "source": "sources/the-zvi/", "daily": "daily/2026-11-17/", "daily-index": "daily/",
    "weekly-index": "weekly/", "weekly": "weekly/2026-W47/", "trends": "trends/", "search": "search/",
    "companies": "companies/", "company": "companies/anthropic/", "tools": "tools/", "tool": "tools/claude/",
    "videos": "videos/", "about": "pages/about/", "not-found": "404.html",
}
COLLAPSIBLES = {"original": ("原文を表示", "The Claude Opus 5 system card runs to more than 200 pages."),
                "analysis": ("影響分析・編集コメントを表示", "最先端モデルの安全性評価が")}


def is_open(page: Any, summary_text: str) -> bool:
    return page.evaluate("t => [...document.querySelectorAll('summary')].find(s => s.textContent.trim() === t)"
                         ".parentElement.open", summary_text)


# -- collapsible sections -------------------------------------------------------------------------

@pytest.mark.parametrize("part", list(COLLAPSIBLES))
def test_collapsible_opens_and_closes_by_click(page: Any, server: Server, part: str) -> None:
    label, inner_text = COLLAPSIBLES[part]
    page.goto(server.url(ARTICLE))
    summary = page.locator("summary", has_text=label)
    inner = page.get_by_text(inner_text, exact=False).first
    assert not is_open(page, label)
    assert not inner.is_visible(), "the section's text shows before it is opened"
    summary.click()
    assert is_open(page, label) and inner.is_visible()
    summary.click()
    assert not is_open(page, label) and not inner.is_visible()


@pytest.mark.parametrize("part", list(COLLAPSIBLES))
def test_collapsible_opens_and_closes_by_keyboard(page: Any, server: Server, part: str) -> None:
    label, inner_text = COLLAPSIBLES[part]
    page.goto(server.url(ARTICLE))
    inner = page.get_by_text(inner_text, exact=False).first
    for _ in range(300):                       # Tab through the page until the summary has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName === 'SUMMARY' && "
                         "document.activeElement.textContent.trim() === " + json.dumps(label)):
            break
    else:
        pytest.fail(f"Tab never reached the summary {label}")
    page.keyboard.press("Enter")
    assert is_open(page, label) and inner.is_visible()
    page.keyboard.press("Enter")
    assert not is_open(page, label)
    page.keyboard.press("Space")
    assert is_open(page, label) and inner.is_visible()
    page.keyboard.press("Space")
    assert not is_open(page, label) and not inner.is_visible()


# -- sharing -----------------------------------------------------------------------------------------

def test_share_links_carry_the_absolute_url_and_title(page: Any, server: Server) -> None:
    page.goto(server.url(ARTICLE))
    absolute = SITE_URL + ARTICLE
    hrefs = page.eval_on_selector_all(".news-share__link", "links => links.map(a => a.href)")
    assert len(hrefs) >= 5
    for href in hrefs:
        if href == absolute:
            continue                                  # copy-link: the address itself
        params = dict(parse_qsl(urlsplit(href).query))
        assert absolute in (params.get("url"), params.get("u")), href
        if "text" in params or "title" in params:
            assert params.get("text", params.get("title")) == ARTICLE_TITLE, href


def test_copy_link_copies_the_address(page: Any, server: Server) -> None:
    page.goto(server.url(ARTICLE))
    copy = page.locator("a[data-copy-url]")
    assert copy.get_attribute("data-copy-url") == SITE_URL + ARTICLE
    copy.click()
    status = page.locator(".news-share__status")
    status.wait_for(state="visible", timeout=5000)
    assert status.text_content() == "コピーしました"
    assert page.url == server.url(ARTICLE), "the click navigated instead of copying"
    assert page.evaluate("navigator.clipboard.readText()") == SITE_URL + ARTICLE


# -- search -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["サンドバギング", "Sandbagging"])
def test_search_finds_an_article_by_a_japanese_and_an_english_word(page: Any, server: Server, query: str) -> None:
    # The sample site builds its search index: without it this test fails, it does not skip.
    assert (server.site_dir / "pagefind" / "pagefind-ui.js").is_file(), "no search index in the built site"
    page.goto(server.url("search/"))
    box = page.locator(".pagefind-ui__search-input")
    box.fill(query)
    result = page.locator(".pagefind-ui__result-link").first
    result.wait_for(timeout=10000)
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => a.href)")
    assert server.url(ARTICLE) in links, links



RESULTS = """() => [...document.querySelectorAll('.pagefind-ui__result')].map(r => ({
  link: r.querySelector('.pagefind-ui__result-link').pathname,
  meta: [...r.querySelectorAll('.news-search-meta')].map(m => m.innerText),
  text: r.innerText, marks: [...r.querySelectorAll('mark')].map(m => m.innerText),
  tags: r.querySelectorAll('.pagefind-ui__result-tag').length}))"""


def test_search_results_show_title_date_source_and_the_summary_once(page: Any, server: Server, device: str) -> None:
    # A newsroom's results: title, one date and source line, the TL;DR with the reader's word marked.
    # Pagefind's UI used to list the metadata again as "excerpt: …" and "日付: …" tags.
    page.goto(server.url("search/?q=半導体"))
    page.locator(".news-search-meta").first.wait_for(timeout=15000)
    page.wait_for_load_state("networkidle")
    results = page.evaluate(RESULTS)
    screenshot(page, "search-results", device, full_page=False)
    mine = next(r for r in results if r["link"] == "/ainews/articles/data-center-power-japan/")
    assert mine["meta"] == ["2026年11月15日 19:45 ・ MIT Technology Review ・ #半導体"]   # the tag that matched
    tldr = "再生可能エネルギーと半導体工場の立地を求める動きが重なり"
    for result in results:
        assert result["tags"] == 0, result
        assert len(result["meta"]) == 1, result
        assert "半導体" in result["marks"], result   # in the TL;DR or in the tag that found it
        assert "日付" not in result["text"] and "xcerpt" not in result["text"], result
    assert mine["text"].count(tldr) == 1, mine["text"]


def test_search_highlight_escapes_the_summary_and_ignores_case(page: Any, server: Server) -> None:
    page.goto(server.url("search/"))
    marked = page.evaluate("window.ainewsSearch.highlight('<b>OpenAI</b> と openai.', 'OPENAI a.b')")
    assert marked == "&lt;b&gt;<mark>OpenAI</mark>&lt;/b&gt; と <mark>openai</mark>."


# -- layout ------------------------------------------------------------------------------------------

def test_no_page_scrolls_sideways_on_a_phone(browser: Any, server: Server) -> None:
    context, watch = open_context(browser, server.origin, "phone")
    page = context.new_page()
    wide = []
    pages = server.pages()
    for path in pages:
        page.goto(server.url(path), wait_until="load")
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            wide.append(f"{path}: scrollWidth {width[0]} > {width[1]}")
    context.close()
    watch.assert_clean()
    assert len(pages) > 50
    assert wide == []


def test_palette_toggle_switches_light_and_dark(page: Any, server: Server) -> None:
    page.goto(server.url())
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.locator("label[for='__palette_1']").click()
    assert page.evaluate(scheme) == "slate"
    page.locator("label[for='__palette_0']").click()
    assert page.evaluate(scheme) == "default"


# -- accessibility -------------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_any_page_type(browser: Any, server: Server, axe_source: str, device: str,
                                                   scheme: str) -> None:
    # Every impact counts (minor and moderate too), on every page type, in both schemes.
    context, watch = open_context(browser, server.origin, device, color_scheme=scheme)
    page = context.new_page()
    found = []
    for name, path in PAGE_TYPES.items():
        page.goto(server.url(path), wait_until="load")
        if name == "search":
            page.locator(".pagefind-ui__search-input").fill("Anthropic")
            page.locator(".pagefind-ui__result-link").first.wait_for(timeout=10000)
        page.add_script_tag(content=axe_source)
        results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        found += [f"{name}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
                  for v in results["violations"]]
    context.close()
    watch.assert_clean()
    assert found == [], "\n".join(found)


# -- screenshots -----------------------------------------------------------------------------------------

def test_screenshots_of_every_page_type(browser: Any, server: Server, device: str) -> None:
    context, watch = open_context(browser, server.origin, device)
    page = context.new_page()
    for name, path in PAGE_TYPES.items():
        page.goto(server.url(path), wait_until="load")
        if name == "search":
            page.locator(".pagefind-ui__search-input").fill("Anthropic")
            page.locator(".pagefind-ui__result-link").first.wait_for(timeout=10000)
        shot = screenshot(page, name, device)
        assert shot.stat().st_size > 1000
    page.goto(server.url(ARTICLE))
    for summary in page.locator("summary").all():
        summary.click()
    screenshot(page, "article-open", device)
    page.locator("label[for='__palette_1']").click()
    screenshot(page, "article-dark", device, full_page=False)
    context.close()
    watch.assert_clean()
    assert set(VIEWPORTS) >= {device}
