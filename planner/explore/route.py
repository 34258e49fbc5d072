"""The route page: up to three routes to the chosen job, each a timeline with its drawing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import Any

import networkx as nx

from planner.explore.answers import Answers
from planner.explore.drawing import RouteMap, draw_route
from planner.explore.labels import KIND_LABELS, pay_of, role_choices
from planner.help.content import stage_tips
from planner.pathways import NoRoute, catalogue_of, find_routes
from planner.pathways.model import Catalogue, Experience, Learning, Role, Route, Skill
from planner.wording import long_date, weeks_in_words

__all__ = ["routes_context"]


@dataclass(frozen=True)
class StepView:
    number: int
    kind: str
    kind_label: str
    title: str
    item: Role | Learning | Experience | None
    time: str
    gains: list[Skill]
    cost: str
    start: str
    alternatives: list[Learning]
    needs_job_in: list[str]


def _cost(catalogue: Catalogue, kind: str, item: Any) -> str:
    if kind == "role":
        return f"You get paid: {pay_of(catalogue, item)}"
    if kind == "experience":
        return "Free. You gain this by doing the job."
    if item is not None and item.cost:
        return item.cost
    return "Free to you: your employer pays" if kind == "apprenticeship" else "Ask the college"


def _start(kind: str, item: Any, number: int, begins: date, today: date) -> str:
    when = "after the step before" if number > 1 else "now"
    if kind != "role" and isinstance(item, Learning):
        if item.starts_from and begins < item.starts_from:
            return f"First start date: {long_date(item.starts_from)}"
        if item.starts_until:
            state = "You can start this " + when if item.open_on(begins) else "No new starts"
            return f"{state}. Last start date: {long_date(item.starts_until - timedelta(days=1))}"
    if kind == "role":
        return "Apply " + ("now" if number == 1 else "when you have done the steps before")
    return "You can start this " + when


def _steps(catalogue: Catalogue, route: Route, today: date) -> list[StepView]:
    steps = []
    for n, step in enumerate(route.steps, start=1):
        if step.kind == "role":
            item: Any = catalogue.find_role(step.id)
        else:
            item = catalogue.item(step.id)
        alternatives = [
            catalogue.learning_item(a)
            for a in getattr(item, "alternatives", ())
            if a in catalogue.by_id["learning"]
        ]
        needs = [catalogue.family_name(f) for f in getattr(item, "needs_role_in", ())]
        steps.append(
            StepView(
                number=n,
                kind=step.kind,
                kind_label=KIND_LABELS.get(step.kind, step.kind),
                title=step.title,
                item=item,
                time=weeks_in_words(step.weeks)
                + (" to apply and start" if step.kind == "role" else ""),
                gains=[catalogue.skill(g) for g in step.gains if g in catalogue.by_id["skill"]],
                cost=_cost(catalogue, step.kind, item),
                start=_start(
                    step.kind, item, n, today + timedelta(weeks=step.starts_after_weeks), today
                ),
                alternatives=alternatives if getattr(item, "starts_until", None) else [],
                needs_job_in=needs,
            )
        )
    return steps


def _stages(route: Route | None) -> list[str]:
    if route is None or not route.steps:
        return ["induction"]
    if route.steps[0].kind == "role":
        return ["application", "interview"]
    return ["pre-application"]


def routes_context(graph: nx.DiGraph, answers: Answers, today: date, finder=None) -> dict[str, Any]:
    """Up to three routes to the chosen job, each a timeline with a drawing on the band ladder."""
    catalogue = catalogue_of(graph)
    context: dict[str, Any] = {
        "answers": answers,
        "target": catalogue.find_role(answers.to) if answers.to else None,
        "role_items": role_choices(catalogue, "Choose a job"),
        "routes": [],
        "no_route": None,
        "missing": [],
        "tips": [],
    }
    if not answers.to:
        return context
    try:
        found = (finder or partial(find_routes, graph))(answers.start, answers.to, on=today)
    except NoRoute as exc:
        context["no_route"] = exc
        context["missing"] = [
            catalogue.skill(m) for m in exc.missing if m in catalogue.by_id["skill"]
        ]
        return context
    routes: list[dict[str, Any]] = []
    for n, route in enumerate(found, start=1):
        drawing: RouteMap = draw_route(route, catalogue, answers.role)
        routes.append(
            {
                "number": n,
                "total": weeks_in_words(route.total_weeks),
                "apply_now": route.apply_now,
                "steps": _steps(catalogue, route, today),
                "map": drawing,
                "tips": [stage_tips(s) for s in _stages(route)],
            }
        )
    context["routes"] = routes
    context["tips"] = [stage_tips(s) for s in _stages(found[0] if found else None)]
    return context
