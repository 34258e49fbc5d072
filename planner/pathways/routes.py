"""Find the fastest realistic routes from what a person has now to a role they want.

The rules follow the source guide's principles:

* a course can be done by anyone who meets its entry needs, alongside a job
  or not; time spent on it while in a job also counts as time in that job;
* an apprenticeship is a job: it can only be done while working in its family
  ("place then train");
* experience needs time in a role (or, for foundation skills, volunteering);
* taking a role needs its essential requirements and never steps down a
  band, unless that role is the one the person chose.

Every move costs weeks; the best route has the fewest weeks in total. The
search runs backwards from the goal (:mod:`regress`), except when a course
opens or stops taking new starts after the chosen day: then it runs forwards
(:mod:`forward`), which always knows the date of each step.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import networkx as nx

from planner.pathways.accel import accelerated
from planner.pathways.bounds import Problem, find_bounds
from planner.pathways.forward import forward_moves
from planner.pathways.graph import index_of
from planner.pathways.index import NO_ROLE, Index
from planner.pathways.model import Route, Step
from planner.pathways.question import (
    NoRoute,
    OverBudget,
    Start,
    UnknownRole,
    UnknownSkill,
    check_inputs,
    start_of,
    suggest,
)
from planner.pathways.reach import obtainable
from planner.pathways.regress import GOAL_ROLE, Found, find_back

__all__ = [
    "NoRoute",
    "UnknownRole",
    "UnknownSkill",
    "find_routes",
    "start_skills",
    "suggest",
]

Moves = list[tuple[str, int]]


def start_skills(
    graph: nx.DiGraph, have: Iterable[str] | Start, current_role: str | None = None
) -> tuple[str, ...]:
    """Everything counted as held: what was given, what a current role implies, and equivalences.

    >>> from planner.pathways.testing import tiny_graph
    >>> start_skills(tiny_graph(), ["fs-maths-2"])
    ('fs-maths-2', 'gcse-maths')
    """
    index = index_of(graph)
    return index.ids(start_of(index, have, current_role).held)


def find_routes(
    graph: nx.DiGraph,
    have: Iterable[str] | Start,
    target: str,
    current_role: str | None = None,
    limit: int = 3,
    on: date | None = None,
) -> list[Route]:
    """The best routes from what a person has to a target role, fewest weeks first.

    Parameters
    ----------
    graph : the frozen graph from :func:`build_graph`.
    have : skill ids the person has now.
    target : the role id they want.
    current_role : the role id they are in now, if any. Its essential
        requirements count as held.
    limit : how many routes at most. Alternatives differ in what they do,
        not just in the order they do it.
    on : the day the person starts. Learning that takes no new starts on the
        day a step would begin is left out. ``None`` ignores dates.

    Returns
    -------
    list of Route, best first. An empty step list means the person is
    already in the target role; a single ``role`` step means "you can apply now".

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
    index = index_of(graph)
    checked = start_of(index, have, current_role)
    check_inputs(index, (), [target])
    start = checked.held
    target_pos = index.role_pos[target]
    role_pos = NO_ROLE if checked.role_pos is None else checked.role_pos
    if role_pos == target_pos:
        return [Route(0, index.ids(start), ())]
    try:
        if on is not None and index.dates_change_after(on):
            routes = _forward(index, start, role_pos, target_pos, limit, on)
        else:
            routes = _backward(graph, start, role_pos, target_pos, limit, on)
    except OverBudget:
        raise NoRoute(
            target,
            (),
            "This route is too long for us to work out. "
            "Try a role one or two bands above where you are now, then plan the next move from there.",
        ) from None
    if not routes:
        raise _dead_end(index, start, role_pos, target)
    # The first is the fastest unless the search had to be greedy; then an alternative may win.
    return sorted(routes, key=lambda r: r.total_weeks)


def _forward(
    index: Index, start: int, role_pos: int, target_pos: int, limit: int, on: date
) -> list[Route]:
    """Routes from the forward search, which knows the date of every step."""
    distinct = _Distinct(index, limit)
    for moves in forward_moves(index, start, role_pos, target_pos, limit, on) or ():
        distinct.add(_replay(index, start, role_pos, moves))
    return distinct.chosen


def _backward(
    graph: nx.DiGraph, start: int, role_pos: int, target_pos: int, limit: int, on: date | None
) -> list[Route]:
    """Routes from the backward search (in C when it is built), best first."""
    index = index_of(graph)
    usable = tuple(a.open_on(on) for a in index.actions)
    problem = Problem(index, start, role_pos, target_pos, usable)
    fast = accelerated(graph)
    found = fast.find(problem, limit) if fast else find_back(problem, find_bounds(problem), limit)
    distinct = _Distinct(index, limit)
    for one in found:
        distinct.add(_replay(index, start, role_pos, _with_roles(index, role_pos, target_pos, one)))
    return distinct.chosen


def _with_roles(index: Index, role_pos: int, target_pos: int, found: Found) -> Moves:
    """Name a role for each move into a kind of job: the first of that kind the person is not in."""
    out: Moves = []
    current = role_pos
    for what, x in found.moves:
        if what == "role":
            if x == GOAL_ROLE:
                current = target_pos
            else:
                current = next(r for r in index.kinds[x].roles if r not in (current, target_pos))
        out.append((what, current if what == "role" else x))
    return out


def _replay(index: Index, start: int, role_pos: int, moves: Moves) -> Route:
    """Walk the moves forwards: weeks for each step (experience waits only what is left)."""
    held = start
    role = role_pos
    tenure = 0
    elapsed = 0
    steps = []
    for what, x in moves:
        if what == "role":
            role = x
            entry = index.roles[role]
            weeks = index.weeks_to_start_role
            steps.append(Step("role", entry.id, entry.title, weeks, (), elapsed))
            tenure = 0
            elapsed += weeks
            continue
        action = index.actions[x]
        after = index.close(held | action.grants)
        if after == held:
            continue  # the person already has all it gives
        weeks, tenure = action.take(tenure, role != NO_ROLE)
        steps.append(
            Step(action.kind, action.id, action.title, weeks, index.ids(after & ~held), elapsed)
        )
        held = after
        elapsed += weeks
    return Route(elapsed, index.ids(start), tuple(steps))


class _Distinct:
    """The best route, then alternatives that do not just repeat another with more steps.

    Two routes that differ only in which of two similar jobs (same band and
    family) they pass through are not different enough to show both.
    """

    def __init__(self, index: Index, limit: int):
        self.index = index
        self.limit = limit
        self.chosen: list[Route] = []
        self.signatures: list[frozenset] = []

    @property
    def full(self) -> bool:
        return len(self.chosen) >= self.limit

    def add(self, route: Route) -> None:
        sig = _signature(route, self.index)
        if self.full or any(sig >= other for other in self.signatures):
            return
        self.chosen.append(route)
        self.signatures.append(sig)


def _signature(route: Route, index: Index) -> frozenset:
    out: set = set()
    for step in route.steps:
        if step.kind == "role":
            entry = index.roles[index.role_pos[step.id]]
            out.add((entry.rank, entry.family))
        else:
            out.add(step.id)
    return frozenset(out)


def _dead_end(index: Index, start: int, role_pos: int, target_id: str) -> NoRoute:
    """Say why nothing leads to the target: what cannot be gained, or the band rule."""
    held, _ = obtainable(index, start, None if role_pos == NO_ROLE else role_pos)
    target = index.roles[index.role_pos[target_id]]
    missing = index.ids(target.requires & ~held)
    if missing:
        names = ", ".join(missing)
        return NoRoute(target_id, missing, f"Nothing in the data gives: {names}.")
    return NoRoute(
        target_id,
        (),
        "Every route to this role needs a move to a lower band first. "
        "Choose a role at a lower band as your goal to see that route.",
    )
