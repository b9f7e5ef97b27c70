"""The fast paths of related articles give exactly what the plain ones give.

`features.feature_table` finds every article's features at once (Japanese bigrams with
NumPy); it must equal `features.article_features` of each article. `related._best_first`
orders candidates with one integer sort; it must equal the four-key lexsort it replaces,
ties included.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import numpy as np
from hypothesis import given, settings, strategies as st

from ainews.index.features import article_features, feature_table
from ainews.index.related import _best_first
from ainews.model.article import KeyPoint, Tag
from test_related import _SEED
from test_related_quality import _published

_MARKDOWN = "半導体工場電力のをにエージェントアライメントー々〆ヶ Opus 5 GPT-4.1 llama.cpp [x](http://a) #*_<>)\n"
# İ and the Kelvin sign K lower-case to ASCII letters: with them the joined text is lower-cased first.
TEXT = st.one_of(st.text(alphabet=st.sampled_from(_MARKDOWN), max_size=60),
                 st.text(alphabet=st.sampled_from(_MARKDOWN + "İK"), max_size=60))


def _per_article(articles: list) -> list[tuple[Counter, frozenset, frozenset]]:
    table = feature_table(articles)
    found = [(Counter(), set(), set()) for _ in articles]
    for article, feature, count, group in zip(table.article.tolist(), table.feature.tolist(),
                                              table.count.tolist(), table.group.tolist()):
        content, names, tags = found[article]
        key = table.names[feature]
        if group == 0:
            content[key] += count
        else:
            (names if group == 1 else tags).add(key)
    return [(content, frozenset(names), frozenset(tags)) for content, names, tags in found]


def _expected(articles: list) -> list[tuple[Counter, frozenset, frozenset]]:
    return [(f.content, f.entities, f.tags) for f in map(article_features, articles)]


def test_the_feature_table_of_the_sample_site_equals_each_articles_features() -> None:
    articles = _published()
    assert _per_article(articles) == _expected(articles)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT, TEXT, TEXT), min_size=1, max_size=4))
def test_the_feature_table_equals_each_articles_features(texts: list[tuple[str, str, str, str]]) -> None:
    articles = [replace(_SEED, slug=f"a{n}", title=title, tldr=tldr, translation=body,
                        key_points=(KeyPoint(point, "detail"),), tags=(Tag("llm", "LLM"), Tag("llm", "llm")))
                for n, (title, tldr, point, body) in enumerate(texts)]
    assert _per_article(articles) == _expected(articles)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 7), st.sampled_from([0.0, 0.5, 1.25, 3.0, 4.5])),
                min_size=1, max_size=40, unique_by=lambda pair: pair[:2]),
       st.lists(st.integers(0, 3), min_size=8, max_size=8), st.permutations(range(8)))
def test_the_one_key_sort_orders_like_the_four_key_lexsort(pairs: list[tuple[int, int, float]], stamps: list[int],
                                                          slug_rank: list[int]) -> None:
    row, col, score = (np.array(column) for column in zip(*pairs))
    stamp, rank = np.array(stamps, dtype=float), np.array(slug_rank)
    expected = np.lexsort((rank[col], np.abs(stamp[col] - stamp[row]), -score, row))
    rows, cols = _best_first(row, col, score, stamp, rank)
    assert list(zip(rows.tolist(), cols.tolist())) == list(zip(row[expected].tolist(), col[expected].tolist()))


def test_a_text_holding_the_separator_is_read_one_by_one() -> None:
    articles = [replace(_SEED, slug="a", title="Opus 5 の\x00評価](x", translation="評価) <b\x00> 半導体"),
                replace(_SEED, slug="b", title="評価の半導体", translation="Opus 5")]
    assert _per_article(articles) == _expected(articles)
