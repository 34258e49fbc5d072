"""Alternatives: other routes to the same job that differ in substance (another ladder or
other learning), never the same route through an equivalent job.

They are found by forbidding what the routes found so far do, one thing at a time. One
that only swaps a job for an equivalent one is not shown, nor one more than twice as long
(or a year longer) as the best, and the search for them stops there.
"""

from __future__ import annotations

import heapq
import time
from dataclasses import replace
from typing import NamedTuple

from planner.pathways.model import Route
from planner.pathways.search.astar import search
from planner.pathways.search.budget import Budget, Limits, OverBudget
from planner.pathways.search.prepared import Setup
from planner.pathways.search.replay import replay
from planner.pathways.search.situation import Found, Question, place_key
from planner.pathways.search.tidy import tidy

__all__ = ["ALTERNATIVE_SLACK_WEEKS", "alternatives"]

#: An alternative may take at most twice the best route's weeks, or a year more.
ALTERNATIVE_SLACK_WEEKS = 52


class Candidate(NamedTuple):
    """An alternative found, in the order they are offered: faster first, then fewer moves,
    then the one found first (``found_at`` is unique, so ``found`` is never compared)."""

    weeks: int
    steps: int
    found_at: int
    found: Found


def _signature(question: Question, found: Found) -> frozenset[str]:
    """What a route does: its learning and experience, and the ladder and band of each job."""
    index = question.index
    out = set()
    for move in found.moves:
        if move[0] == "role":
            out.add(place_key(index, move[1]))
        else:
            out.update(index.actions[a].id for a in move[1:])
    return frozenset(out)


def _bans(question: Question, found: Found) -> list[str]:
    """What to forbid, one at a time, to find a route that differs in substance."""
    index = question.index
    out: list[str] = []
    for move in found.moves:
        if move[0] == "role":
            if move[1] != question.target:
                out.append(place_key(index, move[1]))
        else:
            out += [index.actions[a].id for a in move[1:]]
    return list(dict.fromkeys(out))


def alternatives(
    question: Question,
    setup: Setup | None,
    best: Found,
    wanted: int,
    limits: Limits,
    deadline: float,
) -> list[Route]:
    """Routes that do something else, found by forbidding what the routes found so far do:
    first each thing the best route does, then, for each alternative, each thing it does
    as well (so a third route differs from both).

    An alternative is kept unless it does everything an earlier route does (and maybe
    more), or only swaps a job for an equivalent one; faster ones first, then fewer steps.
    """
    cutoff = max(2 * best.weeks, best.weeks + ALTERNATIVE_SLACK_WEEKS)
    chosen = [_signature(question, best)]
    out: list[Route] = []
    tries = [frozenset({ban}) for ban in _bans(question, best)]
    tried: set[frozenset[str]] = set()
    candidates: list[Candidate] = []
    while tries and len(tried) < limits.alternative_tries and time.thread_time() < deadline:
        bans = tries.pop(0)
        if bans in tried:
            continue
        tried.add(bans)
        asked = replace(question, banned=question.banned | bans)
        try:
            budget = Budget(limits.alternative_expansions, deadline)
            other = search(asked, budget, setup=setup, ceiling=cutoff)
        except OverBudget:
            continue
        if other is None:
            continue
        other = tidy(asked, other)
        heapq.heappush(candidates, Candidate(other.weeks, other.steps, len(tried), other))
        tries += [bans | {ban} for ban in _bans(question, other)]
    while candidates and len(out) < wanted:
        other = heapq.heappop(candidates).found
        signature = _signature(question, other)
        if any(signature >= earlier for earlier in chosen):
            continue
        chosen.append(signature)
        out.append(replay(question, other))
    return out
