"""What search engines and feed readers find: JSON-LD per page type, sitemaps with content dates,
the Google News sitemap, feed links, per-source feeds and the feeds' self links."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import feedparser
import pytest

from conftest import Site, make_site

SITE = "https://example.github.io/ainews/"
NOW = dt.datetime.now(ZoneInfo("Asia/Tokyo")).replace(microsecond=0)
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_site(tmp_path_factory.mktemp("discovery"), plugin_options={"search": False})
    site.add_article("old", title="古い記事", published="2026-06-01T10:00:00+09:00",
                     analyzed="2026-06-03T12:00:00+09:00", tags=["LLM", "Anthropic"])
    site.add_article("fresh", title="今朝の記事 & 速報", published=(NOW - dt.timedelta(hours=5)).isoformat(),
                     analyzed=None, tags=["LLM"], source={"name": "Anthropic News", "url": "https://www.anthropic.com/news/x"})
    site.add_article("last-week", title="3日前の記事", published=(NOW - dt.timedelta(days=3)).isoformat(), tags=["LLM"])
    site.write("sources.yml", "The Zvi:\n  url: https://thezvi.substack.com/\n  description: ニュースレター\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    return site


def json_ld(html: str) -> dict:
    """The page's own JSON-LD (article pages also carry a BreadcrumbList)."""
    found = [json.loads(raw) for raw in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    [data] = [d for d in found if d.get("@type") != "BreadcrumbList"]
    return data


def test_article_json_ld_has_everything_google_recommends(built: Site) -> None:
    data = json_ld(built.html("articles/old/"))
    assert data["@type"] == "NewsArticle" and data["@context"] == "https://schema.org"
    assert data["headline"] == "古い記事" and data["inLanguage"] == "ja"
    assert data["datePublished"] == "2026-06-01T10:00:00+09:00"
    assert data["dateModified"] == "2026-06-03T12:00:00+09:00"          # the analysis time
    [image] = data["image"]
    assert image == {"@type": "ImageObject", "url": f"{SITE}assets/cards/articles/old.png", "width": 1200, "height": 630}
    assert (built.site_dir / "assets/cards/articles/old.png").is_file()
    assert data["author"] == {"@type": "Organization", "name": "The Zvi", "url": "https://thezvi.substack.com/"}
    logo = data["publisher"]["logo"]
    assert data["publisher"]["name"] == "AIニュースデスク" and logo["@type"] == "ImageObject"
    assert (built.site_dir / logo["url"].removeprefix(SITE)).is_file()
    original = data["isBasedOn"]
    assert original["url"] == original["@id"] == "https://thezvi.substack.com/p/example"
    assert original["inLanguage"] == "en" and original["name"] == "Opus 4.8 Part 2: Model Welfare"
    assert data["translationOfWork"] == {"@id": original["@id"]}
    assert data["mainEntityOfPage"]["@id"] == data["url"] == f"{SITE}articles/old/"


def test_without_an_analysis_time_date_modified_is_the_publication(built: Site) -> None:
    data = json_ld(built.html("articles/fresh/"))
    assert data["dateModified"] == data["datePublished"]
    assert data["author"]["name"] == "Anthropic News" and data["author"]["url"] == "https://www.anthropic.com/news/x"


@pytest.mark.parametrize("path, kind", [("", "WebSite"), ("tags/llm/", "CollectionPage"), ("tags/", "CollectionPage"),
                                        ("sources/the-zvi/", "CollectionPage"), ("daily/2026-06-01/", "CollectionPage"),
                                        ("weekly/", "CollectionPage"), ("trends/", "CollectionPage")])
def test_every_generated_page_type_has_its_json_ld(built: Site, path: str, kind: str) -> None:
    data = json_ld(built.html(path))
    assert data["@context"] == "https://schema.org" and data["@type"] == kind
    if kind == "WebSite":
        assert data["url"] == SITE and data["publisher"]["logo"]["url"].startswith(SITE)
        assert data["potentialAction"]["target"] == f"{SITE}search/?q={{search_term_string}}"
    else:
        assert data["url"] == SITE + path and data["isPartOf"] == {"@type": "WebSite", "name": "AIニュースデスク", "url": SITE}
        assert data["name"]


def test_sitemap_index_lists_pages_and_news(built: Site) -> None:
    index = ET.parse(built.site_dir / "sitemap.xml").getroot()
    assert [e.text for e in index.iter(f"{SM}loc")] == [f"{SITE}sitemap-pages.xml", f"{SITE}sitemap-news.xml"]


def test_every_lastmod_comes_from_the_content(built: Site) -> None:
    root = ET.parse(built.site_dir / "sitemap-pages.xml").getroot()
    lastmod = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in root.iter(f"{SM}url")}
    assert lastmod[f"{SITE}articles/old/"] == "2026-06-03T12:00:00+09:00"
    assert lastmod[f"{SITE}daily/2026-06-01/"] == "2026-06-03T12:00:00+09:00"
    assert lastmod[f"{SITE}sources/the-zvi/"] == lastmod[f"{SITE}articles/last-week/"]
    assert lastmod[SITE] == lastmod[f"{SITE}articles/fresh/"] == (NOW - dt.timedelta(hours=5)).isoformat()
    assert all(value is not None for value in lastmod.values())
    assert len(set(lastmod.values())) == 3      # not one build date for all


def test_news_sitemap_has_the_last_two_days_only(built: Site) -> None:
    root = ET.parse(built.site_dir / "sitemap-news.xml").getroot()
    urls = list(root.iter(f"{SM}url"))
    assert [u.findtext(f"{SM}loc") for u in urls] == [f"{SITE}articles/fresh/"]
    news = urls[0].find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "AIニュースデスク"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "ja"
    assert news.findtext(f"{NEWS}title") == "今朝の記事 & 速報"
    assert news.findtext(f"{NEWS}publication_date") == (NOW - dt.timedelta(hours=5)).isoformat()


def alternates(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<link rel="alternate" type="application/rss\+xml" title="([^"]*)" href="([^"]*)">', html)


def test_pages_link_their_feeds(built: Site) -> None:
    assert alternates(built.html("")) == [("AIニュースデスク RSS", "feed.xml")]
    assert alternates(built.html("tags/llm/"))[0] == ("#LLM - AIニュースデスク", "feed.xml")
    assert alternates(built.html("sources/the-zvi/"))[0] == ("The Zvi - AIニュースデスク", "feed.xml")
    for page in ("tags/llm/", "sources/the-zvi/"):
        body = built.html(page).split("<article", 1)[-1]
        assert re.search(r'class="news-feed-button"><a href="feed.xml" type="application/rss\+xml"', body)


@pytest.mark.parametrize("feed, page, titles", [
    ("feed.xml", "", ["今朝の記事 & 速報", "3日前の記事", "古い記事"]),
    ("tags/anthropic/feed.xml", "tags/anthropic/", ["古い記事"]),
    ("sources/the-zvi/feed.xml", "sources/the-zvi/", ["3日前の記事", "古い記事"]),
    ("sources/anthropic-news/feed.xml", "sources/anthropic-news/", ["今朝の記事 & 速報"]),
])
def test_feeds_link_their_page_and_themselves(built: Site, feed: str, page: str, titles: list[str]) -> None:
    parsed = feedparser.parse((built.site_dir / feed).read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    assert [e.title for e in parsed.entries] == titles
    assert parsed.feed.link == SITE + page
    self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_links == [SITE + feed]
