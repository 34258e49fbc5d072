"""What the search is about: a *situation* (where a person is on the way), the *question*
it is asked, the *moves* a route is made of, and what it finds.

A situation is the job a person is in (or none), what they hold, and how long they have
been in that job and in the NHS. A move is a course, apprenticeship, way in or spell of
experience (``("act", action)``), two courses side by side (``("pair", a, b)``) or a move
into a job (``("role", job)``); :mod:`planner.pathways.search.moves` says what each does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from planner.pathways.index import NO_ROLE, Index
from planner.pathways.starting_point import Start

__all__ = [
    "INFINITY",
    "Found",
    "Move",
    "Question",
    "Situation",
    "place_key",
    "start_situation",
]

#: More weeks than any route: "never".
INFINITY = 10**9

#: ``("act", action)``, ``("pair", action, action)`` or ``("role", job)``, by position in
#: the index. Plain tuples: a search makes hundreds of thousands of them.
Move = tuple


class Situation(NamedTuple):
    """Where a person is, as the search sees it: their job (or ``NO_ROLE``), what they hold,
    and the weeks they have been in that job and in the NHS (capped where more cannot count).
    A named tuple: the search makes hundreds of thousands of them."""

    role: int
    held: int
    tenure: int = 0
    nhs: int = 0


def start_situation(index: Index, start: Start) -> Situation:
    """The search's first situation: experience the time already served has earned is held."""
    role = NO_ROLE if start.role_pos is None else start.role_pos
    held = start.held
    for action in index.actions:
        if not action.is_experience or action.where is None:
            continue
        served = start.nhs if action.nhs_service else start.tenure
        if role in action.where and role != NO_ROLE and served >= action.weeks:
            held |= action.grants
    held = index.close(held)
    return Situation(role, held, min(index.tenure_cap, start.tenure), min(index.nhs_cap, start.nhs))


@dataclass(frozen=True)
class Question:
    """What a search is asked: from where, to which job, from which day, for whom.

    ``conditions`` are what the person told us about themselves that some ways in and
    some funding ask for (for example ``under-22``); ``banned`` holds action ids and
    ``place:<route>:<band rank>`` keys that alternatives must avoid. ``durations`` is
    ``typical``, or ``min`` for the least time sources give (the low end of a route's range).
    """

    index: Index
    start: Situation
    target: int
    on: date | None = None
    conditions: frozenset[str] = frozenset()
    banned: frozenset[str] = frozenset()
    durations: str = "typical"


@dataclass(frozen=True)
class Found:
    """A route as the search found it: its weeks, how many moves, and the moves."""

    weeks: int
    steps: int
    moves: tuple[Move, ...]


def place_key(index: Index, role: int) -> str:
    """The ladder and band of a job: alternatives that only swap one such job are not new."""
    entry = index.roles[role]
    return f"place:{entry.route}:{entry.low}"
