"""Related articles (関連記事): shared tags weighted by rarity, then closeness in time, then slug."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest

from conftest import make_article
from ainews.index.related import build_related
from ainews.index.site import build_site_index
from ainews.model.article import Article, Tag
from ainews.model.corpus import Corpus
from ainews.model.registry import SourceInfo, TagInfo
from ainews.model.slugs import slugify
from ainews.model.validate import ModelSettings, parse_article

TOKYO = ZoneInfo("Asia/Tokyo")
START = dt.datetime(2026, 6, 1, 9, 0, tzinfo=TOKYO)
_SEED, _ = parse_article(make_article().encode(), "content/articles/seed.md", "articles/seed.md",
                         ModelSettings(zone=TOKYO))
assert _SEED is not None


def art(slug: str, tags: list[str], hours: float = 0, draft: bool = False,
        related: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> Article:
    """An article published ``hours`` after START with ``tags``."""
    return replace(_SEED, slug=slug, src_uri=f"articles/{slug}.md", path=f"content/articles/{slug}.md",
                   tags=tuple(Tag(slug=slugify(t), name=t) for t in tags),
                   published=START + dt.timedelta(hours=hours), draft=draft,
                   related_pins=related, related_exclude=exclude)


def related_slugs(articles: list[Article], slug: str, count: int = 3) -> list[str]:
    return [a.slug for a in build_related(articles, count=count)[slug]]


def filler(n: int, tags: list[str], start_hours: float = 1000) -> list[Article]:
    """``n`` articles far away in time carrying ``tags`` (to make those tags common)."""
    return [art(f"filler-{i:03d}", tags, hours=start_hours + i) for i in range(n)]


def test_three_shared_tags_rank_above_one_shared_common_tag() -> None:
    articles = [
        art("me", ["AI", "Safety", "Alignment", "Anthropic"]),
        art("one-common", ["AI"], hours=1),           # nearer in time, but shares one tag only
        art("three", ["AI", "Safety", "Alignment"], hours=48),
        *filler(5, ["AI", "Safety", "Alignment"]),
    ]
    ranked = related_slugs(articles, "me", count=10)
    assert ranked[0] == "three"
    assert ranked[-1] == "one-common"


def test_a_rare_shared_tag_beats_a_common_one() -> None:
    articles = [
        art("me", ["AI", "Model Welfare"]),
        art("common", ["AI"], hours=1),                # nearer in time
        art("rare", ["Model Welfare"], hours=72),
        *filler(10, ["AI"]),
    ]
    assert related_slugs(articles, "me", count=1) == ["rare"]


def test_never_the_article_itself() -> None:
    articles = [art("me", ["AI"]), art("a", ["AI"], hours=1), art("b", ["Robotics"], hours=2)]
    for count in (1, 2, 5):
        assert "me" not in related_slugs(articles, "me", count=count)
    assert related_slugs(articles, "me", count=5) == ["a", "b"]


def test_articles_sharing_no_tag_come_after_every_article_sharing_one() -> None:
    articles = [
        art("me", ["AI"]),
        art("close-unrelated-1", ["Robotics"], hours=0.5),
        art("close-unrelated-2", ["Chips"], hours=-0.5),
        art("far-shared", ["AI"], hours=24 * 300),
        art("far-shared-2", ["AI"], hours=-24 * 300),
    ]
    # Equally far either way: the slug breaks the tie. Equally near: likewise.
    assert related_slugs(articles, "me", count=4) == ["far-shared", "far-shared-2", "close-unrelated-1",
                                                      "close-unrelated-2"]


def test_equal_scores_go_to_the_closest_in_time_then_the_slug() -> None:
    articles = [
        art("me", ["AI"], hours=100),
        art("week-later", ["AI"], hours=100 + 24 * 7),
        art("day-before", ["AI"], hours=100 - 24),
        art("b-hour-after", ["AI"], hours=101),
        art("a-hour-before", ["AI"], hours=99),
    ]
    assert related_slugs(articles, "me", count=4) == ["a-hour-before", "b-hour-after", "day-before", "week-later"]


def test_the_unrelated_fill_is_nearest_in_time_first() -> None:
    articles = [art("me", ["AI"], hours=100), art("x-far", ["B"], hours=200), art("y-near", ["C"], hours=90),
                art("z-mid", ["D"], hours=130)]
    assert related_slugs(articles, "me", count=3) == ["y-near", "z-mid", "x-far"]


def test_the_ranking_does_not_depend_on_input_order() -> None:
    rng = random.Random(7)
    tags = ["AI", "Safety", "Chips", "Robotics", "Policy", "Open Weights", "Agents", "生成AI"]
    articles = [art(f"a{i:02d}", rng.sample(tags, rng.randint(1, 4)), hours=rng.randint(0, 50)) for i in range(40)]
    expected = {slug: [a.slug for a in items] for slug, items in build_related(articles).items()}
    for _ in range(5):
        rng.shuffle(articles)
        assert {slug: [a.slug for a in items] for slug, items in build_related(articles).items()} == expected


def test_pins_come_first_in_their_order() -> None:
    articles = [
        art("me", ["AI", "Safety"], related=("pinned-b", "pinned-a")),
        art("best", ["AI", "Safety"], hours=1),
        art("pinned-a", ["Robotics"], hours=500),
        art("pinned-b", ["Chips"], hours=600),
    ]
    assert related_slugs(articles, "me", count=3) == ["pinned-b", "pinned-a", "best"]
    assert related_slugs(articles, "me", count=1) == ["pinned-b"]


def test_a_pin_given_twice_is_shown_once() -> None:
    articles = [art("me", ["AI"], related=("a", "a", "a")), art("a", ["Chips"], hours=1),
                art("b", ["AI"], hours=2), art("c", ["AI"], hours=3)]
    assert related_slugs(articles, "me") == ["a", "b", "c"]


def test_excluded_articles_never_appear_even_when_pinned() -> None:
    articles = [
        art("me", ["AI", "Safety"], related=("other",), exclude=("best", "other")),
        art("best", ["AI", "Safety"], hours=1),
        art("other", ["AI"], hours=2),
        art("next", ["AI"], hours=3),
        art("unrelated", ["Chips"], hours=4),
    ]
    assert related_slugs(articles, "me", count=3) == ["next", "unrelated"]


def test_pins_and_excludes_act_on_their_own_article_only() -> None:
    articles = [art("me", ["AI"], exclude=("a",)), art("a", ["AI"], hours=1), art("b", ["AI"], hours=3)]
    assert related_slugs(articles, "me") == ["b"]
    assert related_slugs(articles, "a") == ["me", "b"]


def test_a_rare_tag_is_found_far_away_in_time_among_many_articles() -> None:
    # "AI" is on every article, so only a window of it is scanned; the rare tag is scanned whole.
    articles = [art(f"n{i:04d}", ["AI"], hours=i) for i in range(1000)]
    articles += [art("me", ["AI", "Neuromorphic"], hours=0.5), art("twin", ["AI", "Neuromorphic"], hours=999.5)]
    ranked = related_slugs(articles, "me", count=3)
    assert ranked[0] == "twin"
    assert ranked[1:] == ["n0000", "n0001"]


# Through the site index, which keeps drafts out.

def corpus_of(articles: list[Article]) -> Corpus:
    tags = {t.slug: TagInfo(slug=t.slug, name=t.name) for a in articles for t in a.tags}
    sources = {a.source.slug: SourceInfo(slug=a.source.slug, name=a.source.name) for a in articles}
    return Corpus(articles=tuple(articles), tags=tags, sources=sources)


def test_drafts_are_never_related_and_get_no_related_list_entry_of_others() -> None:
    articles = [
        art("me", ["AI", "Safety"]),
        art("draft-twin", ["AI", "Safety"], hours=1, draft=True),
        art("published", ["AI"], hours=50),
        art("pinned-draft-target", ["AI"], hours=60),
    ]
    articles[0] = replace(articles[0], related_pins=("draft-twin",))
    index = build_site_index(corpus_of(articles))
    assert [a.slug for a in index.related["me"]] == ["published", "pinned-draft-target"]
    assert all(not a.draft for items in index.related.values() for a in items)
    assert "draft-twin" not in index.related


@pytest.mark.parametrize("count", [0, 1, 3, 5])
def test_the_count_is_respected(count: int) -> None:
    articles = [art(f"a{i}", ["AI"], hours=i) for i in range(10)]
    assert all(len(items) == count for items in build_related(articles, count=count).values())
