"""The `ainews` console script, run for real in throw-away projects."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
import pytest
import yaml

from conftest import REPO, Site, make_article, make_site
from ainews.cli.schema import build_schema, render_schema
from ainews.model.frontmatter import decode_text, split_article
from ainews.model.validate import KNOWN_FIELDS

AINEWS = Path(shutil.which("ainews", path=str(Path(sys.executable).parent)) or Path(sys.executable).parent / "ainews")
URL = "https://www.anthropic.com/news/claude-opus-5"


def ainews(site: Site | Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed console script with the project folder as the working directory."""
    assert AINEWS.exists(), "the ainews script is missing: run `pip install -e .`"
    root = site.root if isinstance(site, Site) else site
    return subprocess.run([str(AINEWS), *args], cwd=root, capture_output=True, text=True, timeout=60)


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def plain(value: Any) -> Any:
    """Front matter as the JSON a YAML editor sees: dates and datetimes become ISO strings."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def front_matter(path: Path) -> dict[str, Any]:
    return plain(split_article(decode_text(path.read_bytes())).meta)


# --- help ---------------------------------------------------------------------

@pytest.mark.parametrize("command", [[], ["new"], ["check"], ["schema"], ["stats"]])
def test_every_command_has_help(tmp_path: Path, command: list[str]) -> None:
    result = ainews(tmp_path, *command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: ainews {' '.join(command)}".rstrip())


def test_no_command_prints_help_and_fails(tmp_path: Path) -> None:
    result = ainews(tmp_path)
    assert result.returncode == 2 and "new" in result.stderr and "check" in result.stderr


def test_outside_a_project_says_so(tmp_path: Path) -> None:
    result = ainews(tmp_path, "check")
    assert result.returncode == 2
    assert "no mkdocs.yml" in result.stderr


# --- new ----------------------------------------------------------------------

def test_new_scaffolds_today_in_the_site_zone(site: Site) -> None:
    before = dt.datetime.now(ZoneInfo("Asia/Tokyo")).date()
    result = ainews(site, "new", URL)
    after = dt.datetime.now(ZoneInfo("Asia/Tokyo")).date()
    assert result.returncode == 0, result.stderr
    printed = result.stdout.strip()
    assert printed in {f"content/articles/{d:%Y/%m}/claude-opus-5.md" for d in (before, after)}
    text = (site.root / printed).read_text(encoding="utf-8")
    assert "\n<!-- original -->\n" in text
    meta = front_matter(site.root / printed)
    assert meta["source"]["url"] == URL
    # The folder is today's, but `published` is left for the editor: today would pass unnoticed.
    assert meta["published"] is None
    assert set(meta) >= {"title", "source", "published", "tags", "tldr", "scores", "key_points"}


def test_new_uses_the_time_zone_of_mkdocs_yml(tmp_path: Path) -> None:
    # UTC+14 and UTC-12 are never on the same day, so the folder proves which zone was used.
    for zone in ("Pacific/Kiritimati", "Etc/GMT+12"):
        site = make_site(tmp_path / zone.replace("/", "-"), plugin_options={"timezone": zone})
        result = ainews(site, "new", URL)
        today = dt.datetime.now(ZoneInfo(zone)).date()
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"content/articles/{today:%Y/%m}/claude-opus-5.md"


def test_new_placeholders_fail_check_until_filled(site: Site) -> None:
    path = site.root / ainews(site, "new", URL, "--date", "2026-06-02").stdout.strip()
    result = ainews(site, "check")
    assert result.returncode == 1
    shown = "content/articles/2026/06/claude-opus-5.md"
    fields = {line.split(": ")[1] for line in lines(result.stdout)}
    assert all(line.startswith(f"{shown}: ") for line in lines(result.stdout))
    assert {"title", "tags", "tldr", "scores.depth", "scores.novelty", "key_points[0].title",
            "source.name", "body"} <= fields
    # The JSON Schema flags the same placeholders while typing.
    errors = list(jsonschema.Draft7Validator(build_schema()).iter_errors(front_matter(path)))
    assert {e.path[0] for e in errors if e.path} >= {"title", "tags", "tldr", "scores", "key_points", "source"}

    path.write_text(make_article("claude-opus-5", source={"name": "Anthropic News", "url": URL}),
                    encoding="utf-8")
    result = ainews(site, "check", shown)
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


def test_new_fills_the_source_name_from_sources_yml(site: Site) -> None:
    site.write("sources.yml", "Anthropic News:\n  url: https://www.anthropic.com/news\n"
                              "Anthropic:\n  url: https://anthropic.com\n")
    path = site.root / ainews(site, "new", URL).stdout.strip()
    assert front_matter(path)["source"]["name"] == "Anthropic News"


def test_new_never_overwrites(site: Site) -> None:
    first = ainews(site, "new", URL, "--date", "2026-06-02")
    path = site.root / first.stdout.strip()
    path.write_text("edited by hand", encoding="utf-8")
    again = ainews(site, "new", URL, "--date", "2026-06-02")
    assert again.returncode == 1
    assert again.stderr.strip() == ("ainews new: content/articles/2026/06/claude-opus-5.md: "
                                    "already exists; not overwritten")
    assert path.read_text(encoding="utf-8") == "edited by hand"
    # Another month would make a duplicate slug: refused too, naming the file that has it.
    other = ainews(site, "new", URL, "--date", "2026-07-01")
    assert other.returncode == 1 and "content/articles/2026/06/claude-opus-5.md: already uses" in other.stderr
    assert not (site.content / "articles/2026/07").exists()


@pytest.mark.parametrize(("url", "slug"), [
    ("https://thezvi.substack.com/p/opus-4-8-part-2", "opus-4-8-part-2"),
    ("https://example.com/blog/Opus_4.8%20Review.html", "opus-4-8-review"),
    ("https://example.com/news/big-launch/", "big-launch"),
    ("https://example.com/news/big-launch/index.html?utm=x#top", "big-launch"),
    ("https://arxiv.org/abs/2501.12345", "2501-12345"),
])
def test_new_slug_from_the_url(site: Site, url: str, slug: str) -> None:
    result = ainews(site, "new", url, "--date", "2026-06-02")
    assert result.stdout.strip() == f"content/articles/2026/06/{slug}.md", result.stderr


def test_new_slug_option_and_refusals(site: Site) -> None:
    assert ainews(site, "new", URL, "--slug", "opus-5", "--date", "2026-06-02").stdout.strip() \
        == "content/articles/2026/06/opus-5.md"
    no_slug = ainews(site, "new", "https://example.com/%E7%99%BA%E8%A1%A8")   # a Japanese-only segment
    assert no_slug.returncode == 1 and "--slug" in no_slug.stderr
    bad_slug = ainews(site, "new", URL, "--slug", "Opus 5")
    assert bad_slug.returncode == 1 and "lower-case" in bad_slug.stderr
    not_web = ainews(site, "new", "ftp://example.com/file")
    assert not_web.returncode == 1 and "http or https" in not_web.stderr


# --- check --------------------------------------------------------------------

def test_check_prints_the_builds_own_lines(site: Site) -> None:
    site.add_article("good")
    site.add_article("bad", scores={"depth": 7, "relevance": 5, "practicality": 3, "novelty": 4},
                     source={"name": "X", "url": "javascript:alert(1)"})
    result = ainews(site, "check")
    assert result.returncode == 1
    found = lines(result.stdout)
    assert [line.split(": ")[:2] for line in found] == [
        ["content/articles/2026/06/bad.md", "source.url"], ["content/articles/2026/06/bad.md", "scores.depth"]]
    assert found[1] == "content/articles/2026/06/bad.md: scores.depth: must be an integer from 1 to 5, got 7"
    build = site.build()
    assert build.returncode != 0
    for line in found:
        assert line in build.stderr


def test_check_clean_corpus_exits_0(site: Site) -> None:
    site.add_article("one")
    site.add_article("two", folder="articles/2026/07")
    result = ainews(site, "check")
    assert (result.returncode, result.stdout) == (0, "")
    assert "2 articles, no problems" in result.stderr


def test_check_paths_show_only_their_problems(site: Site) -> None:
    good = site.add_article("good")
    site.add_article("bad", tags=[])
    result = ainews(site, "check", str(good.relative_to(site.root)))
    assert result.returncode == 0 and result.stdout == ""
    assert "1 more problem in other files" in result.stderr
    result = ainews(site, "check", "content/articles/2026/06/bad.md")
    assert result.returncode == 1
    assert [line.split(": ")[:2] for line in lines(result.stdout)] == [["content/articles/2026/06/bad.md", "tags"]]
    # Folders and absolute paths select too.
    assert ainews(site, "check", "content/articles/2026").returncode == 1
    assert ainews(site, "check", str(site.root / "content/articles/2026/06/bad.md")).returncode == 1


def test_check_sees_duplicates_in_files_not_given(site: Site) -> None:
    # The build reports a duplicate on the later file; checking only the earlier one still shows it.
    site.add_article("same", folder="articles/2026/05")
    site.add_article("same", folder="articles/2026/06")
    result = ainews(site, "check", "content/articles/2026/05/same.md")
    assert result.returncode == 1
    assert lines(result.stdout) == [
        "content/articles/2026/06/same.md: slug: 'same' is already used by "
        "content/articles/2026/05/same.md; slugs must be unique"]


def test_check_reports_a_missing_path(site: Site) -> None:
    result = ainews(site, "check", "content/articles/nope.md")
    assert result.returncode == 1
    assert lines(result.stdout) == ["content/articles/nope.md: file: does not exist"]


def test_check_from_a_subfolder_and_with_config_file(site: Site) -> None:
    site.add_article("bad", tags=[])
    inner = ainews(site.content / "articles", "check")
    assert inner.returncode == 1 and inner.stdout.startswith("content/articles/2026/06/bad.md: tags:")
    outside = ainews(site.root.parent, "-f", str(site.root / "mkdocs.yml"), "check")
    assert outside.stdout == inner.stdout


def test_check_reports_bad_plugin_options(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugin_options={"timezone": "Mars/Olympus"})
    result = ainews(site, "check")
    assert result.returncode == 2
    assert "plugins.news.timezone: unknown time zone 'Mars/Olympus'" in result.stderr


def test_check_of_one_file_in_a_large_project(site: Site) -> None:
    """Checking one file still validates it against the whole project (its speed is a benchmark's job)."""
    for number in range(300):
        site.add_article(f"article-{number}", folder=f"articles/2026/{number % 12 + 1:02d}")
    result = ainews(site, "check", "content/articles/2026/01/article-0.md")
    assert result.returncode == 0, result.stdout


# --- schema -------------------------------------------------------------------

def test_schema_is_valid_and_names_exactly_the_known_fields(tmp_path: Path) -> None:
    result = ainews(tmp_path, "schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft7Validator.check_schema(schema)
    assert set(schema["properties"]) == KNOWN_FIELDS
    assert ainews(tmp_path, "schema", "-o", "out.json").returncode == 0
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8")) == schema


def test_committed_schema_is_current() -> None:
    assert (REPO / "schema/article.schema.json").read_text(encoding="utf-8") == render_schema(), \
        "run: ainews schema -o schema/article.schema.json"


def test_sample_articles_match_the_schema() -> None:
    validator = jsonschema.Draft7Validator(build_schema())
    files = sorted((REPO / "content/articles").rglob("*.md"))
    assert files
    for path in files:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(front_matter(path))]
        assert errors == [], path


@pytest.mark.parametrize(("change", "where"), [
    ({"scores": {"depth": 7, "relevance": 5, "practicality": 3, "novelty": 4}}, ["scores", "depth"]),
    ({"source": {"name": "X", "url": "javascript:alert(1)"}}, ["source", "url"]),
    ({"tags": []}, ["tags"]),
    ({"published": "June 2"}, ["published"]),
    ({"titel": "typo"}, []),
    ({"related": ["Not A Slug"]}, ["related", 0]),
    ({"draft": "yes"}, ["draft"]),
])
def test_schema_rejects_what_the_build_rejects(site: Site, change: dict[str, Any], where: list[str]) -> None:
    path = site.add_article("seed", **change)
    assert ainews(site, "check").returncode == 1
    errors = list(jsonschema.Draft7Validator(build_schema()).iter_errors(front_matter(path)))
    assert [list(e.path) for e in errors] == [where]


# --- stats --------------------------------------------------------------------

def test_stats_counts_and_loose_ends(site: Site) -> None:
    site.write("sources.yml", "The Zvi:\n  url: https://thezvi.substack.com\n")
    site.add_article("a", tags=["LLM", "Safety"], published="2026-06-02T09:00:00+09:00")
    site.add_article("b", tags=["llm", "Agents"], published="2026-06-01T23:30:00Z",   # 06-02 in Tokyo
                     source={"name": "Import AI", "url": "https://importai.substack.com/p/x"})
    site.add_article("c", tags=["LLM"], published="2026-06-01")
    site.add_article("d", tags=["Unique"], draft=True)
    result = ainews(site, "stats", "--json")
    assert result.returncode == 0, result.stdout
    stats = json.loads(result.stdout)
    assert stats["articles"] == 3
    assert stats["drafts"] == ["content/articles/2026/06/d.md"]
    assert stats["per_day"] == {"2026-06-02": 2, "2026-06-01": 1}
    assert stats["per_source"] == {"The Zvi": 2, "Import AI": 1}
    assert stats["per_tag"] == {"LLM": 3, "Agents": 1, "Safety": 1}
    assert stats["tags_used_once"] == ["Agents", "Safety"]
    assert stats["sources_not_registered"] == ["Import AI"]
    text = ainews(site, "stats").stdout
    assert "Articles: 3 published, 1 drafts" in text
    assert "Sources not in content/sources.yml: 1\n  Import AI\n" in text


def test_stats_on_invalid_content_prints_the_problems(site: Site) -> None:
    site.add_article("bad", tags=[])
    result = ainews(site, "stats")
    assert result.returncode == 1
    assert result.stdout.startswith("content/articles/2026/06/bad.md: tags:")


# --- pre-commit ---------------------------------------------------------------

def test_pre_commit_hook_runs_check_on_changed_articles(site: Site) -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    hook = next(h for h in hooks if h["id"] == "ainews-check")
    files = re.compile(hook["files"])
    assert files.search("content/articles/2026/11/claude-opus-5.md")
    assert files.search("content/tags.yml") and files.search("content/sources.yml")
    assert not files.search("content/pages/about.md") and not files.search("docs/editors-guide.md")
    # pre-commit runs the entry with its own Python (no venv on PATH needed); tests/test_precommit.py
    # runs the real thing from a bare PATH.
    assert hook.get("pass_filenames", True) and hook["language"] == "python"
    # Run the hook the way pre-commit does: its entry, in the project, followed by the changed file names.
    (site.root / "scripts").mkdir()
    shutil.copy(REPO / "scripts" / "precommit_check.py", site.root / "scripts")
    site.add_article("good")
    site.add_article("bad", tags=[])
    command = shlex.split(hook["entry"]) + (hook.get("args") or [])
    command[0] = sys.executable if command[0] == "python" else command[0]
    run = lambda *names: subprocess.run([*command, *names], cwd=site.root, capture_output=True, text=True)  # noqa: E731
    assert run("content/articles/2026/06/good.md").returncode == 0
    failed = run("content/articles/2026/06/good.md", "content/articles/2026/06/bad.md")
    assert failed.returncode == 1 and "bad.md: tags:" in failed.stdout
