"""What every question to one job shares, worked out once and kept (:func:`prepare`), and
what one question adds to it (:func:`set_up`).

The climb to the job, the jobs on some way to it, the skills worth tracking, the moves
worth looking at and the tables behind the lower bounds do not depend on where a person
starts, what they hold or what an alternative must avoid. Working them out per question
took most of a search's time, so they are kept per job (and per set of durations, since
the least-time replay asks with the shortest ones), a bounded number at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import networkx as nx

from planner.pathways.graph import index_of
from planner.pathways.index import NO_ROLE
from planner.pathways.search.bounds import Bounds, Gained, gained_tables, make_bounds
from planner.pathways.search.ladder import (
    JobWeeks,
    Ladder,
    Onward,
    climbing_table,
    make_ladder,
    onward_moves,
)
from planner.pathways.search.pruning import Pruning, asked_of, make_pruning, relevant_skills
from planner.pathways.search.situation import Question, Situation

__all__ = [
    "Prepared",
    "Setup",
    "prepare",
    "prepare_every_job",
    "set_up",
]

#: How many jobs' worth to keep: every job of any catalogue we know (each is about 170 KB
#: with 1,000 jobs, since the moves between jobs are kept once per family, not per job).
KEPT = 2048


@dataclass(frozen=True)
class Prepared:
    #: Least weeks from just starting each job to starting the target, skills aside; only
    #: jobs from which the target can be reached at all.
    dist: JobWeeks
    #: The moves among those jobs (see :class:`planner.pathways.search.ladder.Onward`).
    onward: Onward
    pruning: Pruning
    #: Learning and experience that gives a skill worth tracking.
    actions: tuple[int, ...]
    ladder: Ladder
    gained: Gained


def prepare(question: Question) -> Prepared:
    """The shared part for the question's job, from the index's store or worked out now."""
    index = question.index
    key = (question.target, question.durations)
    found = index.prepared.get(key)
    if found is not None:
        return found
    # Nothing below may depend on the person: ask as nobody in particular.
    neutral = replace(
        question,
        start=Situation(NO_ROLE, 0, 0, 0),
        on=None,
        conditions=frozenset(),
        banned=frozenset(),
    )
    dist = climbing_table(neutral)
    onward = onward_moves(index, question.target, dist)
    keep = relevant_skills(index, question.target, onward.reachable)
    pruning = make_pruning(index, question.target, onward, keep)
    ladder = make_ladder(neutral, dist, onward)
    gained = gained_tables(neutral, ladder, dist, onward, pruning.usable)
    prepared = Prepared(dist, onward, pruning, pruning.usable, ladder, gained)
    if len(index.prepared) >= KEPT:
        index.prepared.pop(next(iter(index.prepared)))
    index.prepared[key] = prepared
    return prepared


def prepare_every_job(graph: nx.DiGraph, stop: Callable[[], bool] | None = None) -> int:
    """Work out every job's shared tables now (at start-up, before the server forks and
    freezes its heap), so no question waits for them. ``stop`` is asked after each job
    (the benchmark's memory guard). Returns how many jobs are ready."""
    index = index_of(graph)
    nobody = Situation(NO_ROLE, 0)
    for n in range(len(index.roles)):
        prepare(Question(index, nobody, n))
        if stop is not None and stop():
            return n + 1
    return len(index.roles)


@dataclass(frozen=True)
class Setup:
    """One question's part: the shared part for its job and the bounds from its start,
    without what the question bans (an alternative's bounds leave out the jobs and learning
    it must avoid: a search for an alternative that cannot be found then stops at once)."""

    prepared: Prepared
    bounds: Bounds
    start: Situation


def set_up(question: Question) -> Setup | None:
    """The setup for a question, or ``None`` if its job cannot be reached from the start
    (with what it bans left out)."""
    prepared = prepare(question)
    if question.start.role != NO_ROLE and question.start.role not in prepared.dist:
        return None
    pruning = prepared.pruning
    start = question.start._replace(held=question.start.held & pruning.future[question.start.role])
    question = replace(question, start=start)
    asked = asked_of(question, pruning)
    actions = prepared.actions
    if asked.banned_actions:
        actions = tuple(a for a in actions if a not in asked.banned_actions)
    bounds = make_bounds(
        question,
        prepared.dist,
        prepared.onward,
        actions,
        prepared.ladder,
        prepared.gained,
        asked.banned_roles,
    )
    return None if bounds is None else Setup(prepared, bounds, start)
