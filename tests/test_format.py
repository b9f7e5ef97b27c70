"""The one declaration of the article format (model/fields.py) drives validation, schema, scaffold and guide."""

from __future__ import annotations

import dataclasses
import json
import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, SEED_BODY, SEED_FRONT_MATTER, make_site
from ainews.cli.fieldtable import START, render_field_table, table_in
from ainews.cli.main import main
from ainews.cli.scaffold import render_article
from ainews.cli.schema import build_schema, render_schema
from ainews.model.article import Article
from ainews.model.fields import ARTICLE, MAX_SLUG_BYTES, Field, Kind
from ainews.model.scoring import DEFAULT_WEIGHTS
from ainews.model.slugs import slugify
from ainews.model.text import first_control, strip_bidi, text_problem
from ainews.model.validate import KNOWN_FIELDS, ModelSettings, parse_article

GUIDE = REPO / "docs/editors-guide.md"
PATH = "content/articles/2026/06/seed.md"
SETTINGS = ModelSettings(zone=ZoneInfo("Asia/Tokyo"))


def problems(meta: dict[str, Any], declaration: Field = ARTICLE) -> list[str]:
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + SEED_BODY
    article, found = parse_article(text.encode(), PATH, "articles/2026/06/seed.md", SETTINGS,
                                   declaration=declaration)
    assert (article is None) == bool(found)
    return [str(problem).removeprefix(f"{PATH}: ") for problem in found]


def schema_errors(meta: dict[str, Any], declaration: Field = ARTICLE) -> list[list[Any]]:
    return [list(error.path) for error in jsonschema.Draft7Validator(build_schema(declaration)).iter_errors(meta)]


def row(table: str, name: str) -> str:
    [found] = [line for line in table.splitlines() if line.startswith(f"| `{name}` |")]
    return found


# -- the guide ---------------------------------------------------------------------------------

def test_the_guides_field_table_is_the_declarations() -> None:
    assert table_in(GUIDE.read_text(encoding="utf-8")) == render_field_table(), \
        "run: ainews schema --guide docs/editors-guide.md"


def test_the_guide_command_rewrites_only_the_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    guide = tmp_path / "guide.md"
    stale = render_field_table().replace("200 文字まで", "20 文字まで")
    guide.write_text(f"# Guide\n\nbefore\n\n{START}\n{stale}<!-- fields:end -->\n\nafter\n", encoding="utf-8")
    assert main(["schema", "--guide", str(guide)]) == 0
    text = guide.read_text(encoding="utf-8")
    assert table_in(text) == render_field_table()
    assert text.startswith("# Guide\n\nbefore\n\n") and text.endswith("<!-- fields:end -->\n\nafter\n")
    assert capsys.readouterr().out == f"{guide}\n"   # the schema is not printed when only the guide is asked for


def test_a_guide_without_markers_is_one_line_and_left_alone(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    guide = tmp_path / "guide.md"
    guide.write_text("# Guide without a table\n", encoding="utf-8")
    assert main(["schema", "--guide", str(guide)]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"ainews schema: {guide}: expected one line '<!-- fields:start")
    assert guide.read_text(encoding="utf-8") == "# Guide without a table\n"


# -- one declaration, four derived things ------------------------------------------------------

def test_validator_schema_guide_and_article_name_the_same_fields() -> None:
    assert KNOWN_FIELDS == set(ARTICLE.names) == set(build_schema()["properties"])
    table = render_field_table()
    for spec in ARTICLE.fields:
        names = [f"{spec.name}.{m.name}" for m in spec.fields] if spec.kind == Kind.OBJECT else [spec.name]
        assert all(row(table, name) for name in names)
    attributes = {f.name for f in dataclasses.fields(Article)}
    assert {spec.attribute for spec in ARTICLE.fields} <= attributes


def test_every_object_in_the_schema_refuses_unknown_keys() -> None:
    def objects(schema: dict[str, Any]) -> list[dict[str, Any]]:
        found = [schema] if schema.get("type") == "object" else []
        for child in [*schema.get("properties", {}).values(), *([schema["items"]] if "items" in schema else [])]:
            found += objects(child)
        return found
    found = objects(build_schema())
    assert len(found) == 4   # the front matter, source, scores, a key point
    assert all(schema["additionalProperties"] is False for schema in found)


def test_the_schema_carries_every_declared_length_limit() -> None:
    schema = build_schema()
    assert schema["properties"]["title"]["maxLength"] == 200
    assert schema["properties"]["source"]["properties"]["url"]["maxLength"] == 2000
    assert schema["properties"]["tags"]["items"]["maxLength"] == 100
    assert schema["properties"]["key_points"]["items"]["properties"]["detail"]["maxLength"] == 3000
    assert schema_errors({**SEED_FRONT_MATTER, "tldr": "あ" * 2001}) == [["tldr"]]


LONG_TITLE = {"title": "見" * 25}
FIVE_TAGS = {"tags": ["LLM", "Agents", "Safety", "Robotics", "Chips"]}
LONG_DETAIL = {"key_points": [{"title": "要点", "detail": "詳" * 60}]}
DEPTH_FIVE = {"scores": {"depth": 5, "relevance": 5, "practicality": 3, "novelty": 4}}


@pytest.mark.parametrize(("path", "change", "meta", "message", "where", "guide_text"), [
    ("title", {"max_length": 20}, LONG_TITLE, "title: must be at most 20 characters, got 25", ["title"],
     "20 文字まで"),
    ("tags", {"max_items": 3}, FIVE_TAGS, "tags: must be a list of 1 to 3 tags, got 5 tags", ["tags"], "1〜3 個"),
    ("key_points.detail", {"max_length": 50}, LONG_DETAIL,
     "key_points[0].detail: must be at most 50 characters, got 60", ["key_points", 0, "detail"], "50 文字まで"),
    ("scores.depth", {"maximum": 4}, DEPTH_FIVE, "scores.depth: must be an integer from 1 to 4, got 5",
     ["scores", "depth"], "1〜4"),
])
def test_one_changed_limit_changes_validation_schema_guide_and_scaffold_together(
        path: str, change: dict[str, Any], meta: dict[str, Any], message: str, where: list[Any],
        guide_text: str) -> None:
    changed = ARTICLE.replaced(path, **change)
    front_matter = {**SEED_FRONT_MATTER, **meta}
    # Today's format accepts the value; the changed one refuses it, in validation and in the schema.
    assert problems(front_matter) == [] and schema_errors(front_matter) == []
    assert problems(front_matter, changed) == [message]
    assert schema_errors(front_matter, changed) == [where]
    # The guide's table changes in that field's row only, and shows the new limit.
    name = path.replace("key_points.detail", "key_points")
    before, after = render_field_table().splitlines(), render_field_table(changed).splitlines()
    assert [line for line in after if line not in before] == [row(render_field_table(changed), name)]
    assert guide_text in row(render_field_table(changed), name)
    # The scaffold's help comments follow too.
    scaffold = lambda declaration: render_article(  # noqa: E731
        "https://example.com/a", dt.date(2026, 6, 2), PATH, DEFAULT_WEIGHTS, None, declaration=declaration)
    assert scaffold(changed) != scaffold(ARTICLE)


def test_a_new_optional_field_is_known_to_validator_schema_guide_and_scaffold() -> None:
    """What issue-style additions cost: one entry (plus the Article attribute to carry it)."""
    subtitle = Field("original_title_ja", Kind.TEXT, "副題", "subtitle", help_ja="副題。", help_en="Subtitle.",
                     max_length=50, example='`"副題"`')
    extended = dataclasses.replace(ARTICLE, fields=(*ARTICLE.fields, subtitle))
    assert problems({**SEED_FRONT_MATTER, "original_title_ja": "副" * 51}, extended) == \
        ["original_title_ja: must be at most 50 characters, got 51"]
    assert problems({**SEED_FRONT_MATTER, "original_title_ja": "副"})[0].startswith(
        "original_title_ja: unknown field")
    assert build_schema(extended)["properties"]["original_title_ja"]["maxLength"] == 50
    assert "| `original_title_ja` | 任意 | 文字列、50 文字まで" in render_field_table(extended)
    assert 'original_title_ja: ""' in render_article("https://example.com/a", dt.date(2026, 6, 2), PATH,
                                                       DEFAULT_WEIGHTS, None, declaration=extended)


# -- every value the declaration allows is valid, and builds ---------------------------------

_TEXT_CHARS = st.characters(blacklist_categories=("Cs", "Cc"))


def _text(spec: Field, min_size: int = 1) -> st.SearchStrategy[str]:
    size = min(spec.max_length or 80, 80)
    # Text rules beyond length (something visible, no control characters) live in model/text.py.
    return st.text(_TEXT_CHARS, min_size=min_size, max_size=size).filter(
        lambda t: strip_bidi(t).strip() and text_problem(t) is None)


def _values(spec: Field) -> st.SearchStrategy[Any]:
    """Values of one field that the declaration allows (lengths capped to keep examples small)."""
    slug = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
    kinds: dict[str, Any] = {
        Kind.TEXT: lambda: _text(spec),
        Kind.NAME: lambda: _text(spec).filter(slugify),
        Kind.TAG: lambda: _text(spec).filter(slugify),
        Kind.URL: lambda: st.builds("https://{}.example/{}".format, slug, slug),
        Kind.VIDEO: lambda: st.builds("https://www.youtube.com/watch?v={}".format,
                                      st.from_regex(r"[A-Za-z0-9_-]{11}", fullmatch=True)),
        Kind.WHEN: lambda: st.one_of(
            st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)).map(dt.date.isoformat),
            st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2100, 1, 1),
                         timezones=st.sampled_from([dt.timezone.utc, ZoneInfo("Asia/Tokyo")])).map(
                dt.datetime.isoformat)),
        Kind.INTEGER: lambda: st.integers(spec.minimum, spec.maximum),
        Kind.BOOLEAN: st.booleans,
        Kind.LANGUAGE: lambda: st.sampled_from(["en", "ja", "zh-CN", "pt-BR", "yue"]),
        Kind.SLUG: lambda: slug,
        Kind.SLUGS: lambda: st.lists(slug, max_size=3),
        Kind.LIST: lambda: st.lists(_values(spec.item), min_size=spec.min_items or 0,  # type: ignore[arg-type]
                                    max_size=spec.max_items),
        Kind.OBJECT: lambda: _object(spec),
    }
    return kinds[spec.kind]()  # type: ignore[no-any-return]


def _object(spec: Field) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({m.name: _values(m) for m in spec.fields if m.required},
                                 optional={m.name: _values(m) for m in spec.fields if not m.required})


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(_object(ARTICLE))
def test_whatever_the_declaration_allows_validates_and_matches_the_schema(meta: dict[str, Any]) -> None:
    assert problems(meta) == []
    assert schema_errors(meta) == []


@pytest.mark.parametrize(("meta", "message"), [
    ({"tags": ["AI", "漢" * 67]}, "tags[1]: is too long for a web address: its slug is 201 bytes of UTF-8, "
                                 "at most 200 (a kanji takes 3)"),
    ({"source": {"name": "\ufdfa" * 12, "url": "https://example.com/a"}},   # NFKC: 18 letters each
     "source.name: is too long for a web address: its slug is 396 bytes of UTF-8, at most 200 (a kanji takes 3)"),
])
def test_a_tag_or_source_whose_slug_cannot_be_a_folder_name_is_refused(meta: dict[str, Any], message: str) -> None:
    assert problems({**SEED_FRONT_MATTER, **meta}) == [message]


def test_a_front_matter_slug_has_a_length_limit() -> None:
    assert problems({**SEED_FRONT_MATTER, "slug": "a" * 201}) == ["slug: must be at most 200 characters, got 201"]


def _at_the_limits(spec: Field, position: int = 0) -> Any:
    """The largest value of each field that the declaration allows: every text at its maximum length."""
    if spec.kind in (Kind.NAME, Kind.TAG):   # the slug, a folder name, has its own limit in bytes
        return "長" * (min(spec.max_length or 1000, MAX_SLUG_BYTES // 3) - 3) + f"{position:03d}"
    if spec.kind == Kind.TEXT:
        return ("長" if position % 2 else "L") * (spec.max_length or 1000)
    if spec.kind == Kind.URL:
        return "https://example.com/" + "p" * ((spec.max_length or 100) - len("https://example.com/"))
    if spec.kind == Kind.VIDEO:
        head = "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t="
        return head + "1" * ((spec.max_length or 100) - len(head))
    if spec.kind == Kind.LIST:
        assert spec.item is not None and spec.max_items is not None
        return [_at_the_limits(spec.item, n) for n in range(spec.max_items)]
    if spec.kind == Kind.OBJECT:
        return {m.name: _at_the_limits(m, n) for n, m in enumerate(spec.fields)}
    if spec.kind == Kind.INTEGER:
        return spec.maximum
    return SEED_FRONT_MATTER.get(spec.name, spec.default if spec.default is not None else None)


def test_an_article_at_every_limit_builds(tmp_path: Path) -> None:
    meta = {spec.name: _at_the_limits(spec) for spec in ARTICLE.fields
            if spec.kind not in (Kind.SLUG, Kind.SLUGS, Kind.LANGUAGE, Kind.WHEN, Kind.BOOLEAN)}
    meta.update(published="2026-06-02T09:00:00+09:00", analyzed="2026-06-02T10:00:00+09:00",
                original_lang="zh-CN", draft=False)
    assert problems(meta) == [] and schema_errors(meta) == []
    site = make_site(tmp_path, plugin_options={"search": False})
    site.write("articles/2026/06/limits.md", "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n"
               + SEED_BODY)
    site.add_article("other", folder="articles/2026/05")
    result = site.build()
    assert result.returncode == 0, result.stderr[-3000:]
    page = site.html("articles/limits/")
    assert meta["title"][:100] in page and meta["key_points"][9]["detail"] in page


# Any text, weighted towards what model/text.py refuses: controls and characters that draw nothing.
_ANY_TEXT = st.text(st.one_of(st.characters(blacklist_categories=("Cs",)),
                              st.sampled_from(["\u200b", "\u200d", "\ufeff", "\u202e", "\ufe0f", "\u3164", "\u2800",
                                               "\u180e", "\u00ad", " ", "\u3000", "\t", "\n", "\x1b", "\x85"])),
                    max_size=12)


@settings(max_examples=400, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(["title", "original_title", "tags", "source.name", "source.url"]), _ANY_TEXT)
def test_the_schema_flags_the_text_the_build_refuses(field: str, text: str) -> None:
    # The visibility and control-character rules are patterns in the schema, so editors' tools
    # flag them; exact on the Basic Multilingual Plane (model/text.py `schema_patterns`).
    value = f"https://example.com/{text}" if field == "source.url" else text
    meta = {**SEED_FRONT_MATTER, "source": dict(SEED_FRONT_MATTER["source"])}
    if field.startswith("source."):
        meta["source"][field.split(".")[1]] = value
    else:
        meta[field] = [value] if field == "tags" else value
    flagged = (["tags", 0] if field == "tags" else field.split(".")) in schema_errors(meta)
    refused = text_problem(value) is not None or (field in ("title", "source.name") and not value.strip())
    if refused and not flagged:   # only text invisible through characters beyond U+FFFF slips through
        assert first_control(value) is None and any(ord(ch) > 0xFFFF for ch in value), (field, value)
    if not refused and field in ("title", "original_title", "source.name"):
        assert not flagged, (field, value)


@pytest.mark.parametrize("pattern", [0, 1, 2])
def test_the_text_rule_patterns_compile_as_javascript_without_the_u_flag(pattern: int) -> None:
    import re
    from ainews.model.text import schema_patterns
    source = schema_patterns()[pattern]
    assert source.isascii() and "\\s" not in source and "\\p" not in source   # no class JavaScript reads differently
    re.compile(source, re.ASCII)


@pytest.mark.parametrize("tag", ["日本", "生成AI", "ＡＩ", "LLM", "𠮷野家"])
def test_the_schema_accepts_japanese_tags_in_javascript_validators_too(tag: str) -> None:
    """ECMAScript regexes without the u flag (editors' YAML plugins) know only ASCII for \\w and \\s."""
    import re
    pattern = json.loads(render_schema())["properties"]["tags"]["items"]["pattern"]
    assert re.search(pattern, tag, re.ASCII)
    assert re.search(pattern, tag)
    assert not re.search(pattern, "  -_ ", re.ASCII)
