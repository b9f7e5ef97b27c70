"""Write the planned cards into the site, drawing only those the cache does not hold. No MkDocs here.

A card's cache key hashes everything that decides its pixels: the `CardSpec`,
the font files (path, face, size, change time), the source of the drawing
modules and Pillow's version, so a changed layout rule redraws every card. A
card whose key is in the cache folder is copied, not drawn. Cold builds draw
the missing cards in a process pool when there are enough of them to pay for
starting it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
import uuid
from dataclasses import asdict, dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Iterable, Sequence

import PIL

from ..render.lifetime import remove_dead_files
from ..render.pool import Batches, start_batches
from . import draw as draw_module
from . import fonts as fonts_module
from . import palette as palette_module
from . import wrap as wrap_module
from .draw import CardSpec
from .fonts import FontSet
from .palette import card_png
from .plan import Card

RENDERER_VERSION = "1"          # bump to redraw every card for a reason the fingerprint cannot see
# Below this many cards to draw, a pool costs more than it saves (see docs/cards.md).
POOL_MIN_CARDS = 64
BATCH = 16


@lru_cache(maxsize=1)
def renderer_fingerprint() -> str:
    """The drawing code itself and Pillow's version: editing a layout rule invalidates every card."""
    digest = hashlib.sha256(f"{RENDERER_VERSION}\0{PIL.__version__}".encode())
    for module in (draw_module, fonts_module, palette_module, wrap_module):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class WriteStats:
    cards: int
    drawn: int
    seconds: float


def card_key(spec: CardSpec, font_identity: object) -> str:
    """The content address of a card: equal keys draw equal PNGs."""
    payload = json.dumps([RENDERER_VERSION, renderer_fingerprint(), font_identity, asdict(spec)], ensure_ascii=False,
                         sort_keys=True, default=list)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


_CARD_FILE = re.compile(r"[0-9a-f]{64}\.png")


class CardCache:
    """PNG files named by their key in ``folder`` (``ab/abcdef….png``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.png"

    def has(self, key: str) -> bool:
        return self.path(key).is_file()

    def prune(self, used: set[Path]) -> int:
        """Remove the cards a full build did not use (a title edited, a renderer changed: without
        this the folder, kept between CI runs, only grows) and the half-written files of killed
        builds; how many cards."""
        remove_dead_files(self.folder, "*/.*.tmp")
        removed = 0
        try:
            stored = list(self.folder.glob("*/*.png"))
        except OSError:
            return removed
        for path in stored:
            # Only files named as this cache names them: a folder set to hold images of its
            # own keeps them.
            if path not in used and _CARD_FILE.fullmatch(path.name) and path.name[:2] == path.parent.name:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


def _write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file and a rename, so a parallel build never reads half a card.

    The file is opened normally (not with mkstemp, which makes it 0600): cards are hard-linked
    into the published site and must keep the umask's ordinary permissions.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    try:
        with open(temporary, "xb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _draw_batch(jobs: Sequence[tuple[CardSpec, str]], fonts: FontSet) -> list[str]:
    for spec, target in jobs:
        _write_atomic(Path(target), card_png(spec, fonts))
    return [target for _spec, target in jobs]


def draw_cards(jobs: list[tuple[CardSpec, str]], fonts: FontSet, workers: int) -> Batches[str]:
    """Start drawing each ``(spec, target path)``, in a pool of ``workers`` processes when that
    pays; ``result()`` on the answer waits for them."""
    return start_batches(partial(_draw_batch, fonts=fonts), jobs, workers, min_items=POOL_MIN_CARDS,
                         batch_size=BATCH)


def _place(cached: Path, target: Path, spec: CardSpec, fonts: FontSet) -> None:
    """Hard-link the cached card into the site (no bytes copied); copy it across file systems;
    draw it when another build's prune took it from the cache meanwhile."""
    target.unlink(missing_ok=True)
    try:
        os.link(cached, target)
    except FileNotFoundError:
        _write_atomic(target, card_png(spec, fonts))
    except OSError:
        try:
            shutil.copyfile(cached, target)
        except FileNotFoundError:
            _write_atomic(target, card_png(spec, fonts))


class PendingCards:
    """Cards being drawn (`start_cards`): ``finish()`` waits for them and puts them in the site."""

    def __init__(self, drawing: Batches[str], placing: list[tuple[Path, Path, CardSpec]], cards: int, drawn: int,
                 started: float, fonts: FontSet, prune: CardCache | None = None) -> None:
        self.drawing, self.placing, self.started, self.fonts = drawing, placing, started, fonts
        self.cards, self.drawn = cards, drawn
        self.prune = prune

    def finish(self) -> WriteStats:
        self.drawing.result()
        folders: set[Path] = set()
        for cached, target, spec in self.placing:
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            _place(cached, target, spec, self.fonts)
        if self.prune is not None:
            self.prune.prune({cached for cached, _target, _spec in self.placing})
        return WriteStats(self.cards, self.drawn, time.perf_counter() - self.started)

    def cancel(self) -> None:
        """Stop drawing (a failed build): the cards drawn so far stay in the cache."""
        self.drawing.cancel()


def start_cards(cards: Iterable[Card], site_dir: Path, fonts: FontSet, cache: CardCache | None,
                workers: int = 1, every_card: bool = False) -> PendingCards:
    """Start putting every card at ``site_dir / card.path``: copied from ``cache`` when held
    there, else drawn (in worker processes that run while the build goes on). With
    ``every_card`` (these are all the site's cards), the cache then keeps only these."""
    started = time.perf_counter()
    cards = list(cards)
    if cache is None:
        drawing = draw_cards([(card.spec, str(site_dir / card.path)) for card in cards], fonts, workers)
        return PendingCards(drawing, [], len(cards), len(cards), started, fonts)
    identity = fonts.identity()
    keys = [card_key(card.spec, identity) for card in cards]
    missing: dict[str, CardSpec] = {}
    for card, key in zip(cards, keys):
        if key not in missing and not cache.has(key):
            missing[key] = card.spec
    drawing = draw_cards([(spec, str(cache.path(key))) for key, spec in missing.items()], fonts, workers)
    return PendingCards(drawing, [(cache.path(key), site_dir / card.path, card.spec) for card, key in zip(cards, keys)],
                        len(cards), len(missing), started, fonts, prune=cache if every_card else None)


def write_cards(cards: Iterable[Card], site_dir: Path, fonts: FontSet, cache: CardCache | None,
                workers: int = 1, every_card: bool = False) -> WriteStats:
    """Put every card at ``site_dir / card.path``: copied from ``cache`` when held there, else drawn."""
    return start_cards(cards, site_dir, fonts, cache, workers, every_card).finish()
