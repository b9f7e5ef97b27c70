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


@pytest.mark.parametrize("method", METHODS)
def test_the_search_index_is_built_in_a_process_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          method: str) -> None:
    """Documents and Pagefind run in another process (forked or spawned), partition after partition;
    this process only waits: its own copy of the document writer is never called."""
    import json
    from ainews.site import search
    monkeypatch.setenv(START_METHOD_ENV, method)
    many = articles(5)
    settings = RenderSettings(("footnotes",), {}, sanitize=True)
    bodies = render_bodies(many, settings, BodyCache(None), workers=1)
    indexer = search.SearchIndexer()
    written_here = []
    monkeypatch.setattr(search, "_write_documents", lambda *args: written_here.append(args))
    indexer.start(many, bodies, str(tmp_path / "site"), partition=3)
    assert indexer.running() and indexer.process is not None and indexer.process.pid != os.getpid()
    if method == "spawn":   # a spawned process imports the real writer; a forked one inherits the patch
        indexer.wait()
        counts = [json.loads((tmp_path / "site" / bundle / "pagefind-entry.json").read_text())["languages"]["zxx"]
                  ["page_count"] for bundle in ("pagefind", "pagefind-2")]
        assert counts == [3, 2] and not written_here
    else:
        indexer.cancel()
        assert not written_here and not indexer.running()


def _wait_for_flag(batch: Sequence[str]) -> list[str]:
    """Each item is a path: 'seen' once the file exists (the caller makes it after starting us)."""
    import time
    results = []
    for flag in batch:
        deadline = time.monotonic() + 60
        while not Path(flag).exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        results.append("seen" if Path(flag).exists() else "never made")
    return results


def test_started_batches_run_while_the_caller_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """start_batches returns at once (share cards are drawn while MkDocs writes the pages): the
    workers see a file the caller makes only after the call returned."""
    monkeypatch.setenv(START_METHOD_ENV, "fork")
    flags = [str(tmp_path / "flag")] * 4
    running = pool.start_batches(_wait_for_flag, flags, 2)
    (tmp_path / "flag").touch()
    assert running.result() == ["seen"] * 4
