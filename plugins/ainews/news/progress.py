"""Progress of a build, phase by phase, in MkDocs' log style.

Each phase (read and validate, bodies, pages, feeds, share cards, search
index, swap) logs one INFO line when it ends, with its count and seconds, like
MkDocs' own "Documentation built in 1.23 seconds". A phase still running after
``INTERVAL`` seconds logs a line every ``INTERVAL`` seconds from a timer thread,
with how far it got when it counts its items, so a long build never goes quiet.
A preview rebuild logs the end of a phase at DEBUG unless the phase was long:
the preview already says "Building documentation..." on every save.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from ..model.messages import Msg, msg

INTERVAL = 5.0

PHASES: dict[str, Callable[[], Msg]] = {
    "read": lambda: msg("read and validate"),
    "bodies": lambda: msg("article bodies"),
    "pages": lambda: msg("pages"),
    "feeds": lambda: msg("feeds"),
    "cards": lambda: msg("share cards"),
    "search": lambda: msg("search index"),
    "swap": lambda: msg("swap in the new site"),
}


class Phase:
    """One running phase: ``advance()`` as items finish, ``finish()`` once at the end."""

    def __init__(self, log: logging.Logger | logging.LoggerAdapter, name: str, total: int | None,
                 quiet: bool, interval: float) -> None:
        self.log, self.name, self.total, self.quiet = log, name, total, quiet
        self.done = 0
        self.started = time.perf_counter()
        self._stop = threading.Event()
        self._ticker = threading.Thread(target=self._tick, args=(interval,), daemon=True)
        self._ticker.start()

    def advance(self, count: int = 1) -> None:
        self.done += count

    def _seconds(self) -> float:
        return time.perf_counter() - self.started

    def _tick(self, interval: float) -> None:
        while not self._stop.wait(interval):
            label = PHASES[self.name]()
            if self.total:
                self.log.info(msg("{phase}: {done} of {total} so far ({seconds:.0f} s)", phase=label,
                                  done=self.done, total=self.total, seconds=self._seconds()))
            else:
                self.log.info(msg("{phase}: still working ({seconds:.0f} s)", phase=label,
                                  seconds=self._seconds()))

    def finish(self, count: int | None = None, unit: Callable[[int], Msg] | None = None) -> float:
        """Stop the timer and log ``phase: N things in S s``; returns the seconds."""
        self._stop.set()
        self._ticker.join()
        seconds = self._seconds()
        count = self.done if count is None else count
        shown = unit(count) if unit is not None else count
        level = logging.DEBUG if self.quiet and seconds < INTERVAL else logging.INFO
        self.log.log(level, msg("{phase}: {count} in {seconds:.1f} s", phase=PHASES[self.name](),
                                count=shown, seconds=seconds))
        return seconds


class Progress:
    """Starts phases for one build; ``preview`` makes short phases log at DEBUG."""

    def __init__(self, log: logging.Logger | logging.LoggerAdapter, preview: bool = False,
                 interval: float = INTERVAL) -> None:
        self.log, self.preview, self.interval = log, preview, interval

    def start(self, name: str, total: int | None = None) -> Phase:
        return Phase(self.log, name, total, self.preview, self.interval)


def articles(count: int) -> Msg:
    return msg("{count} articles", count=count)


def pages(count: int) -> Msg:
    return msg("{count} pages", count=count)


def files(count: int) -> Msg:
    return msg("{count} files", count=count)
