"""Build tests for the pages around the articles: tags, daily, weekly, home, sources, feeds."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest

from conftest import Site, make_site


def _titles(html: str) -> list[str]:
    """Article titles on a listing page (cards and headline lists), in page order."""
    return re.findall(r'class="news-(?:card__title"><a|headlines__title") href="[^"]*">([^<]*)</a>', html)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_site(tmp_path_factory.mktemp("pages"), plugin_options={"per_page": 2, "search": False})
    # Three spellings of one tag, across days; one UTC time that is already the next day in Tokyo.
    site.add_article("alpha", title="Alpha", tags=["LLM Safety", "Rare"], published="2026-06-01T10:00:00+09:00")
    site.add_article("beta", title="Beta", tags=["llm safety"], published="2026-06-01T16:30:00Z")   # 06-02 01:30 JST
    site.add_article("gamma", title="Gamma", tags=["LLM-Safety", "Other"], published="2026-06-07T23:30:00+09:00")
    site.add_article("delta", title="Delta", tags=["Other"], published="2026-06-07T15:30:00Z")      # 06-08 00:30 JST, Monday
    site.add_article("draft", title="Draft", tags=["LLM Safety"], published="2026-06-03T10:00:00+09:00", draft=True)
    site.write("tags.yml", "LLM Safety:\n  description: 'LLM の安全性 & <b>検証</b>'\n")
    site.write("sources.yml", "The Zvi:\n  url: https://thezvi.substack.com/\n  description: ニュースレター\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    return site


def test_tag_page_merges_spelling_variants_newest_first(built: Site) -> None:
    html = built.html("tags/llm-safety/")
    assert _titles(html) == ["Gamma", "Beta"]           # page 1 of 2, newest first
    assert _titles(built.html("tags/llm-safety/page/2/")) == ["Alpha"]
    assert "Draft" not in html
    assert "LLM の安全性 &amp; &lt;b&gt;検証&lt;/b&gt;" in html   # registry description, escaped


def test_tags_index_counts_each_tag_once(built: Site) -> None:
    html = built.html("tags/")
    assert html.count('href="llm-safety/"') == 1
    assert re.search(r'#LLM Safety</a>\s*<span class="news-tagcloud__count">3</span>', html)


def test_utc_time_lands_in_the_tokyo_days_roundup(built: Site) -> None:
    assert _titles(built.html("daily/2026-06-02/")) == ["Beta"]
    assert _titles(built.html("daily/2026-06-08/")) == ["Delta"]
    assert "Beta" not in built.html("daily/2026-06-01/")
    index = built.html("daily/")
    assert index.index("2026-06-08") < index.index("2026-06-07") < index.index("2026-06-02")


def test_daily_links_to_neighbouring_days_with_articles(built: Site) -> None:
    html = built.html("daily/2026-06-02/")
    assert 'href="../2026-06-01/"' in html and 'href="../2026-06-07/"' in html


def test_iso_weeks_follow_tokyo_time(built: Site) -> None:
    # 2026-06-07 (Sunday) is in W23; Delta is Monday 06-08 in Tokyo (still Sunday in UTC): W24.
    assert _titles(built.html("weekly/2026-W24/")) == ["Delta"]
    assert sorted(_titles(built.html("weekly/2026-W23/"))) == ["Alpha", "Beta", "Gamma"]


def test_home_paginates_and_links_pages(built: Site) -> None:
    first, second = built.html(""), built.html("page/2/")
    assert _titles(first)[-2:] == ["Delta", "Gamma"]
    assert _titles(second) == ["Beta", "Alpha"]
    assert 'rel="next" href="page/2/"' in first
    assert 'rel="prev" href="../.."' in second
    assert not (built.site_dir / "page/3/index.html").exists()


def test_home_highlights_the_newest_days_top_articles(built: Site) -> None:
    html = built.html("")
    highlights = html[html.index("news-highlights"):html.index("<!-- latest -->")]
    assert _titles(highlights) == ["Delta"]


def test_source_page_lists_its_articles_with_registry_details(built: Site) -> None:
    html = built.html("sources/the-zvi/")
    assert _titles(html) == ["Delta", "Gamma", "Beta", "Alpha"]
    assert "ニュースレター" in html and 'href="https://thezvi.substack.com/"' in html


def test_site_feed_parses_newest_first_without_drafts(built: Site) -> None:
    feed = feedparser.parse((built.site_dir / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [e.title for e in feed.entries] == ["Delta", "Gamma", "Beta", "Alpha"]
    entry = feed.entries[0]
    assert entry.link == "https://example.github.io/ainews/articles/delta/"
    assert "https://thezvi.substack.com/p/example" in entry.description


def test_tag_feed_has_only_that_tags_articles(built: Site) -> None:
    feed = feedparser.parse((built.site_dir / "tags/other/feed.xml").read_bytes())
    assert [e.title for e in feed.entries] == ["Delta", "Gamma"]


def test_trends_page_draws_an_svg_chart_and_a_table(built: Site) -> None:
    html = built.html("trends/")
    assert "<svg" in html and "<polyline" in html and "<table>" in html
    assert "#LLM Safety" in html


def test_every_generated_page_is_in_the_sitemap(built: Site) -> None:
    index = (built.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<sitemapindex" in index and "<loc>https://example.github.io/ainews/sitemap-pages.xml</loc>" in index
    assert len(index) < 1000                      # Material's script fetches it on every page
    sitemap = (built.site_dir / "sitemap-pages.xml").read_text(encoding="utf-8")
    for path in ("tags/llm-safety/", "daily/2026-06-02/", "weekly/2026-W24/", "sources/the-zvi/",
                 "articles/alpha/", "trends/"):
        assert f"https://example.github.io/ainews/{path}</loc>" in sitemap
    assert "articles/draft/" not in sitemap
