"""Pages with blank Markdown skip MkDocs' Markdown instance and end up as Page.render leaves them."""

from __future__ import annotations

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ainews.render.blank import skip_blank_render


def _page(tmp_path, text: str) -> tuple[Page, object, Files]:
    (tmp_path / "docs" / "a").mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / "a" / "index.md").write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nmarkdown_extensions: [toc, tables, attr_list]\n",
                                         encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    file = File("a/index.md", config.docs_dir, config.site_dir, config.use_directory_urls)
    files = Files([file])
    page = Page(None, file, config)
    page.read_source(config)
    return page, config, files


def _state(page: Page) -> tuple:
    return (page.content, [(i.title, i.id, i.level) for i in page.toc], page.title, page.present_anchor_ids,
            page.links_to_anchors)


@pytest.mark.parametrize("text", ["", "   \n\n\t"])
def test_blank_page_gets_what_page_render_gives_without_markdown(tmp_path, monkeypatch, text: str) -> None:
    expected, config, files = _page(tmp_path, text)
    expected.render(config, files)
    page, config, files = _page(tmp_path, text)
    skip_blank_render(page)

    def no_markdown(*args, **kwargs):
        raise AssertionError("a blank page needs no Markdown instance")
    monkeypatch.setattr(markdown, "Markdown", no_markdown)
    page.render(config, files)
    assert _state(page) == _state(expected)


def test_page_with_text_is_rendered_by_mkdocs(tmp_path) -> None:
    text = "# Title\n\n## Part {#part}\n\nSee [b](b.md#x).\n"
    expected, config, files = _page(tmp_path, text)
    expected.render(config, files)
    page, config, files = _page(tmp_path, text)
    skip_blank_render(page)
    page.render(config, files)
    assert page.content and _state(page) == _state(expected)
    page.markdown = ""   # checked at each render: a page emptied later skips Markdown too
    page.render(config, files)
    assert page.content == "" and list(page.toc) == []
