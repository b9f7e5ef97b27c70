"""Media in article bodies: captioned figures, local image sizes, click-to-play videos, sanitizer warnings."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given, strategies as st
from PIL import Image

from ainews.model.video import DATA_VIDEO, parse_video_url
from ainews.render.sanitize import sanitize_and_report
from ainews.render.video import render_video_embed
from conftest import Site, make_site

MEDIA_BODY = """\
図を見てください。

![推論コストのグラフ](chart.png "図1: 推論コストの推移")

![見出しなしの図](chart.png)

https://www.youtube.com/watch?v=dQw4w9WgXcQ

[基調講演の録画](https://vimeo.com/76979871)

本文中の https://youtu.be/dQw4w9WgXcQ は埋め込みにしない。

<!-- original -->

See the figure.
"""


def render(text: str) -> str:
    return markdown.Markdown(extensions=["ainews.render.media", "attr_list", "md_in_html"]).convert(text)


@pytest.fixture(scope="module")
def media_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, str]:
    site = make_site(tmp_path_factory.mktemp("media"), {"search": False, "cards": {"enabled": False}})
    site.add_article(body=MEDIA_BODY, video="https://youtu.be/M7lc1UVf-VE")
    Image.new("RGB", (640, 360), "white").save(site.content / "articles/2026/06/chart.png")
    site.add_article("hostile", body="前置き。\n\n<iframe src=\"https://evil.example/\"></iframe>\n\n"
                                     "<p onclick=\"alert(1)\">クリック</p>\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    return site, result.stderr


def figures(html: str) -> list[str]:
    return re.findall(r"<figure\b.*?</figure>", html, re.S)


def test_a_titled_image_becomes_a_figure_with_its_caption() -> None:
    html = render('![グラフ](a.png "図1: 推移")')
    assert html == '<figure><img alt="グラフ" src="a.png" /><figcaption>図1: 推移</figcaption>\n</figure>'
    assert render("![グラフ](a.png)") == '<p><img alt="グラフ" src="a.png" /></p>'
    assert "<figure>" not in render('文の途中の ![グラフ](a.png "図") は図にしない。')


def test_local_images_get_their_size_lazy_loading_and_a_working_url(media_site: tuple[Site, str]) -> None:
    site, _ = media_site
    html = site.html("articles/seed/")
    captioned = next(f for f in figures(html) if "figcaption>図1" in f)
    image = re.search(r"<img [^>]*>", captioned).group(0)   # type: ignore[union-attr]
    assert 'width="640"' in image and 'height="360"' in image and 'loading="lazy"' in image
    src = re.search(r'src="([^"]*)"', image).group(1)       # type: ignore[union-attr]
    assert (site.site_dir / "articles/seed" / src).resolve().is_file()
    plain = re.search(r'<img [^>]*alt="見出しなしの図"[^>]*>', html).group(0)   # type: ignore[union-attr]
    assert 'loading="lazy"' in plain and 'width="640"' in plain


def test_a_video_url_on_its_own_line_and_the_video_field_become_click_to_play(media_site: tuple[Site, str]) -> None:
    site, _ = media_site
    html = site.html("articles/seed/")
    videos = [f for f in figures(html) if 'class="news-video"' in f]
    assert [re.search(r'data-video="([^"]*)"', v).group(1) for v in videos] == [   # type: ignore[union-attr]
        "youtube:M7lc1UVf-VE", "youtube:dQw4w9WgXcQ", "vimeo:76979871"]       # field first, then the body
    assert "<figcaption>基調講演の録画</figcaption>" in videos[2]
    assert "本文中の https://youtu.be/dQw4w9WgXcQ は埋め込みにしない。" in html
    # Nothing on the page loads from a video site before a click: they appear only as link targets.
    loaded = re.findall(r'\s(?:src|srcset|poster|data)="([^"]*)"', html) + re.findall(r"url\(([^)]*)\)", html)
    assert not [url for url in loaded if re.search(r"youtu|vimeo", url)]
    assert "<iframe" not in html and not re.search(r'src="[^"]*(youtube|vimeo)', html)


def test_whatever_the_sanitizer_removes_is_one_warning_naming_the_file(media_site: tuple[Site, str]) -> None:
    site, log = media_site
    warnings = [line for line in log.splitlines() if "sanitizer" in line]
    assert warnings == ["WARNING -  ainews: content/articles/2026/06/hostile.md: body: "
                        "the sanitizer removed <iframe>, onclick on <p>"]     # tests run with AINEWS_LANG=en
    assert "<iframe" not in site.html("articles/hostile/")


def test_a_bad_video_field_is_a_one_line_error(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"search": False})
    site.add_article(video="https://example.com/watch?v=dQw4w9WgXcQ")
    result = site.build()
    assert result.returncode == 1
    assert ("content/articles/2026/06/seed.md: video: must be a YouTube or Vimeo video URL, "
            "got 'https://example.com/watch?v=dQw4w9WgXcQ'") in result.stderr


@pytest.mark.parametrize("url, key", [
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42", "youtube:dQw4w9WgXcQ"),
    ("https://youtu.be/dQw4w9WgXcQ", "youtube:dQw4w9WgXcQ"),
    ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "youtube:dQw4w9WgXcQ"),
    ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "youtube:dQw4w9WgXcQ"),
    ("https://vimeo.com/76979871", "vimeo:76979871"),
    ("https://player.vimeo.com/video/76979871", "vimeo:76979871"),
    ("https://www.youtube.com/watch?v=short", None),
    ("https://www.youtube.com/channel/UC1234567890", None),
    ("javascript:alert(1)//youtu.be/dQw4w9WgXcQ", None),
    ("https://youtu.be.evil.example/dQw4w9WgXcQ", None),
])
def test_video_urls(url: str, key: str | None) -> None:
    video = parse_video_url(url)
    assert (video.key if video else None) == key


@given(st.one_of(st.from_regex(r"\A[A-Za-z0-9_-]{11}\Z").map(lambda i: f"https://youtu.be/{i}"),
                 st.from_regex(r"\A[0-9]{1,12}\Z").map(lambda i: f"https://vimeo.com/{i}")),
       st.one_of(st.none(), st.text(max_size=40)))
def test_the_sanitizer_keeps_exactly_the_embed_markup(url: str, caption: str | None) -> None:
    video = parse_video_url(url)
    assert video is not None and DATA_VIDEO.match(video.key)
    clean, removed = sanitize_and_report(render_video_embed(video, caption))
    assert removed == [] and f'data-video="{video.key}"' in clean


@pytest.mark.parametrize("value", ["youtube:x", "vimeo:12a", "evil:dQw4w9WgXcQ", "youtube:dQw4w9WgXcQ x"])
def test_other_data_video_values_are_removed(value: str) -> None:
    clean, removed = sanitize_and_report(f'<a href="https://x.example/" data-video="{value}">v</a>')
    assert "data-video" not in clean and removed == ["data-video on <a>"]
    assert sanitize_and_report(f'<span data-video="youtube:dQw4w9WgXcQ">v</span>')[1] == ["data-video on <span>"]


@pytest.mark.parametrize("align", [":--", "--:", ":-:"])
def test_aligned_table_columns_keep_their_alignment_without_a_warning(align: str) -> None:
    html = markdown.markdown(f"| 列 | col |\n|{align}|{align}|\n| 1 | 2 |\n", extensions=["tables"])
    clean, removed = sanitize_and_report(html)
    assert removed == []
    assert clean.count("text-align:") == 4


def test_a_style_that_loses_a_declaration_is_still_reported() -> None:
    clean, removed = sanitize_and_report('<p style="position: fixed; color: red">x</p>')
    assert removed == ["style on <p>"] and "position" not in clean
