"""The link checker itself, on a hand-made site, so a passing site check means something."""

from __future__ import annotations

from pathlib import Path

from linkcheck import broken_links, detect_site_url


def make_files(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


GOOD_PAGE = """<!doctype html><html><head>
<link rel="canonical" href="https://user.github.io/repo/articles/opus/">
<meta property="og:url" content="https://user.github.io/repo/articles/opus/">
<link rel="stylesheet" href="../../assets/site.css?v=3">
<link rel="preconnect" href="https://fonts.example.com">
</head><body>
<a href="../../">home</a> <a href="../../tags/%E7%94%9F%E6%88%90ai/">生成AI</a>
<a href="../../tags/llm/#top">LLM</a> <a href="#key-points">jump</a> <a href="">self</a>
<a href="mailto:desk@example.jp">mail</a> <a href="https://example.com/missing">external</a>
<a href="javascript:void(0)">js</a> <img src="data:image/png;base64,AAAA" alt="">
<img srcset="../../img/a.png 1x, ../../img/b%20c.png 2x" alt=""><br/>
<a href="../../feed.xml">feed</a> <a href="/repo/articles/opus/">absolute</a>
<a href="https://user.github.io/repo/tags/llm/">same site</a>
</body></html>"""

SITE = {
    "index.html": '<link rel="canonical" href="https://user.github.io/repo/"><a href="articles/opus/">x</a>',
    "articles/opus/index.html": GOOD_PAGE,
    "assets/site.css": "",
    "tags/生成ai/index.html": "<a href='../../'>up</a>",
    "tags/llm/index.html": "",
    "img/a.png": "", "img/b c.png": "",
    "feed.xml": "",
    "404.html": '<link href="/repo/assets/site.css" rel="stylesheet"><a href="/repo/">home</a>',
}


def test_a_sound_site_has_no_broken_links(tmp_path: Path) -> None:
    make_files(tmp_path, SITE)
    assert detect_site_url(tmp_path) == "https://user.github.io/repo/"
    assert broken_links(tmp_path) == []


def test_every_kind_of_broken_link_is_reported(tmp_path: Path) -> None:
    make_files(tmp_path, {**SITE, "articles/broken/index.html": """
        <a href="../missing/">a</a> <img src="../../img/nope.png"> <script src="../../js/app.js"></script>
        <a href="../../tags/%E8%A6%8F%E5%88%B6/">規制</a> <a href="/assets/site.css">root</a>
        <a href="../../../outside.html">up</a> <link rel="canonical" href="https://user.github.io/other/x/">
        <img srcset="../../img/a.png 1x, ../../img/gone.png 2x"> <a href="../../tags/%FF/">bad</a>
        <meta property="og:image" content="https://user.github.io/repo/cards/broken.png">"""})
    found = broken_links(tmp_path)
    page = "articles/broken/index.html"
    assert found == [
        f"{page}: a href ../missing/: names articles/missing/index.html, which is not in the built site",
        f"{page}: img src ../../img/nope.png: names img/nope.png, which is not in the built site",
        f"{page}: script src ../../js/app.js: names js/app.js, which is not in the built site",
        f"{page}: a href ../../tags/%E8%A6%8F%E5%88%B6/: names tags/規制/index.html, which is not in the built site",
        f"{page}: a href /assets/site.css: is root-absolute outside the site's base path /repo/ "
        "(breaks under a sub-path)",
        f"{page}: a href ../../../outside.html: points above the site root",
        f"{page}: link href https://user.github.io/other/x/: is on the site's host but outside its base path /repo/",
        f"{page}: img srcset ../../img/gone.png: names img/gone.png, which is not in the built site",
        f"{page}: a href ../../tags/%FF/: has a percent-encoding that is not UTF-8",
        f"{page}: meta og:image https://user.github.io/repo/cards/broken.png: names cards/broken.png, "
        "which is not in the built site",
    ]


def test_base_path_defaults_to_root_without_a_site_url(tmp_path: Path) -> None:
    make_files(tmp_path, {"index.html": '<a href="/a/">a</a><a href="/b/">b</a>', "a/index.html": ""})
    assert broken_links(tmp_path) == ["index.html: a href /b/: names b/index.html, which is not in the built site"]
    assert broken_links(tmp_path, site_url="https://user.github.io/repo/")[0].endswith(
        "is root-absolute outside the site's base path /repo/ (breaks under a sub-path)")
