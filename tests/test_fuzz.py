"""Property-based fuzzing of article files and registries (hypothesis).

Whatever an article file holds, parsing gives either an Article or a non-empty
list of one-line `path: field: message` problems: never another exception,
never a hang. A few full builds check the same at the command line: a built
site, or the one-line errors, no traceback and no site folder.

Example counts are fixed (see MAX_EXAMPLES) so CI time stays bounded; the
examples themselves are new each run (no example database is written). The
count of examples run is printed (-s) and saved to test-artifacts/fuzz-examples.txt.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Iterator
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED_FRONT_MATTER, make_site
from ainews.model.registry import parse_source_registry, parse_tag_registry
from ainews.model.validate import ModelSettings, parse_article

PATH = "content/articles/2026/06/fuzz.md"
SETTINGS = ModelSettings(zone=ZoneInfo("Asia/Tokyo"))
PROBLEM_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
# About 30 s in all on a 2-core machine; FUZZ_SCALE=10 makes a deeper local run.
_SCALE = float(os.environ.get("FUZZ_SCALE", "1"))
MAX_EXAMPLES = {kind: max(1, int(n * _SCALE)) for kind, n in
                {"fields": 1200, "yaml": 800, "bytes": 500, "registry": 500, "build": 6}.items()}
EXAMPLES_RUN: dict[str, int] = {}
def fuzz(kind: str) -> settings:
    return settings(max_examples=MAX_EXAMPLES[kind], deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))

# -- strategies ------------------------------------------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10), st.integers(), st.floats(allow_nan=True),
    st.text(max_size=40), st.sampled_from(["", " ", "2026-06-02", "2026-13-45", "javascript:alert(1)",
                                          "https://example.com/a", "<script>alert(1)</script>", "\u202e", "a\nb"]),
    st.dates(), st.datetimes(timezones=st.sampled_from([None, dt.timezone.utc, ZoneInfo("Asia/Tokyo")])),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=12), st.dictionaries(st.text(max_size=12), inner, max_size=5)), max_leaves=20)

KEY_POINT = st.fixed_dictionaries({"title": values, "detail": values})
FIELD_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "title": values, "original_title": values, "tldr": values, "impact": values, "editorial": values,
    "source": st.one_of(values, st.fixed_dictionaries({"name": values, "url": values})),
    "published": values, "analyzed": values, "importance": values, "original_lang": values,
    "slug": values, "draft": values, "related": values, "related_exclude": values,
    "tags": st.one_of(values, st.lists(values, max_size=12)),
    "scores": st.one_of(values, st.fixed_dictionaries({n: values for n in ("depth", "relevance", "practicality", "novelty")})),
    "key_points": st.one_of(values, st.lists(KEY_POINT, max_size=12)),
}


@st.composite
def front_matter(draw: st.DrawFn) -> dict[str, Any]:
    """The seed article with some fields replaced by random values, some removed, some added."""
    meta = dict(SEED_FRONT_MATTER)
    for name in draw(st.sets(st.sampled_from(sorted(FIELD_VALUES)), max_size=6)):
        meta[name] = draw(FIELD_VALUES[name])
    for name in draw(st.sets(st.sampled_from(sorted(meta)), max_size=3)):
        meta.pop(name, None)
    meta.update(draw(st.dictionaries(st.text(max_size=10), values, max_size=2)))
    return meta


bodies = st.lists(st.one_of(st.text(max_size=60), st.sampled_from([
    "<!-- original -->", "<!--original-->", "  <!-- original -->  ", "---", "```", "<script>alert(1)</script>",
    "[^1]", "[^1]: note", "!!! note", "| a | b |\n|---|---|", "\r\n", "\ufeff", "<details>"])), max_size=8).map("\n".join)


def dump(meta: dict[str, Any]) -> str:
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)


def check_outcome(article: Any, problems: list[Any], path: str = PATH) -> None:
    if article is not None:
        assert problems == []
        return
    assert problems, "no article and no problem"
    for problem in problems:
        line = str(problem)
        assert PROBLEM_LINE.fullmatch(line), f"not one line: {line!r}"
        assert line.startswith(f"{path}: ") and ": " in line[len(path) + 2:], line
        assert problem.message.strip(), line


def count(name: str) -> None:
    EXAMPLES_RUN[name] = EXAMPLES_RUN.get(name, 0) + 1


# -- parse_article ---------------------------------------------------------------------------

@fuzz("fields")
@given(meta=front_matter(), body=bodies, crlf=st.booleans(), bom=st.booleans())
def test_random_fields_give_article_or_one_line_problems(meta: dict[str, Any], body: str, crlf: bool, bom: bool) -> None:
    count("fields")
    text = "---\n" + dump(meta) + "---\n" + body
    if crlf:
        text = text.replace("\n", "\r\n")
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", "surrogatepass")
    article, problems = parse_article(data, PATH, "articles/2026/06/fuzz.md", SETTINGS)
    check_outcome(article, problems)


yaml_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(["title: x", "tags: [a, b]", "- a", "? x", "&a [*a]", "*x", "!!python/object:os.system",
                              "!!binary AAAA", "!!int four", "!!timestamp 2026-02-30", "key: |", "  text", "{", "[", ":",
                              "'", '"', "\t", "---", "...", "%YAML 1.1", "a: &a [x, x, x]", "b: [*a, *a, *a]",
                              "scores: {depth: 9}", "source: {url: 'javascript:x'}"]), max_size=12).map("\n".join),
)


@fuzz("yaml")
@given(front=yaml_text, body=bodies)
def test_random_yaml_gives_article_or_one_line_problems(front: str, body: str) -> None:
    count("yaml")
    data = ("---\n" + front + "\n---\n" + body).encode("utf-8", "surrogatepass")
    check_outcome(*parse_article(data, PATH, "articles/2026/06/fuzz.md", SETTINGS))


@fuzz("bytes")
@given(data=st.one_of(st.binary(max_size=400), st.binary(max_size=200).map(lambda b: b"---\n" + b + b"\n---\nbody")))
def test_random_bytes_give_article_or_one_line_problems(data: bytes) -> None:
    count("bytes")
    check_outcome(*parse_article(data, PATH, "articles/2026/06/fuzz.md", SETTINGS))


def test_yaml_alias_bomb_is_reported_quickly() -> None:
    """Nine lines of YAML aliases expand to 9**9 strings; showing the bad value must not expand them."""
    import time
    lines = ['a: &a ["xxxxxxxxxx","xxxxxxxxxx","xxxxxxxxxx","xxxxxxxxxx","xxxxxxxxxx","xxxxxxxxxx","xxxxxxxxxx","xxxxxxxxxx","xxxxxxxxxx"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    meta = "\n".join(lines) + "\ntitle: *i\ntags: *i\nsource: *i\nslug: *i\nkey_points: [*i]\n"
    started = time.monotonic()
    article, problems = parse_article(f"---\n{meta}---\nbody\n".encode(), PATH, "articles/x.md", SETTINGS)
    assert time.monotonic() - started < 20   # a hang guard: expanding 9**9 values would take minutes
    check_outcome(article, problems)
    assert all(len(str(p)) < 400 for p in problems)


# -- registries ------------------------------------------------------------------------------

registry_text = st.one_of(
    yaml_text,
    st.dictionaries(st.one_of(st.text(max_size=20), st.integers()), values, max_size=5).map(dump),
    st.dictionaries(st.text(max_size=20), st.fixed_dictionaries(
        {}, optional={"aliases": values, "description": values, "url": values}), max_size=5).map(dump),
)


@fuzz("registry")
@given(text=registry_text)
def test_random_registries_give_one_line_problems(text: str) -> None:
    count("registry")
    for parse, path in ((parse_tag_registry, "content/tags.yml"), (parse_source_registry, "content/sources.yml")):
        problems: list[Any] = []
        parse(text, path, problems)
        for problem in problems:
            assert PROBLEM_LINE.fullmatch(str(problem)), f"not one line: {str(problem)!r}"
            assert str(problem).startswith(f"{path}: ")


# -- full builds ------------------------------------------------------------------------------

@fuzz("build")
@given(meta=front_matter(), body=bodies)
def test_random_articles_build_or_fail_with_one_line_errors(meta: dict[str, Any], body: str) -> None:
    count("build")
    with tempfile.TemporaryDirectory() as folder:
        site = make_site(Path(folder), plugin_options={"search": False})
        site.add_article("anchor", folder="articles/2026/05")
        site.write("articles/2026/06/fuzz.md", "---\n" + dump(meta) + "---\n" + body)
        result: subprocess.CompletedProcess[str] = site.build()
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        if result.returncode == 0:
            assert (site.site_dir / "articles" / "anchor" / "index.html").is_file()
            return
        assert not site.site_dir.exists(), "a failed build left a site folder"
        errors = [line for line in result.stderr.splitlines() if line.startswith("content/")]
        assert errors, result.stderr[-3000:]
        for line in errors:
            assert re.fullmatch(r"content/\S+: [^:\n]+?: .+", line) or ": " in line, line


@pytest.fixture(scope="module", autouse=True)
def report_examples() -> Iterator[None]:
    """Print (with -s) and save how many examples ran: test-artifacts/fuzz-examples.txt."""
    yield
    if EXAMPLES_RUN:
        line = f"fuzz examples run: {sum(EXAMPLES_RUN.values())} (" + \
            ", ".join(f"{name} {n}" for name, n in EXAMPLES_RUN.items()) + ")"
        print("\n" + line)
        artifacts = Path(__file__).resolve().parent.parent / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        (artifacts / "fuzz-examples.txt").write_text(line + "\n", encoding="utf-8")
