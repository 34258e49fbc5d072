"""The routes the pack holds: for each job, the app's own answer from each starting point.

The routes come from the app's route finder (the same memo and search the route page
uses). The pack shows the quickest route from each starting point; starting points whose
quickest route is the same share one page, so the pack holds each route once; the job
page still lists every starting point.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

import networkx as nx

from planner.explore.answers import Answers, read_answers
from planner.explore.route import route_day
from planner.pack.starts import StartingPoint
from planner.pathways import NoRoute, catalogue_of
from planner.pathways.model import Route

__all__ = ["RouteGroup", "group_routes", "route_answers"]


@dataclass(frozen=True)
class RouteGroup:
    """The starting points that get the same routes to one job, and the file that shows them."""

    role_id: str
    starts: tuple[StartingPoint, ...]
    routes: tuple[Route, ...]
    no_route: str | None

    @property
    def path(self) -> str:
        return f"routes/{self.role_id}/{self.starts[0].id}.html"


def route_answers(graph: nx.DiGraph, start: StartingPoint, role_id: str) -> Answers:
    """The answers the route page reads for this starting point and job (checked by the app)."""
    return read_answers(start.args(role_id), graph, role_param="from")


def group_routes(
    graph: nx.DiGraph,
    starts: list[StartingPoint],
    finder: Callable[..., list[Route]],
    today: date,
) -> dict[str, list[RouteGroup]]:
    """Each job's route groups, in the order of the starting points."""
    groups: dict[str, list[RouteGroup]] = {}
    for role in catalogue_of(graph).roles:
        by_answer: dict[tuple, list[StartingPoint]] = {}
        found: dict[tuple, tuple[tuple[Route, ...], str | None]] = {}
        for start in starts:
            answers = route_answers(graph, start, role.id)
            try:
                asked = finder(answers.start, role.id, on=route_day(answers, today))
                routes, reason = tuple(asked), None
            except NoRoute as exc:
                routes, reason = (), exc.reason
            # What the pack's route page shows: the quickest route's steps and totals (not
            # what was held at the start), and for someone in prison the release month.
            key = (tuple(replace(r, start=()) for r in routes[:1]), reason, answers.release)
            by_answer.setdefault(key, []).append(start)
            found[key] = (routes, reason)
        groups[role.id] = [
            RouteGroup(role.id, tuple(members), *found[key]) for key, members in by_answer.items()
        ]
    return groups
