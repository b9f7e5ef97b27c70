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

TEXT = st.text(alphabet=st.sampled_from("半導体工場電力のをにエージェントアライメントー々〆ヶ Opus 5 GPT-4.1 llama.cpp [x](http://a) #*_\n"),
               max_size=60)


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


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.sampled_from([0.0, 0.5, 1.25, 3.0, 4.5]),
                          st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=40))
def test_the_one_key_sort_orders_like_the_four_key_lexsort(rows: list[tuple[int, float, int, int]]) -> None:
    row, score, distance, slug = (np.array(column) for column in zip(*rows))
    expected = np.lexsort((slug, distance.astype(float), -score, row))
    assert _best_first(row, score, distance.astype(float), slug).tolist() == expected.tolist()
