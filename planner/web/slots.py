"""A cap on how many route searches run at once in one process, so cheap requests always have
a thread.

gunicorn gives each worker a few threads (``gunicorn.conf.py``). A route
search holds its thread until it is done (up to its CPU budget), so a burst of
costly questions could hold them all, and ``/healthz``, static files and plan
pages would wait behind them. Here at most ``SEARCH_SLOTS`` searches run at
once, at most ``SEARCH_QUEUE`` more wait (each up to ``SEARCH_WAIT`` seconds)
for a slot, and any other is answered at once with :class:`Busy` (a 503 that
says to try again in a few seconds). Answers the route cache already holds
need no slot. At start, gunicorn's thread count is checked against the two
(see :func:`check_threads`), so one thread in each worker is always free.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from werkzeug.exceptions import HTTPException

from planner.config import ConfigError

__all__ = ["Busy", "SearchSlots", "check_threads"]
#: How long a person is asked to wait before asking again (the ``Retry-After`` header).
RETRY_AFTER_SECONDS = 5


class Busy(HTTPException):
    """Every search slot is taken, and so is every place in the queue for one."""

    code = 503
    description = "Many people are asking for routes just now. Wait a few seconds, then try again."

    def get_headers(self, environ=None, scope=None) -> list[tuple[str, str]]:
        return [*super().get_headers(environ, scope), ("Retry-After", str(RETRY_AFTER_SECONDS))]


class SearchSlots:
    """``running`` searches at once; ``waiting`` more may wait ``wait_seconds`` for a turn."""

    def __init__(self, running: int, waiting: int, wait_seconds: float) -> None:
        self.running, self.waiting, self.wait_seconds = running, waiting, wait_seconds
        self._free = threading.BoundedSemaphore(running)
        self._lock = threading.Lock()
        self._queued = 0

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SearchSlots:
        running, waiting = config["SEARCH_SLOTS"], config["SEARCH_QUEUE"]
        wait = config["SEARCH_WAIT"]
        if not (_whole(running) and running >= 1 and _whole(waiting) and waiting >= 0):
            raise ConfigError(
                "PLANNER_SEARCH_SLOTS must be a whole number of 1 or more, and "
                "PLANNER_SEARCH_QUEUE a whole number of 0 or more."
            )
        if isinstance(wait, bool) or not isinstance(wait, int | float) or not 0 <= wait <= 30:
            raise ConfigError("PLANNER_SEARCH_WAIT must be a number of seconds from 0 to 30.")
        return cls(running, waiting, float(wait))

    def _wait_for_one(self) -> bool:
        with self._lock:
            if self._queued >= self.waiting:
                return False
            self._queued += 1
        try:
            return self._free.acquire(timeout=self.wait_seconds)
        finally:
            with self._lock:
                self._queued -= 1

    @contextmanager
    def taken(self) -> Iterator[None]:
        """Hold a slot while the block runs; raise :class:`Busy` if none can be had."""
        if not self._free.acquire(blocking=False) and not self._wait_for_one():
            raise Busy()
        try:
            yield
        finally:
            self._free.release()


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_threads(config: Mapping[str, Any], threads: int) -> str | None:
    """Why gunicorn's threads are too few for the slots and the queue, or ``None``.

    >>> check_threads({"SEARCH_SLOTS": 2, "SEARCH_QUEUE": 1}, 4) is None
    True
    >>> check_threads({"SEARCH_SLOTS": 2, "SEARCH_QUEUE": 1}, 3).split(", and")[0]
    'Each gunicorn worker has 3 threads, but 2 route searches may run and 1 wait'
    """
    held = config["SEARCH_SLOTS"] + config["SEARCH_QUEUE"]
    if threads > held:
        return None
    return (
        f"Each gunicorn worker has {threads} threads, but {config['SEARCH_SLOTS']} route searches "
        f"may run and {config['SEARCH_QUEUE']} wait, and one thread must stay free for everything "
        f"else. Give gunicorn at least {held + 1} threads (--threads), or lower "
        "PLANNER_SEARCH_SLOTS or PLANNER_SEARCH_QUEUE."
    )
