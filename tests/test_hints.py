"""Hints for Japanese-keyboard mistakes: full-width digits, colons and spaces, Japanese dates, tabs,
broken indentation; and `ainews new`'s warning about a slug that says nothing."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SEED_BODY, Site, make_article, make_site
from ainews.model.hints import date_hint, integer_hint, line_hint
from ainews.model.validate import ModelSettings, parse_article

PATH = "content/articles/2026/06/a.md"


@pytest.fixture(autouse=True)
def both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AINEWS_LANG", "both")


def problems_of(text: str) -> list[str]:
    _, found = parse_article(text.encode("utf-8"), PATH, "articles/2026/06/a.md",
                             ModelSettings(zone=dt.timezone(dt.timedelta(hours=9))))
    return [str(p) for p in found]


def with_front_matter(lines: str) -> str:
    """A whole article whose front matter is the seed's with ``lines`` put in after the title."""
    good = make_article().split("\n")
    return "\n".join(good[:2] + lines.split("\n") + good[2:])


def test_a_full_width_score_says_to_type_it_half_width() -> None:
    text = make_article().replace("depth: 5", "depth: ４")
    assert problems_of(text) == [
        f"{PATH}: scores.depth: 1〜5 の整数にしてください（値: '４'）。全角数字です。半角で 4 と書いてください / "
        "must be an integer from 1 to 5, got '４': full-width digits, write 4"]


@pytest.mark.parametrize(("written", "fixed"), [
    ("2026年12月1日", "2026-12-01"), ("２０２６年１２月１日", "2026-12-01"), ("2026/12/1", "2026-12-01"),
    ("２０２６-１２-０１", "2026-12-01"), ("２０２６-１２-０１T０９:３０:００+０９:００", "2026-12-01T09:30:00+09:00"),
])
def test_a_japanese_date_says_how_to_write_it(written: str, fixed: str) -> None:
    assert problems_of(make_article(published=written)) == [
        f"{PATH}: published: 日付（2026-06-02）か日時（2026-06-02T09:30:00+09:00）にしてください（値: {written!r}）。"
        f"{fixed} と半角で書いてください / must be a date (2026-06-02) or datetime (2026-06-02T09:30:00+09:00), "
        f"got {written!r}: write {fixed}"]


def test_an_impossible_japanese_date_gets_no_made_up_fix() -> None:
    assert date_hint("2026年2月30日") is None
    assert problems_of(make_article(published="2026年2月30日"))[0].endswith("got '2026年2月30日'")


@given(st.integers(min_value=0, max_value=99999))
def test_full_width_digits_always_mean_their_number(number: int) -> None:
    full = "".join(chr(ord(c) + 0xFEE0) for c in str(number))
    assert integer_hint(full) == number
    assert integer_hint(str(number)) is None and integer_hint(number) is None


def test_a_full_width_colon_after_a_key_is_named_on_its_own_line() -> None:
    # libyaml notices a line later ("could not find expected ':'"), on the next field.
    text = with_front_matter("impact：影響は大きい。")
    assert problems_of(text) == [
        f"{PATH}: front matter: YAML として読めません（3 行目）: 'impact' の後のコロンが全角（：）です。"
        "半角の ':' と半角スペースで 'impact: ' と書いてください / is not valid YAML at line 3: the colon "
        "after 'impact' is full-width (：); write 'impact: ' with a half-width colon and a space"]


def test_front_matter_of_one_full_width_colon_line_is_named_too() -> None:
    assert problems_of("---\ntitle：テスト\n---\n" + SEED_BODY) == [
        f"{PATH}: front matter: YAML として読めません（2 行目）: 'title' の後のコロンが全角（：）です。"
        "半角の ':' と半角スペースで 'title: ' と書いてください / is not valid YAML at line 2: the colon "
        "after 'title' is full-width (：); write 'title: ' with a half-width colon and a space"]


def test_a_full_width_space_after_the_colon_is_named() -> None:
    assert problems_of(with_front_matter("impact:\u3000影響は大きい。")) == [
        f"{PATH}: front matter: YAML として読めません（3 行目）: 'impact:' の後のスペースが全角（U+3000）です。"
        "半角スペースにしてください / is not valid YAML at line 3: the space after 'impact:' is full-width "
        "(U+3000); use a half-width space"]


def test_a_missing_space_after_the_colon_is_named() -> None:
    assert problems_of(with_front_matter("impact:影響")) == [
        f"{PATH}: front matter: YAML として読めません（3 行目）: 'impact:' の後に半角スペースがありません。"
        "'impact: ' の後に値を書いてください / is not valid YAML at line 3: no space after 'impact:'; "
        "write 'impact: ' and then the value"]


def test_a_tab_is_named_instead_of_libyamls_words() -> None:
    text = make_article().replace("  depth: 5", "\tdepth: 5")
    line = next(n for n, l in enumerate(text.split("\n"), 1) if l.startswith("\tdepth"))
    assert problems_of(text) == [
        f"{PATH}: front matter: YAML として読めません（{line} 行目）: タブで字下げされています。"
        f"字下げは半角スペースにしてください / is not valid YAML at line {line}: indented with a tab; indent "
        "with spaces"]


INDENT_JA = ("字下げが上の行とそろっていません。リストの '- ' は同じ列から、一つの項目の中の項目名（title, detail）も"
             "同じ列から書いてください")
INDENT_EN = ("the indentation does not line up with the lines above: start each '- ' of a list in the same "
             "column, and the fields of one item (title, detail) in the same column")


@pytest.mark.parametrize(("good", "bad"), [
    ("- title: 敵対的学習と自己認識", "   - title: 敵対的学習と自己認識"),     # a list item one space in
    ("  detail: 特定の課題", "   detail: 特定の課題"),                      # a field one space out of line
    ("  relevance: 5", " relevance: 5"),
])
def test_broken_indentation_is_explained_not_libyamls_indicator_message(good: str, bad: str) -> None:
    text = make_article(key_points=[{"title": "指標最適化による副作用", "detail": "特定の課題"},
                                    {"title": "敵対的学習と自己認識", "detail": "危険がある。"}])
    assert good in text
    text = text.replace(good, bad, 1)
    line = next(n for n, l in enumerate(text.split("\n"), 1) if l == bad)
    found = problems_of(text)
    assert found == [f"{PATH}: front matter: YAML として読めません（{line} 行目）: {INDENT_JA} / "
                     f"is not valid YAML at line {line}: {INDENT_EN}"]
    assert "indicator" not in found[0] and "expected key" not in found[0]


def test_a_mistake_below_the_error_is_not_blamed() -> None:
    # The tab on line 2 is the error; the colon without a space further down is a later problem.
    assert line_hint("title: a\n\ttldr: b\nimpact:x") == (2, line_hint("\tx")[1])  # type: ignore[index]


# --- ainews new -------------------------------------------------------------------------------

def ainews(site: Site, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ainews.cli.main", *args], cwd=site.root,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("url", "slug", "why_ja", "why_en"), [
    ("https://www.nikkei.com/article/生成AI/", "ai", "'生成AI' の英数字だけが残ります",
     "only the Latin letters and digits of '生成AI' are kept"),
    ("https://www.nikkei.com/article/DGXZQOUC01AB0R01C26A2000000/", "dgxzqouc01ab0r01c26a2000000",
     "単語ではなく ID のようです", "it looks like an ID, not words"),
    ("https://example.jp/news/20261201", "20261201", "単語ではなく ID のようです", "it looks like an ID, not words"),
])
def test_new_warns_about_a_slug_that_says_nothing(tmp_path: Path, url: str, slug: str, why_ja: str,
                                                 why_en: str) -> None:
    site = make_site(tmp_path)
    result = ainews(site, "--lang", "both", "new", url, "--date", "2026-12-01")
    assert result.returncode == 0
    assert result.stdout.strip() == f"content/articles/2026/12/{slug}.md"
    assert result.stderr.strip() == (
        f"ainews new: URL から作ったスラッグ '{slug}' では記事の内容がわかりません（{why_ja}）。ファイル名を変えるか、"
        "--slug を付けて作り直してください（例: --slug openai-gpt-5-launch） / "
        f"the slug '{slug}' made from the URL says little about the article ({why_en}); rename the file or make "
        "it again with --slug, e.g. --slug openai-gpt-5-launch")


@pytest.mark.parametrize("args", [["https://www.anthropic.com/news/claude-opus-5"],
                                  ["https://www.nikkei.com/article/生成AI/", "--slug", "generative-ai-survey"]])
def test_new_is_quiet_about_a_good_or_chosen_slug(tmp_path: Path, args: list[str]) -> None:
    result = ainews(make_site(tmp_path), "new", *args)
    assert result.returncode == 0 and result.stderr == ""


def test_new_leaves_published_empty_so_check_asks_for_it(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    made = site.root / ainews(site, "new", "https://www.anthropic.com/news/claude-opus-5").stdout.strip()
    published = next(line for line in made.read_text(encoding="utf-8").splitlines() if line.startswith("published:"))
    assert published.split("#")[0].strip() == "published:"
    check = ainews(site, "--lang", "en", "check", str(made.relative_to(site.root)))
    assert f"{made.relative_to(site.root).as_posix()}: published: is required: expected a date" in check.stdout


def test_a_colon_inside_a_value_says_to_quote_it() -> None:
    assert problems_of(with_front_matter("impact: 影響: 大きい")) == [
        f"{PATH}: front matter: YAML として読めません（3 行目）: 'impact' の値に ': ' が含まれています。"
        "値を引用符で囲んでください: impact: \"影響: 大きい\" / is not valid YAML at line 3: the value of "
        "'impact' has ': ' in it; put the value in quotes: impact: \"影響: 大きい\""]
