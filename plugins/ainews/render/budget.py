"""A time budget and a depth guard for rendering one article body.

Python-Markdown recurses per nesting level and has quadratic inline patterns;
model/bodylimits.py refuses the known shapes at validation, and this is the net
for the rest: each body gets ``BODY_SECONDS`` of wall time and Python's recursion
limit, and a body past either becomes a `path: body: ...` problem instead of a
hung build or a RecursionError traceback.

The timer is a SIGALRM, which only the main thread of a process receives: bodies
are rendered in worker processes (always, when the caller is not a main thread,
as under `mkdocs serve`), or in the main thread of `mkdocs build`.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from ..model.article import Problem
from ..model.messages import msg

BODY_SECONDS = 5.0
# Plus this per character, so a long but ordinary body (10 MB: about 200 s) is never cut short.
SECONDS_PER_CHARACTER = 1 / 50_000


def body_seconds(text: str) -> float:
    """The budget for rendering ``text``: a few seconds, more for a long body."""
    return BODY_SECONDS + len(text) * SECONDS_PER_CHARACTER


class BudgetExceeded(Exception):
    """Rendering one body took longer than its budget."""


@dataclass(frozen=True)
class BodyFailure:
    """A body that could not be rendered within its budget; travels back from workers."""

    part: str      # "body" (the translation) or "original"
    reason: str    # "time" or "depth"
    seconds: float = 0.0   # the budget it went past


def can_time() -> bool:
    """True where a timer signal can interrupt rendering (the main thread of a process)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None = None) -> Iterator[None]:
    """Raise ``BudgetExceeded`` inside the block once ``seconds`` (default ``BODY_SECONDS``) have
    passed, where ``can_time()``."""
    if not can_time():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise BudgetExceeded()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, BODY_SECONDS if seconds is None else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def failure_problem(path: str, failure: BodyFailure) -> Problem:
    """The one-line problem for a body that failed its budget."""
    field = "body" if failure.part == "body" else "body (original)"
    if failure.reason == "depth":
        return Problem(path, field, msg("is nested too deeply to render; flatten its lists, quotes or HTML blocks"))
    return Problem(path, field, msg("took more than {seconds} seconds to render; simplify its markup",
                                    seconds=f"{failure.seconds:.3g}"))
