"""Pages and feeds of the daily digests: an index of days, one page per day, one feed each."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Sequence

from mkdocs.structure.files import InclusionLevel

from ...index.digests import Digest, DigestDays
from ...model.dates import format_japanese_date
from .. import routes
from ...index.rank import by_importance
from ..listings import VirtualPage


def digest_pages(digests: Sequence[DigestDays]) -> list[VirtualPage]:
    """Each digest with articles: its index (a header tab) and its days, ranked by importance."""
    pages: list[VirtualPage] = []
    for digest_days in digests:
        digest, by_day = digest_days.digest, digest_days.by_day
        if not by_day:
            continue   # an empty digest has no pages, so no header tab either
        days = list(by_day)          # newest first
        pages.append(VirtualPage(routes.digest_index_src(digest.path), digest.name, "daily-index.html",
                                 {"digest": digest, "days": [(day, len(by_day[day])) for day in days]},
                                 InclusionLevel.INCLUDED))
        pages.extend(digest_day_page(digest_days, days, position) for position in range(len(days)))
    return pages


def digest_day_pages(digests: Sequence[DigestDays], days: Iterable[dt.date]) -> list[VirtualPage]:
    """The pages of these days in every digest that has articles on them."""
    pages = []
    for digest_days in digests:
        newest_first = list(digest_days.by_day)
        position = {day: i for i, day in enumerate(newest_first)}
        pages.extend(digest_day_page(digest_days, newest_first, position[day]) for day in days if day in position)
    return pages


def digest_day_page(digest_days: DigestDays, days: Sequence[dt.date], position: int) -> VirtualPage:
    """One day of a digest, ranked by importance (``days``: the digest's days, newest first)."""
    digest, day = digest_days.digest, days[position]
    ranked = by_importance(digest_days.by_day[day])
    return VirtualPage(
        routes.digest_src(digest.path, day), f"{digest.name} {format_japanese_date(day)}", "daily.html",
        {"digest": digest, "day": day, "top": ranked[:3], "rest": ranked[3:],
         "newer_day": days[position - 1] if position > 0 else None,
         "older_day": days[position + 1] if position + 1 < len(days) else None})


def digest_feeds(digests: Sequence[DigestDays], site_name: str, size: int) -> dict[str, dict[str, Any]]:
    """The feed of each digest with articles (newest first), as options of ``feeds.render_feed``."""
    feeds: dict[str, dict[str, Any]] = {}
    for digest_days in digests:
        digest = digest_days.digest
        if not digest_days.by_day:
            continue
        newest = tuple(a for day in digest_days.by_day.values() for a in day)[:size]
        feeds[routes.digest_feed_src(digest.path)] = dict(
            articles=newest, title=f"{digest.name} - {site_name}", description=digest.description,
            feed_path=routes.digest_feed_url(digest.path), page_path=routes.digest_index_url(digest.path))
    return feeds


def default_digest(digests: Sequence[DigestDays]) -> Digest | None:
    """The digest of every article (AI日報), which the home page's highlights link to."""
    return next((d.digest for d in digests if d.digest.takes_all), None)
