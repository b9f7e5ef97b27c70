"""What the search index holds: Japanese as overlapping bigrams, so any word inside a compound matches."""

from __future__ import annotations

import re

from hypothesis import given, strategies as st

from ainews.render.bodies import RenderedBody
from ainews.site.search import (INDEX_REPEATS, SEARCH_LANGUAGE, index_words, render_search_document,
                                 segment_for_search)
from test_related import _SEED

JAPANESE = st.text(alphabet=st.sampled_from("半導体工場電力需要のをにはがとエージェントアライメント米国規制日本語ー々"),
                   min_size=2, max_size=30)


def test_japanese_runs_become_bigrams_and_latin_words_stay() -> None:
    assert segment_for_search("北海道の半導体工場とGPT-5。") == "北海 海道 道の の半 半導 導体 体工 工場 場と GPT-5 GPT 5。 と"
    assert segment_for_search("米 AI") == "米 AI"               # a lone kanji stays itself


@given(JAPANESE)
def test_every_character_of_a_japanese_run_begins_an_indexed_word(text: str) -> None:
    # Pagefind splits a Japanese query into characters, each a word prefix: 使い方 searches
    # 使* い* 方*, and a heading "使い方" alone had no word starting with 方.
    starts = {word[0] for word in segment_for_search(text).split()}
    assert set(text) <= starts


def test_numbers_and_versions_inside_latin_names_are_words_of_their_own() -> None:
    words = segment_for_search("GPT-5.5 と Llama-3.1-8B gpt-oss-2 v1.2.3").split()
    assert {"GPT-5.5", "GPT", "5.5", "Llama-3.1-8B", "3.1", "8B", "gpt-oss-2", "oss", "2", "v1.2.3"} <= set(words)
    assert segment_for_search("使い方") == "使い い方 方"


@given(JAPANESE, st.data())
def test_every_substring_of_two_or_more_characters_has_all_its_bigrams_indexed(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 2))
    end = data.draw(st.integers(start + 2, len(text)))
    indexed = set(segment_for_search(text).split())
    assert {word for word in segment_for_search(text[start:end]).split() if len(word) == 2} <= indexed


def test_the_search_document_indexes_bigrams_and_keeps_the_tldr_for_results() -> None:
    html = render_search_document(_SEED, RenderedBody("<p>半導体工場の<b>電力</b>。</p>", "<p>Power &amp; chips</p>"))
    assert f'<html lang="{SEARCH_LANGUAGE}">' in html
    body = re.search(r"<p>([^<]*)</p></main>", html).group(1)   # type: ignore[union-attr]
    assert "半導 導体 体工 工場" in body and "電力" in body and "Power &amp; chips" in body
    assert f'data-pagefind-meta="excerpt">{_SEED.tldr}</span>' in html


@given(st.lists(st.sampled_from(["半導", "導体", "GPT-5", "model", "推論", "論文"]), max_size=40))
def test_each_word_is_indexed_at_most_a_few_times_and_never_lost(words: list[str]) -> None:
    kept = index_words(" ".join(words)).split()
    assert set(kept) == set(words)
    assert all(kept.count(w) == min(words.count(w), INDEX_REPEATS) for w in set(words))
    assert list(dict.fromkeys(kept)) == list(dict.fromkeys(words))     # in order of first use


def test_the_search_document_holds_a_common_word_only_a_few_times() -> None:
    body = RenderedBody("<p>" + "推論の推論。" * 20 + "</p>", None)
    indexed = re.search(r"<p>([^<]*)</p></main>", render_search_document(_SEED, body)).group(1).split()  # type: ignore[union-attr]
    assert indexed.count("推論") == INDEX_REPEATS and "論の" in indexed


def _segment_as_written_first(text: str) -> str:
    """segment_for_search with plain patterns and a bigram per slice: the reference."""
    japanese = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff々〆ヶー]+")

    def bigrams(match: re.Match[str]) -> str:
        run = match.group(0)
        return " " + (run if len(run) < 2 else " ".join(run[k:k + 2] for k in range(len(run) - 1))) + " "

    def with_parts(match: re.Match[str]) -> str:
        compound = match.group(0)
        parts = re.split(r"[-./_]", compound)
        pieces = [piece for piece in re.split(r"[-/]", compound) if piece not in parts and piece != compound]
        return " ".join([compound, *parts, *pieces])
    compound = re.compile(r"[A-Za-z0-9]+(?:[-./_][A-Za-z0-9]+)+")
    words = compound.sub(with_parts, japanese.sub(bigrams, text)).split()
    tails = {run[-1] for run in japanese.findall(text) if len(run) > 1} - {word[0] for word in words}
    return " ".join(words + sorted(tails))


@given(st.text(alphabet=st.sampled_from("aZ09x-./_ 半導体のー。、\n"), max_size=60))
def test_the_faster_segmentation_indexes_exactly_the_same_words(text: str) -> None:
    """The lookbehind and possessive compound pattern finds what the plain one found; the repeats
    are kept as the first version kept them."""
    assert segment_for_search(text) == _segment_as_written_first(text)
    words = _segment_as_written_first(text).split()
    first_written = " ".join(" ".join([w] * min(words.count(w), INDEX_REPEATS)) for w in dict.fromkeys(words))
    assert index_words(" ".join(words)) == first_written
