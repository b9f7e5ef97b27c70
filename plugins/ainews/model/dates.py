"""Dates and times in the site time zone, and their Japanese formatting."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .hints import date_hint
from .messages import msg


class DateError(ValueError):
    """A front-matter value that is not a date or datetime."""


# The years the site can show: weekly pages, feeds and sitemaps compute the weeks around a
# date, and datetime ends at year 9999 (ISO week years, `+ 7 days`); news predates neither end.
MIN_YEAR, MAX_YEAR = 1900, 2999
_LOW, _HIGH = f"{MIN_YEAR}-01-01", f"{MAX_YEAR}-12-31"


def load_zone(name: str) -> ZoneInfo:
    """Return the zone called ``name`` or raise ``DateError`` naming it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise DateError(msg("unknown time zone {name}", name=repr(name))) from error


def parse_when(value: object, zone: dt.tzinfo) -> dt.datetime:
    """Turn a front-matter date or datetime into an aware datetime in ``zone``.

    YAML gives ``date``, ``datetime`` or, when quoted, ``str``. A value without
    an offset is a time in the site zone, never UTC; a bare date is midnight.
    """
    given = value
    if isinstance(value, str):
        text = value.strip()
        try:
            value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            try:
                value = dt.date.fromisoformat(text)
            except ValueError:
                meant = date_hint(text)
                if meant is not None:
                    raise DateError(msg("must be a date (2026-06-02) or datetime (2026-06-02T09:30:00+09:00), "
                                        "got {got}: write {fixed}", got=repr(value), fixed=meant)) from None
                raise DateError(msg("must be a date (2026-06-02) or datetime (2026-06-02T09:30:00+09:00), "
                                    "got {got}", got=repr(value))) from None
    if isinstance(value, (dt.date, dt.datetime)) and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise DateError(msg("must be between {low} and {high}, got {got}", low=_LOW, high=_HIGH, got=_shown(given)))
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            return value.replace(tzinfo=zone)
        moment = value.astimezone(zone)
        if not MIN_YEAR <= moment.year <= MAX_YEAR:   # 2999-12-31T23:00Z is already 3000 in Tokyo
            raise DateError(msg("must be between {low} and {high} in the site time zone, got {got}",
                                low=_LOW, high=_HIGH, got=_shown(given)))
        return moment
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=zone)
    raise DateError(msg("must be a date (2026-06-02) or datetime (2026-06-02T09:30:00+09:00), got {got}",
                        got=repr(value)))


def _shown(value: object) -> str:
    """The value as the editor wrote it (YAML may have made a date of it)."""
    return repr(value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value)


def format_japanese(moment: dt.datetime) -> str:
    """``2026年6月2日 00:00``: the way every date and time is shown on the site."""
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"


def format_japanese_date(day: dt.date) -> str:
    """``2026年6月2日``: a day without a time (roundups, archives)."""
    return f"{day.year}年{day.month}月{day.day}日"


def iso_week(day: dt.date) -> str:
    """The ISO week a day of the site zone falls in, as ``2026-W07``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_days(label: str) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the ISO week ``2026-W07``."""
    monday = dt.datetime.strptime(label + "-1", "%G-W%V-%u").date()
    return monday, monday + dt.timedelta(days=6)


def format_month_day(day: dt.date) -> str:
    """``11月22日``: a day of the current stretch of news, where the year goes without saying."""
    return f"{day.month}月{day.day}日"


def format_day_range(first: dt.date, last: dt.date) -> str:
    """``11月16日〜11月22日``; with years when the range crosses New Year (``2026年12月28日〜2027年1月3日``)."""
    if first.year != last.year:
        return f"{format_japanese_date(first)}〜{format_japanese_date(last)}"
    return f"{format_month_day(first)}〜{format_month_day(last)}"


def format_week(label: str) -> str:
    """An ISO week (``2026-W47``) the way Japanese readers name it: ``11月16日〜11月22日``."""
    return format_day_range(*week_days(label))


def format_week_short(label: str) -> str:
    """A week as a chart axis or table column label, by its Monday: ``11/16週`` (the week of 11/16)."""
    monday, _ = week_days(label)
    return f"{monday.month}/{monday.day}週"
