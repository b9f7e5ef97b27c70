"""Scheduled publishing: `publish_at` ahead of the build's clock keeps an article out of `mkdocs build`."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, strategies as st

from conftest import Site, make_article, make_site
from ainews.model.schedule import ClockError, build_time, schedule_message, split_scheduled
from ainews.model.validate import ModelSettings, parse_article

TOKYO = ZoneInfo("Asia/Tokyo")
NOW = "2026-12-02T12:00:00+09:00"


def parse(**fields: object):
    article, problems = parse_article(make_article(**fields).encode(), "a.md", "articles/a.md", ModelSettings(zone=TOKYO))
    assert not problems, problems
    return article


def test_publish_at_without_offset_is_site_time_and_optional() -> None:
    assert parse(publish_at="2026-12-02T18:00:00").publish_at == dt.datetime(2026, 12, 2, 18, tzinfo=TOKYO)
    assert parse().publish_at is None


def test_a_bad_publish_at_is_a_one_line_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AINEWS_LANG", "en")
    _, problems = parse_article(make_article(publish_at="tomorrow").encode(), "a.md", "articles/a.md",
                                ModelSettings(zone=TOKYO))
    assert [str(p) for p in problems] == [
        "a.md: publish_at: must be a date (2026-06-02) or datetime (2026-06-02T09:30:00+09:00), got 'tomorrow'"]


@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1)),
       st.integers(min_value=-3 * 24 * 3600, max_value=3 * 24 * 3600))
def test_scheduled_exactly_while_publish_at_is_ahead(now: dt.datetime, offset: int) -> None:
    clock = now.replace(tzinfo=TOKYO)
    article = parse(publish_at=(clock + dt.timedelta(seconds=offset)).isoformat())
    due, waiting = split_scheduled([article], clock)
    assert (waiting == [article]) == (offset > 0) and (due == [article]) == (offset <= 0)


def test_build_clock_comes_from_ainews_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AINEWS_LANG", "en")
    assert build_time(TOKYO, {"AINEWS_NOW": "2026-12-02T09:00"}) == dt.datetime(2026, 12, 2, 9, tzinfo=TOKYO)
    assert build_time(TOKYO, {}).tzinfo is TOKYO
    with pytest.raises(ClockError, match="AINEWS_NOW: must be a date"):
        build_time(TOKYO, {"AINEWS_NOW": "soon"})


def test_schedule_message_names_the_count_and_the_next_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AINEWS_LANG", "both")
    first = parse(publish_at="2026-12-03T08:00:00+09:00")
    assert schedule_message([first, first]) == "2 件を予約中 (次: 2026年12月3日 08:00 a) / 2 scheduled, next at 2026年12月3日 08:00 (a)"
    assert schedule_message([]) is None


@pytest.fixture(scope="module")
def scheduled_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, subprocess.CompletedProcess[str]]:
    site = make_site(tmp_path_factory.mktemp("schedule"), plugin_options={"search": False})
    site.add_article("now-due", title="Due", publish_at="2026-12-02T11:00:00+09:00", published="2026-12-01")
    site.add_article("later", title="Later", publish_at="2026-12-02T18:00:00+09:00", published="2026-12-01")
    site.add_article("much-later", title="Much later", publish_at="2026-12-05", published="2026-12-01")
    os.environ["AINEWS_NOW"] = NOW
    try:
        result = site.build("--strict")
    finally:
        del os.environ["AINEWS_NOW"]
    assert result.returncode == 0, result.stderr
    return site, result


def test_a_scheduled_article_is_left_out_of_the_build_everywhere(scheduled_site) -> None:
    site, _ = scheduled_site
    assert (site.site_dir / "articles/now-due/index.html").exists()
    assert not (site.site_dir / "articles/later").exists()
    for page in ("", "daily/2026-12-01/", "tags/anthropic/"):
        assert "Due" in site.html(page) and "Later" not in site.html(page)
    assert b"Later" not in (site.site_dir / "feed.xml").read_bytes()
    assert b"later" not in (site.site_dir / "sitemap-pages.xml").read_bytes()


def test_the_build_says_how_many_wait_and_when_the_next_one_goes(scheduled_site) -> None:
    _, result = scheduled_site
    assert "ainews: 2 scheduled, next at 2026年12月2日 18:00 (later)" in result.stderr   # tests run in English


def test_a_bad_clock_fails_the_build_in_one_line(tmp_path) -> None:
    site = make_site(tmp_path)
    site.add_article()
    env = {**os.environ, "AINEWS_NOW": "someday", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(site.root / "mkdocs.yml")],
                            cwd=site.root, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 1
    assert "AINEWS_NOW: must be a date (2026-06-02) or datetime" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_shows_a_scheduled_article_marked_and_unlisted(tmp_path) -> None:
    from serving import MkDocsServer
    site = make_site(tmp_path, plugin_options={"search": False, "cards": {"enabled": False}})
    site.add_article("shown", title="Shown")
    site.add_article("later", title="Later", publish_at="2099-01-01T09:00:00+09:00")
    with MkDocsServer(site.root) as server:
        server.wait_until_serving()
        status, html = server.get("articles/later/")
        assert status == 200 and "news-scheduled" in html and "<strong>予約</strong> 2099年1月1日 09:00" in html
        assert "news-scheduled" not in server.get("articles/shown/")[1]
        assert "Later" not in server.get("")[1] and "Shown" in server.get("")[1]
