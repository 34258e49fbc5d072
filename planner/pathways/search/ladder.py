"""The ladder of jobs, skills aside: the moves between jobs a route to one job may make,
and how long hiring and time in post take to climb from each job to the target
(backwards, :func:`climbing_table` and :class:`Ladder`) and from where the person is to
each job (forwards, :func:`entry_times`). Both are lower bounds for the search.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from planner.pathways.index import NO_ROLE, Index
from planner.pathways.rules import may_move, wait_before
from planner.pathways.search.moves import hire_of
from planner.pathways.search.shortest import least_weeks
from planner.pathways.search.situation import INFINITY, Question

__all__ = [
    "Ladder",
    "Onward",
    "climbing_table",
    "entry_times",
    "make_ladder",
    "moves_into",
    "onward_moves",
    "post_before",
]

#: Per job (and ``NO_ROLE``): the jobs a route may move on to, each with the time in post
#: the move asks for from just starting the job.
Onward = dict[int, list[tuple[int, int]]]


def moves_into(index: Index, target: int) -> dict[int, list[int]]:
    """Per job: the jobs a route to ``target`` may move into it from. Only jobs of its own
    family, or whose experience counts on its ladder, can lead into a job outside the
    target's family; into the target's family, any job may move (sideways or down)."""
    goal = index.roles[target].family
    into: dict[int, list[int]] = {}
    everyone = range(len(index.roles))
    for b, there in enumerate(index.roles):
        if there.family == goal:
            candidates: Iterable[int] = everyone
        else:
            candidates = (*index.by_family[there.family], *index.counts_on[there.route])
        into[b] = [a for a in candidates if may_move(index, a, b, target)]
    return into


def onward_moves(index: Index, into: dict[int, list[int]], reachable: list[int]) -> Onward:
    """The moves among the jobs on some way to the target, forwards, in job order."""
    inside = set(reachable)
    onward: Onward = {a: [] for a in [*reachable, NO_ROLE]}
    for b in reachable:
        onward[NO_ROLE].append((b, 0))
        for a in into[b]:
            if a in inside:
                onward[a].append((b, post_before(index, a, b)))
    return onward


def climbing_table(question: Question, into: dict[int, list[int]]) -> dict[int, int]:
    """Least weeks from just starting each job to starting the target, skills aside:
    back from the target over the moves the rules allow (``into``)."""
    index = question.index
    hire = hire_of(question)
    return least_weeks(
        {question.target: 0},
        lambda b: ((a, post_before(index, a, b) + hire) for a in into[b]),
    )


def post_before(index: Index, a: int, b: int) -> int:
    """Time in post a move from just starting job ``a`` into job ``b`` asks for."""
    return 0 if a == NO_ROLE else wait_before(index, a, b, 0)


def entry_times(question: Question, onward: Onward) -> dict[int, int]:
    """Least weeks from the start to starting each job, skills aside: forward from where the
    person is over the moves the rules allow (time in post, less what is served, and hiring)."""
    hire = hire_of(question)
    start = question.start

    def moves(a: int) -> Iterable[tuple[int, int]]:
        served = start.tenure if a == start.role else 0
        return ((b, max(0, post - served) + hire) for b, post in onward[a])

    times = least_weeks({start.role: 0}, moves)
    times.pop(NO_ROLE, None)
    return times


@dataclass
class Ladder:
    """The climb to one job, skills aside, shared by every question to it: per job, the
    time in post and weeks to the target of each move on (see :meth:`weeks`)."""

    climb: dict[int, list[tuple[int, int]]]
    cache: dict[tuple[int, int], int] = field(default_factory=dict)

    def weeks(self, role: int, tenure: int, target: int) -> int:
        """Hiring and time in post on the fastest climb from a job to the target."""
        if role == target:
            return 0
        key = (role, tenure)
        found = self.cache.get(key)
        if found is None:
            found = min(
                (max(0, post - tenure) + rest for post, rest in self.climb[role]),
                default=INFINITY,
            )
            self.cache[key] = found
        return found


def make_ladder(question: Question, dist: dict[int, int], onward: Onward) -> Ladder:
    """The climb table for the question's job (nothing in it depends on the start)."""
    hire = hire_of(question)
    return Ladder({a: [(post, hire + dist[b]) for b, post in moves] for a, moves in onward.items()})
