"""Figures and click-to-play videos in Chromium: nothing reaches the video site before the click."""

from __future__ import annotations

from typing import Any, Iterator

import pytest
from PIL import Image

from conftest import make_site

from .conftest import Server, open_context, screenshot, serve

BODY = """\
発表会の様子を図と動画で紹介する。

![推論コストのグラフ](chart.png "図1: 1M トークンあたりの推論コストの推移")

https://www.youtube.com/watch?v=dQw4w9WgXcQ

以上。
"""


@pytest.fixture(scope="module")
def media_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    site = make_site(tmp_path_factory.mktemp("media-browser"), {"search": False},
                     site_url="https://example.github.io/ainews/")
    site.add_article(body=BODY, video="https://vimeo.com/76979871")
    image = Image.new("RGB", (960, 540), "#eef")
    for x in range(0, 960, 4):   # a falling line, so the figure shows something
        image.putpixel((x, 60 + x * 400 // 960), (40, 40, 160))
    image.save(site.content / "articles/2026/06/chart.png")
    result = site.build()
    assert result.returncode == 0, result.stderr
    yield from serve(site.site_dir, tmp_path_factory.mktemp("www-media"))


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_video_loads_the_privacy_enhanced_player_only_after_a_click(browser: Any, media_server: Server,
                                                                    device: str) -> None:
    context, watch = open_context(browser, media_server.origin, device)
    page = context.new_page()
    page.goto(media_server.url("articles/seed/"), wait_until="networkidle")
    figure = page.locator("figure:has(figcaption)").first
    assert figure.locator("figcaption").inner_text() == "図1: 1M トークンあたりの推論コストの推移"
    assert figure.locator("img").evaluate("img => img.complete && img.naturalWidth") == 960
    screenshot(page, "article-media", device)
    assert watch.blocked == []                       # no request has left the site yet
    players = page.locator("a[data-video]")
    assert players.count() == 2
    players.nth(1).click()                           # the body's YouTube video
    frame = page.locator("iframe.news-video__player")
    frame.wait_for()
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    page.wait_for_timeout(300)
    assert watch.blocked and all(url.startswith("https://www.youtube-nocookie.com/") for url in watch.blocked)
    assert page.locator("a[data-video]").count() == 1   # the other video still waits for its click
    context.close()
    assert watch.errors == [] and watch.dialogs == []
