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
from typing import NamedTuple

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

__all__ = ["Counted", "Work", "find_routes", "find_routes_counted", "start_skills"]

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
    return find_routes_counted(graph, have, target, current_role, limit, on, limits).routes


class Work(NamedTuple):
    """Situations one question expanded: the exact search, greedier ones, alternatives."""

    exact: int
    fallback: int
    alternatives: int

    @property
    def total(self) -> int:
        return self.exact + self.fallback + self.alternatives


class Counted(NamedTuple):
    routes: list[Route]
    work: Work


def find_routes_counted(
    graph: nx.DiGraph,
    have: Iterable[str] | Start,
    target: str,
    current_role: str | None = None,
    limit: int = 3,
    on: date | None = None,
    limits: Limits | None = None,
) -> Counted:
    """:func:`find_routes`, with the work it took (for the benchmark and the tests)."""
    limits = limits or Limits()
    index = index_of(graph)
    start = start_of(index, have, current_role)
    check_inputs(index, (), [target])
    target_pos = index.role_pos[target]
    situation = start_situation(index, start)
    if start.role_pos == target_pos:
        return Counted([Route(0, index.ids(situation.held), (), 0)], Work(0, 0, 0))
    question = Question(index, situation, target_pos, on, start.conditions)
    # The tables every question to this job shares are worked out once (as at start-up),
    # outside the question's own budget.
    setup = set_up(question)
    safety_net = time.thread_time() + limits.seconds
    if setup is None:
        raise dead_end(graph, question, target)
    found, best_effort, exact, fallback = _best(question, setup, limits, safety_net, target)
    if found is None:
        raise dead_end(graph, question, target)
    routes = [replay(question, found, best_effort)]
    spent = 0
    if limit > 1 and not best_effort:
        share = max(limits.alternative_floor, int(limits.alternative_share * exact))
        budget = Budget(share, safety_net)
        routes += alternatives(question, found, limit - 1, limits, budget)
        spent = budget.used
    return Counted(routes, Work(exact, fallback, spent))


def _best(
    question: Question, setup: Setup, limits: Limits, safety_net: float, target: str
) -> tuple[Found | None, bool, int, int]:
    """The exact search, or greedier ones (labelled best effort) if it runs out of room;
    with the situations each expanded."""
    budget = Budget(limits.expansions, safety_net)
    try:
        found = search(question, budget, setup=setup)
        return _tidied(question, found), False, budget.used, 0
    except OverBudget:
        _log_over(budget, "giving a best-effort route to %s", target)
    exact, fallback = budget.used, 0
    for weight in limits.fallback_weights:
        budget = Budget(limits.fallback_expansions, safety_net)
        try:
            found = search(question, budget, weight=weight, setup=setup)
            return _tidied(question, found), True, exact, fallback + budget.used
        except OverBudget:
            fallback += budget.used
            if budget.timed_out:
                break
    _log_over(budget, "no route to %s within the budget", target)
    raise too_long(target)


def _tidied(question: Question, found: Found | None) -> Found | None:
    """The route found, in the order a person takes it and through the jobs that fit them."""
    return fit_the_person(question, tidy(question, found)) if found else None


def _log_over(budget: Budget, what: str, target: str) -> None:
    why = "its CPU safety net (is the machine overloaded?)" if budget.timed_out else "its budget"
    log.warning(f"route search ran out of {why}; {what}", target)
