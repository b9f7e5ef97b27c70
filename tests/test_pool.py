"""The worker-pool helper: same results in the same order with fork, spawn or no pool at all.

Spawn is how macOS and Windows start workers: everything a worker needs must be
picklable and importable, so these tests force it on Linux too.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Sequence

import pytest

from conftest import make_article
from ainews.cards.fonts import find_fonts
from ainews.cards.plan import plan_cards
from ainews.cards.store import CardCache, write_cards
from ainews.model.validate import ModelSettings, parse_article
from ainews.render import pool
from ainews.render.bodies import BodyCache, RenderSettings, render_bodies
from ainews.render.pool import START_METHOD_ENV, chunks, map_batches, start_method

METHODS = ["fork", "spawn"]


def square_with_pid(batch: Sequence[int]) -> list[tuple[int, int]]:
    return [(n * n, os.getpid()) for n in batch]


def test_chunks_cover_every_item_once_in_order() -> None:
    items = list(range(23))
    parts = list(chunks(items, 5))
    assert [len(p) for p in parts] == [5, 5, 5, 5, 3]
    assert [n for p in parts for n in p] == items
    assert list(chunks([], 3)) == []


@pytest.mark.parametrize("method", METHODS)
def test_a_pool_keeps_the_order_and_runs_in_other_processes(method: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(START_METHOD_ENV, method)
    assert start_method() == method
    results = map_batches(square_with_pid, list(range(50)), workers=2, batch_size=3)
    assert [square for square, _pid in results] == [n * n for n in range(50)]
    assert os.getpid() not in {pid for _square, pid in results}


def test_few_items_or_one_worker_run_here() -> None:
    assert {pid for _s, pid in map_batches(square_with_pid, list(range(50)), workers=1)} == {os.getpid()}
    assert {pid for _s, pid in map_batches(square_with_pid, [1, 2, 3], workers=4, min_items=10)} == {os.getpid()}


def test_without_a_forced_method_linux_forks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(START_METHOD_ENV, raising=False)
    monkeypatch.setattr(pool.multiprocessing, "get_start_method", lambda allow_none=False: None)
    monkeypatch.setattr(pool.sys, "platform", "linux")
    assert start_method() == "fork"
    monkeypatch.setattr(pool.sys, "platform", "darwin")
    assert start_method() == pool.multiprocessing.get_context().get_start_method()


def articles(count: int):
    parsed = []
    for n in range(count):
        body = f"本文 {n} です[^1]。\n\n[^1]: 注。\n\n<!-- original -->\n\nBody {n} with a note[^1].\n\n[^1]: A note.\n"
        article, problems = parse_article(make_article(f"a{n}", body=body, title=f"記事 {n}").encode(),
                                          f"content/articles/a{n}.md", f"articles/a{n}.md", ModelSettings(zone=dt.timezone.utc))
        assert article is not None, problems
        parsed.append(article)
    return parsed


@pytest.mark.parametrize("method", METHODS)
def test_bodies_rendered_by_a_pool_equal_those_rendered_here(method: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(START_METHOD_ENV, method)
    settings = RenderSettings(("footnotes", "pymdownx.superfences"), {}, sanitize=True)
    many = articles(45)                      # above the pool threshold
    pooled = render_bodies(many, settings, BodyCache(None), workers=2)
    here = render_bodies(many, settings, BodyCache(None), workers=1)
    assert pooled == here and len(pooled) == 45
    assert 'id="original-fn:1"' in pooled["articles/a7.md"].original


def test_cards_drawn_by_a_spawned_pool_equal_those_drawn_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_cards import make_index
    monkeypatch.setenv(START_METHOD_ENV, "spawn")
    monkeypatch.setattr("ainews.cards.store.POOL_MIN_CARDS", 2)
    fonts = find_fonts(None, tmp_path)
    plan = plan_cards(make_index(3, drafts=0), "AIニュースデスク", "説明", per_page=20)
    pooled = write_cards(plan.cards.values(), tmp_path / "pooled", fonts, CardCache(tmp_path / "c1"), workers=2)
    serial = write_cards(plan.cards.values(), tmp_path / "serial", fonts, CardCache(tmp_path / "c2"), workers=1)
    assert pooled.drawn == serial.drawn == len(plan.cards)
    for card in plan.cards.values():
        assert (tmp_path / "pooled" / card.path).read_bytes() == (tmp_path / "serial" / card.path).read_bytes()
