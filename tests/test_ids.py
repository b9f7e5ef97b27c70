"""Body ids: the original's prefix touches only real attributes; no body id clashes with the page's own.

A code span or plain text that reads ``id="x"`` is what the reader sees and what search indexes:
it is left exactly as written. A heading or raw ``id=`` equal to an id the article page's
templates use (``share-heading`` ...) is renamed, so every ``aria-labelledby`` names one element.
"""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import assert_unique_ids, make_article, make_site
from ainews.render.bodies import BodyCache, RenderSettings, render_bodies
from ainews.render.ids import TEMPLATES, avoid_ids, element_ids, page_id_pattern, prefix_ids
from ainews.model.validate import ModelSettings, parse_article
from ainews.site.search import render_search_document

EXTENSIONS = ("tables", "footnotes", "attr_list", "md_in_html", "toc", "pymdownx.superfences")
ORIGINAL = ('The tag `<a id="x">` and `href="#x"` stay as written; so does plain id="x".\n\n'
            '<!-- <a id="c"> -->\n\n## Share heading\n\nA note.[^1]\n\n[^1]: The footnote.\n')
TRANSLATION = ("## keypoints heading\n\n翻訳です。[^1]\n\n<p id=\"share-heading\">生の id</p>\n\n"
               "[見出しへ](#keypoints-heading)\n\n[^1]: 脚注。\n")


def render(translation: str, original: str | None):  # type: ignore[no-untyped-def]
    text = make_article("a", body=translation + ("" if original is None else "\n<!-- original -->\n\n" + original))
    article, problems = parse_article(text.encode(), "a.md", "articles/a.md", ModelSettings(zone=ZoneInfo("Asia/Tokyo")))
    assert article is not None, problems
    body = render_bodies([article], RenderSettings(EXTENSIONS, {}, True), BodyCache(None), workers=1)[article.src_uri]
    return article, body


def test_the_original_prefix_leaves_code_spans_text_and_comments_alone() -> None:
    article, body = render("翻訳です。\n", ORIGINAL)
    assert body.original is not None
    assert '<code>&lt;a id="x"&gt;</code>' in body.original
    assert '<code>href="#x"</code>' in body.original
    assert 'plain id="x".' in body.original
    assert "original-x" not in body.original
    # The real ids and links are prefixed, and still match.
    assert 'id="original-share-heading"' in body.original
    assert re.search(r'id="original-fnref:1"', body.original) and 'href="#original-fn:1"' in body.original
    # What search indexes is the text as written.
    document = render_search_document(article, body)
    assert "id=&quot;x&quot;" in document and "original-x" not in document


def test_body_ids_never_take_the_page_s_own() -> None:
    _, body = render(TRANSLATION, None)
    ids = element_ids(body.translation)
    assert "keypoints-heading" not in ids and "share-heading" not in ids
    assert "keypoints-heading-2" in ids and "share-heading-2" in ids
    assert 'href="#keypoints-heading-2"' in body.translation   # the body's own link follows its heading


def test_the_reserved_ids_are_read_from_the_templates() -> None:
    found = set(re.findall(r'\sid="([^"{]+)"', "".join(
        p.read_text(encoding="utf-8") for p in (TEMPLATES / "partials" / "article").glob("*.html"))))
    assert {"share-heading", "keypoints-heading", "related-heading", "tldr-heading"} <= found
    pattern = page_id_pattern()
    assert all(pattern.fullmatch(value) for value in found)
    assert pattern.fullmatch("__drawer") and not pattern.fullmatch("__codelineno-0-1")


def test_an_id_a_template_adds_is_reserved_too(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "x.html").write_text('<h2 id="brand-new">x</h2><div id="row-{{ n }}"></div>', "utf-8")
    pattern = page_id_pattern(tmp_path)
    assert avoid_ids('<h2 id="brand-new">a</h2><p id="row-3">b</p>', reserved=pattern) == \
        '<h2 id="brand-new-2">a</h2><p id="body-row-3-2">b</p>'   # row-3-2 is a row's id too


attribute_text = st.text(alphabet=st.sampled_from('ab x="#<>&;\'=/-'), max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(attribute_text.map(lambda t: t.replace("<", "&lt;").replace(">", "&gt;")),
                          st.sampled_from(['id="x"', 'href="#x"', "<code>&lt;a id=\"x\"&gt;</code>",
                                           "<!-- <a id='x'> -->"])), max_size=8))
def test_only_attributes_of_elements_change(parts: list[str]) -> None:
    """Text between tags (escaped as Markdown and the sanitizer write it) never changes."""
    text = "<p>" + "".join(parts) + '</p><h2 id="share-heading">t</h2>'
    prefixed = prefix_ids(text)
    assert prefixed == text.replace('<h2 id="share-heading">', '<h2 id="original-share-heading">')
    assert avoid_ids(text) == text.replace('<h2 id="share-heading">', '<h2 id="share-heading-2">')


def test_the_built_page_has_unique_ids_and_labels(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugin_options={"search": False, "cards": {"enabled": False}})
    site.add_article("seed", body=TRANSLATION + "\n<!-- original -->\n\n" + ORIGINAL)
    result = site.build()
    assert result.returncode == 0, result.stderr
    page = site.html("articles/seed/")
    assert 'aria-labelledby="' in page
    assert_unique_ids(page)
    assert "&lt;a id=&quot;x&quot;&gt;" in page or '&lt;a id="x"&gt;' in page
    assert "original-x" not in page
