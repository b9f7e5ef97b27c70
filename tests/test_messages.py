"""Bilingual messages: Japanese first, English after, chosen by AINEWS_LANG; the catalogue is complete."""

from __future__ import annotations

import ast
import os
import pickle
import string
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, Site, make_article, make_site
from ainews.model.article import Problem
from ainews.model.messages import JAPANESE, Msg, msg
from ainews.model.validate import ModelSettings, parse_article

PACKAGE = REPO / "plugins" / "ainews"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _msg_templates() -> list[tuple[str, int, str]]:
    """Every literal template given to msg() in the package: (file, line, template)."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "msg" and node.args:
                first = node.args[0]   # a conditional template gives two
                for arg in [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]:
                    assert isinstance(arg, ast.Constant), f"{path.name}:{node.lineno}: msg() needs a literal"
                    found.append((path.name, node.lineno, arg.value))
    return found


def test_every_template_in_the_code_has_its_japanese() -> None:
    templates = _msg_templates()
    assert len(templates) > 60
    missing = [f"{name}:{line}: {text}" for name, line, text in templates if text not in JAPANESE]
    assert missing == []


def test_the_japanese_uses_only_the_english_placeholders() -> None:
    for english, japanese in JAPANESE.items():
        assert _fields(japanese) <= _fields(english), english
        assert japanese != english and any("\u3040" <= c <= "\u9fff" for c in japanese), english


def test_no_catalogue_entry_is_unused() -> None:
    used = {text for _, _, text in _msg_templates()}
    assert sorted(set(JAPANESE) - used) == []


@pytest.mark.parametrize(("lang", "shown"), [
    ("both", "1〜5 の整数にしてください（値: 7） / must be an integer from 1 to 5, got 7"),
    ("", "1〜5 の整数にしてください（値: 7） / must be an integer from 1 to 5, got 7"),
    ("JA", "1〜5 の整数にしてください（値: 7）"),
    ("en", "must be an integer from 1 to 5, got 7"),
    ("fr", "1〜5 の整数にしてください（値: 7） / must be an integer from 1 to 5, got 7"),
])
def test_the_language_is_chosen_by_ainews_lang(monkeypatch: pytest.MonkeyPatch, lang: str, shown: str) -> None:
    monkeypatch.setenv("AINEWS_LANG", lang)
    line = msg("must be an integer from {low} to {high}, got {got}", low=1, high=5, got=7)
    assert line == shown
    assert str(Problem("content/a.md", "scores.depth", line)) == f"content/a.md: scores.depth: {shown}"


def test_a_nested_message_goes_into_each_half_in_its_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AINEWS_LANG", "both")
    inner = msg("field {name} is given twice", name="'tags'")
    outer = msg("is not valid YAML at line {line}: {problem}", line=4, problem=inner)
    assert outer == ("YAML として読めません（4 行目）: 項目 'tags' が 2 回書かれています"
                     " / is not valid YAML at line 4: field 'tags' is given twice")


def test_a_message_keeps_both_halves_through_pickling(monkeypatch: pytest.MonkeyPatch) -> None:
    # Problems come back from worker processes pickled.
    monkeypatch.setenv("AINEWS_LANG", "both")
    line = pickle.loads(pickle.dumps(msg("is a link that loops back on itself")))
    assert isinstance(line, Msg) and (line.ja, line.en) == ("自分自身に戻るリンク（ループ）です", "is a link that loops back on itself")


def test_an_article_problem_is_japanese_first(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt
    monkeypatch.setenv("AINEWS_LANG", "both")
    text = make_article(scores={"depth": 7, "relevance": 5, "practicality": 3, "novelty": 4}, draft="yes")
    _, problems = parse_article(text.encode(), "content/articles/2026/06/a.md", "articles/2026/06/a.md",
                                ModelSettings(zone=dt.timezone.utc))
    assert [str(p) for p in problems] == [
        "content/articles/2026/06/a.md: scores.depth: 1〜5 の整数にしてください（値: 7） / "
        "must be an integer from 1 to 5, got 7",
        "content/articles/2026/06/a.md: draft: true か false にしてください（値: 'yes'） / "
        "must be true or false, got 'yes'",
    ]


def _run(site: Site, lang: str | None, *command: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "AINEWS_LANG"}
    if lang is not None:
        env["AINEWS_LANG"] = lang
    env["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run([sys.executable, "-m", *command], cwd=site.root, capture_output=True, text=True,
                          env=env, timeout=300)


def test_a_failed_build_prints_japanese_then_english_by_default(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    site.add_article("bad", tags=[])
    result = _run(site, None, "mkdocs", "build", "--strict")
    assert result.returncode == 1
    assert ("content/articles/2026/06/bad.md: tags: タグは 1〜10 個のリストにしてください（値: 0 個） / "
            "must be a list of 1 to 10 tags, got 0 tags") in result.stderr


@pytest.mark.parametrize(("lang", "expected"), [
    ("ja", ["content/articles/2026/06/bad.md: published: 日付（2026-06-02）か日時（2026-06-02T09:30:00+09:00）"
            "にしてください（値: 'yesterday'）", "ainews check: 問題 1 件"]),
    ("en", ["content/articles/2026/06/bad.md: published: must be a date (2026-06-02) or datetime "
            "(2026-06-02T09:30:00+09:00), got 'yesterday'", "ainews check: 1 problem"]),
])
def test_ainews_check_speaks_the_chosen_language(tmp_path: Path, lang: str, expected: list[str]) -> None:
    site = make_site(tmp_path)
    site.add_article("bad", published="yesterday")
    result = _run(site, None, "ainews.cli.main", "--lang", lang, "check")
    assert result.returncode == 1
    assert [result.stdout.strip(), result.stderr.strip()] == expected
