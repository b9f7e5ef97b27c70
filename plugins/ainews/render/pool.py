"""One worker-pool helper: run a batch function over items in worker processes when that pays.

Article bodies and share cards both hand a list of independent jobs to
`map_batches`. The work function and its initializer must be module-level
functions taking picklable arguments, so the pool works with every start method:
`fork` where it is safe and fast (Linux: workers start in milliseconds and
inherit the imported modules), otherwise the platform's default (`spawn` on
macOS and Windows, where workers import the package again). The environment
variable ``AINEWS_START_METHOD`` (or an explicit
``multiprocessing.set_start_method``) forces one, so the suite can be run as a
Mac or Windows machine would run it.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.context import BaseContext
from typing import Any, Callable, Generic, Iterator, Sequence, TypeVar

from .lifetime import die_with_parent

T = TypeVar("T")
R = TypeVar("R")

START_METHOD_ENV = "AINEWS_START_METHOD"
# Each worker gets about this many batches, so the last batch leaves the other workers idle only briefly.
BATCHES_PER_WORKER = 12


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """``items`` in consecutive slices of ``size`` (the last one may be shorter)."""
    size = max(1, size)
    for start in range(0, len(items), size):
        yield items[start:start + size]


def start_method() -> str:
    """The start method pools use: forced by the environment or the program, else fork on Linux."""
    forced = os.environ.get(START_METHOD_ENV) or multiprocessing.get_start_method(allow_none=True)
    if forced:
        return forced
    # fork is the fastest, but only Linux has it safely: macOS' system libraries are not
    # fork-safe (Python defaults to spawn there) and Windows has no fork at all.
    return "fork" if sys.platform.startswith("linux") else multiprocessing.get_context().get_start_method()


def _context() -> BaseContext:
    return multiprocessing.get_context(start_method())


def _start_worker(parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    # A build killed with kill -9 runs no clean-up: the worker must notice by itself (render/lifetime.py).
    die_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


class Batches(Generic[R]):
    """Batches handed to a pool (`start_batches`): ``result()`` waits for them."""

    def __init__(self, pool: ProcessPoolExecutor | None, futures: list[Future[Sequence[R]]],
                 done: list[R] | None = None) -> None:
        self.pool, self.futures, self.done = pool, futures, done or []

    def result(self) -> list[R]:
        """Every result in the order of the items (a worker's exception is raised here)."""
        if self.pool is None:
            return self.done
        try:
            return [result for future in self.futures for result in future.result()]
        finally:
            self.cancel()

    def cancel(self) -> None:
        """Drop the batches not yet started and let the pool go (a failed build)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def start_batches(work: Callable[[Sequence[T]], Sequence[R]], items: Sequence[T], workers: int, *,
                  min_items: int = 2, batch_size: int | None = None,
                  initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()) -> Batches[R]:
    """`map_batches` without waiting: the workers run while the caller goes on (with too few
    items or one worker, the work is done here and now)."""
    if workers <= 1 or len(items) < max(1, min_items):
        if initializer is not None:
            initializer(*initargs)
        return Batches(None, [], list(work(items)))
    size = batch_size or math.ceil(len(items) / (workers * BATCHES_PER_WORKER))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_start_worker,
                               initargs=(os.getpid(), initializer, initargs))
    return Batches(pool, [pool.submit(work, chunk) for chunk in chunks(items, size)])


def map_batches(work: Callable[[Sequence[T]], Sequence[R]], items: Sequence[T], workers: int, *,
                min_items: int = 2, batch_size: int | None = None,
                initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()) -> list[R]:
    """``work`` applied to ``items`` batch by batch; the results in the order of ``items``.

    ``work`` takes a batch and returns one result per item. With one worker, or fewer than
    ``min_items`` items (starting processes would cost more than it saves), everything runs
    here, after ``initializer(*initargs)``; otherwise each worker process runs the initializer
    once and then batches of ``batch_size`` items (by default enough for a few batches a worker).
    """
    return start_batches(work, items, workers, min_items=min_items, batch_size=batch_size,
                         initializer=initializer, initargs=initargs).result()
