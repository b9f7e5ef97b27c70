"""A preview edit recomputes only the related blocks it can change, and they equal a full build's.

`related.update_related` finds again the edited articles' features and ranks again only
the articles whose vectors moved and those sharing a content term or name with them;
every block must still be exactly what `build_related` gives for the edited site,
including other articles' blocks that the edit changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings, strategies as st

from ainews.index.related import build_related, build_related_index, update_related
from ainews.model.article import Article, KeyPoint, Tag
from test_related import START, art

WORDS = ["半導体", "工場", "電力", "Opus 5", "Gemini", "推論", "エージェント", "安全性", "評価", "gpt-oss-2",
         "規制", "データセンター", "Claude Code", "ロボット", "学習", "Anthropic"]
TAGS = ["AI", "Safety", "Robotics", "Policy", "Chips"]
PHRASE = st.lists(st.sampled_from(WORDS), min_size=0, max_size=8).map("の".join)


def article(slug: str, hours: int, tags: list[str], title: str, tldr: str, lead: str, point: str) -> Article:
    return replace(art(slug, tags, hours=hours), title=title, tldr=tldr, translation=lead + "。本文。",
                   key_points=(KeyPoint(point, "detail"),), original_title=None)


ARTICLE = st.tuples(st.integers(0, 2000), st.lists(st.sampled_from(TAGS), min_size=1, max_size=3, unique=True),
                    PHRASE, PHRASE, PHRASE, PHRASE)
EDIT = st.tuples(st.integers(0, 100), st.sampled_from(["title", "tldr", "translation", "point"]), PHRASE)


def slugs(blocks: dict[str, tuple[Article, ...]]) -> dict[str, list[str]]:
    return {slug: [a.slug for a in items] for slug, items in blocks.items()}


def edited(old: Article, field: str, text: str) -> Article:
    if field == "point":
        return replace(old, key_points=(KeyPoint(text, "detail"),))
    return replace(old, **{field: text + ("。本文。" if field == "translation" else "")})


@settings(max_examples=150, deadline=None)
@given(st.lists(ARTICLE, min_size=1, max_size=30), st.lists(st.lists(EDIT, min_size=1, max_size=2), min_size=1,
                                                            max_size=3))
def test_updated_blocks_equal_a_full_build_after_each_edit(specs: list, rounds: list) -> None:
    articles = [article(f"a{n:02d}", *spec) for n, spec in enumerate(specs)]
    index = build_related_index(articles)
    for edits in rounds:
        before = dict(index.related)
        pairs = {}
        for place, field, text in edits:
            old = pairs.get(place % len(articles), (articles[place % len(articles)],))[0]
            pairs[place % len(articles)] = (old, edited(articles[place % len(articles)], field, text))
            articles[place % len(articles)] = pairs[place % len(articles)][1]
        index, changed, _showing = update_related(index, list(pairs.values()))
        expected = slugs(build_related(articles))
        assert slugs(index.related) == expected
        assert changed == {slug for slug in expected if expected[slug] != slugs(before)[slug]}
        assert all(a is articles[int(a.slug[1:])] for block in index.related.values() for a in block)


def test_a_title_edit_changes_the_block_of_another_article() -> None:
    """"b" shares only a tag with the others until "a"'s title names its story: then "b" lists "a" first."""
    a = article("a", 0, ["AI"], "新しい推論モデル", "概要", "導入", "要点")
    b = article("b", 30, ["AI"], "半導体工場の電力不足", "電力", "半導体", "工場")
    others = [article(f"o{n}", 2 + n, ["AI"], f"話題{n}", "別件", "ほか", "別の要点") for n in range(4)]
    index = build_related_index([a, b, *others])
    assert [x.slug for x in index.related["b"]][0] != "a"
    new_a = replace(a, title="半導体工場の電力を確保")
    index, changed, _showing = update_related(index, [(a, new_a)])
    assert [x.slug for x in index.related["b"]][0] == "a"
    assert "b" in changed
    assert slugs(index.related) == slugs(build_related([new_a, b, *others]))
