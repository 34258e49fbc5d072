"""How much work one question may do (:class:`Limits`) and one search's share of it
(:class:`Budget`). Past it, :class:`OverBudget` is raised and the caller decides what to do.

Work is counted, not timed: a search may expand so many situations, so the same question
gets the same route on a quiet machine, a busy one and a slow one. CPU time is only a last
safety net, set far above what any question takes on a normal machine, so that a machine
in trouble still answers; when it is what stops a search, the log says so.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

__all__ = ["Budget", "Limits", "OverBudget"]


class OverBudget(Exception):
    """A search looked at more possibilities than it was allowed to."""


@dataclass(frozen=True)
class Limits:
    """How much work one question may do, in situations expanded.

    The exact search may expand ``expansions``; if it runs out, greedier searches (each
    finds a route at most ``weight`` times the fastest) may expand ``fallback_expansions``
    each, and the route is labelled a best effort. Alternatives together may expand
    ``alternative_share`` times what the best route took (but at least
    ``alternative_floor``), each at most ``alternative_expansions``: a person waits for
    the best route, not for a third. Tests pass small counts to make the budget bite.
    """

    expansions: int = 25_000
    fallback_weights: tuple[float, ...] = (1.5, 3.0)
    fallback_expansions: int = 8_000
    alternative_expansions: int = 4_000
    alternative_share: float = 1.0
    alternative_floor: int = 1_000
    #: How many bans are tried to find alternatives.
    alternative_tries: int = 6
    #: The safety net: CPU seconds (this thread's) for the whole question. Far above what
    #: the counts above take on a normal machine, so it never changes an answer there.
    seconds: float = 10.0


@dataclass
class Budget:
    """How much work a search may do: a count of situations expanded, and the question's
    safety net, a deadline in this thread's CPU time (``time.thread_time``)."""

    expansions: int = 25_000
    deadline: float | None = None
    used: int = 0
    #: Whether the safety net, not the count, stopped the search.
    timed_out: bool = False

    @property
    def left(self) -> int:
        return max(0, self.expansions - self.used)

    def spend(self) -> None:
        self.used += 1
        if self.used > self.expansions:
            raise OverBudget
        # The clock is a system call (several microseconds): it is read at the first
        # situation and every 8th after.
        if self.deadline is not None and self.used & 7 == 1 and time.thread_time() > self.deadline:
            self.timed_out = True
            raise OverBudget
