"""The one route search: A* forwards over a person's situation, exact under the model.

The cost of a route is its weeks; among routes as fast, steps that are not needed are
taken out afterwards (:mod:`planner.pathways.search.tidy`). The moves looked at come from
:mod:`planner.pathways.search.pruning` and the lower bounds from
:mod:`planner.pathways.search.bounds`. A situation that holds no more, has been in its job
and in the NHS no longer, and got there no sooner than one already settled is passed over.
Every search has a budget (:mod:`planner.pathways.search.budget`).
"""

from __future__ import annotations

import heapq
from dataclasses import replace
from typing import NamedTuple

from planner.pathways.index import NO_ROLE
from planner.pathways.search.budget import Budget
from planner.pathways.search.prepared import Setup, set_up
from planner.pathways.search.pruning import Order, asked_of, transitions
from planner.pathways.search.situation import INFINITY, Found, Move, Question, Situation

__all__ = ["Entry", "search"]


class Entry(NamedTuple):
    """A situation waiting on the heap, compared field by field in this order.

    Least ``estimate`` first (weeks so far plus a lower bound on the weeks to go); ties go
    to the situation furthest along (``behind`` is minus its weeks: many orders and choices
    of learning that fits in time already spent in post cost the same, and the deepest one
    reaches the job first), then to fewer moves, then to the one pushed first (``label``,
    unique, so two entries never compare further).
    """

    estimate: int
    behind: int
    steps: int
    label: int
    weeks: int
    situation: Situation
    #: The last learning move in this job (see :class:`~pruning.Order`), if any.
    order: Order | None
    #: Whether ``estimate`` includes the dear bound (:meth:`Bounds.gained`) yet.
    exact: bool


class Settled(NamedTuple):
    """A situation already expanded in a job, with what it held kept as the key above it."""

    tenure: int
    nhs: int
    weeks: int
    steps: int


def search(
    question: Question,
    budget: Budget,
    weight: float = 1.0,
    setup: Setup | None = None,
    ceiling: int = INFINITY,
) -> Found | None:
    """The fastest route under the model (with ``weight`` 1), or ``None`` if there is none
    of at most ``ceiling`` weeks (alternatives much slower than the best are not shown, so
    their search need not look past that).

    Raises :class:`OverBudget` when the budget runs out first.
    """
    setup = setup or set_up(question)
    if setup is None:
        return None
    pruning, bounds, start = setup.prepared.pruning, setup.bounds, setup.start
    question = replace(question, start=start)
    asked = asked_of(question, pruning)
    if bounds(start, 0) >= INFINITY or bounds(start, 0) > ceiling:
        return None
    counter = 0
    # A new situation goes in with its cheap bounds; the dear one is worked out only when it
    # comes out, and if it raises the estimate the situation goes back in (most never do).
    heap: list[Entry] = [Entry(bounds(start, 0), 0, 0, 0, 0, start, None, True)]
    settled: dict[int, dict[int, list[Settled]]] = {}
    parents: dict[int, tuple[int | None, Move | None]] = {}
    while heap:
        entry = heapq.heappop(heap)
        estimate, _, steps, label, weeks, situation, order, exact = entry
        if estimate > ceiling * weight:
            return None  # every route left is longer than the ceiling
        if situation.role == question.target:
            return Found(weeks, steps, _moves(parents, label))
        if not exact:
            h = bounds.gained(situation)
            if h >= INFINITY:
                continue
            if weeks + weight * h > estimate:
                heapq.heappush(heap, entry._replace(estimate=weeks + weight * h, exact=True))
                continue
        if _dominated(settled, situation, weeks, steps):
            continue
        budget.spend()
        for move, after, cost, then in transitions(
            question, situation, weeks, pruning, order, asked
        ):
            g = weeks + cost
            h = bounds.cheap(after, g)
            if h >= INFINITY or g + h > ceiling:
                continue
            counter += 1
            parents[counter] = (label, move)
            f = g + (h if weight == 1.0 else weight * h)
            heapq.heappush(heap, Entry(f, -g, steps + 1, counter, g, after, then, False))
    return None


def _dominated(
    settled: dict[int, dict[int, list[Settled]]],
    situation: Situation,
    weeks: int,
    steps: int,
) -> bool:
    """Is there a settled situation in this job at least as good in every way? If not, settle.

    "As good": it holds at least as much, has been in the job and in the NHS at least as
    long, and got there no later (and in no more steps).
    """
    by_held = settled.setdefault(situation.role, {})
    held, tenure, nhs = situation.held, situation.tenure, situation.nhs
    for held2, labels in by_held.items():
        if held2 & held != held:
            continue
        for tenure2, nhs2, weeks2, steps2 in labels:
            later = weeks - weeks2 if situation.role != NO_ROLE else 0
            if (
                tenure2 + later >= tenure
                and nhs2 + later >= nhs
                and (weeks2, steps2) <= (weeks, steps)
            ):
                return True
    by_held.setdefault(held, []).append(Settled(tenure, nhs, weeks, steps))
    return False


def _moves(parents: dict[int, tuple[int | None, Move | None]], label: int) -> tuple[Move, ...]:
    out = []
    at: int | None = label
    while at:
        at, move = parents[at]
        if move is not None:
            out.append(move)
    return tuple(reversed(out))
