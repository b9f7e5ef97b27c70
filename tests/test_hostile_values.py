"""Values validation accepts must build; values it cannot build must be one problem line, never a crash.

Unit tests on the model first (fast), then a few real builds of the values that used to
crash `mkdocs build` after `ainews check` had passed.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from ainews.model.corpus import CorpusError, read_corpus
from ainews.model.validate import ModelSettings, parse_article
from ainews.model.yamlsafe import check_yaml_shape
from conftest import SEED_FRONT_MATTER, make_article, make_site

SETTINGS = ModelSettings(zone=dt.timezone(dt.timedelta(hours=9)))
NINE = ", ".join(["*x"] * 9)


def bomb(levels: int = 9) -> str:
    lines = ["a0: &x0 [" + ", ".join(['"lol"'] * 9) + "]"]
    lines += [f"a{n}: &x{n} [" + ", ".join([f"*x{n - 1}"] * 9) + "]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def problems(text: str) -> list[str]:
    article, found = parse_article(text.encode("utf-8"), "a.md", "2026/06/a.md", SETTINGS)
    return [str(p) for p in found]


# --- YAML shape -----------------------------------------------------------------

@pytest.mark.parametrize("nested", ["[" * 50_000, "{a: " * 50_000, "\n  " + "- " * 50_000 + "x",
                                    "".join(f"{'  ' * n}k{n}:\n" for n in range(200)) + "  " * 200 + "v\n"])
def test_deep_front_matter_is_one_line_not_a_segfault(nested: str) -> None:
    text = f"---\ntitle: x\nextra: {nested}\n---\n\n本文\n" if not nested.startswith("k0") \
        else f"---\n{nested}---\n\n本文\n"
    assert problems(text) == [problems(text)[0]]
    assert problems(text)[0].startswith("a.md: front matter: is nested more than 64 levels deep")


def test_alias_bomb_is_refused_at_once() -> None:
    started = time.perf_counter()
    found = problems("---\n" + bomb() + "---\n\n本文\n")
    assert found == ["a.md: front matter: has aliases that expand to more than 200,000 values at line 7"]
    assert time.perf_counter() - started < 20   # a hang guard: the check walks 40 events, not 9**9


def test_registries_are_shape_checked_too(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "tags.yml").write_text("LLM: {aliases: " + "[" * 50_000 + "}\n", encoding="utf-8")
    (tmp_path / "sources.yml").write_text(bomb(), encoding="utf-8")
    with pytest.raises(CorpusError) as raised:
        read_corpus(tmp_path, "articles", SETTINGS, base=tmp_path)
    assert [str(p) for p in raised.value.problems] == [
        "tags.yml: (file): is nested more than 64 levels deep at line 1",
        "sources.yml: (file): has aliases that expand to more than 200,000 values at line 6",
    ]


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=3), children, max_size=3),
                    max_leaves=30))
@settings(max_examples=200, deadline=None)
def test_ordinary_yaml_passes_the_shape_check(value: object) -> None:
    check_yaml_shape(yaml.safe_dump(value, allow_unicode=True))


# --- names that become folders and URL segments ----------------------------------

def test_long_tags_sources_and_dates_build_or_are_refused(tmp_path: Path) -> None:
    """The values that passed `ainews check` and then crashed `mkdocs build` (ENAMETOOLONG, weekly pages)."""
    site = make_site(tmp_path, plugin_options={"search": False})
    site.add_article("long-tag", tags=["生成" * 30, "LLM"], source={"name": "長" * 60, "url": "https://example.com/x"})
    site.write("articles/2026/06/old.md", make_article(published="0999-06-02"))
    site.write("articles/2026/06/far.md", make_article(published="9999-12-31"))
    site.write("articles/2026/06/long-slug.md", make_article().replace("---\n", "---\nslug: " + "a" * 300 + "\n", 1))
    result = site.build()
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = sorted(line for line in result.stderr.splitlines() if line.startswith("content/"))
    assert lines == [
        "content/articles/2026/06/far.md: published: must be between 1900-01-01 and 2999-12-31, got '9999-12-31'",
        "content/articles/2026/06/long-slug.md: slug: must be at most 200 characters, got 300",
        "content/articles/2026/06/old.md: published: must be between 1900-01-01 and 2999-12-31, got '0999-06-02'",
    ]
    for name in ("far", "old", "long-slug"):
        (site.content / f"articles/2026/06/{name}.md").unlink()
    result = site.build()
    assert result.returncode == 0, result.stderr
    tag_folders = [p.name for p in (site.site_dir / "tags").iterdir() if p.is_dir()]
    assert "生成" * 30 in tag_folders
    assert "生成生成" in site.html("articles/long-tag/")


# --- plugin options ---------------------------------------------------------------

def test_unusable_options_are_one_line_each_in_build_and_check(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugin_options={
        "search": False, "score_weights": {"depth": "4", "novelty": 1, "practicality": 2, "relevance": 3},
        "reading_cjk_per_minute": 0, "importance_labels": {"five": "最重要", 4: "重要", 3: "注目", 2: "通常", 1: "参考"},
        "per_page": 0})
    site.add_article("good")
    result = site.build()
    assert result.returncode != 0 and "Traceback" not in result.stderr
    expected = [
        "mkdocs.yml: plugins.news.score_weights: must give depth, relevance, practicality, novelty as numbers >= 0 "
        "with a positive sum, got {'depth': '4', 'novelty': 1, 'practicality': 2, 'relevance': 3}",
        "mkdocs.yml: plugins.news.importance_labels: must give a non-empty text for each level 1 to 5, "
        "got {'five': '最重要', 4: '重要', 3: '注目', 2: '通常', 1: '参考'}",
        "mkdocs.yml: plugins.news.reading_cjk_per_minute: must be a whole number >= 1, got 0",
        "mkdocs.yml: plugins.news.per_page: must be a whole number >= 1, got 0",
    ]
    lines = [line.removeprefix("ERROR   -  ") for line in result.stderr.splitlines()]
    assert [line for line in lines if line.startswith("mkdocs.yml:")] == expected
    checked = subprocess.run([sys.executable, "-m", "ainews.cli.main", "check"], cwd=site.root,
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode != 0 and "Traceback" not in checked.stderr
    lines = [line.removeprefix("ainews: ") for line in (checked.stdout + checked.stderr).splitlines()]
    assert [line for line in lines if line.startswith("mkdocs.yml:")] == expected


@pytest.mark.parametrize("weights", [{"depth": float("nan"), "relevance": 1, "practicality": 1, "novelty": 1},
                                     {"depth": float("inf"), "relevance": 1, "practicality": 1, "novelty": 1},
                                     {"depth": True, "relevance": 1, "practicality": 1, "novelty": 1}])
def test_weights_must_be_finite_numbers(weights: dict[str, object]) -> None:
    from ainews.news.config import NewsConfig, OptionError, make_model_settings
    options = NewsConfig()
    options.load_dict({"score_weights": weights})
    assert not options.validate()[0]
    with pytest.raises(OptionError, match="plugins.news.score_weights: must give"):
        make_model_settings(options)


# --- registries: duplicates and unknown keys ----------------------------------------

def test_tag_registry_duplicates_and_every_unknown_key_are_reported() -> None:
    from ainews.model.registry import parse_tag_registry
    problems: list = []
    registry = parse_tag_registry(
        "LLM Safety:\n  aliases: [AI Safety, 42]\n  colour: red\n  size: big\n"
        "llm safety:\n  description: twice\n"
        "Alignment:\n  aliases: [ai safety]\n", "content/tags.yml", problems)
    assert [str(p) for p in problems] == [
        "content/tags.yml: LLM Safety.colour: unknown field; expected aliases, description, or for a company kind, "
        "name_ja, name_en, website, logo",
        "content/tags.yml: LLM Safety.size: unknown field; expected aliases, description, or for a company kind, "
        "name_ja, name_en, website, logo",
        "content/tags.yml: LLM Safety.aliases[1]: must be a tag name with a letter or digit, got 42",
        "content/tags.yml: llm safety: has the same slug 'llm-safety' as LLM Safety",
        "content/tags.yml: Alignment.aliases[0]: is already an alias of LLM Safety",
    ]
    assert registry.aliases == {"ai-safety": "llm-safety"}


def test_credentials_in_a_source_url_are_refused() -> None:
    lines = problems(make_article(source={"name": "Example", "url": "https://admin:hunter2@example.com/x"}))
    assert lines == ["a.md: source.url: must not carry a user name or password (they would be published)"]
    from ainews.model.urls import is_web_url
    assert not is_web_url("https://admin:hunter2@example.com/x") and is_web_url("https://example.com/@user")
