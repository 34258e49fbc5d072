"""What every question to one job shares, worked out once and kept (:func:`prepare`), and
what one question adds to it (:func:`set_up`).

The climb to the job, the jobs on some way to it, the skills worth tracking, the moves
worth looking at and the tables behind the lower bounds do not depend on where a person
starts, what they hold or what an alternative must avoid. Working them out per question
took most of a search's time, so they are kept per job (and per set of durations, since
the least-time replay asks with the shortest ones), a bounded number at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from planner.pathways.index import NO_ROLE
from planner.pathways.search.bounds import Bounds, Gained, gained_tables, make_bounds
from planner.pathways.search.ladder import (
    Ladder,
    Onward,
    climbing_table,
    make_ladder,
    moves_into,
    onward_moves,
)
from planner.pathways.search.pruning import Pruning, make_pruning, relevant_skills
from planner.pathways.search.situation import Question, Situation

__all__ = [
    "Prepared",
    "Setup",
    "prepare",
    "set_up",
]

#: How many jobs' worth to keep. Each is small (a few hundred kilobytes with 1,000 jobs).
KEPT = 512


@dataclass(frozen=True)
class Prepared:
    #: Least weeks from just starting each job to starting the target, skills aside; only
    #: jobs from which the target can be reached at all.
    dist: dict[int, int]
    #: The moves among those jobs (see :data:`planner.pathways.search.ladder.Onward`).
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
    into = moves_into(index, question.target)
    dist = climbing_table(neutral, into)
    reachable = sorted(dist)
    onward = onward_moves(index, into, reachable)
    keep = relevant_skills(index, question.target, reachable)
    pruning = make_pruning(index, question.target, onward, keep)
    ladder = make_ladder(neutral, dist, onward)
    gained = gained_tables(neutral, ladder, dist, onward, pruning.usable)
    prepared = Prepared(dist, onward, pruning, pruning.usable, ladder, gained)
    if len(index.prepared) >= KEPT:
        index.prepared.pop(next(iter(index.prepared)))
    index.prepared[key] = prepared
    return prepared


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
    pruning = prepared.pruning
    start = question.start._replace(held=question.start.held & pruning.future[question.start.role])
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
