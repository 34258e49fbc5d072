"""Find the fastest realistic routes from what a person has now to a job they want.

The rules are in :mod:`planner.pathways.rules` and the search in
:mod:`planner.pathways.search`; this module asks the question, turns the moves the
search found into :class:`Step` records (with their full lengths, overlaps and
"counts as"), and finds alternatives that differ in substance: another ladder or
other learning, never the same route through an equivalent job.

Every question has a hard budget. Past it the route is a clearly labelled best
effort (``Route.best_effort``), a log line says so, and the request carries on.
"""

from __future__ import annotations

import heapq
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

import networkx as nx

from planner.pathways.graph import catalogue_of, index_of
from planner.pathways.index import Action
from planner.pathways.model import Route
from planner.pathways.moves import Found, Question, place_key
from planner.pathways.question import (
    CONDITIONS,
    NoRoute,
    OverBudget,
    Start,
    UnknownRole,
    UnknownSkill,
    check_inputs,
    start_of,
    start_situation,
    suggest,
)
from planner.pathways.reach import closed_by, obtainable
from planner.pathways.replay import replay
from planner.pathways.search import Budget, Setup, search, set_up
from planner.pathways.tidy import fit_the_person, tidy

__all__ = [
    "Limits",
    "NoRoute",
    "UnknownRole",
    "UnknownSkill",
    "find_routes",
    "start_skills",
    "suggest",
]

log = logging.getLogger("planner.routes")


@dataclass(frozen=True)
class Limits:
    """How much work one question may do: at most ``seconds`` of CPU in all. The exact
    search has the first share; if it runs out, greedier searches (each finds a route at
    most ``weight`` times the fastest) share the rest, and the route is labelled a best
    effort. Tests pass small counts to make the budget bite."""

    expansions: int = 25_000
    seconds: float = 0.3
    exact_share: float = 0.5
    fallback_weights: tuple[float, ...] = (1.5, 3.0)
    fallback_expansions: int = 8_000
    #: Each alternative search, and how many bans are tried to find alternatives.
    alternative_expansions: int = 4_000
    alternative_tries: int = 6
    #: Alternatives together may take this many times the CPU the best route took (but at
    #: least ``alternative_seconds``): a person waits for the best route, not for a third.
    alternative_factor: float = 3.0
    alternative_seconds: float = 0.05


#: An alternative may take at most twice the best route's weeks, or a year more.
ALTERNATIVE_SLACK_WEEKS = 52


def start_skills(
    graph: nx.DiGraph, have: Iterable[str] | Start, current_role: str | None = None
) -> tuple[str, ...]:
    """Everything counted as held: what was given, what a current job covers, equivalences.

    >>> from planner.pathways.testing import tiny_graph
    >>> start_skills(tiny_graph(), ["fs-maths-2"])
    ('fs-maths-2', 'gcse-maths')
    """
    index = index_of(graph)
    return index.ids(start_situation(index, start_of(index, have, current_role)).held)


def find_routes(
    graph: nx.DiGraph,
    have: Iterable[str] | Start,
    target: str,
    current_role: str | None = None,
    limit: int = 3,
    on: date | None = None,
    limits: Limits | None = None,
) -> list[Route]:
    """The best routes from what a person has to a job, fewest weeks first.

    Parameters
    ----------
    graph : the frozen graph from :func:`build_graph`.
    have : skill ids the person has now, or a :class:`Start` checked before (which
        also carries time in the current job and in the NHS, and who the person is).
    target : the job id they want.
    current_role : the job id they are in now, if any (when ``have`` is not a Start).
    limit : how many routes at most. Alternatives differ in substance.
    on : the day the person starts; learning that takes no new starts on the day a
        step would begin is left out. ``None`` ignores dates.
    limits : the budget (see :class:`Limits`).

    Returns
    -------
    list of Route, best first. An empty step list means the person is already in
    the job; a single ``role`` step means "you can apply now".

    Raises
    ------
    UnknownRole, UnknownSkill : an id is not in the data.
    NoRoute : nothing in the data leads there; ``missing`` says what is lacking.

    Examples
    --------
    >>> from planner.pathways.testing import tiny_graph
    >>> [s.id for s in find_routes(tiny_graph(), ["teamwork"], "clerk")[0].steps]
    ['fs-maths-2', 'clerk']
    """
    limits = limits or Limits()
    index = index_of(graph)
    start = start_of(index, have, current_role)
    check_inputs(index, (), [target])
    target_pos = index.role_pos[target]
    situation = start_situation(index, start)
    if start.role_pos == target_pos:
        return [Route(0, index.ids(situation.held), (), 0)]
    question = Question(index, situation, target_pos, on, start.conditions)
    # The tables every question to this job shares are worked out once (as at start-up),
    # outside the question's own budget.
    setup = set_up(question)
    began = time.thread_time()
    deadline = began + limits.seconds
    found, best_effort = (
        _best(question, setup, limits, deadline, target) if setup else (None, False)
    )
    if found is None:
        raise _dead_end(graph, question, target)
    routes = [replay(question, found, best_effort)]
    if limit > 1 and not best_effort:
        now = time.thread_time()
        share = max(limits.alternative_factor * (now - began), limits.alternative_seconds)
        end = min(deadline, now + share)
        routes += _alternatives(question, setup, found, limit - 1, limits, end)
    return routes


def _best(
    question: Question, setup: Setup, limits: Limits, end: float, target: str
) -> tuple[Found | None, bool]:
    """The exact search, or greedier ones (labelled best effort) if it runs out of room."""
    now = time.thread_time()
    deadline = now + (end - now) * limits.exact_share
    try:
        found = search(question, Budget(limits.expansions, deadline), setup=setup)
        return (fit_the_person(question, tidy(question, found)) if found else None), False
    except OverBudget:
        log.warning("route search ran out of its budget; giving a best-effort route to %s", target)
    weights = limits.fallback_weights
    for n, weight in enumerate(weights):
        now = time.thread_time()
        budget = Budget(limits.fallback_expansions, now + (end - now) / (len(weights) - n))
        try:
            found = search(question, budget, weight=weight, setup=setup)
            return (fit_the_person(question, tidy(question, found)) if found else None), True
        except OverBudget:
            continue
    log.warning("no route to %s within the budget", target)
    raise NoRoute(
        target,
        (),
        "This route is too long for us to work out. Choose a job one or two bands "
        "above where you are now, then plan the next move from there.",
    )


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


def _alternatives(
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
    candidates: list[tuple[int, int, int, Found]] = []
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
        heapq.heappush(candidates, (other.weeks, other.steps, len(tried), other))
        tries += [bans | {ban} for ban in _bans(question, other)]
    while candidates and len(out) < wanted:
        other = heapq.heappop(candidates)[3]
        signature = _signature(question, other)
        if any(signature >= earlier for earlier in chosen):
            continue
        chosen.append(signature)
        out.append(replay(question, other))
    return out


def _dead_end(graph: nx.DiGraph, question: Question, target: str) -> NoRoute:
    """Say why nothing leads to the target: what nothing gives, what only closed ways give
    (funding only for under-22s, standards that stop taking new starts), or the shape of
    careers."""
    index = question.index
    catalogue = catalogue_of(graph)
    requires = index.roles[index.role_pos[target]].requires
    held = question.start.held
    anyone = obtainable(index, held, conditions=CONDITIONS)
    missing = index.ids(requires & ~anyone)
    if missing:
        names = ", ".join(catalogue.skill(m).name for m in missing)
        return NoRoute(target, missing, f"Nothing in the planner gives: {names}.")
    # Learning done in another job starts no sooner than a hiring from now.
    later = None if question.on is None else question.on + timedelta(weeks=index.hire_weeks)
    yours = obtainable(index, held, conditions=question.conditions, on=later)
    if requires & ~yours:
        missing = index.ids(requires & ~yours)
        closed = [
            f"{action.title} ({_why_closed(action, later)})"
            for action in index.actions
            if action.grants & requires & ~yours
        ]
        names = ", ".join(catalogue.skill(m).name for m in missing)
        return NoRoute(
            target,
            missing,
            f"This job asks for: {names}. The only ways we know to get it are not open to "
            f"you now: {'; '.join(closed)}.",
        )
    return NoRoute(
        target,
        (),
        "We could not find a usual route to this job from where you are. It would need a "
        "step down, a jump of two bands, or a move up into a new kind of work. You could "
        "plan a route to a lower band job in this area first, then plan from there.",
    )


def _why_closed(action: Action, later: date | None) -> str:
    if closed_by(action, later):
        last = action.learning.starts_until - timedelta(days=1)  # type: ignore[union-attr]
        return f"no new starts after {last.day} {last:%B %Y}"
    if action.condition == "under-22":
        return "paid for only for people under 22"
    if action.condition == "aged-16-to-30":
        return "only for people aged 16 to 30"
    return "not open to you now"
