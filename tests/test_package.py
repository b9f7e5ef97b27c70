"""The plugin as a new user gets it: a wheel, a fresh venv with Material, a new site, one `plugins:` line.

The wheel is built from the repository's tracked packaging files only (pyproject.toml,
README, LICENSE, plugins/), installed into a venv that holds nothing but it and
mkdocs-material (versions from constraints.txt), and used on a three-article
Material site written here, with no `custom_dir` and nothing copied from this
repository. The site also has its own `plugins/` Python folder, a common name that
must not shadow ours. About a minute; deselect with `-m "not package"` while iterating.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import lxml.html
import pytest
import yaml

from conftest import REPO

pytestmark = pytest.mark.package

SITE_YML = """\
site_name: テストAIニュース
site_url: https://news.example.org/
theme:
  name: material
  language: ja
plugins:
  - ainews/news
"""

ARTICLES = {
    "gemini-robotics-kitchen": {
        "title": "家庭の台所で皿洗いを学ぶロボット 新しい視覚言語行動モデルを公開",
        "original_title": "Robots that learn to do the dishes",
        "source": {"name": "Robotics Weekly", "url": "https://robotics.example.com/2026/06/dishes"},
        "published": "2026-06-02T09:30:00+09:00",
        "analyzed": "2026-06-02T11:05:00+09:00",
        "tags": ["Robotics", "VLA", "生成AI"],
        "tldr": "研究チームは、家庭の台所で皿洗いや片付けを数十回の実演から学ぶ視覚言語行動モデルを公開した。",
        "scores": {"depth": 4, "relevance": 4, "practicality": 3, "novelty": 5},   # importance 3: 注目
        "key_points": [
            {"title": "少ない実演で学習", "detail": "一つの作業につき約 50 回の実演で、新しい台所でも作業をこなせた。"},
            {"title": "失敗からの立て直し", "detail": "皿を落としかけたときに持ち直す動作を自分で選べる。"},
        ],
        "impact": "家庭用ロボットの実用化に向けて、データ収集の費用が大きく下がる可能性がある。",
        "editorial": "実演の数が少ない点は魅力だが、評価環境が研究室の台所に限られる点には注意したい。",
        "body": "研究チームは、家庭の台所での作業を学ぶロボット向けのモデルを公開した。\n\n"
                "<!-- original -->\n\nThe team released a model that learns kitchen chores from a few demonstrations.\n",
    },
    "vla-benchmark-release": {
        "title": "ロボットの汎用性を測る新ベンチマーク 百種類の家事を収録",
        "source": {"name": "Robotics Weekly", "url": "https://robotics.example.com/2026/06/benchmark"},
        "published": "2026-06-01T18:00:00+09:00",
        "tags": ["Robotics", "VLA", "Benchmark"],
        "tldr": "家事百種類でロボットの汎用性を測るベンチマークが公開され、主要なモデルの成績が比較された。",
        "scores": {"depth": 3, "relevance": 4, "practicality": 4, "novelty": 3},
        "key_points": [{"title": "百種類の家事", "detail": "洗濯物をたたむ作業から植木の水やりまでを含む。"}],
        "body": "家事百種類を収録したベンチマークが公開された。\n\n<!-- original -->\n\nA benchmark of one hundred chores.\n",
    },
    "japan-ai-robot-subsidy": {
        "title": "経産省、介護ロボットへの生成AI導入を補助 来年度予算で要求",
        "source": {"name": "日本経済ニュース", "url": "https://keizai.example.jp/articles/robot-subsidy"},
        "published": "2026-06-02T07:00:00+09:00",
        "tags": ["生成AI", "規制"],
        "tldr": "経済産業省は、介護ロボットに生成AIを組み込む事業者を補助する制度を来年度予算で要求する。",
        "scores": {"depth": 2, "relevance": 5, "practicality": 4, "novelty": 2},
        "key_points": [{"title": "介護現場が対象", "detail": "見守りや移乗の支援ロボットが主な対象となる。"}],
        "body": "経済産業省は介護ロボットへの生成AI導入を補助する方針を示した。\n",
    },
}


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # A clean environment: nothing of this repository's venv or sys.path leaks into the new one.
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONWARNINGS="ignore")
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def checked(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    result = run(command, cwd)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the packaging files (no build/ or egg-info left in the repository)."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(REPO / "plugins", source / "plugins", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    checked([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(root / "dist"), str(source)], root)
    (built,) = (root / "dist").glob("ainews_site-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv (no system site-packages) with the wheel and mkdocs-material, nothing else."""
    folder = tmp_path_factory.mktemp("venv") / "venv"
    checked([sys.executable, "-m", "venv", str(folder)], folder.parent)
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    checked([str(python), "-m", "pip", "install", "--quiet", "-c", str(REPO / "constraints.txt"),
             str(wheel), "mkdocs-material"], folder.parent)
    return python


@pytest.fixture(scope="module")
def new_site(venv: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new Material site with three articles, built by the installed wheel."""
    root = tmp_path_factory.mktemp("newsite")
    (root / "mkdocs.yml").write_text(SITE_YML, encoding="utf-8")
    for slug, fields in ARTICLES.items():
        meta = {key: value for key, value in fields.items() if key != "body"}
        path = root / "docs" / "articles" / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"
                        + fields["body"], encoding="utf-8")
    # The site's own Python folder named `plugins` (our import package once was `plugins`):
    # `python -m mkdocs` puts the project folder first on sys.path.
    (root / "plugins").mkdir()
    (root / "plugins" / "__init__.py").write_text("raise ImportError('the site-owned plugins package')\n")
    (root / "plugins" / "news.py").write_text("raise ImportError('the site-owned plugins.news')\n")
    result = checked([str(venv), "-m", "mkdocs", "build", "--strict"], root)
    assert "Traceback" not in result.stderr
    return root / "site"


def test_the_wheel_carries_the_templates_the_license_and_the_entry_point(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {path.relative_to(REPO / "plugins").as_posix()
               for path in (REPO / "plugins" / "ainews" / "templates").rglob("*") if path.is_file()}
    assert shipped and shipped <= names, sorted(shipped - names)
    assert not any(name.startswith("plugins/") for name in names)     # no top-level `plugins` package
    info = next(name for name in names if name.endswith(".dist-info/METADATA"))
    metadata = zipfile.ZipFile(wheel).read(info).decode()
    assert "License-Expression: MIT" in metadata and "Classifier: Framework :: MkDocs" in metadata
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    entry_points = zipfile.ZipFile(wheel).read(info.replace("METADATA", "entry_points.txt")).decode()
    assert "ainews/news = ainews.news.plugin:NewsPlugin" in entry_points


def test_the_fresh_venv_holds_only_the_wheel_material_and_their_dependencies(venv: Path) -> None:
    result = checked([str(venv), "-m", "pip", "list", "--format=freeze"], venv.parent)
    installed = {line.split("==")[0].lower() for line in result.stdout.splitlines()}
    assert {"ainews-site", "mkdocs-material"} <= installed
    assert not installed & {"pytest", "playwright", "hypothesis"}         # none of the test extra


def text(element: lxml.html.HtmlElement) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def test_the_article_page_has_every_part_of_the_contract_in_order(new_site: Path) -> None:
    html = (new_site / "articles" / "gemini-robotics-kitchen" / "index.html").read_text(encoding="utf-8")
    root = lxml.html.fromstring(html)
    (article,) = root.xpath("//article[contains(concat(' ', @class, ' '), ' news-article ')]")
    shown = text(article)
    parts = [
        "ニュース一覧", "元記事を開く",                            # back to the list, the original
        "Robotics Weekly", "2026年6月2日 09:30", "約1分で読める",  # source, published, reading time
        "家庭の台所で皿洗いを学ぶロボット",                        # the title
        "#Robotics", "#VLA", "#生成AI",                            # tags
        "TL;DR", "数十回の実演から学ぶ",
        "AI深層分析", "2026年6月2日 11:05",
        "注目", "5段階", "深度", "40%", "関連度", "30%", "実用性", "20%", "革新性", "10%",
        "キーポイント", "少ない実演で学習", "約 50 回の実演", "失敗からの立て直し",
        "影響分析・編集コメントを表示", "影響分析", "データ収集の費用", "編集コメント", "評価環境が研究室",
        "研究チームは、家庭の台所での作業を学ぶ",                  # the translation
        "原文を表示", "learns kitchen chores",
        "この記事をシェア",
        "関連記事", "ロボットの汎用性を測る新ベンチマーク",
        "今日のまとめ", "AI日報で今日の重要ニュースをまとめ読み",
        "ニュース一覧に戻る", "元記事を読む",
    ]
    position = 0
    for part in parts:
        found = shown.find(part, position)
        assert found >= 0, f"{part!r} missing after …{shown[max(0, position - 60):position]!r}"
        position = found + len(part)

    def hrefs(label: str) -> list[str]:
        return [a.get("href") for a in article.xpath(f".//a[contains(., '{label}')]")]

    assert hrefs("元記事を開く") == hrefs("元記事を読む") == ["https://robotics.example.com/2026/06/dishes"]
    assert hrefs("#Robotics") == ["../../tags/robotics/"] and (new_site / "tags/robotics/index.html").is_file()
    assert hrefs("今日のまとめ") == ["../../daily/2026-06-02/"] and (new_site / "daily/2026-06-02/index.html").is_file()
    assert {text(summary) for summary in article.xpath(".//details/summary")} >= {"影響分析・編集コメントを表示", "原文を表示"}
    related = article.xpath(".//section[contains(@class, 'news-related')]//a/@href")
    assert sorted(related) == ["../japan-ai-robot-subsidy/", "../vla-benchmark-release/"]


def test_the_theme_files_come_from_the_package(new_site: Path) -> None:
    home = (new_site / "index.html").read_text(encoding="utf-8")
    assert "家庭の台所で皿洗いを学ぶロボット" in home and 'href="articles/gemini-robotics-kitchen/"' in home
    assert 'href="assets/stylesheets/news.css"' in home and (new_site / "assets/stylesheets/news.css").is_file()
    assert (new_site / "assets/javascripts/share.js").is_file()
    assert (new_site / "feed.xml").read_text(encoding="utf-8").count("<item>") == 3
