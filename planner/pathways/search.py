"""The one route search: A* forwards over a person's situation, exact under the model.

The cost of a route is its weeks; among routes as fast, steps that are not needed are
taken out afterwards (:func:`planner.pathways.tidy.tidy`). The lower bounds are in
:mod:`planner.pathways.bounds` and the moves worth looking at in
:mod:`planner.pathways.plan`. A situation that holds no more, has been in its job and in
the NHS no longer, and got there no sooner than one already settled is passed over.
Every search has a hard budget; past it, :class:`OverBudget` is raised and the caller
decides what to do.
"""

from __future__ import annotations

import heapq
import time
from dataclasses import dataclass, replace

from planner.pathways.bounds import make_bounds
from planner.pathways.index import NO_ROLE
from planner.pathways.ladder import climbing_table, entry_times
from planner.pathways.moves import INFINITY, Found, Move, Question
from planner.pathways.plan import make_plan, relevant_skills, transitions
from planner.pathways.question import OverBudget, Situation

__all__ = [
    "Budget",
    "search",
]


@dataclass
class Budget:
    """How much work a search may do: a count of situations looked at, and a clock."""

    expansions: int = 25_000
    deadline: float | None = None
    used: int = 0

    def spend(self) -> None:
        self.used += 1
        if self.used > self.expansions:
            raise OverBudget
        if self.deadline is not None and self.used % 128 == 0 and time.monotonic() > self.deadline:
            raise OverBudget


def search(question: Question, budget: Budget, weight: float = 1.0) -> Found | None:
    """The fastest route under the model (with ``weight`` 1), or ``None`` if there is none.

    Raises :class:`OverBudget` when the budget runs out first.
    """
    index = question.index
    dist = climbing_table(question)
    # Jobs on some way from here to the target: reachable forwards and leading on to it.
    ahead = entry_times(question, dist)
    dist = {r: d for r, d in dist.items() if r in ahead or r == question.start.role}
    if question.start.role != NO_ROLE and question.start.role not in dist:
        return None
    reachable = sorted(dist)
    keep = relevant_skills(index, question.target, reachable)
    plan = make_plan(question, reachable, keep)
    start = replace(question.start, held=question.start.held & plan.future[question.start.role])
    question = replace(question, start=start)
    actions = [
        a
        for a, action in enumerate(index.actions)
        if action.grants & keep and action.id not in question.banned
    ]
    bounds = make_bounds(question, dist, actions)
    if bounds(start, 0) >= INFINITY:
        return None
    counter = 0
    # Ties in weeks go to the situation furthest along: many orders and choices of learning
    # that fits in time already spent in post cost the same, and the deepest one reaches the
    # job first. Steps that turn out not to be needed are taken out afterwards (``tidy``).
    heap: list = [(bounds(start, 0), 0, 0, 0, 0, 0, start, None)]
    settled: dict[int, dict[int, list[tuple[int, int, int, int]]]] = {}
    parents: dict[int, tuple[int | None, Move | None]] = {}
    while heap:
        _, _, steps, _, weeks, label, situation, order = heapq.heappop(heap)
        if situation.role == question.target:
            return Found(weeks, steps, _moves(parents, label))
        if _dominated(settled, situation, weeks, steps):
            continue
        budget.spend()
        for move, after, cost, then in transitions(question, situation, weeks, plan, order):
            h = bounds(after, weeks + cost)
            if h >= INFINITY:
                continue
            counter += 1
            parents[counter] = (label, move)
            f = weeks + cost + (h if weight == 1.0 else weight * h)
            g = weeks + cost
            heapq.heappush(heap, (f, -g, steps + 1, counter, g, counter, after, then))
    return None


def _dominated(
    settled: dict[int, dict[int, list[tuple[int, int, int, int]]]],
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
            if tenure2 >= tenure and nhs2 >= nhs and (weeks2, steps2) <= (weeks, steps):
                return True
    by_held.setdefault(held, []).append((tenure, nhs, weeks, steps))
    return False


def _moves(parents: dict[int, tuple[int | None, Move | None]], label: int) -> tuple[Move, ...]:
    out = []
    at: int | None = label
    while at:
        at, move = parents[at]
        if move is not None:
            out.append(move)
    return tuple(reversed(out))
