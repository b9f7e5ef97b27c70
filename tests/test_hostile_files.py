"""Files an editor (or an attacker) commits under content/: only what stays inside is read or published.

Every case is built for real with `mkdocs build`, and checked with `ainews check` too:
both must list the same one-line problems, and no byte of a file outside the
content folder may reach the built site (or the staging folder of a failed build).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import Site, make_site

SECRET = "AINEWS_SECRET_TOKEN=hunter2-do-not-publish"


def published_bytes(root: Path) -> bytes:
    """Every byte under ``root`` (all folders, hidden ones included): where a leak would show."""
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink())


def check(site: Site) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ainews.cli.main", "check"], cwd=site.root,
                          capture_output=True, text=True, timeout=120)


def problem_lines(output: str) -> list[str]:
    return sorted(line for line in output.splitlines() if line.startswith("content/"))


@pytest.fixture
def project(tmp_path: Path) -> tuple[Site, Path]:
    """A one-article site in tmp_path/project, and a folder outside it holding secrets."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "environ").write_text(SECRET, encoding="utf-8")
    (outside / "secret.md").write_text(f"---\ntitle: {SECRET}\n---\n\n{SECRET}\n", encoding="utf-8")
    (outside / "folder").mkdir()
    (outside / "folder" / "page.md").write_text(f"# {SECRET}\n", encoding="utf-8")
    root = tmp_path / "project"
    root.mkdir()
    site = make_site(root, plugin_options={"search": False, "cards": {"enabled": False}})
    site.add_article("good")
    site.write("pages/about.md", "# About\n\nこのサイトについて。\n")
    return site, outside


def link(site: Site, relative: str, target: Path | str) -> None:
    path = site.content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def assert_refused(site: Site, expected: list[str]) -> None:
    """The build fails with exactly ``expected`` (plus nothing else), `ainews check` agrees, nothing leaks."""
    result = site.build()
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = problem_lines(result.stderr)
    assert lines == sorted(expected), result.stderr
    assert problem_lines(check(site).stdout) == lines
    assert SECRET.encode() not in published_bytes(site.root)
    assert not site.site_dir.exists()
    assert not [p for p in site.root.iterdir() if p.name.startswith(".site")]


def test_links_leaving_the_project_are_refused_one_line_each(project: tuple[Site, Path]) -> None:
    site, outside = project
    link(site, "articles/env.txt", outside / "environ")
    link(site, "assets/passwd", "/etc/passwd")
    link(site, "articles/2026/06/linked.md", outside / "secret.md")
    link(site, "pages/secret.md", outside / "secret.md")
    link(site, "tags.yml", outside / "environ")
    link(site, "articles/folder", outside / "folder")
    link(site, "pages/inside-folder", site.content / "pages")
    link(site, "loop-a", site.content / "loop-b")
    link(site, "loop-b", site.content / "loop-a")
    link(site, "broken.png", site.content / "missing.png")
    os.mkfifo(site.content / "pipe.txt")
    assert_refused(site, [
        "content/articles/env.txt: file: is a link to a file outside the content folder",
        "content/assets/passwd: file: is a link to a file outside the content folder",
        "content/articles/2026/06/linked.md: file: is a link to a file outside the content folder",
        "content/pages/secret.md: file: is a link to a file outside the content folder",
        "content/tags.yml: file: is a link to a file outside the content folder",
        "content/articles/folder: file: is a link to a folder; folder links are not followed (move or copy the files instead)",
        "content/pages/inside-folder: file: is a link to a folder; folder links are not followed (move or copy the files instead)",
        "content/loop-a: file: is a link that loops back on itself",
        "content/loop-b: file: is a link that loops back on itself",
        "content/broken.png: file: is a broken link (its target does not exist)",
        "content/pipe.txt: file: is not a regular file (a pipe, socket or device cannot be published)",
    ])


def test_links_inside_the_content_folder_still_work(project: tuple[Site, Path]) -> None:
    site, _ = project
    site.write("assets/logo.txt", "logo")
    link(site, "assets/alias.txt", site.content / "assets" / "logo.txt")
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert (site.site_dir / "assets" / "alias.txt").read_text() == "logo"
    assert "about" in (site.site_dir / "pages" / "about" / "index.html").read_text(encoding="utf-8").lower()


def test_unreadable_files_are_one_line_problems(tmp_path: Path) -> None:
    """Built as an unprivileged user (the tests run as root, who reads everything)."""
    if os.geteuid() == 0:
        # pytest's own temp folders are private to root: build in a folder the user owns.
        base = Path(tempfile.mkdtemp(prefix="ainews-perm-"))
        base.chmod(0o755)
    else:
        base = tmp_path
    try:
        site = make_site(base / "project", plugin_options={"search": False, "cards": {"enabled": False}})
        site.add_article("good")
        secret = site.write("pages/private.md", SECRET)
        closed = site.content / "closed"
        closed.mkdir()
        (closed / "x.md").write_text(SECRET, encoding="utf-8")
        for path in [base, *base.rglob("*")]:
            os.chown(path, 65534, 65534, follow_symlinks=False) if os.geteuid() == 0 else None
        secret.chmod(0o000)
        closed.chmod(0o000)
        become = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HOME": str(site.root)}
        result = subprocess.run([*become, sys.executable, "-m", "mkdocs", "build", "-d", str(site.site_dir)],
                                cwd=site.root, capture_output=True, text=True, env=env, timeout=300)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr, result.stderr
        assert problem_lines(result.stderr) == [
            "content/closed: folder: cannot be read: Permission denied",
            "content/pages/private.md: file: cannot be read: Permission denied",
        ], result.stderr
        assert not site.site_dir.exists()
    finally:
        (base / "project" / "content" / "closed").chmod(0o755)
        if base != tmp_path:
            shutil.rmtree(base)


def test_a_preview_never_publishes_a_new_outside_link(project: tuple[Site, Path]) -> None:
    """Under serve a failed scan keeps the last good content: the refused file must still stay out."""
    from ainews.model.corpus import CorpusError, read_corpus
    from ainews.model.validate import ModelSettings
    import datetime as dt

    site, outside = project
    link(site, "pages/env.md", outside / "environ")
    with pytest.raises(CorpusError) as raised:
        read_corpus(site.content, "articles", ModelSettings(zone=dt.timezone.utc), base=site.root)
    assert "pages/env.md" not in raised.value.accepted
    assert "pages/about.md" in raised.value.accepted
    assert re.search(r"pages/env\.md: file: is a link", str(raised.value))


def test_pages_that_mkdocs_cannot_read_are_one_line_problems(project: tuple[Site, Path]) -> None:
    site, _ = project
    site.write("pages/latin1.md", b"# caf\xe9\n")
    site.write("pages/deep.md", "---\ntitle: " + "[" * 30_000 + "\n---\n\n# x\n")
    assert_refused(site, [
        "content/pages/latin1.md: file: must be UTF-8 text, got byte 0xe9 at offset 5",
        "content/pages/deep.md: front matter: is nested more than 64 levels deep at line 2",
    ])


def test_page_front_matter_is_escaped_like_articles(project: tuple[Site, Path]) -> None:
    site, _ = project
    site.write("pages/about.md", '---\ntitle: "<img src=x onerror=alert(1)> & <script>alert(2)</script>"\n'
                                 'description: "\\"><script>alert(3)</script>"\n---\n\n# About\n\n本文。\n')
    result = site.build()
    assert result.returncode == 0, result.stderr
    for page in ("pages/about/index.html", "index.html"):
        html = (site.site_dir / page).read_text(encoding="utf-8")
        assert "<script>alert(" not in html and "<img src=x" not in html, page
    about = (site.site_dir / "pages/about/index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;" in about
