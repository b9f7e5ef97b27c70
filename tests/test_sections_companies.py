"""企業: company tags in tags.yml, /companies/ and /companies/<slug>/ on a purpose-made corpus."""

from __future__ import annotations

import re

import feedparser
import pytest

from conftest import Site, make_site
from test_cli import ainews

TAGS = """\
Anthropic:
  kind: company
  name_ja: アンソロピック
  name_en: Anthropic
  website: https://www.anthropic.com/
  logo: assets/logos/anthropic.svg
  description: "Claude を開発する & 安全性を重視する企業。"
OpenAI:
  kind: company
  name_en: OpenAI
  website: https://openai.com/
  description: ChatGPT の開発元。
Google DeepMind:
  kind: company
  description: Gemini の開発元。
Meta:
  kind: company
  description: 記事のない企業。
LLM:
  description: 企業ではないタグ。
"""
NAV = [{"最新ニュース": "index.md"}, {"企業": "companies/index.md"}, {"タグ": "tags/index.md"}]


def _titles(html: str) -> list[str]:
    return re.findall(r'class="news-card__title"><a href="[^"]*">([^<]*)</a>', html)


def _section(html: str, heading_id: str) -> str:
    return html.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]


def scores(level: int) -> dict[str, int]:
    return {"depth": level, "relevance": level, "practicality": level, "novelty": level}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_site(tmp_path_factory.mktemp("companies"), plugin_options={"search": False}, nav=NAV)
    site.write("tags.yml", TAGS)
    site.write("assets/logos/anthropic.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>')
    site.add_article("a-old-big", title="A old big", tags=["Anthropic"], published="2026-11-20", scores=scores(5))
    site.add_article("a-mid", title="A mid", tags=["Anthropic", "OpenAI"], published="2026-11-25", scores=scores(3))
    site.add_article("a-new-small", title="A new small", tags=["anthropic", "OpenAI", "Google DeepMind"],
                     published="2026-11-28", scores=scores(1))
    site.add_article("o-only", title="O only", tags=["OpenAI", "LLM"], published="2026-11-29", scores=scores(4))
    site.add_article("g-draft", title="G draft", tags=["Google DeepMind"], published="2026-11-30", draft=True)
    result = site.build("--strict")
    assert result.returncode == 0, result.stderr
    return site


def test_index_lists_companies_by_article_count_with_their_newest_headline(built: Site) -> None:
    html = built.html("companies/")
    names = re.findall(r'class="news-company-item__name"><a href="([^"]*)">([^<]*)</a>', html)
    assert names == [("anthropic/", "Anthropic"), ("openai/", "OpenAI"), ("google-deepmind/", "Google DeepMind")]
    assert "<span>アンソロピック</span>" in html
    assert "Meta" not in html                         # no articles, no entry
    latest = re.findall(r'class="news-company-item__latest">最新: <a href="([^"]*)">([^<]*)<', html)
    assert latest[0] == ("../articles/a-new-small/", "A new small") and latest[1][1] == "O only"
    assert '<img class="news-company-item__logo" src="../assets/logos/anthropic.svg"' in html
    assert (built.site_dir / "assets/logos/anthropic.svg").is_file()


def test_company_page_has_profile_top_stories_latest_and_co_mentions(built: Site) -> None:
    html = built.html("companies/anthropic/")
    assert "Claude を開発する &amp; 安全性を重視する企業。" in html
    assert 'href="https://www.anthropic.com/"' in html
    assert "<h1>Anthropic <small>アンソロピック</small></h1>" in html
    assert _titles(_section(html, "company-top")) == ["A old big", "A mid", "A new small"]      # importance
    assert _titles(_section(html, "company-latest")) == ["A new small", "A mid", "A old big"]   # newest first
    related = _section(html, "company-related")
    assert re.findall(r'<a href="([^"]*)">([^<]*)</a> <span class="news-tagcloud__count">(\d+)件', related) == [
        ("../openai/", "OpenAI", "2"), ("../google-deepmind/", "Google DeepMind", "1")]
    assert 'href="../../tags/anthropic/"' in html              # the tag page stays, with every article
    assert "G draft" not in built.html("companies/google-deepmind/")


def test_each_company_has_a_feed(built: Site) -> None:
    feed = feedparser.parse((built.site_dir / "companies/openai/feed.xml").read_bytes())
    assert [e.title for e in feed.entries] == ["O only", "A new small", "A mid"]
    assert feed.feed.title == "OpenAI - 企業 - AIニュースデスク"
    assert 'href="feed.xml"' in built.html("companies/openai/")


def test_no_page_for_a_company_without_articles_and_tag_pages_stay(built: Site) -> None:
    assert not (built.site_dir / "companies/meta").exists()
    assert "A old big" in built.html("tags/anthropic/")


def test_companies_switched_off_or_absent_leave_no_pages_and_no_tab(tmp_path) -> None:
    site = make_site(tmp_path / "off", plugin_options={"search": False, "cards": {"enabled": False},
                                                       "sections": {"companies": False}}, nav=NAV)
    site.write("tags.yml", "Anthropic:\n  kind: company\n")
    site.add_article(tags=["Anthropic"])
    assert site.build("--strict").returncode == 0
    assert not (site.site_dir / "companies").exists()
    assert ">企業<" not in site.html("").replace(" ", "").replace("\n", "")
    plain = make_site(tmp_path / "plain", plugin_options={"search": False, "cards": {"enabled": False}}, nav=NAV)
    plain.add_article(tags=["Anthropic"])                      # no company in tags.yml
    assert plain.build("--strict").returncode == 0
    assert not (plain.site_dir / "companies").exists()


BAD_TAGS = """\
Acme:
  kind: corporation
Beta:
  kind: company
  website: ftp://beta.example/
  logo: ../secret.png
Gamma:
  kind: company
  logo: assets/missing.svg
Delta:
  website: https://delta.example/
"""


def test_company_problems_are_one_line_each_in_the_build_and_in_ainews_check(tmp_path) -> None:
    site = make_site(tmp_path)
    site.write("tags.yml", BAD_TAGS)
    site.add_article()
    expected = [
        "content/tags.yml: Acme.kind: must be company, got 'corporation'",
        "content/tags.yml: Beta.logo: must be an image file (.svg, .png, .jpg, .webp) under the content folder, "
        "e.g. assets/logos/x.svg, got '../secret.png'",
        "content/tags.yml: Beta.website: must be an http or https URL, got 'ftp://beta.example/'",
        "content/tags.yml: Delta.website: is only for companies: add `kind: company`",
        "content/tags.yml: Gamma.logo: names no file in the content folder: 'assets/missing.svg'",
    ]
    result = site.build()
    assert result.returncode == 1
    assert sorted(line.split("-  ")[-1] for line in result.stderr.splitlines() if "content/tags.yml" in line) \
        == expected
    check = ainews(site, "check")
    assert check.returncode == 1 and sorted(check.stdout.splitlines()) == expected
