"""slugify: the identity of tags and sources, exactly as the content model defines it."""

from __future__ import annotations

import pytest

from ainews.model.slugs import ARTICLE_SLUG, slugify


@pytest.mark.parametrize(("name", "slug"), [
    ("LLM Safety", "llm-safety"),
    ("生成AI", "生成ai"),
    ("Anthropic", "anthropic"),
    ("GPT-4o", "gpt-4o"),
    ("AI & Society", "ai-society"),           # a run of several non-alphanumerics is one '-'
    ("snake_case_tag", "snake-case-tag"),      # '_' is not a letter or digit
    ("  --Model  Welfare!--  ", "model-welfare"),  # trimmed of '-' at both ends
    ("C++", "c"),
    ("大規模言語モデル", "大規模言語モデル"),
    ("Ｒｏｂｏｔｉｃｓ", "robotics"),          # NFKC: full-width Latin
    ("ＬＬＭ　Ｓａｆｅｔｙ", "llm-safety"),    # NFKC: full-width space too
    ("ｶﾞﾊﾞﾅﾝｽ", "ガバナンス"),                # NFKC: half-width katakana with dakuten
    ("ＡＩ１０１", "ai101"),                   # full-width digits
    ("Café", "café"),                          # letters of any script stay
])
def test_slugify_follows_the_contract(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_composed_and_decomposed_spellings_are_the_same_tag() -> None:
    assert slugify("Cafe\u0301") == slugify("Caf\u00e9")


def test_spellings_that_differ_only_in_case_width_and_punctuation_share_a_slug() -> None:
    spellings = ["LLM Safety", "llm-safety", "LLM_Safety", "ＬＬＭ Safety", " LLM   safety "]
    assert {slugify(s) for s in spellings} == {"llm-safety"}


@pytest.mark.parametrize("name", ["", "   ", "---", "!!!", "・・・"])
def test_a_name_without_letters_or_digits_has_an_empty_slug(name: str) -> None:
    assert slugify(name) == ""


@pytest.mark.parametrize(("slug", "ok"), [
    ("opus-4-8-part-2", True),
    ("a", True),
    ("2026-06-02-news", True),
    ("Opus", False),
    ("bad slug", False),
    ("-leading", False),
    ("dots.are.bad", False),
    ("a/b", False),
    ("生成ai", False),
    ("trailing-newline\n", False),        # `$` alone would let a newline into a folder name
])
def test_article_slugs_are_safe_folder_names(slug: str, ok: bool) -> None:
    assert bool(ARTICLE_SLUG.match(slug)) is ok
