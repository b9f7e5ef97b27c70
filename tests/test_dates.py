"""parse_when and the Japanese formatting: every time ends up aware, in the site zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import yaml

from ainews.model.dates import DateError, format_japanese, format_japanese_date, load_zone, parse_when

TOKYO = ZoneInfo("Asia/Tokyo")
NEW_YORK = ZoneInfo("America/New_York")


def yaml_value(text: str) -> object:
    """The value YAML hands the model for ``published: <text>`` (date, datetime or str)."""
    return yaml.safe_load(f"published: {text}")["published"]


def test_a_date_alone_is_midnight_in_the_site_zone() -> None:
    value = yaml_value("2026-06-02")
    assert type(value) is dt.date
    moment = parse_when(value, TOKYO)
    assert moment == dt.datetime(2026, 6, 2, 0, 0, tzinfo=TOKYO)
    assert moment.utcoffset() == dt.timedelta(hours=9)


@pytest.mark.parametrize("text", ["2026-06-02 09:30:00", "2026-06-02T09:30:00", '"2026-06-02T09:30"',
                                  '"2026-06-02 09:30"'])
def test_a_time_without_offset_is_in_the_site_zone_not_utc(text: str) -> None:
    moment = parse_when(yaml_value(text), TOKYO)
    assert (moment.hour, moment.minute) == (9, 30)
    assert moment.utcoffset() == dt.timedelta(hours=9)
    assert moment.astimezone(dt.timezone.utc) == dt.datetime(2026, 6, 2, 0, 30, tzinfo=dt.timezone.utc)


def test_the_site_zone_is_configurable() -> None:
    moment = parse_when(yaml_value("2026-06-02 09:30:00"), NEW_YORK)
    assert (moment.hour, moment.utcoffset()) == (9, dt.timedelta(hours=-4))   # EDT in June


@pytest.mark.parametrize("text", ["2026-06-02T09:30:00+09:00", '"2026-06-02T09:30:00+09:00"',
                                  "2026-06-02T00:30:00Z", '"2026-06-02T00:30:00Z"',
                                  "2026-06-01T20:30:00-04:00", '"2026-06-02T02:30:00+02:00"'])
def test_an_offset_is_kept_and_converted_to_the_site_zone(text: str) -> None:
    moment = parse_when(yaml_value(text), TOKYO)
    assert moment == dt.datetime(2026, 6, 2, 9, 30, tzinfo=TOKYO)
    assert (moment.hour, moment.minute, moment.utcoffset()) == (9, 30, dt.timedelta(hours=9))


@pytest.mark.parametrize("text", ["2026-06-01T15:00:00Z", "2026-06-01T15:00:00+00:00", '"2026-06-01T15:00:00Z"'])
def test_a_utc_time_that_is_the_next_day_in_tokyo_belongs_to_the_tokyo_day(text: str) -> None:
    moment = parse_when(yaml_value(text), TOKYO)
    assert moment.date() == dt.date(2026, 6, 2)
    assert format_japanese(moment) == "2026年6月2日 00:00"


def test_the_same_utc_time_falls_on_the_previous_day_in_new_york() -> None:
    assert parse_when(yaml_value("2026-06-01T15:00:00Z"), NEW_YORK).date() == dt.date(2026, 6, 1)


def test_results_are_always_aware() -> None:
    for text in ["2026-06-02", "2026-06-02 09:30:00", '"2026-06-02"', "2026-06-02T09:30:00Z"]:
        assert parse_when(yaml_value(text), TOKYO).tzinfo is not None


@pytest.mark.parametrize("value", ["yesterday", "2026/06/02", "2026-13-01", "", 20260602, True, None,
                                   ["2026-06-02"], {"date": "2026-06-02"}])
def test_anything_else_is_a_date_error_that_shows_the_value(value: object) -> None:
    with pytest.raises(DateError, match=r"must be a date \(2026-06-02\) or datetime") as caught:
        parse_when(value, TOKYO)
    assert repr(value) in str(caught.value)


@pytest.mark.parametrize("text", ["9999-12-31T23:00:00Z", "2999-12-31T23:00:00Z", "0999-06-02", "0001-01-01",
                                  "9999-12-31", "1899-12-31T23:59:59+09:00", "3000-01-01"])
def test_dates_the_site_cannot_show_are_date_errors_not_crashes(text: str) -> None:
    # Weekly pages and feeds compute weeks around a date; datetime ends at 9999 (and
    # 9999-12-31 23:00 UTC is already year 10000 in Tokyo).
    with pytest.raises(DateError, match="must be between 1900-01-01 and 2999-12-31"):
        parse_when(yaml_value(text), TOKYO)


def test_the_ends_of_the_range_are_dates() -> None:
    assert parse_when(yaml_value("1900-01-01"), TOKYO).year == 1900
    assert parse_when(yaml_value("2999-12-31T14:59:59Z"), TOKYO).year == 2999


@pytest.mark.parametrize(("moment", "shown"), [
    (dt.datetime(2026, 6, 2, 0, 0, tzinfo=TOKYO), "2026年6月2日 00:00"),
    (dt.datetime(2026, 6, 2, 2, 11, tzinfo=TOKYO), "2026年6月2日 02:11"),
    (dt.datetime(2026, 12, 31, 23, 59, tzinfo=TOKYO), "2026年12月31日 23:59"),
    (dt.datetime(2026, 1, 5, 9, 5, tzinfo=TOKYO), "2026年1月5日 09:05"),
])
def test_japanese_formatting_has_no_leading_zero_in_month_and_day(moment: dt.datetime, shown: str) -> None:
    assert format_japanese(moment) == shown


def test_japanese_date_without_time() -> None:
    assert format_japanese_date(dt.date(2026, 6, 2)) == "2026年6月2日"


def test_load_zone_names_an_unknown_zone() -> None:
    assert load_zone("Asia/Tokyo") == TOKYO
    with pytest.raises(DateError, match="unknown time zone 'Mars/Olympus'"):
        load_zone("Mars/Olympus")
