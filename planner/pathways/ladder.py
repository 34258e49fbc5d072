"""The ladder of jobs, skills aside: how long hiring and time in post take to climb from
each job to the target (backwards) and from where the person is to each job (forwards).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable

from planner.pathways.index import NO_ROLE, Index
from planner.pathways.moves import INFINITY, Question, hire_of
from planner.pathways.rules import may_move, wait_before

__all__ = [
    "Onward",
    "climbing_table",
    "entry_times",
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
    Dijkstra back from the target over the moves the rules allow (``into``)."""
    index = question.index
    hire = hire_of(question)
    target = question.target
    dist = {target: 0}
    heap = [(0, target)]
    while heap:
        d, b = heapq.heappop(heap)
        if d > dist.get(b, INFINITY):
            continue
        for a in into[b]:
            cost = post_before(index, a, b) + hire + d
            if cost < dist.get(a, INFINITY):
                dist[a] = cost
                heapq.heappush(heap, (cost, a))
    return dist


def post_before(index: Index, a: int, b: int) -> int:
    """Time in post a move from just starting job ``a`` into job ``b`` asks for."""
    return 0 if a == NO_ROLE else wait_before(index, a, b, 0)


def entry_times(question: Question, onward: Onward) -> dict[int, int]:
    """Least weeks from the start to starting each job, skills aside: Dijkstra forward from
    where the person is over the moves the rules allow (time in post and hiring)."""
    hire = hire_of(question)
    start = question.start
    times: dict[int, int] = {}
    if start.role != NO_ROLE:
        times[start.role] = 0
    heap = [
        (max(0, post - start.tenure) + hire, b) for b, post in onward[start.role] if b != start.role
    ]
    heapq.heapify(heap)
    while heap:
        t, a = heapq.heappop(heap)
        if a in times:
            continue
        times[a] = t
        for b, post in onward[a]:
            if b not in times:
                heapq.heappush(heap, (t + post + hire, b))
    return times
