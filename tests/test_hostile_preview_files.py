"""The incremental preview re-reads changed articles under the full build's file rules (model/safepath.py).

An edit the preview applies by itself (news/incremental.py) must not read what a full
build would refuse: a file reached through a link out of the content folder, a loop, a
folder where the article was. Each goes to the full read, which reports it in one line
and publishes nothing of it.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Callable

import pytest

from conftest import Site, make_article, make_site
from test_serve import LivePreview

SECRET = "PREVIEW_SECRET_0123456789"


def folder_link(site: Site, outside: Path) -> str:
    """The month folder swapped for a link to a copy outside, with the article edited there."""
    month = site.content / "articles/2026/06"
    shutil.move(str(month), str(outside / "06"))
    (outside / "06" / "seed.md").write_text(make_article("seed", body=f"{SECRET}\n"), encoding="utf-8")
    month.symlink_to(outside / "06")
    return "is a link to a folder"


def file_link(site: Site, outside: Path) -> str:
    (outside / "seed.md").write_text(make_article("seed", body=f"{SECRET}\n"), encoding="utf-8")
    seed = site.content / "articles/2026/06/seed.md"
    seed.unlink()
    seed.symlink_to(outside / "seed.md")
    return "is a link to a file outside the content folder"


def loop(site: Site, outside: Path) -> str:
    seed = site.content / "articles/2026/06/seed.md"
    seed.unlink()
    seed.symlink_to(seed)
    return "is a link that loops back on itself"


def folder_where_file(site: Site, outside: Path) -> str:
    seed = site.content / "articles/2026/06/seed.md"
    seed.unlink()
    seed.mkdir()
    return ""   # a folder is walked, not read: the article is simply gone


@pytest.mark.linux_only   # symlinks
@pytest.mark.parametrize("change", [folder_link, file_link, loop, folder_where_file])
def test_a_preview_update_reads_only_what_the_build_may(tmp_path: Path, change: Callable[[Site, Path], str]) -> None:
    site = make_site(tmp_path / "project", plugin_options={"search": False, "cards": {"enabled": False}})
    site.add_article("seed")
    site.add_article("other", folder="articles/2026/05", published="2026-05-30T10:00:00+09:00")
    outside = tmp_path / "outside"
    outside.mkdir()
    live = LivePreview(site.root, tmp_path / "live")
    try:
        time.sleep(0.01)
        problem = change(site, outside)
        log = live.rebuild()
    finally:
        live.close()
    assert "Traceback" not in log
    if problem:
        assert problem in log, log
    published = b"".join(p.read_bytes() for p in (tmp_path / "live").rglob("*") if p.is_file())
    assert SECRET.encode() not in published
    assert os.path.isdir(tmp_path / "live" / "articles" / "other")
