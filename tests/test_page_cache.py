"""A publish with the cache kept: pages and search bundles come from the last build, and the
site is byte for byte what a cold build of the same content writes."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import yaml

from conftest import Site, copy_sample_project, make_article, make_site

PARTITION = 10


def tree(root: Path) -> dict[str, str]:
    """Every file's digest; a search bundle by the pages it indexes only: Pagefind writes its filter
    files in hash-map order, so two cold builds of the same content differ there already."""
    files = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if name.startswith("pagefind") and path.name == "pagefind-entry.json":
            files[name] = str(json.loads(path.read_text(encoding="utf-8"))["languages"]["zxx"]["page_count"])
        elif path.is_file() and not name.startswith("pagefind"):
            files[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def build(site: Site) -> str:
    result = site.build()
    assert result.returncode == 0, result.stderr
    return result.stderr


def reused(log: str) -> tuple[int, int]:
    """(pages from the page cache, pages rendered) from the build's log line."""
    found = re.search(r"(\d+) pages from the page cache, (\d+) rendered", log)
    assert found, log
    return int(found.group(1)), int(found.group(2))


def cold_tree(site: Site) -> dict[str, str]:
    """The site a build with an empty cache writes from the same content."""
    shutil.rmtree(site.root / ".cache")
    log = build(site)
    assert reused(log)[0] == 0
    return tree(site.site_dir)


def later_than_every_article(site: Site, hours: int) -> str:
    """A publication time ``hours`` after the newest article in the site's content, so an added
    article is the newest whatever the sample holds (search partitions are oldest first)."""
    published = [datetime.fromisoformat(found.strip().strip("'\""))
                 for path in (site.content / "articles").rglob("*.md")
                 for found in re.findall(r"(?m)^published: (.*)$", path.read_text(encoding="utf-8"))]
    return (max(published) + timedelta(hours=hours)).isoformat()


def bundle_inodes(site: Site) -> dict[str, int]:
    return {folder.name: (folder / "pagefind-entry.json").stat().st_ino
            for folder in site.site_dir.glob("pagefind*") if folder.is_dir()}


def test_warm_builds_after_edits_equal_cold_builds_of_the_same_content(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # Pagefind's input in a temp folder of this test's own: other builds on the machine may tidy
    # the shared one's leftovers while these builds index.
    (tmp_path / "tmp").mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    site = copy_sample_project(tmp_path / "site", {"search_partition": PARTITION})
    from_cache, rendered = reused(build(site))
    assert from_cache == 0 and rendered > 100
    before = bundle_inodes(site)
    assert len(before) >= 4

    # A new newest article: only the newest search partition and the pages showing it change.
    site.add_article("brand-new", folder="articles/2026/12", title="新しい記事:推論モデルの評価",
                     published=later_than_every_article(site, 1), tags=["LLM", "Anthropic"])
    from_cache, rendered = reused(build(site))
    assert from_cache > 3 * rendered, (from_cache, rendered)
    after = bundle_inodes(site)
    newest = max(after, key=lambda name: (len(name), name))
    assert {name: inode for name, inode in after.items() if name != newest} == \
        {name: inode for name, inode in before.items() if name != newest}   # linked from the store
    warm = tree(site.site_dir)
    assert warm == cold_tree(site)

    # Edits anywhere (a title, a body, a tag, a deleted article) and a configuration change.
    articles = sorted((site.content / "articles").rglob("*.md"))
    text = articles[3].read_text(encoding="utf-8")
    articles[3].write_text(re.sub(r"(?m)^title: .*$", "title: 題名を書き換えた記事", text, count=1), encoding="utf-8")
    articles[7].write_text(articles[7].read_text(encoding="utf-8") + "\n追記の段落です。\n", encoding="utf-8")
    articles[11].unlink()
    settings = yaml.safe_load((site.root / "mkdocs.yml").read_text(encoding="utf-8"))
    settings["copyright"] = "© 2027 AIニュースデスク"
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    from_cache, rendered = reused(build(site))
    assert from_cache == 0   # the footer of every page changed
    build(site)
    site.add_article("another", folder="articles/2026/12", published=later_than_every_article(site, 1),
                     tags=["Agents", "Benchmarks"])
    from_cache, rendered = reused(build(site))
    assert from_cache > rendered
    assert tree(site.site_dir) == cold_tree(site)


def test_a_damaged_page_cache_entry_is_rendered_again(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"search": False}, site_url="https://example.org/")
    for n in range(6):
        site.write(f"articles/2026/06/a{n}.md", make_article(f"a{n}", published=f"2026-06-0{n + 1}T09:00:00+09:00"))
    build(site)
    cold = tree(site.site_dir)
    entries = sorted((site.root / ".cache/ainews/pages").rglob("*.html.z"))
    assert len(entries) == reused(build(site))[0] > 6
    for entry in entries[:3]:
        entry.write_bytes(b"not zlib at all")
    assert reused(build(site))[0] == len(entries)
    assert tree(site.site_dir) == cold


def test_without_the_cache_no_page_is_stored(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"search": False, "cache": False})
    site.add_article()
    assert "page cache" not in build(site)
    assert not (site.root / ".cache/ainews/pages").exists()


def test_a_stored_search_bundle_that_cannot_be_placed_is_indexed_again(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # Two builds share one cache: the other's prune may take a bundle between the lookup and the
    # copy. The bundle is then indexed like a new one, never a traceback.
    from ainews.render.digest import Digester
    from ainews.site import searchstore
    store = searchstore.BundleStore(tmp_path / "store", Digester())
    stored = tmp_path / "store" / "k1"
    (stored / "fragment").mkdir(parents=True)
    (stored / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    (stored / "fragment" / "a.pf_fragment").write_bytes(b"x")

    def removed_meanwhile(source: str, target: str) -> None:
        if source.endswith(".pf_fragment"):
            raise FileNotFoundError(2, "No such file or directory", source)
        shutil.copy2(source, target)
    monkeypatch.setattr(searchstore, "_link_or_copy", removed_meanwhile)
    assert store.place("k1", tmp_path / "site" / "pagefind") is False
    assert not (tmp_path / "site" / "pagefind").exists()
    shutil.rmtree(stored)
    assert store.place("k1", tmp_path / "site" / "pagefind") is False
    monkeypatch.undo()
