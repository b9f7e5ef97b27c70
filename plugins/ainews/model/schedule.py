"""Scheduled publishing (`publish_at`): the build's clock and what it holds back."""

from __future__ import annotations

import datetime as dt
import os
from typing import Mapping, Sequence

from .article import Article
from .dates import DateError, format_japanese, parse_when
from .messages import msg

NOW_VARIABLE = "AINEWS_NOW"
"""Environment variable that sets the build's clock (an ISO datetime): previews a future hour, pins tests."""


class ClockError(ValueError):
    """``AINEWS_NOW`` is set but is no date or datetime."""


def build_time(zone: dt.tzinfo, environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """The moment the build publishes as of: ``AINEWS_NOW`` when set, else the current time."""
    text = environ.get(NOW_VARIABLE, "").strip()
    if not text:
        return dt.datetime.now(zone)
    try:
        return parse_when(text, zone)
    except DateError as error:
        raise ClockError(f"{NOW_VARIABLE}: {error}") from None


def split_scheduled(articles: Sequence[Article], now: dt.datetime) -> tuple[list[Article], list[Article]]:
    """(due, scheduled): the articles whose time has come, and those still waiting, soonest first."""
    due = [a for a in articles if not a.is_scheduled(now)]
    waiting = sorted((a for a in articles if a.is_scheduled(now)), key=lambda a: (a.publish_at, a.slug))
    return due, waiting


def schedule_message(scheduled: Sequence[Article]) -> str | None:
    """The build's INFO line, ``2 件を予約中 (次: 2026年12月3日 08:00 foo)``, or None when nothing waits."""
    if not scheduled:
        return None
    first = scheduled[0]
    assert first.publish_at is not None
    return msg("{count} scheduled, next at {when} ({slug})", count=len(scheduled),
               when=format_japanese(first.publish_at), slug=first.slug)
