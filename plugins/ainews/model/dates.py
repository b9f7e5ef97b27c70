"""Dates and times in the site time zone, and their Japanese formatting."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .hints import date_hint
from .messages import msg


class DateError(ValueError):
    """A front-matter value that is not a date or datetime."""


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
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            return value.replace(tzinfo=zone)
        try:
            return value.astimezone(zone)
        except OverflowError:   # 9999-12-31T23:00Z is already year 10000 in Tokyo
            raise DateError(msg("is outside the years 1 to 9999 in the site time zone, got {got}",
                                 got=repr(value.isoformat()))) from None
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=zone)
    raise DateError(msg("must be a date (2026-06-02) or datetime (2026-06-02T09:30:00+09:00), got {got}",
                        got=repr(value)))


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
