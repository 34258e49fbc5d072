"""The one shortest-path helper the tables behind the lower bounds share.

networkx's Dijkstra starts every source at zero on a graph it holds; these tables start
sources at different weeks (the time to gain a skill in each job), leave some jobs out
(one that asks for the skill cannot be on the way to gaining it) and read their moves from
tables every question to a job already shares, so copying them into a graph per question
would cost more than the search. The graph-shaped work that fits networkx as it is (the
jobs that can reach each other, in :mod:`planner.pathways.search.pruning`) uses networkx.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Iterable, Mapping

from planner.pathways.search.situation import INFINITY

__all__ = ["least_weeks"]


def least_weeks(
    starts: Mapping[int, int],
    moves: Callable[[int], Iterable[tuple[int, int]]],
    blocked: Collection[int] = (),
) -> dict[int, int]:
    """Dijkstra over jobs (by position): the least weeks to each from ``starts`` (job: the
    week it starts at), following ``moves(job)`` (each ``(next job, weeks)``), never
    through ``blocked``.

    >>> least_weeks({0: 0}, {0: [(1, 5), (2, 9)], 1: [(2, 1)], 2: []}.get)
    {0: 0, 1: 5, 2: 6}
    """
    best = {node: weeks for node, weeks in starts.items() if node not in blocked}
    heap = [(weeks, node) for node, weeks in best.items()]
    heapq.heapify(heap)
    while heap:
        weeks, node = heapq.heappop(heap)
        if weeks > best[node]:
            continue
        for after, cost in moves(node):
            total = weeks + cost
            if total < best.get(after, INFINITY) and after not in blocked:
                best[after] = total
                heapq.heappush(heap, (total, after))
    return best
