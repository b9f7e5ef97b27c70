"""動画: /videos/ lists the articles with a video, paginated, with share-card thumbnails."""

from __future__ import annotations

import re

import pytest

from conftest import Site, make_site
from ainews.index.videos import is_video_url

NAV = [{"最新ニュース": "index.md"}, {"動画": "videos/index.md"}, {"タグ": "tags/index.md"}]


def _titles(html: str) -> list[str]:
    return re.findall(r'class="news-videocard__title"><a href="[^"]*">([^<]*)</a>', html)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_site(tmp_path_factory.mktemp("videos"), plugin_options={"search": False, "per_page": 2}, nav=NAV,
                     site_url="https://example.github.io/ainews/")
    site.add_article("yt", title="YouTube", published="2026-11-26",
                     body="講演の動画。\n\nhttps://www.youtube.com/watch?v=Q7mvT2sKe4w\n\n続き。\n")
    site.add_article("short", title="Short link", published="2026-11-27", body="動画。\n\n<https://youtu.be/Lm4pR9vXc2A>\n")
    site.add_article("vimeo", title="Vimeo", published="2026-11-28", body="[デモ](https://vimeo.com/912345678)\n")
    site.add_article("inline", title="Inline only", published="2026-11-29",
                     body="文中のリンク https://www.youtube.com/watch?v=Q7mvT2sKe4w は数えない。\n")
    site.add_article("draft", title="Draft video", published="2026-11-30", draft=True,
                     body="https://youtu.be/Lm4pR9vXc2A\n")
    result = site.build("--strict")
    assert result.returncode == 0, result.stderr
    return site


def test_videos_lists_video_articles_newest_first_paginated(built: Site) -> None:
    first, second = built.html("videos/"), built.html("videos/page/2/")
    assert _titles(first) == ["Vimeo", "Short link"]
    assert _titles(second) == ["YouTube"]
    assert 'rel="next" href="page/2/"' in first and 'href="../../"' in second      # page 2 links back to /videos/
    assert "Inline only" not in first + second and "Draft video" not in first + second


def test_each_video_card_shows_the_articles_share_card(built: Site) -> None:
    html = built.html("videos/")
    thumbs = re.findall(r'<img src="([^"]*)" alt="" width="1200" height="630" loading="lazy">', html)
    assert thumbs == ["../assets/cards/articles/vimeo.png", "../assets/cards/articles/short.png"]
    for thumb in thumbs:
        assert (built.site_dir / "videos" / thumb).resolve().is_file()
    assert "youtube.com" not in html and "vimeo.com" not in html       # the list makes no request to video sites


def test_no_video_articles_or_switched_off_means_no_section(tmp_path) -> None:
    plain = make_site(tmp_path / "plain", plugin_options={"search": False, "cards": {"enabled": False}}, nav=NAV)
    plain.add_article()
    assert plain.build("--strict").returncode == 0
    assert not (plain.site_dir / "videos").exists() and "動画" not in plain.html("")
    off = make_site(tmp_path / "off", plugin_options={"search": False, "cards": {"enabled": False},
                                                      "sections": {"videos": False}}, nav=NAV)
    off.add_article(body="https://youtu.be/Lm4pR9vXc2A\n")
    assert off.build("--strict").returncode == 0
    assert not (off.site_dir / "videos").exists()


@pytest.mark.parametrize(("url", "video"), [
    ("https://www.youtube.com/watch?v=Q7mvT2sKe4w", True), ("https://youtu.be/Lm4pR9vXc2A", True),
    ("https://m.youtube.com/shorts/Lm4pR9vXc2A", True), ("https://vimeo.com/912345678", True),
    ("https://player.vimeo.com/video/912345678", True), ("https://www.youtube.com/channel/UCabc", False),
    ("https://youtu.be/short", False), ("https://vimeo.com/about", False), ("https://example.com/watch?v=Q7mvT2sKe4w", False),
])
def test_video_urls(url: str, video: bool) -> None:
    assert is_video_url(url) is video
