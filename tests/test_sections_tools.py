"""AIツール: the tools registry, /tools/, /tools/<slug>/ and この記事のツール on a purpose-made corpus."""

from __future__ import annotations

import re

import pytest

from conftest import Site, make_site
from test_cli import ainews

TOOLS = """\
Claude Code:
  url: https://www.anthropic.com/claude-code
  category: コーディング
  description: "ターミナルで動く & コーディングエージェント。"
  pricing: paid
  tags: [Anthropic, Coding, Unused Tag]
Ollama:
  url: https://ollama.com/
  category: ローカル実行
  description: 手元でモデルを動かす。
  pricing: free
Cursor:
  url: https://cursor.com/
  category: コーディング
  description: AI エディタ。
  pricing: freemium
  aliases: [Cursor IDE]
Quiet Tool:
  url: https://quiet.example/
  category: ローカル実行
  description: まだ記事のないツール。
  pricing: free
"""
NAV = [{"最新ニュース": "index.md"}, {"AIツール": "tools/index.md"}]


def _titles(html: str) -> list[str]:
    return re.findall(r'class="news-card__title"><a href="[^"]*">([^<]*)</a>', html)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_site(tmp_path_factory.mktemp("tools"), plugin_options={"search": False}, nav=NAV)
    site.write("tools.yml", TOOLS)
    site.add_article("by-name", title="Claude Code の新機能", tags=["Coding"], published="2026-11-20",
                     body="本文で Ollama と Cursor に触れる。Cursorless や MyOllama は別物。\n")
    site.add_article("by-tag", title="タグで", tags=["Ollama"], published="2026-11-22", body="本文。\n")
    site.add_article("by-alias", title="別名で", tags=["LLM"], published="2026-11-24", body="Cursor IDE を試す。\n")
    site.add_article("none", title="無関係", tags=["LLM"], published="2026-11-26", body="ツールの話はない。\n")
    site.add_article("draft", title="下書き", tags=["Ollama"], published="2026-11-27", draft=True)
    result = site.build("--strict")
    assert result.returncode == 0, result.stderr
    return site


def test_tools_index_groups_by_category_in_registry_order(built: Site) -> None:
    html = built.html("tools/")
    categories = re.findall(r'<h2 id="tools-\d+">([^<]*)</h2>', html)
    assert categories == ["コーディング", "ローカル実行"]
    coding = html.split("コーディング</h2>")[1].split("</section>")[0]
    assert _titles(coding) == ["Claude Code", "Cursor"]
    assert "ターミナルで動く &amp; コーディングエージェント。" in html
    assert 'news-pricing--paid">有料<' in html and 'news-pricing--freemium">一部無料<' in html


def test_a_tool_page_lists_the_articles_mentioning_it_by_tag_or_name(built: Site) -> None:
    assert _titles(built.html("tools/ollama/")) == ["タグで", "Claude Code の新機能"]
    assert _titles(built.html("tools/cursor/")) == ["別名で", "Claude Code の新機能"]
    assert _titles(built.html("tools/claude-code/")) == ["Claude Code の新機能"]
    quiet = built.html("tools/quiet-tool/")
    assert "まだ記事はありません。" in quiet and 'href="https://quiet.example/"' in quiet


def test_a_tool_page_links_only_tags_that_have_pages(built: Site) -> None:
    html = built.html("tools/claude-code/")
    assert 'href="../../tags/coding/"' in html
    assert "unused-tag" not in html and "tags/anthropic" not in html   # no article uses them: no tag page


def test_article_pages_show_their_tools_box(built: Site) -> None:
    box = built.html("articles/by-name/").split('id="article-tools-heading"')[1].split("</aside>")[0]
    assert _titles(box) == ["Claude Code", "Cursor", "Ollama"]
    assert "article-tools-heading" not in built.html("articles/none/")
    assert not (built.site_dir / "tools.yml").exists()


def test_no_tools_registry_or_switched_off_means_no_section(tmp_path) -> None:
    plain = make_site(tmp_path / "plain", plugin_options={"search": False, "cards": {"enabled": False}}, nav=NAV)
    plain.add_article(body="Ollama を使う。\n")
    assert plain.build("--strict").returncode == 0
    assert not (plain.site_dir / "tools").exists()
    assert "AIツール" not in plain.html("")
    off = make_site(tmp_path / "off", plugin_options={"search": False, "cards": {"enabled": False},
                                                      "sections": {"tools": False}}, nav=NAV)
    off.write("tools.yml", TOOLS)
    off.add_article(body="Ollama を使う。\n")
    assert off.build("--strict").returncode == 0
    assert not (off.site_dir / "tools").exists()
    assert "article-tools-heading" not in off.html("articles/seed/")


BAD_TOOLS = """\
Broken:
  url: not-a-url
  category: ""
  pricing: cheap
  tags: notalist
  colour: blue
Fine:
  url: https://fine.example/
  category: 開発
  description: 良いツール。
  pricing: free
fine:
  url: https://fine2.example/
  category: 開発
  description: 同じ slug。
  pricing: free
"""


def test_tool_problems_are_one_line_each_in_the_build_and_in_ainews_check(tmp_path) -> None:
    site = make_site(tmp_path)
    site.write("tools.yml", BAD_TOOLS)
    site.add_article()
    expected = [
        "content/tools.yml: Broken.category: is required: expected non-empty text",
        "content/tools.yml: Broken.colour: unknown field; expected one of url, category, description, pricing, "
        "tags, aliases, slug",
        "content/tools.yml: Broken.description: is required: expected non-empty text",
        "content/tools.yml: Broken.pricing: must be free, freemium or paid, got 'cheap'",
        "content/tools.yml: Broken.tags: must be a list of up to 10 names, got 'notalist'",
        "content/tools.yml: Broken.url: must be an http or https URL, got 'not-a-url'",
        "content/tools.yml: fine: has the same slug 'fine' as Fine",
    ]
    result = site.build()
    assert result.returncode == 1
    assert sorted(line.split("-  ")[-1] for line in result.stderr.splitlines() if "content/tools.yml" in line) \
        == expected
    check = ainews(site, "check")
    assert check.returncode == 1 and sorted(check.stdout.splitlines()) == expected
