"""Build tests for bad input: `mkdocs build` fails with every problem listed and the old site untouched."""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import Site, make_article, make_site

SCORES_7 = {"depth": 7, "relevance": 5, "practicality": 3, "novelty": 4}
FAST = {"search": False}     # these tests are about failing, not about the search index


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder`` with its content hash: equal digests, byte-for-byte equal trees."""
    digest = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        digest[key] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


def with_line(text: str, line: str) -> str:
    """``text`` with one raw YAML line added at the end of its front matter."""
    head, rest = text.split("\n---\n", 1)
    return f"{head}\n{line}\n---\n{rest}"


def assert_clean_failure(result, site: Site) -> None:  # type: ignore[no-untyped-def]
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    assert not list(site.root.glob(".site.*")), "staging folders left behind"


@pytest.fixture
def good_site(tmp_path: Path) -> Site:
    """A site that has been built once, successfully."""
    site = make_site(tmp_path, plugin_options=FAST)
    site.add_article("seed")
    site.add_article("other", title="別の記事", tags=["Robotics"])
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert (site.site_dir / "articles/seed/index.html").is_file()
    return site


# One build with every kind of bad input: each gives its line, all together.

BAD_FILES: dict[str, tuple[str | bytes, str]] = {
    "no-title": (make_article(title=None), "title: is required: expected non-empty text"),
    "score-7": (make_article(scores=SCORES_7), "scores.depth: must be an integer from 1 to 5, got 7"),
    "score-bool": (make_article(scores={**SCORES_7, "depth": True}), "scores.depth: must be an integer from 1 to 5, got True"),
    "many-tags": (make_article(tags=[f"t{i}" for i in range(11)]), "tags: must be a list of 1 to 10 tags, got 11 tags"),
    "no-tags": (make_article(tags=[]), "tags: must be a list of 1 to 10 tags, got 0 tags"),
    "js-url": (make_article(source={"name": "X", "url": "javascript:alert(1)"}),
               "source.url: must be an http or https URL, got 'javascript:alert(1)'"),
    "data-url": (make_article(source={"name": "X", "url": "data:text/html;base64,PHNjcmlwdD4="}),
                 "source.url: must be an http or https URL, got 'data:text/html;base64,PHNjcmlwdD4='"),
    "bad-date": (make_article(published="next tuesday"),
                 "published: must be a date (2026-06-02) or datetime (2026-06-02T09:30:00+09:00), got 'next tuesday'"),
    "impossible-date": (with_line(make_article(published=None), "published: 2026-02-30"),
                        "published: must be a date (2026-06-02) or datetime (2026-06-02T09:30:00+09:00), "
                        "got '2026-02-30'"),
    "unknown-field": (make_article(summary="x"), "summary: unknown field; expected one of "),
    "bad-slug": (with_line(make_article(), "slug: Not A Slug"),
                 "slug: must be lower-case letters, digits and '-', got 'Not A Slug'"),
    "empty-body": (make_article(body=""), "body: must contain the Japanese translation after the front matter, got nothing"),
    "not-utf8": (make_article().encode("cp932"), "file: must be UTF-8 text, got byte 0x"),
    "bad-key-points": (make_article(key_points=[{"title": "題名だけ"}]),
                       "key_points[0].detail: is required: expected non-empty text"),
    "bad-yaml": ("---\ntitle: [unclosed\n---\n本文\n", "front matter: is not valid YAML at line 3: "),
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, str]:
    site = make_site(tmp_path_factory.mktemp("broken"), plugin_options=FAST)
    site.add_article("seed")
    for name, (text, _) in BAD_FILES.items():
        site.write(f"articles/2026/06/{name}.md", text)
    site.write("articles/2026/05/dup-a.md", with_line(make_article(), "slug: seed"))
    result = site.build()
    assert_clean_failure(result, site)
    return site, result.stderr


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_each_bad_input_gives_its_one_line_error(broken: tuple[Site, str], name: str) -> None:
    _, stderr = broken
    expected = f"content/articles/2026/06/{name}.md: {BAD_FILES[name][1]}"
    lines = [line for line in stderr.splitlines() if line.startswith(f"content/articles/2026/06/{name}.md: ")]
    assert len(lines) == 1, stderr
    assert lines[0].startswith(expected), lines[0]


def test_a_duplicate_slug_names_both_files(broken: tuple[Site, str]) -> None:
    _, stderr = broken
    assert ("content/articles/2026/06/seed.md: slug: 'seed' is already used by content/articles/2026/05/dup-a.md; "
            "slugs must be unique") in stderr.splitlines()


def test_all_problems_are_reported_together_with_a_count(broken: tuple[Site, str]) -> None:
    site, stderr = broken
    problems = [line for line in stderr.splitlines() if line.startswith("content/")]
    assert len(problems) == len(BAD_FILES) + 1
    assert f"{len(problems)} problems in the content:" in stderr
    assert not site.site_dir.exists()        # the first build failed: nothing was written


# The previous site survives any failure.

def test_a_failed_build_leaves_the_previous_site_byte_for_byte(good_site: Site) -> None:
    before = tree_digest(good_site.site_dir)
    good_site.add_article("bad", scores=SCORES_7)
    good_site.add_article("worse", source={"name": "X", "url": "javascript:alert(1)"}, title=None)
    result = good_site.build()
    assert_clean_failure(result, good_site)
    assert tree_digest(good_site.site_dir) == before
    assert "content/articles/2026/06/bad.md: scores.depth: must be an integer from 1 to 5, got 7" in result.stderr
    assert "content/articles/2026/06/worse.md: title: is required: expected non-empty text" in result.stderr
    assert ("content/articles/2026/06/worse.md: source.url: must be an http or https URL, got 'javascript:alert(1)'"
            in result.stderr)


def test_a_build_that_fails_after_writing_pages_leaves_the_previous_site(good_site: Site) -> None:
    # A link to a missing page is only a warning, found while pages are written; --strict turns it into a failure.
    before = tree_digest(good_site.site_dir)
    good_site.add_article("linking", body="[存在しないページ](../../missing.md)\n")
    result = good_site.build("--strict")
    assert_clean_failure(result, good_site)
    assert "missing.md" in result.stderr
    assert tree_digest(good_site.site_dir) == before


def test_a_yaml_error_fails_the_build_unlike_plain_mkdocs(good_site: Site) -> None:
    before = tree_digest(good_site.site_dir)
    good_site.write("articles/2026/06/yaml.md", "---\ntitle: 見出し\ntags: [AI\nscores: {depth: 5}\n---\n本文\n")
    result = good_site.build()
    assert_clean_failure(result, good_site)
    assert "content/articles/2026/06/yaml.md: front matter: is not valid YAML at line 4: " in result.stderr
    assert tree_digest(good_site.site_dir) == before


def test_a_successful_rebuild_replaces_the_site(good_site: Site) -> None:
    good_site.add_article("third", title="三つ目の記事", tags=["Chips"])
    result = good_site.build()
    assert result.returncode == 0, result.stderr
    assert "三つ目の記事" in good_site.html("articles/third/")
    assert not list(good_site.root.glob(".site.*"))


@pytest.mark.linux_only   # POSIX permission bits
def test_the_built_site_folder_has_ordinary_permissions(good_site: Site) -> None:
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(good_site.site_dir.stat().st_mode) == 0o777 & ~umask


def test_a_valid_site_builds_strict_without_warnings(good_site: Site) -> None:
    result = good_site.build("--strict")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


def test_a_bad_time_zone_is_a_one_line_config_error(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugin_options={"timezone": "Mars/Olympus"})
    site.add_article("seed")
    result = site.build()
    assert_clean_failure(result, site)
    assert "mkdocs.yml: plugins.news.timezone: unknown time zone 'Mars/Olympus'" in result.stderr


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.linux_only   # stops the server with SIGINT, as Ctrl-C does
def test_mkdocs_serve_clean_serves_the_articles(good_site: Site) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--clean", "-a", f"127.0.0.1:{port}",
                               "-f", str(good_site.root / "mkdocs.yml")], cwd=good_site.root, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/ainews/"
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(base)
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "mkdocs serve did not start"
                time.sleep(0.3)
        assert _get(base + "articles/seed/") == 200
    finally:
        server.send_signal(signal.SIGINT)     # as Ctrl-C: MkDocs runs on_shutdown and removes its folders
        server.wait(timeout=30)
