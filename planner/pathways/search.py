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

from planner.pathways.bounds import Bounds, make_bounds
from planner.pathways.index import NO_ROLE
from planner.pathways.moves import INFINITY, Found, Move, Question
from planner.pathways.plan import asked_of, transitions
from planner.pathways.prepared import Prepared, prepare
from planner.pathways.question import OverBudget, Situation

__all__ = [
    "Budget",
    "Setup",
    "search",
    "set_up",
]


@dataclass
class Budget:
    """How much work a search may do: a count of situations looked at, and a deadline in
    this thread's CPU time (``time.thread_time``), so a busy machine gives the same answers."""

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


@dataclass(frozen=True)
class Setup:
    """One question's part: the shared part for its job and the bounds from its start.
    Alternatives ask the same question with bans, so they use the same setup (a bound
    without the bans is still a lower bound with them)."""

    prepared: Prepared
    bounds: Bounds
    start: Situation


def set_up(question: Question) -> Setup | None:
    """The setup for a question, or ``None`` if its job cannot be reached from the start."""
    prepared = prepare(question)
    if question.start.role != NO_ROLE and question.start.role not in prepared.dist:
        return None
    plan = prepared.plan
    start = question.start._replace(held=question.start.held & plan.future[question.start.role])
    question = replace(question, start=start)
    bounds = make_bounds(
        question,
        prepared.dist,
        prepared.onward,
        prepared.actions,
        prepared.ladder,
        prepared.gained,
    )
    return Setup(prepared, bounds, start)


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
    plan, bounds, start = setup.prepared.plan, setup.bounds, setup.start
    question = replace(question, start=start)
    asked = asked_of(question, plan)
    if bounds(start, 0) >= INFINITY or bounds(start, 0) > ceiling:
        return None
    counter = 0
    # Ties in weeks go to the situation furthest along: many orders and choices of learning
    # that fits in time already spent in post cost the same, and the deepest one reaches the
    # job first. Steps that turn out not to be needed are taken out afterwards (``tidy``).
    # A new situation goes in with its cheap bounds; the dear one is worked out only when it
    # comes out, and if it raises the estimate the situation goes back in (most never do).
    heap: list = [(bounds(start, 0), 0, 0, 0, 0, 0, start, None, True)]
    settled: dict[int, dict[int, list[tuple[int, int, int, int]]]] = {}
    parents: dict[int, tuple[int | None, Move | None]] = {}
    while heap:
        f, _, steps, _, weeks, label, situation, order, exact = heapq.heappop(heap)
        if f > ceiling * weight:
            return None  # every route left is longer than the ceiling
        if situation.role == question.target:
            return Found(weeks, steps, _moves(parents, label))
        if not exact:
            h = bounds.gained(situation)
            if h >= INFINITY:
                continue
            if weeks + weight * h > f:
                f = weeks + weight * h
                heapq.heappush(
                    heap, (f, -weeks, steps, label, weeks, label, situation, order, True)
                )
                continue
        if _dominated(settled, situation, weeks, steps):
            continue
        budget.spend()
        for move, after, cost, then in transitions(question, situation, weeks, plan, order, asked):
            g = weeks + cost
            h = bounds.cheap(after, g)
            if h >= INFINITY or g + h > ceiling:
                continue
            counter += 1
            parents[counter] = (label, move)
            f = g + (h if weight == 1.0 else weight * h)
            heapq.heappush(heap, (f, -g, steps + 1, counter, g, counter, after, then, False))
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
            later = weeks - weeks2 if situation.role != NO_ROLE else 0
            if (
                tenure2 + later >= tenure
                and nhs2 + later >= nhs
                and (weeks2, steps2) <= (weeks, steps)
            ):
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
