"""Alternatives: other routes to the same job that differ in substance, never the same
route through an equivalent job.

What is an alternative worth to a person? A choice they could make: another job on the way
(another ladder, or another band of it) or other learning (a course, apprenticeship or way
in). Experience and time in post are not choices: they come with the jobs and the time, so
two routes that differ only in which experience the years in a job count as are the same
route to the person, and are not shown twice. Nor is one more than twice as long (or a year
longer) as the best, and the search for them stops there.

They are found by forbidding what the routes found so far choose, one thing at a time,
within a share of work counted like the best route's (see ``Limits``).
"""

from __future__ import annotations

import heapq
from dataclasses import replace
from typing import NamedTuple

from planner.pathways.model import Route
from planner.pathways.search.astar import search
from planner.pathways.search.budget import Budget, Limits, OverBudget
from planner.pathways.search.prepared import set_up
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


def _choices(question: Question, found: Found) -> list[str]:
    """What a person chooses on a route, in order: the ladder and band of each job on the
    way, and each course, apprenticeship and way in (not experience: it comes with time)."""
    index = question.index
    out: list[str] = []
    for move in found.moves:
        if move[0] == "role":
            if move[1] != question.target:
                out.append(place_key(index, move[1]))
        else:
            out += [index.actions[a].id for a in move[1:] if not index.actions[a].is_experience]
    return list(dict.fromkeys(out))


def _signature(question: Question, found: Found) -> frozenset[str]:
    return frozenset(_choices(question, found))


def _bans(question: Question, found: Found) -> list[str]:
    """What to forbid, one at a time, to find a route that differs in substance."""
    return _choices(question, found)


def alternatives(
    question: Question,
    best: Found,
    wanted: int,
    limits: Limits,
    budget: Budget,
) -> list[Route]:
    """Routes that do something else, found by forbidding what the routes found so far do:
    first each thing the best route does, then, for each alternative, each thing it does
    as well (so a third route differs from both).

    An alternative is kept unless it does everything an earlier route does (and maybe
    more), or only swaps a job for an equivalent one; faster ones first, then fewer steps.
    Together they expand at most what ``budget`` allows, each at most
    ``limits.alternative_expansions``.
    """
    cutoff = max(2 * best.weeks, best.weeks + ALTERNATIVE_SLACK_WEEKS)
    chosen = [_signature(question, best)]
    out: list[Route] = []
    tries = [frozenset({ban}) for ban in _bans(question, best)]
    tried: set[frozenset[str]] = set()
    candidates: list[Candidate] = []
    while tries and len(tried) < limits.alternative_tries and budget.left and not budget.timed_out:
        bans = tries.pop(0)
        if bans in tried:
            continue
        tried.add(bans)
        asked = replace(question, banned=question.banned | bans)
        banned_setup = set_up(asked)
        if banned_setup is None:
            continue
        one = Budget(min(limits.alternative_expansions, budget.left), budget.deadline)
        try:
            other = search(asked, one, setup=banned_setup, ceiling=cutoff)
        except OverBudget:
            continue
        finally:
            budget.used += one.used
            budget.timed_out = one.timed_out
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
