"""Reading an article file: encodings, line endings, YAML errors and the original marker."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from conftest import make_article
from ainews.model.frontmatter import FrontMatterError, decode_text, split_article
from ainews.model.validate import ModelSettings, parse_article

SETTINGS = ModelSettings(zone=ZoneInfo("Asia/Tokyo"))
PATH = "content/articles/2026/06/seed.md"


def variants(text: str) -> dict[str, bytes]:
    """The same article saved the ways editors' tools save it."""
    lf = text.encode("utf-8")
    return {
        "lf": lf,
        "bom": b"\xef\xbb\xbf" + lf,
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "bom+crlf": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
        "cr": text.replace("\n", "\r").encode("utf-8"),
    }


def test_bom_crlf_and_cr_only_decode_to_the_same_text() -> None:
    texts = {name: decode_text(data) for name, data in variants(make_article()).items()}
    assert set(texts.values()) == {make_article()}


@pytest.mark.parametrize("name", ["bom", "crlf", "bom+crlf", "cr"])
def test_bom_crlf_and_cr_only_give_identical_articles(name: str) -> None:
    text = make_article(body="一段落目。\n\n二段落目。\n\n<!-- original -->\n\nFirst.\n\nSecond.\n")
    expected, problems = parse_article(variants(text)["lf"], PATH, "articles/2026/06/seed.md", SETTINGS)
    assert problems == [] and expected is not None
    article, problems = parse_article(variants(text)[name], PATH, "articles/2026/06/seed.md", SETTINGS)
    assert problems == []
    assert article == expected
    assert "\r" not in article.translation and "\r" not in (article.original or "")
    assert article.title == "Opus 4.8 パート2:モデルの福祉について"      # no BOM glued to anything


def test_front_matter_fields_are_read() -> None:
    split = split_article(make_article())
    assert split.meta["title"] == "Opus 4.8 パート2:モデルの福祉について"
    assert split.meta["scores"] == {"depth": 5, "relevance": 5, "practicality": 3, "novelty": 4}


def test_the_marker_splits_translation_from_original() -> None:
    split = split_article("---\ntitle: t\n---\n\n訳文です。\n\n<!-- original -->\n\nThe original.\n")
    assert split.translation == "訳文です。"
    assert split.original == "The original."


@pytest.mark.parametrize("marker", ["<!-- original -->", "<!--original-->", "  <!--  original  -->  ", "<!-- original -->\t"])
def test_the_marker_may_have_spaces_around_it(marker: str) -> None:
    split = split_article(f"---\ntitle: t\n---\n訳文\n{marker}\nOriginal\n")
    assert (split.translation, split.original) == ("訳文", "Original")


def test_without_the_marker_there_is_no_original() -> None:
    split = split_article("---\ntitle: t\n---\n\n訳文だけです。\n")
    assert split.translation == "訳文だけです。"
    assert split.original is None


@pytest.mark.parametrize("line", ["本文中の <!-- original --> は区切りではない", "<!-- original text -->",
                                  "<!-- Original notes -->", "`<!-- original -->`"])
def test_the_marker_only_counts_on_a_line_of_its_own(line: str) -> None:
    split = split_article(f"---\ntitle: t\n---\n{line}\n")
    assert split.original is None
    assert split.translation == line


def test_only_the_first_marker_splits() -> None:
    split = split_article("---\ntitle: t\n---\nA\n<!-- original -->\nB\n<!-- original -->\nC\n")
    assert split.translation == "A"
    assert split.original == "B\n<!-- original -->\nC"


def test_an_empty_body_is_empty_text() -> None:
    split = split_article("---\ntitle: t\n---\n")
    assert (split.translation, split.original) == ("", None)


def test_a_yaml_error_names_the_line_of_the_file() -> None:
    text = "---\ntitle: t\nsource:\n  name: The Zvi\n  url: https://example.com: bad\ntldr: x\n---\nbody\n"
    with pytest.raises(FrontMatterError) as caught:
        split_article(text)
    assert caught.value.field == "front matter"
    assert caught.value.message == ("is not valid YAML at line 5: the value of 'url' has ': ' in it; put the "
                                    "value in quotes: url: \"https://example.com: bad\"")


def test_a_yaml_error_names_the_same_line_with_bom_and_crlf() -> None:
    text = "---\ntitle: t\ntags: [a, b\ntldr: x\n---\nbody\n"
    messages = set()
    for data in variants(text).values():
        with pytest.raises(FrontMatterError) as caught:
            split_article(decode_text(data))
        messages.add(caught.value.message)
    assert len(messages) == 1
    assert "at line 4" in messages.pop()


@pytest.mark.parametrize("text", ["title: t\n---\nbody\n", "body only\n", "---\ntitle: t\nbody without closing fence\n",
                                  ""])
def test_a_file_without_front_matter_says_how_it_must_start(text: str) -> None:
    with pytest.raises(FrontMatterError) as caught:
        split_article(text)
    assert caught.value.field == "front matter"
    assert caught.value.message == "must start the file: a line '---', YAML fields, then a line '---'"


@pytest.mark.parametrize(("yaml_text", "kind"), [("- a\n- b\n", "list"), ("just text\n", "str"), ("", "NoneType")])
def test_front_matter_must_be_a_mapping(yaml_text: str, kind: str) -> None:
    with pytest.raises(FrontMatterError, match=f"must be a mapping of fields, got {kind}"):
        split_article(f"---\n{yaml_text}---\nbody\n")


@pytest.mark.parametrize("value", ["2026-13-45", "2026-06-31", "2026-06-02 25:00:00"])
def test_an_impossible_unquoted_date_is_left_for_the_date_check(value: str) -> None:
    # YAML's timestamp rule matches these and the datetime constructor raises ValueError;
    # that must become the field's own error, not a crash.
    split = split_article(f"---\npublished: {value}\n---\nbody\n")
    assert split.meta["published"] == value


def test_a_field_given_twice_is_an_error_naming_the_second_line() -> None:
    # YAML loaders silently keep the last value; an editor who pasted a second `tags:` loses the first.
    text = "---\ntitle: 一つ目\ntags: [AI]\ntitle: 二つ目\n---\nbody\n"
    with pytest.raises(FrontMatterError) as caught:
        split_article(text)
    assert caught.value.message == "is not valid YAML at line 4: field 'title' is given twice"


def test_a_nested_field_given_twice_is_an_error_too() -> None:
    with pytest.raises(FrontMatterError, match="at line 5: field 'depth' is given twice"):
        split_article("---\ntitle: t\nscores:\n  depth: 5\n  depth: 4\n---\nbody\n")


def test_a_value_yaml_cannot_construct_is_a_yaml_error_with_its_line() -> None:
    with pytest.raises(FrontMatterError) as caught:
        split_article("---\ntitle: t\nimportance: !!int four\n---\nbody\n")
    assert caught.value.message.startswith("is not valid YAML at line 3: ")


def test_non_utf8_bytes_are_an_error_naming_the_offset() -> None:
    data = make_article().encode("utf-8")[:20] + "日本語".encode("shift_jis") + b"\n"
    with pytest.raises(FrontMatterError) as caught:
        decode_text(data)
    assert caught.value.field == "file"
    assert caught.value.message == "must be UTF-8 text, got byte 0x93 at offset 20"


def test_dates_read_through_the_front_matter_are_aware_and_in_the_site_zone() -> None:
    text = make_article(published="2026-06-01T15:00:00Z")
    article, problems = parse_article(text.encode(), PATH, "articles/2026/06/seed.md", SETTINGS)
    assert problems == [] and article is not None
    assert article.published == dt.datetime(2026, 6, 2, 0, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert article.day == dt.date(2026, 6, 2)
