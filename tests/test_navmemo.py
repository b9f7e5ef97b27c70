"""Material's navigation drawer and tabs, rendered once per distinct page position, are the bytes
Material writes for each page."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import yaml

from ainews.render.navmemo import NavMemo

from conftest import copy_sample_project

# Loaded by MkDocs as a hooks file: every page renders both blocks itself again.
NO_MEMO = """\
from ainews.render import navmemo
navmemo.NavMemo.__call__ = lambda self, page, nav, base_url, block, caller: caller()
"""


def _pages(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in sorted(site_dir.rglob("*.html"))}


def test_sample_site_is_the_same_with_and_without_the_memo(tmp_path: Path) -> None:
    built = {}
    for name in ("memo", "none"):
        site = copy_sample_project(tmp_path / name, plugin_options={"search": False, "cards": {"enabled": False}})
        if name == "none":
            (site.root / "no_memo.py").write_text(NO_MEMO, encoding="utf-8")
            settings = yaml.safe_load((site.root / "mkdocs.yml").read_text(encoding="utf-8"))
            settings["hooks"] = ["no_memo.py"]
            (site.root / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
        result = site.build()
        assert result.returncode == 0, result.stderr
        built[name] = _pages(site.site_dir)
    assert built["memo"].keys() == built["none"].keys() and len(built["memo"]) > 50
    assert [p for p in built["memo"] if built["memo"][p] != built["none"][p]] == []


def _page(url: str) -> SimpleNamespace:
    return SimpleNamespace(url=url, toc=[], meta={"hide": ["navigation", "toc"]})


def test_pages_share_the_html_only_where_material_would_write_the_same() -> None:
    home, tags = _page(""), _page("tags/")
    nav = SimpleNamespace(pages=[home, tags])
    memo, calls = NavMemo(), []

    def render(label: str):  # type: ignore[no-untyped-def]
        return lambda: calls.append(label) or label

    a, b = _page("articles/a/"), _page("articles/b/")
    assert memo(a, nav, "../..", "site_nav", caller=render("a")) == "a"
    assert memo(b, nav, "../..", "site_nav", caller=render("b")) == "a"        # same place: shared
    assert memo(b, nav, "../..", "tabs", caller=render("b-tabs")) == "b-tabs"  # another block
    tag = _page("tags/llm/")                                        # tags/ is one level up here
    assert memo(tag, nav, "../..", "site_nav", caller=render("tag")) == "tag"
    assert memo(tags, nav, "..", "site_nav", caller=render("in-nav")) == "in-nav"   # in the navigation
    with_toc = SimpleNamespace(url="articles/c/", toc=["heading"], meta={})
    assert memo(with_toc, nav, "../..", "site_nav", caller=render("toc")) == "toc"
    assert calls == ["a", "b-tabs", "tag", "in-nav", "toc"]
