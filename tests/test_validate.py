"""parse_article: every bad input of the contract gives its exact one-line `path: field: message`."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from conftest import SEED_BODY, make_article
from ainews.model.article import Article
from ainews.model.validate import ModelSettings, parse_article

SETTINGS = ModelSettings(zone=ZoneInfo("Asia/Tokyo"))
PATH = "content/articles/2026/06/seed.md"
SRC = "articles/2026/06/seed.md"
DATE_EXPECTED = "must be a date (2026-06-02) or datetime (2026-06-02T09:30:00+09:00)"


def parse(data: str | bytes, src_uri: str = SRC, settings: ModelSettings = SETTINGS) -> tuple[Article | None, list[str]]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    article, problems = parse_article(raw, PATH, src_uri, settings)
    return article, [str(p) for p in problems]


def problems_of(body: str = SEED_BODY, **fields: Any) -> list[str]:
    article, problems = parse(make_article(body=body, **fields))
    assert (article is None) == bool(problems)
    return problems


def add_line(text: str, line: str) -> str:
    """``text`` with one raw YAML line appended to its front matter (unquoted, as an editor types it)."""
    head, rest = text.split("\n---\n", 1)
    return f"{head}\n{line}\n---\n{rest}"


def test_the_seed_article_is_valid() -> None:
    article, problems = parse(make_article())
    assert problems == []
    assert article is not None
    assert article.slug == "seed"
    assert article.importance == 4
    assert [t.slug for t in article.tags] == ["llm-safety", "model-welfare", "alignment", "anthropic"]
    assert article.source.slug == "the-zvi"
    assert article.published == dt.datetime(2026, 6, 2, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert article.analyzed == dt.datetime(2026, 6, 2, 2, 11, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert article.original_lang == "en" and article.draft is False
    assert article.translation.startswith("これは日本語の翻訳です")
    assert article.original == "This is the English original about model welfare."


@pytest.mark.parametrize(("fields", "expected"), [
    # Required fields.
    ({"title": None}, "title: is required: expected non-empty text"),
    ({"title": "   "}, "title: is required: expected non-empty text"),
    ({"tldr": None}, "tldr: is required: expected non-empty text"),
    ({"title": ["a", "b"]}, "title: must be text, got ['a', 'b']"),
    ({"source": None}, "source: is required: expected name and url fields, got None"),
    ({"source": "The Zvi"}, "source: is required: expected name and url fields, got 'The Zvi'"),
    ({"source": {"url": "https://example.com/a"}}, "source.name: is required: expected non-empty text"),
    ({"source": {"name": "The Zvi"}}, "source.url: is required: expected non-empty text"),
    ({"source": {"name": "The Zvi", "url": "https://example.com/a", "home": "x"}},
     "source.home: unknown field; expected name or url"),
    ({"source": {"name": "!!!", "url": "https://example.com/a"}},
     "source.name: must contain a letter or digit, got '!!!'"),
    # Scores.
    ({"scores": {"depth": 7, "relevance": 5, "practicality": 3, "novelty": 4}},
     "scores.depth: must be an integer from 1 to 5, got 7"),
    ({"scores": {"depth": 0, "relevance": 5, "practicality": 3, "novelty": 4}},
     "scores.depth: must be an integer from 1 to 5, got 0"),
    ({"scores": {"depth": 5, "relevance": True, "practicality": 3, "novelty": 4}},
     "scores.relevance: must be an integer from 1 to 5, got True"),
    ({"scores": {"depth": 5, "relevance": 5, "practicality": 3.5, "novelty": 4}},
     "scores.practicality: must be an integer from 1 to 5, got 3.5"),
    ({"scores": {"depth": 5, "relevance": 5, "practicality": 3, "novelty": "4"}},
     "scores.novelty: must be an integer from 1 to 5, got '4'"),
    ({"scores": {"depth": 5, "relevance": 5, "practicality": 3}},
     "scores.novelty: is required: expected an integer from 1 to 5"),
    ({"scores": {"depth": 5, "relevance": 5, "practicality": 3, "novelty": 4, "hype": 5}},
     "scores.hype: unknown score; expected depth, relevance, practicality, novelty"),
    ({"scores": None}, "scores: is required: expected depth, relevance, practicality, novelty, each an integer from 1 to 5"),
    ({"importance": 7}, "importance: must be an integer from 1 to 5, got 7"),
    ({"importance": False}, "importance: must be an integer from 1 to 5, got False"),
    # Tags.
    ({"tags": [f"tag{i}" for i in range(11)]}, "tags: must be a list of 1 to 10 tags, got 11 tags"),
    ({"tags": []}, "tags: must be a list of 1 to 10 tags, got 0 tags"),
    ({"tags": None}, "tags: must be a list of 1 to 10 tags, got None"),
    ({"tags": "AI"}, "tags: must be a list of 1 to 10 tags, got 'AI'"),
    ({"tags": ["AI", "---"]}, "tags[1]: must be a tag name with a letter or digit, got '---'"),
    ({"tags": ["AI", None]}, "tags[1]: must be a tag name with a letter or digit, got None"),
    ({"tags": ["AI", {"name": "x"}]}, "tags[1]: must be a tag name with a letter or digit, got {'name': 'x'}"),
    # Source URL: http(s) only.
    ({"source": {"name": "X", "url": "javascript:alert(1)"}},
     "source.url: must be an http or https URL, got 'javascript:alert(1)'"),
    ({"source": {"name": "X", "url": "JavaScript:alert(1)"}},
     "source.url: must be an http or https URL, got 'JavaScript:alert(1)'"),
    ({"source": {"name": "X", "url": "data:text/html,<script>alert(1)</script>"}},
     "source.url: must be an http or https URL, got 'data:text/html,<script>alert(1)</script>'"),
    ({"source": {"name": "X", "url": "ftp://example.com/a"}},
     "source.url: must be an http or https URL, got 'ftp://example.com/a'"),
    ({"source": {"name": "X", "url": "//example.com/a"}},
     "source.url: must be an http or https URL, got '//example.com/a'"),
    ({"source": {"name": "X", "url": "/articles/a/"}},
     "source.url: must be an http or https URL, got '/articles/a/'"),
    ({"source": {"name": "X", "url": "https://"}}, "source.url: must be an http or https URL, got 'https://'"),
    ({"source": {"name": "X", "url": "https://exa mple.com/"}},
     "source.url: must be an http or https URL, got 'https://exa mple.com/'"),
    ({"source": {"name": "X", "url": "java\tscript:alert(1)"}},
     "source.url: must be an http or https URL, got 'java\\tscript:alert(1)'"),
    # Dates.
    ({"published": None}, f"published: is required: expected a date (2026-06-02) or datetime (2026-06-02T09:30:00+09:00)"),
    ({"published": "yesterday"}, f"published: {DATE_EXPECTED}, got 'yesterday'"),
    ({"published": "2026/06/02"}, f"published: {DATE_EXPECTED}, got '2026/06/02': write 2026-06-02"),
    ({"analyzed": "2026-02-30"}, f"analyzed: {DATE_EXPECTED}, got '2026-02-30'"),
    ({"analyzed": 20260602}, f"analyzed: {DATE_EXPECTED}, got 20260602"),
    # Key points.
    ({"key_points": []}, "key_points: must be a list of 1 to 10 items with title and detail, got 0 items"),
    ({"key_points": [{"title": "t", "detail": "d"}] * 11},
     "key_points: must be a list of 1 to 10 items with title and detail, got 11 items"),
    ({"key_points": "一つ目"}, "key_points: must be a list of 1 to 10 items with title and detail, got '一つ目'"),
    ({"key_points": ["一つ目"]}, "key_points[0]: must have title and detail, got '一つ目'"),
    ({"key_points": [{"title": "t"}]}, "key_points[0].detail: is required: expected non-empty text"),
    ({"key_points": [{"title": "t", "detail": "d"}, {"detail": "d"}]},
     "key_points[1].title: is required: expected non-empty text"),
    ({"key_points": [{"title": "t", "detail": "d", "details": "x"}]},
     "key_points[0].details: unknown field; expected title or detail"),
    # Other fields.
    ({"colour": "red"}, "colour: unknown field; expected one of analyzed, draft, editor, editorial, impact, importance, "
                        "key_points, original_lang, original_title, publish_at, published, related, related_exclude, scores, "
                        "slug, source, tags, title, tldr, translator, updated, video"),
    ({"slug": "Bad Slug"}, "slug: must be lower-case letters, digits and '-', got 'Bad Slug'"),
    ({"slug": "a/b"}, "slug: must be lower-case letters, digits and '-', got 'a/b'"),
    ({"slug": "x\n"}, "slug: must be lower-case letters, digits and '-', got 'x\\n'"),
    ({"slug": 42}, "slug: must be lower-case letters, digits and '-', got 42"),
    ({"draft": "yes"}, "draft: must be true or false, got 'yes'"),
    ({"original_lang": "english"}, "original_lang: must be a language code such as en or zh-CN, got 'english'"),
    ({"original_lang": "en\n"}, "original_lang: must be a language code such as en or zh-CN, got 'en\\n'"),
    ({"original_lang": 'en" onload="x'},
     "original_lang: must be a language code such as en or zh-CN, got 'en\" onload=\"x'"),
    ({"related": "other"}, "related: must be a list of article slugs, got 'other'"),
    ({"related_exclude": ["Other Article"]}, "related_exclude: must be a list of article slugs, got ['Other Article']"),
    ({"impact": ["a"]}, "impact: must be text, got ['a']"),
])
def test_each_bad_field_gives_its_one_line_error(fields: dict[str, Any], expected: str) -> None:
    # `slug` is make_article's own first parameter: front-matter slugs go in through the YAML text.
    if "slug" in fields:
        text = make_article(**{k: v for k, v in fields.items() if k != "slug"})
        text = text.replace("---\n", "---\n" + yaml.safe_dump({"slug": fields["slug"]}), 1)
        _, problems = parse(text)
    else:
        problems = problems_of(**fields)
    assert problems == [f"{PATH}: {expected}"]
    assert "\n" not in problems[0]


@pytest.mark.parametrize(("body", "expected"), [
    ("", "body: must contain the Japanese translation after the front matter, got nothing"),
    ("\n\n   \n", "body: must contain the Japanese translation after the front matter, got nothing"),
    ("<!-- original -->\n\nOnly the original.\n",
     "body: must contain the Japanese translation after the front matter, got nothing"),
    ("訳文です。\n\n<!-- original -->\n\n", "body: has a '<!-- original -->' line but no original text after it"),
])
def test_an_empty_body_is_an_error(body: str, expected: str) -> None:
    assert problems_of(body=body) == [f"{PATH}: {expected}"]


def test_a_file_name_that_is_no_slug_says_where_the_slug_came_from() -> None:
    _, problems = parse(make_article(), src_uri="articles/2026/06/My Article.md")
    assert problems == [f"{PATH}: slug: must be lower-case letters, digits and '-' (taken from the file name), "
                        "got 'My Article'"]


def test_a_front_matter_slug_overrides_the_file_name() -> None:
    text = make_article().replace("---\n", "---\nslug: opus-4-8-part-2\n", 1)
    article, problems = parse(text, src_uri="articles/2026/06/Opus Part 2.md")
    assert problems == [] and article is not None
    assert article.slug == "opus-4-8-part-2"


@pytest.mark.parametrize(("line", "expected"), [
    ("published: 2026-13-45", f"published: {DATE_EXPECTED}, got '2026-13-45'"),
    ("published: 2026-06-31", f"published: {DATE_EXPECTED}, got '2026-06-31'"),
    ("analyzed: 2026-06-02 25:00:00", f"analyzed: {DATE_EXPECTED}, got '2026-06-02 25:00:00'"),
])
def test_an_impossible_unquoted_date_is_reported_against_its_field(line: str, expected: str) -> None:
    field = line.split(":")[0]
    text = make_article(**{field: None})
    _, problems = parse(add_line(text, line))
    assert problems == [f"{PATH}: {expected}"]


def test_a_yaml_error_is_one_line_naming_the_file_line() -> None:
    text = add_line(make_article(), "impact: 影響: 大きい")
    line = text.splitlines().index("impact: 影響: 大きい") + 1
    _, problems = parse(text)
    assert problems == [f"{PATH}: front matter: is not valid YAML at line {line}: the value of 'impact' has ': ' "
                        "in it; put the value in quotes: impact: \"影響: 大きい\""]


def test_a_non_utf8_file_is_one_error_naming_the_file() -> None:
    _, problems = parse(make_article().encode("shift_jis"))
    assert len(problems) == 1
    assert problems[0].startswith(f"{PATH}: file: must be UTF-8 text, got byte 0x")


def test_a_missing_front_matter_is_one_error() -> None:
    assert parse("本文だけ。\n")[1] == [
        f"{PATH}: front matter: must start the file: a line '---', YAML fields, then a line '---'"]


def test_every_problem_of_one_file_is_reported_together() -> None:
    problems = problems_of(
        title=None,
        source={"name": "X", "url": "javascript:alert(1)"},
        tags=[],
        scores={"depth": 7, "relevance": True, "practicality": 3, "novelty": 4},
        published="yesterday",
        colour="red",
        key_points=[],
        body="",
    )
    fields = [p.removeprefix(f"{PATH}: ").split(":")[0] for p in problems]
    assert sorted(fields) == sorted(["colour", "title", "source.url", "published", "tags", "scores.depth",
                                     "scores.relevance", "key_points", "body"])


def test_source_name_and_url_problems_are_both_reported() -> None:
    # In the order the format declares the fields (fields.py).
    assert problems_of(source={"name": "!!!", "url": "javascript:x"}) == [
        f"{PATH}: source.name: must contain a letter or digit, got '!!!'",
        f"{PATH}: source.url: must be an http or https URL, got 'javascript:x'",
    ]


def test_long_bad_values_are_shortened_to_keep_one_line() -> None:
    [problem] = problems_of(title="t", source={"name": "X", "url": "javascript:" + "a" * 500})
    assert problem.endswith("...")
    assert len(problem) < 200


# Derived values.

def test_importance_is_computed_from_the_scores() -> None:
    article, _ = parse(make_article(scores={"depth": 3, "relevance": 3, "practicality": 3, "novelty": 3}))
    assert article is not None and article.importance == 3


def test_an_importance_override_wins_over_the_scores() -> None:
    article, _ = parse(make_article(importance=2))
    assert article is not None and article.importance == 2
    article, _ = parse(make_article(importance=5, scores={"depth": 1, "relevance": 1, "practicality": 1, "novelty": 1}))
    assert article is not None and article.importance == 5


def test_configured_weights_change_the_importance() -> None:
    settings = ModelSettings(zone=ZoneInfo("Asia/Tokyo"),
                             weights={"depth": 0, "relevance": 0, "practicality": 1, "novelty": 0})
    article, _ = parse(make_article(), settings=settings)
    assert article is not None and article.importance == 3


def test_a_time_without_offset_is_in_the_configured_zone() -> None:
    text = add_line(make_article(published=None), "published: 2026-06-02 09:30:00")
    article, _ = parse(text, settings=ModelSettings(zone=ZoneInfo("Europe/Berlin")))
    assert article is not None
    assert article.published.utcoffset() == dt.timedelta(hours=2)
    assert article.published.hour == 9


def test_the_reading_time_is_counted_on_the_translation_only() -> None:
    body = "あ" * 1500 + "\n\n<!-- original -->\n\n" + "word " * 2000
    article, _ = parse(make_article(body=body))
    assert article is not None and article.reading_minutes == 3


def test_duplicate_tag_spellings_are_one_tag_in_first_spelling() -> None:
    article, _ = parse(make_article(tags=["LLM Safety", "llm-safety", "ＬＬＭ Safety", "生成AI"]))
    assert article is not None
    assert [(t.slug, t.name) for t in article.tags] == [("llm-safety", "LLM Safety"), ("生成ai", "生成AI")]


def test_tag_aliases_map_to_the_canonical_slug() -> None:
    article, problems = parse_article(make_article(tags=["GenAI", "LLM"]).encode(), PATH, SRC, SETTINGS,
                                      {"genai": "生成ai", "llm": "large-language-models"})
    assert problems == [] and article is not None
    assert [t.slug for t in article.tags] == ["生成ai", "large-language-models"]


def test_optional_fields_may_be_left_out() -> None:
    article, problems = parse(make_article(original_title=None, analyzed=None, impact=None, editorial=None,
                                           body="翻訳だけ。\n"))
    assert problems == [] and article is not None
    assert (article.original_title, article.analyzed, article.impact, article.editorial, article.original) == \
        (None, None, None, None, None)


def test_text_fields_keep_markup_characters_as_text() -> None:
    # Escaping is the templates' job; the model keeps the editor's characters exactly.
    article, _ = parse(make_article(title="<script>alert(1)</script> & co"))
    assert article is not None and article.title == "<script>alert(1)</script> & co"
