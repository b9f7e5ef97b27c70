"""The generators we compare, each as a way to prepare a site and a build command.

A target's `prepare` writes whatever site it needs under the workspace (not
timed) and returns the command that builds it into `Workspace.out(name)`
(timed). It raises `Unavailable` when the tool is missing (the target is
skipped) and any other exception when the site cannot be set up (failed).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import hugo_blog
import material_blog
import ours
from corpus import Article, iter_corpus
from generate import generate_corpus

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent


def default_python() -> str:
    """The repo's venv interpreter if there is one (our plugins are installed there)."""
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


class Unavailable(Exception):
    """The tool a target needs is not installed."""


@dataclass
class Workspace:
    """The temp folder of one run: corpus, generated sites and build outputs."""

    root: Path
    python: str
    repo: Path = REPO

    @classmethod
    def create(cls, n: int, seed: int, python: str) -> Workspace:
        """A new temp folder holding a generated corpus of `n` articles."""
        ws = cls(Path(tempfile.mkdtemp(prefix="bench-")), python)
        generate_corpus(ws.content.parent, n, seed)
        return ws

    @property
    def content(self) -> Path:
        return self.root / "corpus" / "content"

    def articles(self) -> Iterator[Article]:
        """The corpus, streamed so the harness stays small (see measure.py)."""
        return iter_corpus(self.content)

    def site(self, name: str) -> Path:
        return self.root / "sites" / name

    def out(self, name: str) -> Path:
        return self.root / "out" / name


@dataclass(frozen=True)
class Target:
    """A generator to measure."""

    name: str
    summary: str
    prepare: Callable[[Workspace], list[str]]
    warm: bool = False          # True: one untimed build first, caches kept between builds
    add_one: bool = False       # True: one new article is added before each timed build


def mkdocs_command(ws: Workspace, config: Path, name: str) -> list[str]:
    return [ws.python, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(ws.out(name))]


def _floor(ws: Workspace) -> list[str]:
    return [ws.python, str(BENCH_DIR / "floor.py"), str(ws.content), str(ws.out("floor"))]


def _material_blog(ws: Workspace) -> list[str]:
    config = material_blog.make_site(ws.articles(), ws.site("material-blog"))
    return mkdocs_command(ws, config, "material-blog")


def _hugo(ws: Workspace) -> list[str]:
    hugo = shutil.which("hugo")
    if hugo is None:
        raise Unavailable("hugo is not on PATH")
    site = hugo_blog.make_site(ws.articles(), ws.site("hugo"))
    return [hugo, "--quiet", "--source", str(site), "--destination", str(ws.out("hugo")),
            "--cacheDir", str(ws.root / "hugo-cache")]


def _ours_variant(name: str, plugin_options: dict | None = None) -> Callable[[Workspace], list[str]]:
    def prepare(ws: Workspace) -> list[str]:
        config = ours.make_config(ws.repo, ws.content, ws.site(name), plugin_options)
        return mkdocs_command(ws, config, name)
    return prepare


CORE_ONLY = {"search": False, "cards": {"enabled": False}}


TARGETS: dict[str, Target] = {t.name: t for t in [
    Target("floor", "python-markdown alone, one HTML file per article", _floor),
    Target("material-blog", "Material for MkDocs with blog, tags and search plugins", _material_blog),
    Target("hugo", "minimal Hugo site with tags, related content and RSS", _hugo),
    Target("ours", "our build as the repo configures it (search, share cards), caches empty", _ours_variant("ours")),
    Target("ours-warm", "the same with the body and card caches of a previous build", _ours_variant("ours-warm"),
           warm=True),
    Target("ours-core", "our pages without search index and share cards, caches empty",
           _ours_variant("ours-core", CORE_ONLY)),
    Target("ours-add-one", "one new article added to the site, caches of the previous build kept (a CI publish)",
           _ours_variant("ours-add-one"), warm=True, add_one=True),
]}


def add_article(ws: Workspace, number: int) -> Path:
    """A new newest article: a copy of the corpus' newest one with a new slug and a later date."""
    files = sorted(ws.content.glob("articles/*/*/*.md"))
    newest = max(files, key=lambda p: p.parent.as_posix() + p.name)
    text = newest.read_text(encoding="utf-8")
    slug = f"added-article-{number}"
    lines = []
    for line in text.split("\n---", 1)[0].splitlines():
        if line.startswith("slug:"):
            line = f"slug: {slug}"
        elif line.startswith("published:"):
            line = "published: '2026-12-31T23:00:00+09:00'"
        elif line.startswith("title:"):
            line = f"title: 追加した記事 {number}"
        lines.append(line)
    target = ws.content / "articles" / "2026" / "12" / f"{slug}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines) + "\n---" + text.split("\n---", 1)[1], encoding="utf-8")
    return target
