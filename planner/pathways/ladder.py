"""The ladder of jobs, skills aside: how long hiring and time in post take to climb from
each job to the target (backwards) and from where the person is to each job (forwards).
"""

from __future__ import annotations

import heapq

from planner.pathways.index import NO_ROLE, Index
from planner.pathways.moves import INFINITY, Question, hire_of
from planner.pathways.rules import may_move, wait_before

__all__ = [
    "climbing_table",
    "entry_times",
    "post_before",
]


def climbing_table(question: Question) -> dict[int, int]:
    """Least weeks from just starting each job to starting the target, skills aside:
    Dijkstra back from the target over the moves the rules allow."""
    index = question.index
    hire = hire_of(question)
    target = question.target
    dist = {target: 0}
    heap = [(0, target)]
    while heap:
        d, b = heapq.heappop(heap)
        if d > dist.get(b, INFINITY):
            continue
        for a in range(len(index.roles)):
            if a == b or not may_move(index, a, b, target):
                continue
            cost = post_before(index, a, b) + hire + d
            if cost < dist.get(a, INFINITY):
                dist[a] = cost
                heapq.heappush(heap, (cost, a))
    return dist


def post_before(index: Index, a: int, b: int) -> int:
    """Time in post a move from just starting job ``a`` into job ``b`` asks for."""
    return 0 if a == NO_ROLE else wait_before(index, a, b, 0)


def entry_times(question: Question, dist: dict[int, int]) -> dict[int, int]:
    """Least weeks from the start to starting each job, skills aside: Dijkstra forward from
    where the person is over the moves the rules allow (time in post and hiring)."""
    index = question.index
    hire = hire_of(question)
    start = question.start
    times: dict[int, int] = {}
    heap: list[tuple[int, int]] = []
    if start.role == NO_ROLE:
        heap = [(hire, b) for b in dist]
    else:
        times[start.role] = 0
        for b in dist:
            if b != start.role and may_move(index, start.role, b, question.target):
                heap.append((max(0, post_before(index, start.role, b) - start.tenure) + hire, b))
    heapq.heapify(heap)
    while heap:
        t, a = heapq.heappop(heap)
        if a in times:
            continue
        times[a] = t
        for b in dist:
            if b not in times and may_move(index, a, b, question.target):
                heapq.heappush(heap, (t + post_before(index, a, b) + hire, b))
    return times
