"""Dates the Japanese way (週報 titles, trends labels, the home page's day) and a readable trends chart."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, strategies as st

from ainews.index.trends import TagTrend, Trends
from ainews.model.dates import format_day_range, format_week, format_week_short, iso_week
from ainews.site.chart import integer_ticks, legend_entries, render_trend_chart
from conftest import Site, make_site

TOKYO = ZoneInfo("Asia/Tokyo")


def test_weeks_are_date_ranges() -> None:
    assert format_week("2026-W47") == "11月16日〜11月22日"
    assert format_week("2026-W53") == "2026年12月28日〜2027年1月3日"     # across New Year: with years
    assert format_week_short("2026-W47") == "11/16週"
    assert format_day_range(dt.date(2026, 11, 30), dt.date(2026, 12, 6)) == "11月30日〜12月6日"


def _parse(text: str, year: int) -> dt.date:
    found = re.fullmatch(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日", text)
    assert found, text
    return dt.date(int(found.group(1) or year), int(found.group(2)), int(found.group(3)))


@given(st.dates(min_value=dt.date(2000, 1, 3), max_value=dt.date(2099, 12, 27)))
def test_every_day_falls_in_the_monday_to_sunday_its_week_names(day: dt.date) -> None:
    first, last = format_week(iso_week(day)).split("〜")
    monday = _parse(first, (day - dt.timedelta(days=day.weekday())).year)
    sunday = _parse(last, (day + dt.timedelta(days=6 - day.weekday())).year)
    assert monday.weekday() == 0 and sunday - monday == dt.timedelta(days=6) and monday <= day <= sunday


@pytest.mark.parametrize("peak, ticks", [(0, [0, 1]), (3, [0, 1, 2, 3]), (9, [0, 2, 4, 6, 8, 10]),
                                         (11, [0, 5, 10, 15]), (49, [0, 10, 20, 30, 40, 50])])
def test_ticks_are_whole_numbers_at_a_round_step(peak: int, ticks: list[int]) -> None:
    assert integer_ticks(peak) == ticks


@given(st.integers(min_value=0, max_value=100000))
def test_ticks_cover_the_peak_with_at_most_six_labels(peak: int) -> None:
    ticks = integer_ticks(peak)
    step = ticks[1] - ticks[0]
    assert ticks[0] == 0 and ticks[-1] >= peak and len(ticks) <= 6
    assert str(step).strip("0") in ("1", "2", "5", "25") or step in (1, 2, 5)


def two_weeks(*rows: tuple[str, tuple[int, ...]]) -> Trends:
    return Trends(weeks=("2026-W46", "2026-W47"), tags=tuple(TagTrend(n.lower(), n, c) for n, c in rows))


def polylines(svg: str) -> list[list[tuple[float, float]]]:
    return [[tuple(map(float, p.split(","))) for p in m.split()] for m in re.findall(r'<polyline[^>]* points="([^"]*)"', svg)]


def test_lines_with_the_same_counts_stay_apart_and_look_different() -> None:
    trends = two_weeks(("Alignment", (1, 7)), ("LLM Safety", (1, 7)), ("LLM", (5, 9)))
    svg = render_trend_chart(trends)
    first, second, _ = polylines(svg)
    assert all(abs(a[1] - b[1]) >= 4 for a, b in zip(first, second))          # side by side, not on top
    assert svg.count('stroke-dasharray="8 4"') == 1                           # the second line is dashed
    assert len(re.findall(r"<(?:circle|rect|polygon)", svg)) >= 6              # a marker at every point
    assert [e.name for e in legend_entries(trends)] == ["Alignment", "LLM Safety", "LLM"]
    assert "stroke-dasharray" in legend_entries(trends)[1].sample


def test_axis_labels_are_weeks_by_date_and_ticks_integers() -> None:
    svg = render_trend_chart(two_weeks(("LLM", (5, 9))))
    labels = re.findall(r'class="news-chart__axis"[^>]*>([^<]*)</text>', svg)
    assert labels == ["0", "2", "4", "6", "8", "10", "11/9週", "11/16週"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_site(tmp_path_factory.mktemp("weeks"), plugin_options={"search": False, "cards": {"enabled": False}})
    site.add_article("monday", published="2026-11-16T09:00:00+09:00")
    site.add_article("sunday", published="2026-11-22T21:00:00+09:00")
    site.add_article("before", published="2026-11-10T09:00:00+09:00")
    result = site.build()
    assert result.returncode == 0, result.stderr
    return site


def test_weekly_pages_are_titled_by_their_dates(built: Site) -> None:
    html = built.html("weekly/2026-W47/")
    assert "<h1>11月16日〜11月22日の週報</h1>" in html
    assert "<title>11月16日〜11月22日の週報 | AIニュースデスク</title>" in html
    visible = re.sub(r'(href|content)="[^"]*"|<script.*?</script>', "", html, flags=re.S)
    assert "W47" not in visible                                        # the ISO week only in URLs
    assert "11月9日〜11月15日の週報</a>" in built.html("weekly/")


def test_trends_heading_and_table_use_dates(built: Site) -> None:
    html = built.html("trends/")
    assert "直近2週間(11月9日〜11月22日)" in html
    assert '<abbr title="11月16日〜11月22日">11/16週</abbr>' in html
    assert not re.search(r">W\d\d<", html)


def test_home_names_the_day_it_shows(built: Site) -> None:
    html = built.html("")
    assert '<h2 id="highlights-heading">11月22日の重要ニュース' in html and "今日の重要ニュース" not in html


def test_home_says_today_only_for_today(tmp_path) -> None:   # type: ignore[no-untyped-def]
    site = make_site(tmp_path, plugin_options={"search": False, "cards": {"enabled": False}})
    now = dt.datetime.now(TOKYO).replace(microsecond=0)
    site.add_article("now", published=(now - dt.timedelta(minutes=1)).isoformat() if now.hour or now.minute else now.isoformat())
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert '<h2 id="highlights-heading">今日の重要ニュース' in site.html("")
