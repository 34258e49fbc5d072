"""The route page: up to three routes to the chosen job, each summed up first.

Each route opens with its summary (the total time as a range, the jobs on the way
with their bands and pay, and the next step), then a drawing over time, then its
steps, each one line that opens for the detail (:mod:`planner.explore.route_steps`).
When there is more than one route, a short table compares them. No Flask here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

import networkx as nx

from planner.advice.job import RecordChanges, record_warnings
from planner.explore.answers import Answers
from planner.explore.drawing import RouteMap, draw_route
from planner.explore.labels import band_pay, role_choices
from planner.explore.route_steps import StepView, step_views
from planner.explore.timeline import between_words, month_year, years_words
from planner.help.content import stage_tips
from planner.pathways import NoRoute, catalogue_of, find_routes
from planner.pathways.model import Catalogue, Role, Route
from planner.pathways.release import Moment, ReleaseTiming, release_timing
from planner.wording import long_date

__all__ = ["MAIN_LEARNING", "Inside", "JobOnTheWay", "RouteView", "route_day", "routes_context"]

#: The compare table names at most this many courses and apprenticeships per route.
MAIN_LEARNING = 3


@dataclass(frozen=True)
class JobOnTheWay:
    """A job the route passes through (or the person's job now, or the job they want)."""

    role: Role
    pay: str
    when: str
    now: bool = False


@dataclass(frozen=True)
class Inside:
    """For someone in prison: what the route does before release, and when they are released."""

    release: date
    released_by: date
    moments: tuple[Moment, ...]
    items: dict[str, Any]
    first_start: date | None
    sources: tuple[Any, ...]


@dataclass(frozen=True)
class RouteView:
    number: int
    total: str
    arrive: str
    best_effort: bool
    apply_now: bool
    steps: list[StepView]
    jobs: list[JobOnTheWay]
    next_steps: list[StepView]
    main_learning: list[StepView]
    more_learning: int
    map: RouteMap
    tips: list[dict[str, Any]]
    #: What a record can close on this route (licences, barred lists), said before any step.
    warnings: list[RecordChanges]
    #: For someone in prison with a release month: what comes before release.
    inside: Inside | None = None


def total_words(route: Route, before: int = 0) -> str:
    """The route's total as a range: the least it could take to what most people take
    (``before``: weeks from now until the route starts, for a route that starts at release)."""
    least = route.total_weeks if route.total_weeks_min is None else route.total_weeks_min
    return between_words(least + before, route.total_weeks + before)


def _jobs(
    catalogue: Catalogue, steps: list[StepView], current: Role | None, today: date, before: int = 0
) -> list[JobOnTheWay]:
    out = []
    if current is not None:
        out.append(JobOnTheWay(current, band_pay(catalogue, current.band), "now", now=True))
    for step in steps:
        if step.role is not None:
            when = f"{years_words(step.span.end + before)} ({month_year(today, step.span.end)})"
            out.append(JobOnTheWay(step.role, band_pay(catalogue, step.role.band), when))
    return out


def _next_steps(steps: list[StepView]) -> list[StepView]:
    """The first step, and a course taken side by side with it."""
    if not steps:
        return []
    first = steps[0]
    beside = [
        s
        for s in steps[1:3]
        if s.kind == "course" and first.kind == "course" and s.span.begin == first.span.begin
    ]
    return [first, *beside[:1]]


def _main_learning(steps: list[StepView]) -> tuple[list[StepView], int]:
    """The longest courses and apprenticeships, in route order, and how many more there are."""
    learning = [s for s in steps if s.kind in ("course", "apprenticeship")]
    longest = sorted(learning, key=lambda s: -(s.span.end - s.span.begin))[:MAIN_LEARNING]
    return [s for s in learning if s in longest], len(learning) - len(longest)


def _stages(route: Route) -> list[str]:
    if not route.steps:
        return ["induction"]
    if route.steps[0].kind == "role":
        return ["application", "interview"]
    return ["pre-application"]


def _inside(catalogue: Catalogue, timing: ReleaseTiming, released_by: date) -> Inside:
    items = {
        m.ref: catalogue.item(m.ref) or catalogue.find_role(m.ref) for m in timing.inside if m.ref
    }
    sources = list(catalogue.prison.sources) if catalogue.prison else []
    for item in items.values():
        if getattr(item, "inside_prison", None):
            sources += item.inside_prison.sources
    return Inside(
        timing.release,
        released_by,
        timing.inside,
        items,
        timing.first_start,
        tuple(dict.fromkeys(sources)),
    )


def route_view(catalogue: Catalogue, route: Route, number: int, answers: Answers, today: date):
    """One route, summed up and in steps. For someone in prison with a release month, the
    route was found from release: what can be done inside comes first (the timing rule,
    :func:`planner.pathways.release.release_timing`), and the rest is dated from then."""
    inside = None
    now = today
    if answers.release and catalogue.prison:
        first, last = answers.release
        timing = release_timing(route, catalogue, today, first, catalogue.prison, last)
        inside = _inside(catalogue, timing, last)
        route, today = timing.outside, timing.outside_from
    steps = step_views(catalogue, route, today, answers.role, answers.under_22, now)
    main, more = _main_learning(steps)
    before = max(0, (today - now).days // 7)  # weeks from now to the route's first day
    return RouteView(
        number=number,
        total=total_words(route, before),
        arrive=month_year(today, route.total_weeks),
        best_effort=route.best_effort,
        apply_now=route.apply_now,
        steps=steps,
        jobs=_jobs(catalogue, steps, catalogue.find_role(answers.role), today, before),
        next_steps=_next_steps(steps),
        main_learning=main,
        more_learning=more,
        map=draw_route(route, catalogue, answers.role, today),
        tips=[stage_tips(s) for s in _stages(route)],
        warnings=record_warnings(catalogue, [s.id for s in route.steps if s.kind == "role"]),
        inside=inside,
    )


def route_day(answers: Answers, today: date) -> date:
    """The day the route search starts from: someone in prison starts when they are released
    (the last day of the month they expect it), everyone else today."""
    return answers.release[1] if answers.release else today


def routes_context(graph: nx.DiGraph, answers: Answers, today: date, finder=None) -> dict[str, Any]:
    """Up to three routes to the chosen job, each summed up, drawn over time and in steps."""
    catalogue = catalogue_of(graph)
    context: dict[str, Any] = {
        "answers": answers,
        "target": catalogue.find_role(answers.to) if answers.to else None,
        "role_items": role_choices(catalogue, "Choose a job"),
        "routes": [],
        "no_route": None,
        "missing": [],
        "nearest": None,
        "tips": [],
        "assumed_new": answers.role is not None and answers.time_in_job is None,
        "release_unknown": answers.in_prison and answers.release is None,
        "long_date": long_date,
    }
    if not answers.to:
        return context
    try:
        found = (finder or partial(find_routes, graph))(
            answers.start, answers.to, on=route_day(answers, today)
        )
    except NoRoute as exc:
        context["no_route"] = exc
        context["missing"] = [
            catalogue.skill(m) for m in exc.missing if m in catalogue.by_id["skill"]
        ]
        context["nearest"] = catalogue.find_role(exc.nearest)
        return context
    context["routes"] = [
        route_view(catalogue, route, n, answers, today) for n, route in enumerate(found, start=1)
    ]
    if found and not found[0].steps:
        context["tips"] = [stage_tips("induction")]
    return context
