"""Tag trends over the last weeks: counts per ISO week and the change between the last two."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.dates import iso_week, week_days
from .site import SiteIndex


@dataclass(frozen=True)
class TagTrend:
    slug: str
    name: str
    counts: tuple[int, ...]      # one per week, oldest first

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def change(self) -> int:
        """Last week minus the week before: what rose (+) and fell (-)."""
        return self.counts[-1] - self.counts[-2] if len(self.counts) > 1 else self.counts[-1]


@dataclass(frozen=True)
class Trends:
    weeks: tuple[str, ...]       # ISO week labels, oldest first
    tags: tuple[TagTrend, ...]   # the busiest tags of the window, busiest first

    @property
    def first_day(self) -> dt.date:
        """Monday of the first week shown."""
        return week_days(self.weeks[0])[0]

    @property
    def last_day(self) -> dt.date:
        """Sunday of the last week shown."""
        return week_days(self.weeks[-1])[1]

    @property
    def rising(self) -> list[TagTrend]:
        return sorted((t for t in self.tags if t.change > 0), key=lambda t: (-t.change, t.name))

    @property
    def falling(self) -> list[TagTrend]:
        return sorted((t for t in self.tags if t.change < 0), key=lambda t: (t.change, t.name))


def build_trends(index: SiteIndex, weeks: int = 8, top: int = 8) -> Trends:
    """Counts of the ``top`` busiest tags over the ``weeks`` ISO weeks up to the newest article."""
    if not index.articles:
        return Trends(weeks=(), tags=())
    newest_monday, _ = week_days(iso_week(index.articles[0].day))
    oldest_monday, _ = week_days(iso_week(index.articles[-1].day))
    # A young site shows only the weeks it has, not a run of empty weeks.
    weeks = max(1, min(weeks, (newest_monday - oldest_monday).days // 7 + 1))
    labels = tuple(iso_week(newest_monday - dt.timedelta(weeks=back)) for back in range(weeks - 1, -1, -1))
    position = {label: i for i, label in enumerate(labels)}
    counts: dict[str, list[int]] = {}
    for label in labels:
        for article in index.by_week.get(label, ()):
            for tag in article.tags:
                counts.setdefault(tag.slug, [0] * weeks)[position[label]] += 1
    trends = [TagTrend(slug, index.tags[slug].name, tuple(row)) for slug, row in counts.items()]
    trends.sort(key=lambda t: (-t.total, t.name))
    return Trends(weeks=labels, tags=tuple(trends[:top]))
