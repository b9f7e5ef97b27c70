"""Several daily digests (AI日報, Hacker日報): membership, day pages, links, feeds, header tabs."""

from __future__ import annotations

import re

import feedparser
import pytest

from conftest import Site, make_site
from ainews.index.digests import digest_problems, make_digest
from ainews.site.sections.nav import prune_nav

HN = {"name": "Hacker News", "url": "https://news.ycombinator.com/item?id=1"}
LOBSTERS = {"name": "Lobsters", "url": "https://lobste.rs/s/abc"}
DIGESTS = [
    {"name": "AI日報", "path": "daily"},
    {"name": "Hacker日報", "path": "hacker", "source_groups": ["community"], "description": "コミュニティの話題"},
    {"name": "規制日報", "path": "policy", "tags": ["規制"]},
    {"name": "空の日報", "path": "empty", "sources": ["Nobody"]},
]
NAV = [{"最新ニュース": "index.md"}, {"AI日報": "daily/index.md"}, {"Hacker日報": "hacker/index.md"},
       {"空の日報": "empty/index.md"}, {"規制日報": "policy/index.md"}, {"タグ": "tags/index.md"}]


def _titles(html: str) -> list[str]:
    return re.findall(r'class="news-card__title"><a href="[^"]*">([^<]*)</a>', html)


def _tabs(html: str) -> list[str]:
    return [t.strip() for t in re.findall(r'class="md-tabs__link[^"]*"[^>]*>\s*([^<]*?)\s*<', html)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_site(tmp_path_factory.mktemp("digests"), plugin_options={"digests": DIGESTS, "search": False},
                     nav=NAV)
    site.write("sources.yml", "Hacker News:\n  group: community\nLobsters:\n  group: [Community, links]\n")
    site.add_article("hn-low", title="HN low", source=HN, published="2026-11-28T09:00:00+09:00",
                     scores={"depth": 2, "relevance": 2, "practicality": 2, "novelty": 2})
    site.add_article("hn-high", title="HN high", source=HN, published="2026-11-28T08:00:00+09:00",
                     scores={"depth": 5, "relevance": 5, "practicality": 5, "novelty": 5})
    site.add_article("lobsters", title="Lobsters", source=LOBSTERS, published="2026-11-30T12:00:00+09:00")
    site.add_article("blog", title="Blog", published="2026-11-29T12:00:00+09:00")
    site.add_article("law", title="Law", tags=["規制"], published="2026-11-29T13:00:00+09:00")
    site.add_article("hn-law", title="HN law", source=HN, tags=["規制"], published="2026-11-29T14:00:00+09:00")
    result = site.build("--strict")
    assert result.returncode == 0, result.stderr
    return site


def test_a_digest_takes_its_source_groups_and_orders_a_day_by_importance(built: Site) -> None:
    assert _titles(built.html("hacker/2026-11-28/")) == ["HN high", "HN low"]   # importance, not time
    assert _titles(built.html("hacker/2026-11-29/")) == ["HN law"]
    assert _titles(built.html("hacker/2026-11-30/")) == ["Lobsters"]            # group spelled "Community"
    assert not (built.site_dir / "hacker/2026-11-27").exists()


def test_the_default_digest_still_takes_every_article(built: Site) -> None:
    assert sorted(_titles(built.html("daily/2026-11-29/"))) == ["Blog", "HN law", "Law"]


def test_a_digest_by_tag(built: Site) -> None:
    assert sorted(_titles(built.html("policy/2026-11-29/"))) == ["HN law", "Law"]
    assert [p.name for p in (built.site_dir / "policy").iterdir() if p.is_dir()] == ["2026-11-29"]


def test_day_pages_link_their_own_digests_neighbours_and_index(built: Site) -> None:
    html = built.html("hacker/2026-11-29/")
    assert 'rel="prev" href="../2026-11-28/"' in html and 'rel="next" href="../2026-11-30/"' in html
    assert '<a href="../">Hacker日報</a>' in html
    index = built.html("hacker/")
    assert "コミュニティの話題" in index
    assert index.index("2026-11-30") < index.index("2026-11-29") < index.index("2026-11-28")


def test_an_articles_summary_link_opens_its_own_digest(built: Site) -> None:
    assert 'class="news-daily-link" href="../../hacker/2026-11-28/"' in built.html("articles/hn-low/")
    # the first declared digest whose rules name it: Hacker日報 before 規制日報
    assert 'class="news-daily-link" href="../../hacker/2026-11-29/"' in built.html("articles/hn-law/")
    assert 'class="news-daily-link" href="../../policy/2026-11-29/"' in built.html("articles/law/")
    assert 'class="news-daily-link" href="../../daily/2026-11-29/"' in built.html("articles/blog/")
    assert "Hacker日報で今日の重要ニュースをまとめ読み" in built.html("articles/hn-low/")


def test_each_digest_has_a_feed_of_its_articles(built: Site) -> None:
    feed = feedparser.parse((built.site_dir / "hacker/feed.xml").read_bytes())
    assert feed.feed.title == "Hacker日報 - AIニュースデスク"
    assert [e.title for e in feed.entries] == ["Lobsters", "HN law", "HN low", "HN high"]
    assert len(feedparser.parse((built.site_dir / "daily/feed.xml").read_bytes()).entries) == 6


def test_header_tabs_follow_nav_and_leave_out_an_empty_digest(built: Site) -> None:
    assert _tabs(built.html("")) == ["最新ニュース", "AI日報", "Hacker日報", "規制日報", "タグ"]
    assert not (built.site_dir / "empty").exists()


def test_a_digest_switched_off_leaves_the_header_and_the_site(tmp_path) -> None:
    site = make_site(tmp_path, plugin_options={"digests": DIGESTS[:1], "search": False, "cards": {"enabled": False}},
                     nav=NAV)
    site.add_article("hn", source=HN)
    result = site.build("--strict")
    # hacker/index.md is no longer a digest of this site: MkDocs itself warns about the entry
    assert result.returncode == 1 and "hacker/index.md" in result.stderr
    site = make_site(tmp_path, plugin_options={"digests": DIGESTS[:1], "search": False, "cards": {"enabled": False}},
                     nav=NAV[:2])
    assert site.build("--strict").returncode == 0
    assert not (site.site_dir / "hacker").exists()
    assert _tabs(site.html("")) == ["最新ニュース", "AI日報"]


def test_bad_digest_options_are_one_line_each(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AINEWS_LANG", "both")
    site = make_site(tmp_path, plugin_options={"digests": [
        {"name": "A", "path": "daily"}, {"name": "B", "path": "daily"}, {"name": "C", "path": "tags"},
        {"name": "D", "path": "Bad Path"}]})
    site.add_article()
    result = site.build()
    assert result.returncode == 1
    lines = [line.split("-  ")[-1] for line in result.stderr.splitlines() if "plugins.news.digests" in line]
    assert lines == [
        "mkdocs.yml: plugins.news.digests[1].path: 'daily' はほかのダイジェストがすでに使っています"
        " / 'daily' is already used by another digest",
        "mkdocs.yml: plugins.news.digests[2].path: 'tags' はサイトのほかのページが使っています"
        " / 'tags' is used by other pages of the site",
        "mkdocs.yml: plugins.news.digests[3].path: 英小文字・数字・'-' だけにしてください（値: 'Bad Path'）"
        " / must be lower-case letters, digits and '-', got 'Bad Path'",
    ]


def test_digest_problems_and_names_as_slugs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AINEWS_LANG", "en")
    digest = make_digest("Hacker日報", "hacker", sources=["Hacker News"], source_groups=["Community"], tags=["LLM Safety"])
    assert (digest.sources, digest.groups, digest.tags) == ({"hacker-news"}, {"community"}, {"llm-safety"})
    assert not digest.takes_all and make_digest("AI日報", "daily").takes_all
    assert digest_problems([make_digest("", "a/b")]) == [
        "digests[0].name: must be non-empty text",
        "digests[0].path: must be lower-case letters, digits and '-', got 'a/b'"]


def test_prune_nav_drops_only_owned_pages_not_made() -> None:
    nav = [{"A": "a/index.md"}, "b/index.md", {"Menu": [{"C": "c/index.md"}]}, {"Typo": "x/index.md"},
           {"Web": "https://example.com/"}]
    owned = {"a/index.md", "b/index.md", "c/index.md"}
    assert prune_nav(nav, owned, {"b/index.md"}) == ["b/index.md", {"Typo": "x/index.md"},
                                                      {"Web": "https://example.com/"}]
    assert prune_nav(None, owned, set()) is None


def test_the_footer_lists_the_header_sections_and_rss(built: Site) -> None:
    footer = built.html("hacker/").split('aria-label="セクション">', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="([^"]*)">([^<]*)</a>', footer)
    assert [title for _, title in links] == ["最新ニュース", "AI日報", "Hacker日報", "規制日報", "タグ", "RSS"]
    assert links[2][0] == "./" and links[-1][0] == "../feed.xml"
