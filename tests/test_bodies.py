"""Article bodies rendered once, in parallel and cached: the output never depends on how."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import Site, make_site

FOOTNOTES = "翻訳の本文です[^1]。\n\n[^1]: 翻訳の注。\n\n<!-- original -->\n\nThe original text[^1].\n\n[^1]: An original note.\n"


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def many_articles(site: Site, count: int) -> None:
    for n in range(count):
        site.add_article(f"a{n:03d}", title=f"記事 {n}", tags=[f"T{n % 7}", "Common"],
                         published=f"2026-06-{1 + n % 28:02d}T{n % 24:02d}:00:00+09:00",
                         body=f"本文 {n} です。\n\n## 見出し\n\n- 一\n- 二\n\n<!-- original -->\n\nBody {n}.\n")


def test_footnotes_of_translation_and_original_do_not_clash(site: Site) -> None:
    site.add_article("notes", body=FOOTNOTES)
    assert site.build().returncode == 0
    html = site.html("articles/notes/")
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert 'href="#fn:1"' in html and 'href="#original-fn:1"' in html
    assert 'id="original-fn:1"' in html


def test_a_warm_build_is_byte_identical_to_a_cold_one(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", plugin_options={"search": False})
    many_articles(site, 45)        # enough to use the worker pool
    assert site.build().returncode == 0
    cold = tree(site.site_dir)
    assert (site.root / ".cache/ainews/bodies").is_dir()
    assert site.build().returncode == 0
    assert tree(site.site_dir) == cold


def test_one_worker_and_a_pool_render_the_same_site(tmp_path: Path) -> None:
    trees = []
    for workers in (1, 2):
        site = make_site(tmp_path / f"w{workers}", plugin_options={"search": False, "workers": workers,
                                                                   "cache": False})
        many_articles(site, 45)
        assert site.build().returncode == 0
        trees.append(tree(site.site_dir))
    assert trees[0] == trees[1]


def test_changed_markdown_settings_do_not_reuse_cached_bodies(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugin_options={"search": False})
    site.add_article("lines", body="一行目\n二行目\n")
    assert site.build().returncode == 0
    assert "<br" not in site.html("articles/lines/")
    settings = yaml.safe_load((site.root / "mkdocs.yml").read_text(encoding="utf-8"))
    settings["markdown_extensions"].append("nl2br")
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    assert site.build().returncode == 0
    assert "一行目<br" in site.html("articles/lines/")


def test_a_damaged_cache_entry_is_rendered_again(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugin_options={"search": False})
    site.add_article("seed")
    assert site.build().returncode == 0
    first = site.html("articles/seed/")
    for entry in (site.root / ".cache/ainews/bodies").rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert site.build().returncode == 0
    assert site.html("articles/seed/") == first
