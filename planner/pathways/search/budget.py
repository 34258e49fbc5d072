"""How much work one question may do (:class:`Limits`) and one search's share of it
(:class:`Budget`). Past it, :class:`OverBudget` is raised and the caller decides what to do.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

__all__ = ["Budget", "Limits", "OverBudget"]


class OverBudget(Exception):
    """A search looked at more possibilities than it was allowed to."""


@dataclass(frozen=True)
class Limits:
    """How much work one question may do: at most ``seconds`` of CPU in all. The exact
    search has the first share; if it runs out, greedier searches (each finds a route at
    most ``weight`` times the fastest) share the rest, and the route is labelled a best
    effort. Tests pass small counts to make the budget bite."""

    expansions: int = 25_000
    seconds: float = 0.3
    exact_share: float = 0.5
    fallback_weights: tuple[float, ...] = (1.5, 3.0)
    fallback_expansions: int = 8_000
    #: Each alternative search, and how many bans are tried to find alternatives.
    alternative_expansions: int = 4_000
    alternative_tries: int = 6
    #: Alternatives together may take this many times the CPU the best route took (but at
    #: least ``alternative_seconds``): a person waits for the best route, not for a third.
    alternative_factor: float = 3.0
    alternative_seconds: float = 0.05


@dataclass
class Budget:
    """How much work a search may do: a count of situations looked at, and a deadline in
    this thread's CPU time (``time.thread_time``)."""

    expansions: int = 25_000
    deadline: float | None = None
    used: int = 0

    def spend(self) -> None:
        self.used += 1
        if self.used > self.expansions:
            raise OverBudget
        # Checked at every situation: on a large catalogue one can take milliseconds.
        if self.deadline is not None and time.thread_time() > self.deadline:
            raise OverBudget
