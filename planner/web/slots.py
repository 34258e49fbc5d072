"""A cap on how many route searches run at once in one process, so cheap requests always have
a thread, and the processor when they need it.

gunicorn gives each worker a few threads (``gunicorn.conf.py``). A route
search holds its thread until it is done (up to its CPU budget), so a burst of
costly questions could hold them all, and ``/healthz``, static files and plan
pages would wait behind them. Here at most ``SEARCH_SLOTS`` searches run at
once, at most ``SEARCH_QUEUE`` more wait (each up to ``SEARCH_WAIT`` seconds)
for a slot, and any other is answered at once with :class:`Busy` (a 503 that
says to try again in a few seconds). Answers the route cache already holds
need no slot. At start, gunicorn's thread count is checked against the two
(see :func:`check_threads`), so one thread in each worker is always free.

The searches run in threads of their own, at a lower priority (a higher
``nice``, which Linux keeps for each thread): on a busy machine the system
gives a cheap request the processor before a search, and the search gives up
Python's lock to it within a few milliseconds. A search's answer never depends
on this: its budget counts its own CPU time, not the clock.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import weakref
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor, wait
from typing import Any, TypeVar

from werkzeug.exceptions import HTTPException

from planner.config import ConfigError

__all__ = ["Busy", "SearchSlots", "check_threads"]

T = TypeVar("T")
#: How much lower a search thread's priority is than the request threads' (``nice``).
SEARCH_NICENESS = 10
#: How long a person is asked to wait before asking again (the ``Retry-After`` header).
RETRY_AFTER_SECONDS = 5


class Busy(HTTPException):
    """Every search slot is taken, and so is every place in the queue for one."""

    code = 503
    description = "Many people are asking for routes just now. Wait a few seconds, then try again."

    def get_headers(self, environ=None, scope=None) -> list[tuple[str, str]]:
        return [*super().get_headers(environ, scope), ("Retry-After", str(RETRY_AFTER_SECONDS))]


def _lower_priority() -> None:
    """Run this thread (a search thread) at a lower priority than the rest of the process."""
    if sys.platform != "linux":
        return  # elsewhere a nice value is the whole process's
    me = threading.get_native_id()
    with contextlib.suppress(OSError):  # not allowed here: searches run at the process's own
        os.setpriority(os.PRIO_PROCESS, me, os.getpriority(os.PRIO_PROCESS, me) + SEARCH_NICENESS)


class SearchSlots:
    """``running`` searches at once in low-priority threads; ``waiting`` more may wait
    ``wait_seconds`` for a turn; any other raises :class:`Busy`."""

    def __init__(self, running: int, waiting: int, wait_seconds: float) -> None:
        self.running, self.waiting, self.wait_seconds = running, waiting, wait_seconds
        self._admitted = threading.BoundedSemaphore(running + waiting)
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        # A forked worker must not inherit the parent's search threads (they are not there).
        forget = weakref.WeakMethod(self._forget_pool)
        os.register_at_fork(after_in_child=lambda: (method := forget()) and method())

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SearchSlots:
        running, waiting = config["SEARCH_SLOTS"], config["SEARCH_QUEUE"]
        wait_seconds = config["SEARCH_WAIT"]
        if not (_whole(running) and running >= 1 and _whole(waiting) and waiting >= 0):
            raise ConfigError(
                "PLANNER_SEARCH_SLOTS must be a whole number of 1 or more, and "
                "PLANNER_SEARCH_QUEUE a whole number of 0 or more."
            )
        if (
            isinstance(wait_seconds, bool)
            or not isinstance(wait_seconds, int | float)
            or not 0 <= wait_seconds <= 30
        ):
            raise ConfigError("PLANNER_SEARCH_WAIT must be a number of seconds from 0 to 30.")
        return cls(running, waiting, float(wait_seconds))

    def _forget_pool(self) -> None:
        self._pool = None
        self._lock = threading.Lock()

    def _executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(
                    self.running, thread_name_prefix="route-search", initializer=_lower_priority
                )
            return self._pool

    def run(self, search: Callable[..., T], *args: Any) -> T:
        """The search's answer, worked out in a search thread; :class:`Busy` if every slot and
        every place in the queue is taken, or no slot came free in ``wait_seconds``."""
        if not self._admitted.acquire(blocking=False):
            raise Busy()
        try:
            future = self._executor().submit(search, *args)
        except BaseException:
            self._admitted.release()
            raise
        future.add_done_callback(lambda _: self._admitted.release())
        done, _ = wait([future], timeout=self.wait_seconds)
        if not done and future.cancel():
            raise Busy()  # it never started: it waited its turn long enough
        return future.result()


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
