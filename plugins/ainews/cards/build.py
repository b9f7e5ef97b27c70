"""`ShareCards`: the share cards of one site, as the news plugin drives them. No MkDocs here.

The plugin finds the fonts when it reads its configuration (so a missing font
stops the build before MkDocs empties the site folder), plans the cards once
the site index exists, hands each page its `CardMeta`, and writes the files
after the pages are built.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from ..index.digests import DigestDays
from ..index.site import SiteIndex
from .fonts import FontError, FontSet, find_fonts
from .plan import CardMeta, CardPlan, plan_cards
from .store import CardCache, PendingCards, WriteStats, start_cards, write_cards


@lru_cache(maxsize=4)
def _fonts(configured: str | None, base: Path) -> FontSet | FontError:
    # `mkdocs serve` reads the configuration on every rebuild: look the font up once, found or not.
    try:
        return find_fonts(configured, base)
    except FontError as error:
        return error


class ShareCards:
    def __init__(self, fonts: FontSet, cache: CardCache | None, workers: int) -> None:
        self.fonts = fonts
        self.cache = cache
        self.workers = workers
        self.plan = CardPlan()
        self.site_url: str | None = None
        self.site_name: str | None = None
        self.pending: PendingCards | None = None   # cards being drawn since `start`

    @classmethod
    def configure(cls, font: str | None, cache_dir: str | None, base: Path,
                  workers: int | None = None) -> ShareCards:
        """Find the fonts (raises `FontError`); paths are relative to ``base``, the mkdocs.yml folder."""
        cache = CardCache(base / cache_dir) if cache_dir else None
        fonts = _fonts(font or None, base)
        if isinstance(fonts, FontError):
            raise fonts
        return cls(fonts, cache, workers or os.cpu_count() or 1)

    def make_plan(self, index: SiteIndex, site_name: str, site_description: str | None, site_url: str | None,
                  per_page: int, drafts: bool, digests: Sequence[DigestDays] | None = None) -> None:
        # The earlier plan lends its article cards only while the site name is the same.
        earlier = self.plan if self.plan.cards and site_name == self.site_name else None
        self.plan = plan_cards(index, site_name, site_description, per_page, drafts, digests, earlier=earlier)
        self.site_name = site_name
        self.site_url = site_url or None

    def meta_for(self, src_uri: str) -> CardMeta | None:
        """The `og:image` of a page; None without a site_url, since social sites need absolute URLs."""
        card = self.plan.for_page(src_uri)
        if card is None or not self.site_url:
            return None
        return CardMeta(url=card.url(self.site_url), alt=card.alt)

    def start(self, site_dir: str | Path) -> None:
        """Start drawing every planned card in worker processes; `write` then waits for them."""
        self.cancel()
        self.pending = start_cards(self.plan.cards.values(), Path(site_dir), self.fonts, self.cache, self.workers,
                                   every_card=True)

    def cancel(self) -> None:
        """Stop the drawing `start` began (a failed build)."""
        if self.pending is not None:
            self.pending.cancel()
            self.pending = None

    def write(self, site_dir: str | Path, since: CardPlan | None = None) -> WriteStats:
        """Write the planned cards (finish what `start` began); with ``since`` (an earlier plan written to the same folder),
        only the cards that are new or show something else, and remove the ones no longer planned."""
        cards = self.plan.cards
        if since is None and self.pending is not None:
            pending, self.pending = self.pending, None
            return pending.finish()
        if since is None:
            return write_cards(cards.values(), Path(site_dir), self.fonts, self.cache, self.workers, every_card=True)
        for path in since.cards.keys() - cards.keys():
            (Path(site_dir) / path).unlink(missing_ok=True)
        changed = [card for path, card in cards.items() if since.cards.get(path) is not card and since.cards.get(path) != card]
        return write_cards(changed, Path(site_dir), self.fonts, self.cache, self.workers)
