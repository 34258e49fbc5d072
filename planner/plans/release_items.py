"""A plan made from a route for someone in prison: dated by the one timing rule
(:func:`planner.pathways.release.release_timing`), so the saved plan says what the route page
says: what to do before release, then the rest of the route from then.

A plan's words never name prison or probation (see :mod:`planner.plans.justice_words`), so
the items say what to do ("Ask about day release to work (ROTL)") and not where.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from planner.pathways.model import Catalogue, PrisonTimes, Route
from planner.pathways.release import Moment, release_timing
from planner.plans.model import NewPlan, PlanItem, Review
from planner.plans.service import items_from_route

__all__ = ["new_plan_from_release"]


def _moment_items(moment: Moment, catalogue: Catalogue, route: Route) -> list[PlanItem]:
    if moment.kind == "course":
        item = catalogue.learning_item(moment.ref or "")
        step = next(s for s in route.steps if s.id == moment.ref)
        name = item.name.removesuffix(" course") if item else step.title
        done = {"ref": step.id, "step_kind": step.kind, "weeks": step.weeks, "gains": step.gains}
        return [
            PlanItem("action", f"Enrol on {name}", moment.begin, ref=step.id, step_kind="course"),
            PlanItem("milestone", f"Finish {name}", moment.end, **done),
        ]
    words = {
        "rotl": "Ask about day release to work (ROTL)",
        "bank": "Open a bank account",
        "hub": "Meet the work coach at the Employment Hub",
    }
    if moment.kind not in words:
        return []  # the first application is the route's own first step
    when = moment.end if moment.kind == "bank" else moment.begin
    return [PlanItem("action", words[moment.kind], when)]


def new_plan_from_release(
    route: Route,
    catalogue: Catalogue,
    target_role: str,
    have: Iterable[str],
    today: date,
    release: tuple[date, date],
    prison: PrisonTimes,
) -> NewPlan:
    """A plan for a route found from release: what comes before it, then the rest, dated."""
    first, last = release
    timing = release_timing(route, catalogue, today, first, prison, last)
    title = catalogue.role(target_role).title
    goal, *outside = items_from_route(timing.outside, title, timing.outside_from, catalogue)
    inside = [item for moment in timing.inside for item in _moment_items(moment, catalogue, route)]
    items = sorted((*inside, *outside), key=lambda i: i.target_date or date.max)
    return NewPlan(
        target_role=target_role,
        current_role=None,
        have=tuple(dict.fromkeys(have)),
        items=(goal, *items),
        reviews=(Review(today + timedelta(weeks=13), "review"),),
    )
