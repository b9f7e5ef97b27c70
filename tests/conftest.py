"""Shared fixtures: write small article files and build real sites in temp folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent

# Most tests match the English half of a message exactly, so the suite (and the builds and
# commands it starts) runs in English; tests/test_messages.py sets "both" and "ja" itself.
os.environ["AINEWS_LANG"] = "en"

SEED_FRONT_MATTER: dict[str, Any] = {
    "title": "Opus 4.8 パート2:モデルの福祉について",
    "original_title": "Opus 4.8 Part 2: Model Welfare",
    "source": {"name": "The Zvi", "url": "https://thezvi.substack.com/p/example"},
    "published": "2026-06-02T00:00:00+09:00",
    "analyzed": "2026-06-02T02:11:00+09:00",
    "tags": ["LLM Safety", "Model Welfare", "Alignment", "Anthropic"],
    "tldr": "The Zvi は、Opus 4.8 のモデル福祉に関する改善に潜むリスクを指摘している。",
    "scores": {"depth": 5, "relevance": 5, "practicality": 3, "novelty": 4},
    "key_points": [
        {"title": "指標最適化による副作用", "detail": "特定の課題を解決しようとする試みが新たな問題を生む。"},
        {"title": "敵対的学習と自己認識", "detail": "望ましくない行動への反応がエスカレートする危険がある。"},
    ],
    "impact": "この分析は業界全体の安全基準に影響する。",
    "editorial": "モデルの福祉を技術課題として扱う貴重な分析。",
}
SEED_BODY = "これは日本語の翻訳です。モデルの福祉について論じます。\n\n<!-- original -->\n\nThis is the English original about model welfare.\n"


def make_article(slug: str = "seed", body: str = SEED_BODY, **overrides: Any) -> str:
    """The text of an article file: the seed example with ``overrides`` (None removes a field)."""
    meta = {**SEED_FRONT_MATTER, **overrides}
    meta = {k: v for k, v in meta.items() if v is not None}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body


@dataclass
class Site:
    """A throw-away project: mkdocs.yml, content/ and the built site folder."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def add_article(self, slug: str = "seed", folder: str = "articles/2026/06", **fields: Any) -> Path:
        return self.write(f"{folder}/{slug}.md", make_article(slug, **fields))

    def build(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run the real `mkdocs build` command; returns the finished process."""
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(self.root / "mkdocs.yml"),
                               "-d", str(self.site_dir), *args],
                              cwd=self.root, capture_output=True, text=True, env=env, timeout=300)

    def html(self, url_path: str) -> str:
        """The built HTML of a page, by its URL path (``articles/seed/``)."""
        path = self.site_dir / url_path
        if url_path == "" or url_path.endswith("/"):
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


def make_site(root: Path, plugin_options: dict[str, Any] | None = None, **config: Any) -> Site:
    """A project in ``root`` using the repository's mkdocs.yml, overrides and plugins."""
    settings = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    settings.pop("nav", None)
    settings["plugins"] = [{"ainews/news": {"timezone": "Asia/Tokyo", **(plugin_options or {})}}]
    settings.update(config)
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return Site(root)


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return make_site(tmp_path)


def copy_sample_project(root: Path, plugin_options: dict[str, Any] | None = None) -> Site:
    """The repository's content/ and mkdocs.yml in ``root`` (overrides from the repository)."""
    shutil.copytree(REPO / "content", root / "content")
    settings = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    for entry in settings["plugins"]:
        if isinstance(entry, dict) and "ainews/news" in entry:
            entry["ainews/news"] = {**entry["ainews/news"], **(plugin_options or {})}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return Site(root)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The repository's own sample site, built once per test session with --strict."""
    built = copy_sample_project(tmp_path_factory.mktemp("sample"))
    result = built.build("--strict")
    assert result.returncode == 0, result.stderr
    built.build_log = result.stderr  # type: ignore[attr-defined]
    return built


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


class _PageIds(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.labels: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        self.labels += (values.get("aria-labelledby") or "").split()


def assert_unique_ids(page: str) -> None:
    """Every id once on a page, and every aria-labelledby names one element (there is at least one)."""
    found = _PageIds()
    found.feed(page)
    counts = Counter(found.ids)
    assert not [value for value, count in counts.items() if count > 1], counts
    assert all(counts[label] == 1 for label in found.labels), found.labels

