"""Splitting a listing into numbered pages: how many there are, and what each page shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from ..model.article import Article


def page_count(items: int, per_page: int) -> int:
    """Pages needed for ``items`` at ``per_page`` each; an empty listing still has its first page."""
    return max(1, -(-items // max(1, per_page)))


@dataclass(frozen=True)
class Pagination:
    """One page of a paginated listing, with the URLs of its neighbours."""

    items: tuple[Article, ...]
    number: int
    count: int
    urls: tuple[str, ...]        # URL of every page, first page first

    @property
    def previous_url(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.urls[self.number] if self.number < self.count else None


def paginate(items: Sequence[Article], per_page: int, url_of: Callable[[int], str],
             src_of: Callable[[int], str]) -> list[tuple[str, Pagination]]:
    """Split ``items`` into pages: ``(source path, Pagination)`` for each, first page first."""
    per_page = max(1, per_page)
    count = page_count(len(items), per_page)
    urls = tuple(url_of(n) for n in range(1, count + 1))
    return [(src_of(n), Pagination(tuple(items[(n - 1) * per_page:n * per_page]), n, count, urls))
            for n in range(1, count + 1)]
