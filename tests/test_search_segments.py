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
