"""Build tests for the article page (/articles/<slug>/): contract fields, order, escaping, head, lang."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest

from conftest import SEED_FRONT_MATTER, Site, make_site

EVIL = "<script>alert(\"x\")</script> Tom & Jerry 'q'"
EVIL_URL = "https://example.com/news?a=1&b=\"2\"&c=<x>"
# A chips story like its headline: no word in common with the seed, whose related block is tested.
LONG_JAPANESE = ("半導体工場の冷却について技術者たちは新しい排熱方式の評価結果を公表した。" * 150)[:5000]


def text_of(element: lxml.html.HtmlElement) -> str:
    """The element's text with whitespace runs folded to one space."""
    return re.sub(r"\s+", " ", element.text_content()).strip()


def tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(html)


def one(root: lxml.html.HtmlElement, xpath: str) -> lxml.html.HtmlElement:
    found = root.xpath(xpath)
    assert len(found) == 1, f"{xpath}: {len(found)} matches"
    return found[0]


def by_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def target(page: str, href: str) -> str:
    """The site path a relative link on the page at ``page`` (``articles/seed/``) points to."""
    return urljoin("https://site.test/" + page, href).removeprefix("https://site.test/").rstrip("/")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_site(tmp_path_factory.mktemp("article"))
    site.add_article("seed")
    # Related candidates: share 3, 2 and 1 of the seed's tags, each with its own text.
    def own(n: int) -> dict:
        return dict(tldr=f"別の話題その{n}。", key_points=[{"title": f"論点その{n}", "detail": "詳細。"}],
                    body=f"本文その{n}。\n\n<!-- original -->\n\nText {n}.\n", original_title=f"Story {n}")
    site.add_article("rel-three", title="関連する記事 三つ", tags=["LLM Safety", "Model Welfare", "Alignment"],
                     published="2026-06-01T12:00:00+09:00",
                     source={"name": "Import AI", "url": "https://importai.substack.com/p/x"},
                     **{**own(3), "tldr": "三つのタグを共有する記事。"})
    site.add_article("rel-two", title="関連する記事 二つ", tags=["LLM Safety", "Alignment"],
                     published="2026-05-30T08:00:00+09:00", **own(2))
    site.add_article("rel-one", title="関連する記事 一つ", tags=["Anthropic"], published="2026-06-02T01:00:00+09:00",
                     **own(1))
    site.add_article("unrelated", title="無関係な記事", tags=["Robotics"], published="2026-06-02T00:30:00+09:00",
                     **own(4))
    # Articles on another subject (related articles compare text too, not only tags).
    chips = dict(title="半導体の供給網", original_title="Chip supply", tldr="半導体工場の増設計画。",
                 key_points=[{"title": "工場の増設", "detail": "生産能力を引き上げる。"}])
    chip_body = "半導体の本文。\n\n<!-- original -->\n\nAbout chips.\n"
    # A UTC time that is already the next day in Tokyo: 2026-06-02 00:00 JST.
    site.add_article("utc-next-day", tags=["Chips"], published="2026-06-01T15:00:00Z", body=chip_body, **chips)
    site.add_article("no-original", tags=["Chips"], body="翻訳だけの記事です。\n", original_lang="de",
                     **{**chips, "original_title": None}, impact=None, editorial=None, analyzed=None)
    site.add_article("german", tags=["Chips"], original_lang="de", body=chip_body, **{**chips, "original_title": "Ein Titel"})
    site.add_article("long", tags=["Chips"], body=LONG_JAPANESE + "\n\n<!-- original -->\n\nShort original.\n", **chips)
    site.add_article(
        "evil", title=EVIL, original_title=EVIL, tldr=EVIL, impact=EVIL, editorial=EVIL, tags=[EVIL, "Chips"],
        source={"name": EVIL, "url": EVIL_URL},
        key_points=[{"title": EVIL, "detail": EVIL}],
        body="本文は安全。\n\n<!-- original -->\n\nSafe original.\n",
    )
    site.add_article("draft", title="下書きの記事", draft=True, tags=["LLM Safety", "Model Welfare", "Alignment",
                                                                    "Anthropic"])
    result = site.build()
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def seed(built: Site) -> str:
    return built.html("articles/seed/")


def article_part(html: str) -> str:
    """The article element's HTML: from its opening tag to the end of the main content."""
    start = html.index('<article class="news-article"')
    return html[start:html.index("</main>", start)]


# What the page shows, in the contract's order.

def test_the_article_is_at_articles_slug(built: Site) -> None:
    assert (built.site_dir / "articles/seed/index.html").is_file()
    assert not (built.site_dir / "articles/2026").exists()


def test_every_contract_field_appears_in_the_contract_order(seed: str) -> None:
    part = article_part(seed)
    markers = [
        "ニュース一覧",                      # link back to the list
        "元記事を開く",
        "The Zvi",                            # source name
        "2026年6月2日 00:00",                 # published, site zone
        "約1分で読める",
        "Opus 4.8 パート2:モデルの福祉について",
        "#LLM Safety",
        "TL;DR",
        "The Zvi は、Opus 4.8 のモデル福祉",   # the TL;DR text
        "AI深層分析",
        "2026年6月2日 02:11",                 # analysed
        "重要",
        "5段階",
        "深度", "40%", "関連度", "30%", "実用性", "20%", "革新性", "10%",
        "キーポイント",
        "指標最適化による副作用",
        "特定の課題を解決しようとする試み",
        "敵対的学習と自己認識",
        "影響分析・編集コメントを表示",
        "影響分析", "この分析は業界全体", "編集コメント", "モデルの福祉を技術課題として",
        "これは日本語の翻訳です",              # the translation
        "原文を表示",
        "This is the English original",
        "この記事をシェア",
        "関連記事",
        "今日のまとめ",
        "AI日報で今日の重要ニュースをまとめ読み",
        "ニュース一覧に戻る",
        "元記事を読む",
    ]
    positions = []
    start = 0
    for marker in markers:
        at = part.find(marker, start)
        assert at >= 0, f"{marker!r} missing after {part[max(0, start - 80):start]!r}"
        positions.append(at)
        start = at + len(marker)
    # Each part also comes first where it is first expected, not only somewhere later.
    for marker in ["元記事を開く", "TL;DR", "AI深層分析", "キーポイント", "影響分析・編集コメントを表示", "原文を表示",
                   "この記事をシェア", "関連記事", "今日のまとめ", "ニュース一覧に戻る", "元記事を読む"]:
        assert part.find(marker) == positions[markers.index(marker)], marker


def test_header_links_back_to_the_list_and_to_the_original(seed: str) -> None:
    root = tree(seed)
    back = one(root, f"//article[{by_class('news-article')}]//a[contains(., 'ニュース一覧') and not(contains(., '戻る'))]")
    assert target("articles/seed/", back.get("href")) == ""
    for label in ("元記事を開く", "元記事を読む"):
        link = one(root, f"//a[contains(., '{label}')]")
        assert link.get("href") == SEED_FRONT_MATTER["source"]["url"]
        assert "noopener" in link.get("rel", "")
    assert target("articles/seed/", one(root, "//a[contains(., 'ニュース一覧に戻る')]").get("href")) == ""


def test_source_links_to_its_source_page_and_date_is_a_time_element(seed: str) -> None:
    root = tree(seed)
    source = one(root, f"//article[{by_class('news-article')}]//a[normalize-space(.)='The Zvi']")
    assert target("articles/seed/", source.get("href")) == "sources/the-zvi"
    times = root.xpath(f"//article[{by_class('news-article')}]//time")
    assert times[0].get("datetime") == "2026-06-02T00:00:00+09:00"
    assert text_of(times[0]) == "2026年6月2日 00:00"


def test_tags_are_hash_links_to_their_tag_pages(seed: str, built: Site) -> None:
    links = tree(seed).xpath("//a[starts-with(normalize-space(.), '#')]")
    assert [(text_of(a), target("articles/seed/", a.get("href"))) for a in links][:4] == [
        ("#LLM Safety", "tags/llm-safety"), ("#Model Welfare", "tags/model-welfare"),
        ("#Alignment", "tags/alignment"), ("#Anthropic", "tags/anthropic"),
    ]
    assert (built.site_dir / "tags/llm-safety/index.html").is_file()


def test_importance_4_juuyou_from_scores_5_5_3_4(seed: str) -> None:
    box = one(tree(seed), f"//*[{by_class('news-importance')}]")
    shown = text_of(box)
    assert re.match(r"4 重要 / ?5段階", shown), shown
    assert "★★★★☆" in shown


def test_sub_scores_show_label_weight_value_and_a_bar(seed: str) -> None:
    root = tree(seed)
    rows = root.xpath(f"//*[{by_class('news-subscore')}]")
    expected = [("深度", 40, 5), ("関連度", 30, 5), ("実用性", 20, 3), ("革新性", 10, 4)]
    assert len(rows) == 4
    for row, (label, weight, value) in zip(rows, expected):
        assert re.fullmatch(rf"{label}\s*{weight}%\s*{value}", text_of(row)), text_of(row)
        # The visual: a bar filled in proportion to the score.
        style = one(row, f".//*[{by_class('news-bar__fill')}]").get("style")
        assert re.fullmatch(rf"width:\s*{value * 20}%;?", style), style


def test_key_points_are_a_numbered_list_with_title_and_detail(seed: str) -> None:
    items = one(tree(seed), f"//section[{by_class('news-keypoints')}]//ol").xpath("./li")
    assert len(items) == 2
    assert re.match(r"(1\s*)?指標最適化による副作用", text_of(items[0])), text_of(items[0])
    assert "特定の課題を解決しようとする試みが新たな問題を生む。" in text_of(items[0])
    assert re.match(r"(2\s*)?敵対的学習と自己認識", text_of(items[1])), text_of(items[1])


def test_analysis_and_original_are_collapsed_without_javascript(seed: str) -> None:
    root = tree(seed)
    summaries = [text_of(s) for s in root.xpath("//details/summary")]
    assert "影響分析・編集コメントを表示" in summaries and "原文を表示" in summaries
    assert all(d.get("open") is None for d in root.xpath("//details"))


def test_share_links_are_plain_links_without_third_party_scripts(seed: str) -> None:
    root = tree(seed)
    section = one(root, f"//section[{by_class('news-share')}]")
    labels = [text_of(a) for a in section.xpath(".//a")]
    assert labels == ["X", "Facebook", "LinkedIn", "はてなブックマーク", "LINE", "リンクをコピー"]
    hrefs = [a.get("href") for a in section.xpath(".//a")]
    assert all(h.startswith("https://") for h in hrefs)
    assert "https%3A%2F%2Fexample.github.io%2Fainews%2Farticles%2Fseed%2F" in hrefs[0]
    assert hrefs[-1] == "https://example.github.io/ainews/articles/seed/"
    for script in root.xpath("//script[@src]"):
        assert not script.get("src").startswith(("http:", "https:", "//")), script.get("src")


def test_related_articles_link_to_their_pages_with_card_details(seed: str, built: Site) -> None:
    section = one(tree(seed), f"//section[{by_class('news-related')}]")
    cards = section.xpath(f".//article[{by_class('news-card')}]")
    titles = [text_of(one(c, ".//h3//a")) for c in cards]
    assert titles == ["関連する記事 三つ", "関連する記事 二つ", "関連する記事 一つ"]
    first = cards[0]
    assert target("articles/seed/", one(first, ".//h3//a").get("href")) == "articles/rel-three"
    assert "Import AI" in text_of(first)
    assert "★★★★☆" in text_of(first)
    assert "6月1日 12:00" in text_of(first)          # the year only outside the build's year
    assert "三つのタグを共有する記事。" in text_of(first)
    for card in cards:
        path = target("articles/seed/", one(card, ".//h3//a").get("href"))
        assert (built.site_dir / path / "index.html").is_file(), path


def test_drafts_are_never_related(built: Site) -> None:
    for slug in ("seed", "rel-three", "rel-two", "rel-one"):
        assert "下書きの記事" not in built.html(f"articles/{slug}/")


def test_todays_roundup_link_points_at_the_articles_day(seed: str) -> None:
    link = one(tree(seed), "//a[contains(., '今日のまとめ')]")
    assert target("articles/seed/", link.get("href")) == "daily/2026-06-02"


def test_a_utc_time_that_is_the_next_day_in_tokyo_shows_the_tokyo_date(built: Site) -> None:
    html = built.html("articles/utc-next-day/")
    part = article_part(html)
    assert "2026年6月2日 00:00" in part
    assert "2026年6月1日" not in part
    assert 'datetime="2026-06-02T00:00:00+09:00"' in part
    link = one(tree(html), "//a[contains(., '今日のまとめ')]")
    assert target("articles/utc-next-day/", link.get("href")) == "daily/2026-06-02"


def test_reading_time_counts_japanese_characters(built: Site) -> None:
    assert "約10分で読める" in article_part(built.html("articles/long/"))
    assert "約1分で読める" in article_part(built.html("articles/seed/"))


# Without the marker, the optional parts.

def test_an_article_without_the_marker_has_no_original_section(built: Site) -> None:
    html = built.html("articles/no-original/")
    assert "原文を表示" not in html
    assert not tree(html).xpath(f"//*[{by_class('news-original')}]")
    assert "翻訳だけの記事です。" in article_part(html)


def test_without_impact_and_editorial_there_is_no_analysis_section(built: Site) -> None:
    part = article_part(built.html("articles/no-original/"))
    assert "影響分析・編集コメントを表示" not in part
    assert "news-scores__analyzed" not in part        # no `analyzed`, no analysis time


# Languages.

def test_the_page_and_article_are_japanese_and_the_original_is_in_its_language(seed: str, built: Site) -> None:
    root = tree(seed)
    assert root.get("lang") == "ja"
    assert one(root, f"//article[{by_class('news-article')}]").get("lang") == "ja"
    original = one(root, f"//*[{by_class('news-original')}]")
    assert original.get("lang") == "en"
    assert "This is the English original" in text_of(original)
    assert "これは日本語の翻訳です" not in text_of(original)
    # The Japanese label inside the English section is marked Japanese.
    assert one(original, ".//summary").get("lang") == "ja"
    german = tree(built.html("articles/german/"))
    assert one(german, f"//*[{by_class('news-original')}]").get("lang") == "de"


# The page head.

def meta(root: lxml.html.HtmlElement, key: str) -> str:
    found = root.xpath(f"//head/meta[@property='{key}' or @name='{key}']")
    assert len(found) == 1, f"{key}: {len(found)}"
    return found[0].get("content")


def json_ld_raw(html: str, kind: str = "NewsArticle") -> str:
    """The text of the page's one JSON-LD script of the given @type."""
    [raw] = [s for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
             if json.loads(s).get("@type") == kind]
    return raw


def json_ld(html: str, kind: str = "NewsArticle") -> dict:
    return json.loads(json_ld_raw(html, kind))


def test_head_has_title_description_canonical_open_graph_and_twitter(seed: str) -> None:
    root = tree(seed)
    title = SEED_FRONT_MATTER["title"]
    url = "https://example.github.io/ainews/articles/seed/"
    assert text_of(one(root, "//head/title")) == f"{title} | AIニュースデスク"
    assert meta(root, "description") == SEED_FRONT_MATTER["tldr"]
    assert one(root, "//head/link[@rel='canonical']").get("href") == url
    assert meta(root, "og:type") == "article"
    assert meta(root, "og:title") == title
    assert meta(root, "og:description") == SEED_FRONT_MATTER["tldr"]
    assert meta(root, "og:url") == url
    assert meta(root, "og:site_name") == "AIニュースデスク"
    assert meta(root, "twitter:card") in ("summary", "summary_large_image")
    assert meta(root, "article:published_time") == "2026-06-02T00:00:00+09:00"


def test_head_has_json_ld_news_article_based_on_the_original(seed: str) -> None:
    data = json_ld(seed)
    assert data["@type"] == "NewsArticle"
    assert data["isBasedOn"]["url"] == SEED_FRONT_MATTER["source"]["url"]
    assert data["headline"] == SEED_FRONT_MATTER["title"]
    assert data["datePublished"] == "2026-06-02T00:00:00+09:00"
    assert data["url"] == "https://example.github.io/ainews/articles/seed/"


# Escaping: every front-matter field, in every context it lands in.

def test_no_front_matter_markup_reaches_any_built_page(built: Site) -> None:
    checked = 0
    for path in sorted(built.site_dir.rglob("*")):
        if path.suffix in (".html", ".xml") and path.is_file():
            text = path.read_text(encoding="utf-8")
            assert '<script>alert("x")' not in text, path
            assert "Tom & Jerry" not in text, path
            if path.suffix == ".html":      # (a feed may rightly carry escaped HTML, escaped again)
                assert "&amp;amp;" not in text and "&amp;lt;" not in text, f"double escaped in {path}"
            checked += "Tom &amp; Jerry" in text
    assert checked >= 5     # the article, home, tag, source and daily pages all show the evil text


def test_front_matter_text_is_escaped_in_the_page_body(built: Site) -> None:
    html = built.html("articles/evil/")
    root = tree(html)
    article = one(root, f"//article[{by_class('news-article')}]")
    assert text_of(one(article, ".//h1")) == EVIL
    assert text_of(one(article, f".//*[{by_class('news-article__original-title')}]")) == EVIL
    assert text_of(one(article, f".//section[{by_class('news-tldr')}]//p")) == EVIL
    point = one(article, f".//section[{by_class('news-keypoints')}]//li")
    assert text_of(one(point, ".//h3")) == EVIL
    assert text_of(one(point, ".//p")) == EVIL
    analysis = text_of(one(article, f".//details[{by_class('news-analysis')}]"))
    assert analysis.count(EVIL) == 2                                    # impact and editorial
    assert f"#{EVIL}" in [text_of(a) for a in article.xpath(".//a")]    # the tag
    assert EVIL in [text_of(a) for a in article.xpath(".//a")]          # the source name
    assert text_of(one(article, f".//*[{by_class('news-original__title')}]")) == EVIL
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Tom &amp; Jerry" in html \
        or "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tom &amp; Jerry" in html
    # Nothing in the article became an element.
    assert not article.xpath(".//script")


def test_front_matter_text_is_escaped_in_attributes_and_the_head(built: Site) -> None:
    html = built.html("articles/evil/")
    root = tree(html)
    assert text_of(one(root, "//head/title")) == f"{EVIL} | AIニュースデスク"
    for key in ("description", "og:title", "og:description", "twitter:title", "twitter:description"):
        assert meta(root, key) == EVIL, key
    assert EVIL in [m.get("content") for m in root.xpath("//head/meta[@property='article:tag']")]
    for label in ("元記事を開く", "元記事を読む"):
        assert one(root, f"//a[contains(., '{label}')]").get("href") == EVIL_URL
    assert not root.xpath("//head/script[not(@src) and contains(., 'alert')][not(@type='application/ld+json')]")


def test_json_ld_cannot_be_broken_out_of(built: Site) -> None:
    html = built.html("articles/evil/")
    raw = json_ld_raw(html)
    assert "<" not in raw and "</script" not in raw.lower()
    data = json.loads(raw)
    assert data["headline"] == EVIL
    assert data["description"] == EVIL
    assert data["isBasedOn"]["url"] == EVIL_URL
    assert EVIL in data["keywords"]
    assert data["sourceOrganization"]["name"] == EVIL


# Drafts.

def test_a_draft_is_absent_from_mkdocs_build(built: Site) -> None:
    assert not (built.site_dir / "articles/draft").exists()
    for path in built.site_dir.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert "下書きの記事" not in text and "articles/draft/" not in text, path


def test_a_draft_is_built_when_the_plugin_option_asks_for_drafts(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugin_options={"drafts": True})
    site.add_article("seed")
    site.add_article("draft", title="下書きの記事", draft=True)
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert "下書きの記事" in article_part(site.html("articles/draft/"))


# The repository's own sample site (content/), built once per session with --strict.

def sample_corpus():  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    from conftest import REPO
    from ainews.model.corpus import read_corpus
    from ainews.model.validate import ModelSettings
    return read_corpus(REPO / "content", "articles", ModelSettings(zone=ZoneInfo("Asia/Tokyo")), base=REPO)


def test_the_sample_site_builds_strict_without_warnings(sample_site: Site) -> None:
    log = sample_site.build_log  # type: ignore[attr-defined]
    assert "WARNING" not in log, log
    assert "Traceback" not in log


def test_the_sample_content_is_as_varied_as_the_issue_asks() -> None:
    corpus = sample_corpus()
    published = [a for a in corpus.articles if not a.draft]
    assert len(published) >= 30
    assert len({a.day for a in published}) >= 6
    assert len({a.source.slug for a in published}) >= 6
    assert len({t.slug for a in published for t in a.tags}) >= 20
    assert any(a.draft for a in corpus.articles)
    assert any(a.original is None for a in published) and any(a.original is not None for a in published)
    assert len({a.importance for a in published}) >= 3


def test_every_sample_article_has_a_complete_page_and_drafts_have_none(sample_site: Site) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    for article in sample_corpus().articles:
        page = sample_site.site_dir / "articles" / article.slug / "index.html"
        if article.draft or article.is_scheduled(now):     # scheduled: left out like a draft
            assert not page.exists(), article.path
            continue
        part = article_part(page.read_text(encoding="utf-8"))
        for label in ("ニュース一覧", "元記事を開く", "分で読める", "TL;DR", "重要度", "5段階", "キーポイント",
                      "この記事をシェア", "今日のまとめ", "ニュース一覧に戻る", "元記事を読む"):
            assert label in part, f"{article.path}: {label}"
        assert ("原文を表示" in part) is (article.original is not None), article.path
        assert f"約{article.reading_minutes}分で読める" in part, article.path
