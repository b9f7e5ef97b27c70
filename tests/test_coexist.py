"""The plugin beside a site's own pages, other plugins and hooks: nothing replaced, nothing hidden."""

from __future__ import annotations

from pathlib import Path

from conftest import Site, dedent, make_site

OWN_HOME = "# 私たちのサイト\n\nこれはサイト自身のトップページです。\n"


def error_lines(result) -> list[str]:
    """The build's error lines (MkDocs prefixes the first one with `ERROR    -  `)."""
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    text = result.stderr.split("ERROR   -  ", 1)[1]
    return [line for line in text.splitlines() if line.strip() and not line.startswith(("INFO", "Aborted"))]


def test_a_site_with_its_own_index_md_fails_with_the_option_that_moves_ours(site: Site) -> None:
    site.add_article("seed")
    site.write("index.md", OWN_HOME)
    assert error_lines(site.build()) == [
        "content/index.md: the site's own page at / is where ainews/news puts its news list; to keep both, "
        "set plugins.ainews/news.home (for example home: news/) or move this page"]


def test_every_clash_with_a_generated_url_is_listed_and_the_old_site_is_kept(site: Site) -> None:
    site.add_article("seed")
    site.write("tags.md", "# タグについて\n")
    site.write("daily/index.md", "# 日報\n")
    site.write("feed.xml", "<rss/>")
    site.site_dir.mkdir()
    (site.site_dir / "old.html").write_text("old", encoding="utf-8")
    lines = error_lines(site.build())
    assert sorted(lines) == sorted(
        f"{shown}: the site's own file at /{url} is where ainews/news puts one of its pages (a fixed URL); "
        "move or rename this file"
        for shown, url in [("content/tags.md", "tags/"), ("content/daily/index.md", "daily/"),
                           ("content/feed.xml", "feed.xml")])
    assert [p.name for p in site.site_dir.iterdir()] == ["old.html"]


def test_the_home_option_puts_the_news_list_in_a_folder_beside_the_sites_own_home(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugin_options={"home": "news", "per_page": 1, "search": False})
    site.add_article("seed")
    site.add_article("later", published="2026-06-03T00:00:00+09:00", title="後の記事")
    site.write("index.md", OWN_HOME)
    result = site.build("--strict")
    assert result.returncode == 0, result.stderr
    assert "サイト自身のトップページ" in site.html("")
    news = site.html("news/")
    assert "後の記事" in news and 'href="../articles/later/"' in news
    assert 'href="page/2/"' in news and "Opus 4.8" in site.html("news/page/2/")
    assert 'href="../../news/"' in site.html("articles/seed/")       # ニュース一覧 goes to the news list


def test_a_bad_home_folder_is_one_line(tmp_path: Path) -> None:
    for value in ("tags", "ニュース", "../up"):
        site = make_site(tmp_path / str(abs(hash(value))), plugin_options={"home": value})
        site.add_article("seed")
        lines = error_lines(site.build())
        assert len(lines) == 1 and lines[0].startswith("mkdocs.yml: plugins.ainews/news.home: must be a folder"), lines


def test_flat_urls_are_refused_with_one_line(tmp_path: Path) -> None:
    site = make_site(tmp_path, use_directory_urls=False)
    site.add_article("seed")
    assert error_lines(site.build()) == [
        "mkdocs.yml: use_directory_urls: false is not supported by ainews/news, whose pages live at folder URLs "
        "(/articles/<slug>/, /tags/<slug>/); remove the line or set it to true"]


HOOKS = dedent('''
    from pathlib import Path

    SEEN = Path(__file__).with_name("seen.txt")

    def on_page_markdown(markdown, page, config, files):
        if page.file.src_uri.startswith("articles/"):
            with SEEN.open("a", encoding="utf-8") as out:
                out.write("markdown:" + markdown.replace("\\n", " ") + "\\n")
            return markdown.replace("モデルの福祉", "フックで書き換えた福祉")
        return markdown

    def on_page_content(html, page, config, files):
        if page.file.src_uri.startswith("articles/"):
            with SEEN.open("a", encoding="utf-8") as out:
                out.write("content:" + html.replace("\\n", " ") + "\\n")
        return html
''')


def test_hooks_see_and_change_an_articles_markdown_and_see_its_body(tmp_path: Path) -> None:
    site = make_site(tmp_path, hooks=["hooks.py"], plugin_options={"search": False})
    (site.root / "hooks.py").write_text(HOOKS, encoding="utf-8")
    site.add_article("seed")
    result = site.build()
    assert result.returncode == 0, result.stderr
    seen = (site.root / "seen.txt").read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("markdown:これは日本語の翻訳です。モデルの福祉について論じます。") for line in seen), seen
    assert any(line.startswith("content:<p>これは日本語の翻訳です。フックで書き換えた福祉") for line in seen), seen
    html = site.html("articles/seed/")
    assert "フックで書き換えた福祉について論じます" in html
    assert "This is the English original" in html        # the original section is still ours


def test_markdown_a_hook_leaves_alone_is_not_rendered_again(tmp_path: Path) -> None:
    hooks = dedent('''
        from pathlib import Path

        def on_page_markdown(markdown, page, config, files):
            return markdown

        def on_page_content(html, page, config, files):
            if page.file.src_uri.startswith("articles/"):   # what MkDocs converted: nothing
                Path(config.config_file_path).with_name("converted.txt").write_text(repr(page.markdown))
            return html
    ''')
    site = make_site(tmp_path, hooks=["hooks.py"], plugin_options={"search": False})
    (site.root / "hooks.py").write_text(hooks, encoding="utf-8")
    site.add_article("seed", body="本文に <script>alert(1)</script> を含む。\n")
    assert site.build().returncode == 0
    assert (site.root / "converted.txt").read_text() == "''"
    html = site.html("articles/seed/")
    assert "本文に" in html and "<script>alert(1)" not in html        # the sanitized pre-rendered body


def test_a_site_with_its_own_plugins_folder_builds(site: Site) -> None:
    # `python -m mkdocs` puts the project folder first on sys.path: a `plugins` package there
    # must not shadow ours (it did when our import package was called `plugins`).
    (site.root / "plugins").mkdir()
    (site.root / "plugins" / "__init__.py").write_text("raise ImportError('the site-owned plugins package')\n")
    (site.root / "plugins" / "news.py").write_text("raise ImportError('the site-owned plugins.news')\n")
    site.add_article("seed")
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert "Opus 4.8" in site.html("articles/seed/")
