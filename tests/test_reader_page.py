"""Build tests for the reader's page (issue 15): 目次 and Unicode heading ids, breadcrumbs with
BreadcrumbList JSON-LD, previous/next article, header search and tagline, the home page's
headline list, and heading levels that never skip one."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import lxml.html
import pytest
from hypothesis import given, settings, strategies as st

from conftest import Site, make_site
from ainews.render.toc import MIN_HEADINGS, build_toc, read_headings

HEADINGS_BODY = """冒頭の段落です。

## モデル福祉の現状

本文一。

### Claude Opus 5 の評価

本文二。

## 今後の課題 & 展望

本文三。

<!-- original -->

## Model welfare today

Text.
"""
TWO_HEADINGS = "冒頭。\n\n## 一つ目\n\n本文。\n\n## 二つ目\n\n本文。\n"
OWN_TOC = "冒頭。\n\n## 目次\n\n1. 一\n2. 二\n3. 三\n\n## 一\n\n本文。\n\n## 二\n\n本文。\n\n## 三\n\n本文。\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("AINEWS_NOW", "2026-06-05T12:00:00+09:00")     # cards leave out the build's year
        return _build_reader_site(tmp_path_factory)


def _build_reader_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_site(tmp_path_factory.mktemp("reader"), plugin_options={"per_page": 2, "search": False})
    site.add_article("older", title="古い記事", published="2026-06-01T09:00:00+09:00", body=TWO_HEADINGS)
    site.add_article("middle", title="真ん中の記事", published="2026-06-02T09:00:00+09:00", body=HEADINGS_BODY)
    site.add_article("newer", title="新しい記事", published="2026-06-03T09:00:00+09:00", body=OWN_TOC)
    site.add_article("draft", title="下書き", published="2026-06-04T09:00:00+09:00", draft=True)
    site.add_article("credited", title="更新された記事", published="2026-05-20T09:00:00+09:00",
                     updated="2026-05-21T18:30:00+09:00", translator="山田 花子", editor="<b>佐藤</b> & 太郎")
    result = site.build()
    assert result.returncode == 0, result.stderr
    return site


def tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(html)


# -- 目次 and heading ids ----------------------------------------------------------------------------

def test_toc_lists_the_translations_headings_with_japanese_ids(built: Site) -> None:
    root = tree(built.html("articles/middle/"))
    [toc] = root.xpath("//details[contains(@class, 'news-toc')]")
    assert toc.get("open") is not None                     # open without JavaScript
    links = [(a.get("href"), a.text_content()) for a in toc.xpath(".//a")]
    assert links == [("#モデル福祉の現状", "モデル福祉の現状"), ("#claude-opus-5-の評価", "Claude Opus 5 の評価"),
                     ("#今後の課題--展望", "今後の課題 & 展望")]
    body = root.xpath("//section[contains(@class, 'news-translation')]")[0]
    for href, _ in links:
        assert body.xpath(f".//*[@id='{href[1:]}']"), href
    # The 目次 opens the translation, before its first paragraph.
    assert body.xpath("./*[1]")[0].get("class") == "news-toc"
    # The original's ids keep their prefix and are not listed.
    assert root.xpath("//*[@id='original-model-welfare-today']")


def test_no_toc_below_three_headings_or_when_the_article_has_its_own(built: Site) -> None:
    assert "news-toc" not in built.html("articles/older/")
    newer = built.html("articles/newer/")
    assert "news-toc" not in newer
    assert 'id="目次"' in newer                           # its own 目次 heading keeps a readable id


def test_heading_ids_are_the_same_in_another_build(built: Site, tmp_path) -> None:
    again = make_site(tmp_path, plugin_options={"search": False})
    again.add_article("middle", title="真ん中の記事", published="2026-06-02T09:00:00+09:00", body=HEADINGS_BODY)
    assert again.build().returncode == 0
    def ids(html: str) -> list[str]:
        body = html[html.index('class="news-translation"'):html.index('class="news-share"')]
        return re.findall(r'<h[23][^>]*id="([^"]+)"', body)
    assert "モデル福祉の現状" in ids(again.html("articles/middle/"))
    assert ids(again.html("articles/middle/")) == ids(built.html("articles/middle/"))


def test_render_settings_fingerprint_is_the_same_in_every_process() -> None:
    # A function's repr holds its address: the body cache would miss on every build.
    code = ("import markdown; from ainews.render.toc import UNICODE_SLUGIFY as s;"
            "from ainews.render.bodies import RenderSettings as R;"
            "print(R(('toc',), {'toc': {'slugify': s}}, True).fingerprint())")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
            for _ in range(2)}
    assert len(runs) == 1 and "0x" not in runs.pop()


@given(st.lists(st.text(alphabet="あいうカタナ漢字ABCxyz &\"'0123", min_size=1, max_size=20), min_size=0, max_size=6))
@settings(max_examples=60, deadline=None)
def test_toc_entries_read_back_any_heading_text(titles: list[str]) -> None:
    import markdown

    from ainews.render.toc import UNICODE_SLUGIFY
    html = markdown.markdown("\n\n".join(f"## {t}" for t in titles), extensions=["toc"],
                             extension_configs={"toc": {"slugify": UNICODE_SLUGIFY}})
    entries = read_headings(html)
    shown = [" ".join(t.split()) for t in titles if t.strip()]
    assert [e.text for e in entries] == shown
    toc = build_toc(html)
    assert len(toc) == (len(entries) if len(entries) >= MIN_HEADINGS
                        and not any(e.text.casefold() in {"目次", "contents"} for e in entries) else 0)


# -- breadcrumbs, previous / next ------------------------------------------------------------------

def test_breadcrumbs_go_home_then_to_the_day_with_json_ld(built: Site) -> None:
    html = built.html("articles/middle/")
    root = tree(html)
    [crumbs] = root.xpath("//nav[@aria-label='パンくずリスト']")
    items = crumbs.xpath(".//li")
    assert [li.text_content().strip() for li in items] == ["ニュース一覧", "AI日報 2026年6月2日", "真ん中の記事"]
    assert [a.get("href") for a in crumbs.xpath(".//a")] == ["../..", "../../daily/2026-06-02/"]
    assert items[-1].xpath("./span[@aria-current='page']")
    [data] = [json.loads(s) for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
              if '"BreadcrumbList"' in s]
    assert [(i["position"], i["name"], i["item"]) for i in data["itemListElement"]] == [
        (1, "ニュース一覧", "https://example.github.io/ainews/"),
        (2, "AI日報 2026年6月2日", "https://example.github.io/ainews/daily/2026-06-02/"),
        (3, "真ん中の記事", "https://example.github.io/ainews/articles/middle/"),
    ]


def test_previous_and_next_article_by_date_skip_drafts(built: Site) -> None:
    def neighbours(slug: str) -> dict[str, str]:
        nav = tree(built.html(f"articles/{slug}/")).xpath("//nav[@aria-label='前後の記事']")[0]
        return {a.get("rel"): a.get("href") for a in nav.xpath(".//a[@rel='prev' or @rel='next']")}
    assert neighbours("middle") == {"prev": "../older/", "next": "../newer/"}
    assert neighbours("older") == {"prev": "../credited/", "next": "../middle/"}
    assert neighbours("credited") == {"next": "../older/"}
    assert neighbours("newer") == {"prev": "../middle/"}          # the newer draft is not linked


def test_one_navigation_landmark_per_name(built: Site) -> None:
    root = tree(built.html("articles/middle/"))
    labels = [n.get("aria-label") for n in root.xpath("//nav[@aria-label]")]
    assert len(labels) == len(set(labels)), labels


def test_updated_time_and_credit_line_show_when_given(built: Site) -> None:
    html = built.html("articles/credited/")
    root = tree(html)
    [updated] = root.xpath("//*[contains(@class, 'news-meta__updated')]")
    assert " ".join(updated.text_content().split()) == "更新 2026年5月21日 18:30"
    assert updated.xpath(".//time/@datetime") == ["2026-05-21T18:30:00+09:00"]
    [credit] = root.xpath("//p[contains(@class, 'news-credit')]")
    assert [s.text for s in credit.xpath("./span")] == ["翻訳: 山田 花子", "編集: <b>佐藤</b> & 太郎"]
    assert "&lt;b&gt;佐藤&lt;/b&gt; &amp; 太郎" in html
    plain = built.html("articles/older/")
    assert "news-meta__updated" not in plain and "news-credit" not in plain


# -- header, home, heading levels ----------------------------------------------------------------------

@pytest.mark.parametrize("path", ["", "articles/middle/", "tags/", "daily/2026-06-02/"])
def test_header_has_the_tagline_and_a_search_box_to_the_search_page(built: Site, path: str) -> None:
    root = tree(built.html(path))
    [header] = root.xpath("//header[contains(@class, 'md-header')]")
    assert "海外の重要なAIニュースを日本語訳と深層分析でお届けします。" in header.text_content()
    [form] = header.xpath(".//form[@role='search']")
    assert form.get("action").rstrip("/").endswith("search")
    assert form.xpath(".//input[@name='q' and @aria-label]") and form.xpath(".//button[@type='submit']")


def test_home_lists_headlines_with_time_source_and_title(built: Site) -> None:
    root = tree(built.html(""))
    items = root.xpath("//li[contains(@class, 'news-headlines__item')]")
    assert [(i.xpath(".//time")[0].text, i.xpath(".//*[contains(@class, 'news-headlines__source')]")[0].text,
             i.xpath(".//a")[0].text) for i in items] == [("09:00", "The Zvi", "新しい記事"),
                                                          ("09:00", "The Zvi", "真ん中の記事")]
    assert [h.text for h in root.xpath("//*[contains(@class, 'news-headlines__day')]")] == ["6月3日", "6月2日"]


@pytest.mark.parametrize("path", ["", "page/2/", "tags/", "tags/llm-safety/", "sources/the-zvi/",
                                  "daily/2026-06-02/", "daily/", "weekly/", "weekly/2026-W23/"])
def test_listing_headings_never_skip_a_level(built: Site, path: str) -> None:
    main = tree(built.html(path)).xpath("//main")[0]
    levels = [int(h.tag[1]) for h in main.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels and levels[0] == 1
    jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert jumps == [], levels


# -- dates on news lists: the year only when it is not the build's ---------------------------------------

def test_cards_and_day_headings_name_the_year_only_for_another_year(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("AINEWS_NOW", "2026-01-02T12:00:00+09:00")
    site = make_site(tmp_path, plugin_options={"search": False, "cards": {"enabled": False}})
    site.add_article("new-year", title="新年の記事", published="2026-01-01T09:00:00+09:00",
                     analyzed="2026-01-01T10:00:00+09:00")
    site.add_article("old-year", title="大晦日の記事", published="2025-12-31T23:30:00+09:00",
                     analyzed="2026-01-01T10:00:00+09:00")
    result = site.build()
    assert result.returncode == 0, result.stderr
    home = tree(site.html(""))
    assert [h.text for h in home.xpath("//*[contains(@class, 'news-headlines__day')]")] == ["1月1日", "2025年12月31日"]
    [heading] = home.xpath("//h2[@id='highlights-heading']")
    assert heading.text_content() == "1月1日の重要ニュース"                      # the day said once
    times = [t.text for t in tree(site.html("tags/llm-safety/")).xpath("//*[@class='news-card__meta']//time")]
    assert times == ["1月1日 09:00", "2025年12月31日 23:30"]
    article = tree(site.html("articles/new-year/"))                          # an article keeps its full date
    assert article.xpath("//*[contains(@class, 'news-meta__items')]/time")[0].text == "2026年1月1日 09:00"


@pytest.mark.parametrize("path", ["", "tags/", "articles/middle/"])
def test_every_page_shares_one_set_of_open_graph_and_twitter_meta(built: Site, path: str) -> None:
    root = tree(built.html(path))
    meta = {m.get("property") or m.get("name"): m.get("content") for m in root.xpath("//head/meta")}
    for key in ("og:type", "og:site_name", "og:title", "og:url", "og:description", "og:locale",
                "twitter:card", "twitter:title", "twitter:description"):
        assert meta.get(key), (path, key)
    assert meta["og:title"] == meta["twitter:title"] and meta["og:description"] == meta["twitter:description"]


@pytest.mark.parametrize(("path", "names"), [
    ("tags/llm-safety/", ["ニュース一覧", "タグ一覧", "#LLM Safety"]),
    ("daily/2026-06-02/", ["ニュース一覧", "AI日報", "2026年6月2日"]),
])
def test_listing_breadcrumbs_carry_their_json_ld_too(built: Site, path: str, names: list[str]) -> None:
    html = built.html(path)
    [crumbs] = tree(html).xpath("//nav[@aria-label='パンくずリスト']")
    assert [li.text_content().strip() for li in crumbs.xpath(".//li")] == names
    [data] = [json.loads(s) for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
              if '"BreadcrumbList"' in s]
    items = data["itemListElement"]
    assert [i["name"] for i in items] == names
    assert items[0]["item"] == "https://example.github.io/ainews/"
    assert items[-1]["item"] == "https://example.github.io/ainews/" + path
