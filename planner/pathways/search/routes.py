"""Find the fastest realistic routes from what a person has now to a job they want: the
one entry point, :func:`find_routes`, which ties the search together (see README.md).

It asks the question, runs the exact search within its budget (or greedier ones, a
clearly labelled best effort, if that runs out), takes out learning the route does not
need, turns the moves into :class:`Step` records and adds alternatives that differ in
substance. Past every budget, or when nothing leads there, it raises :class:`NoRoute`
with the reason.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from datetime import date

import networkx as nx

from planner.pathways.graph import index_of
from planner.pathways.model import Route
from planner.pathways.search.alternatives import alternatives
from planner.pathways.search.astar import search
from planner.pathways.search.budget import Budget, Limits, OverBudget
from planner.pathways.search.no_route import dead_end, too_long
from planner.pathways.search.prepared import Setup, set_up
from planner.pathways.search.replay import replay
from planner.pathways.search.situation import Found, Question, start_situation
from planner.pathways.search.tidy import fit_the_person, tidy
from planner.pathways.starting_point import Start, check_inputs, start_of

__all__ = ["find_routes", "start_skills"]

log = logging.getLogger("planner.routes")


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
        raise dead_end(graph, question, target)
    routes = [replay(question, found, best_effort)]
    if limit > 1 and not best_effort:
        now = time.thread_time()
        share = max(limits.alternative_factor * (now - began), limits.alternative_seconds)
        end = min(deadline, now + share)
        routes += alternatives(question, setup, found, limit - 1, limits, end)
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
    raise too_long(target)
