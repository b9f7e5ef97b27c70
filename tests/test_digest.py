"""The page cache's digest: the same in every process, different for any change of content."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from conftest import REPO, make_article
from ainews.model.validate import ModelSettings, parse_article
from ainews.render.digest import Digester, Unstable, stable_digest

TOKYO = ZoneInfo("Asia/Tokyo")


def seed_article():
    article, _ = parse_article(make_article().encode(), "content/articles/seed.md", "articles/seed.md",
                               ModelSettings(zone=TOKYO))
    assert article is not None
    return article


PROGRAM = """
from zoneinfo import ZoneInfo
from conftest import make_article
from ainews.model.validate import ModelSettings, parse_article
from ainews.render.digest import stable_digest
article, _ = parse_article(make_article().encode(), "content/articles/seed.md", "articles/seed.md",
                           ModelSettings(zone=ZoneInfo("Asia/Tokyo")))
print(stable_digest({"page": ("article.html", article, {"b", "a", "c"}), 3: [1.5, None]}))
"""


def test_the_digest_is_the_same_in_processes_with_different_string_hashes() -> None:
    digests = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO / "tests")}
        done = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, env=env, check=True)
        digests.add(done.stdout.strip())
    article = seed_article()
    assert digests == {stable_digest({3: [1.5, None], "page": ("article.html", article, {"c", "a", "b"})})}


def test_any_change_of_an_article_changes_the_digest() -> None:
    article = seed_article()
    base = stable_digest(article)
    changed = [replace(article, title=article.title + "!"), replace(article, translation=article.translation + " "),
               replace(article, published=article.published + dt.timedelta(seconds=1)),
               replace(article, tags=article.tags[:-1]), replace(article, draft=not article.draft)]
    assert len({base, *map(stable_digest, changed)}) == 1 + len(changed)


def test_markup_text_and_equal_instants_in_other_zones_differ() -> None:
    assert stable_digest("<b>") != stable_digest(Markup("<b>"))
    utc = dt.datetime(2026, 6, 1, 0, 0, tzinfo=dt.timezone.utc)
    assert stable_digest(utc) != stable_digest(utc.astimezone(TOKYO))
    assert stable_digest((1, 2)) == stable_digest([1, 2]) != stable_digest([2, 1])
    assert stable_digest(1) != stable_digest(True) != stable_digest("1")


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
                    max_leaves=12),
       st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
                    max_leaves=12))
def test_equal_digests_mean_equal_values(a: object, b: object) -> None:
    assert (stable_digest(a) == stable_digest(b)) == (a == b and _same_types(a, b))


def _same_types(a: object, b: object) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return all(_same_types(x, y) for x, y in zip(a, b))  # type: ignore[arg-type]
    if isinstance(a, dict):
        return all(_same_types(a[k], b[k]) for k in a)  # type: ignore[index]
    return True


def test_objects_without_a_readable_content_have_no_digest() -> None:
    with pytest.raises(Unstable):
        stable_digest({"x": object()})
    # Configuration objects are read leniently: their class and attributes, a function's name.
    digester = Digester()

    class Option:
        def __init__(self) -> None:
            self.value = [1, {"a": len}]
    assert digester.digest(digester.lenient(Option())) == Digester().digest(Digester().lenient(Option()))
    with pytest.raises(Unstable):
        digester.lenient(iter([]))
