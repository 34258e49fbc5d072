"""What every page about one plan needs: the plan, its progress and agreement, the mode.

Shared by the plan pages, the sharing pages and the downloads, so none of them
imports another.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import networkx as nx
from flask import abort, current_app

from planner.config import now, today
from planner.explore.answers import Answers, address_answers, set_page_answers
from planner.pathways.model import Catalogue, Route
from planner.plans import store
from planner.plans.db import get_db
from planner.plans.forms import ITEM_KINDS_TO_CHOOSE, SIDES
from planner.plans.model import (
    ITEM_KINDS,
    ITEM_STATUSES,
    NOTE_MAX,
    REVIEW_KINDS,
    SHARE_LABELS,
    SUPPORT_MAX,
    TITLE_MAX,
    Plan,
    Progress,
)
from planner.plans.scan_code import scan_code
from planner.plans.service import (
    agreement_of,
    due_reviews,
    is_late,
    last_day,
    next_items,
    next_review,
    progress_of,
    with_article,
)
from planner.web.address import external_url
from planner.wording import long_date, weeks_in_words

__all__ = [
    "adviser_mode",
    "carry_plan_answers",
    "catalogue",
    "graph",
    "keep_link",
    "load_or_404",
    "mode_args",
    "plan_answers",
    "plan_context",
    "role_title",
    "routes_for",
]


def catalogue() -> Catalogue:
    return current_app.extensions["planner"]["catalogue"]


def graph() -> nx.DiGraph:
    return current_app.extensions["planner"]["graph"]


def adviser_mode() -> bool:
    """Working-with-someone mode: larger print, quick jumps. Carried in the address, not stored."""
    return address_answers().adviser


def mode_args() -> dict[str, Any]:
    """What every link between plan pages carries on: larger print (with the visit's key) and
    the answers the address holds, such as those of the route the plan was saved from."""
    return address_answers().args()


def keep_link(token: str) -> dict[str, Any]:
    """The plan's own link, and its code to scan, for the "Keep the link" box on the plan."""
    link = external_url("plans.plan", token=token)
    return {"plan_link": link, "plan_code": scan_code(link)}


def plan_answers(plan: Plan) -> Answers:
    """The answers a plan was made from, as far as it holds them: the ticks, the job, the goal.

    Plans keep nothing else a person told the planner (see the privacy notice).
    """
    return Answers(
        status="nhs-role" if plan.current_role else None,
        role=plan.current_role,
        have=plan.have,
        to=plan.target_role,
    )


def carry_plan_answers(plan: Plan) -> None:
    """The menu and footer of a plan page carry the answers of the person's route.

    Those the address holds when it names the plan's goal (the plan was just saved from the
    route page), or else the plan's own: "Your route" then opens the route to the goal.
    """
    given = address_answers()
    if given.to != plan.target_role:
        given = replace(plan_answers(plan), adviser=given.adviser, visit=given.visit)
    set_page_answers(given)


def routes_for(
    have, target: str, role: str | None, n: int = 3, on: date | None = None
) -> tuple[Route, ...]:
    """The best routes, through the app's per-process route cache (shared with the route page,
    so saving the route just looked at costs no new search); ``on`` is the day they start."""
    finder = current_app.extensions["planner"]["routes"]
    return tuple(finder(have, target, role, limit=n, on=on or today()))


def role_title(role_id: str | None) -> str:
    role = catalogue().find_role(role_id)
    return role.title if role else (role_id or "")


def load_or_404(token: str) -> Plan:
    plan = store.load_plan(get_db(), token, now())
    if plan is None:
        abort(404)
    return plan


def progress_text(plan: Plan) -> tuple[Progress, str]:
    """Progress by the plan's own steps and dates, and a sentence about it."""
    progress = progress_of(plan, today())
    title = role_title(plan.target_role)
    if progress.reached:
        return progress, f"You have reached your goal: {title}."
    done = f"You have done {progress.done} of {progress.steps} steps towards {title}."
    goal_on = progress.goal_on
    if goal_on is None:
        return progress, done
    if goal_on < today():
        return progress, (
            f"{done} The date for your goal, {long_date(goal_on)}, has passed."
            " You can move the steps not done yet to new dates."
        )
    weeks = (goal_on - today()).days // 7
    when = "this week" if weeks < 1 else f"{weeks_in_words(weeks)} from now"
    return progress, (
        f"{done} Your plan says you could start as {with_article(title)} by {goal_on:%B %Y}, {when}."
    )


def agreement_sides(plan: Plan) -> list[dict[str, Any]]:
    """Who agreed as what, when, and whether to the plan as it is now: one entry per side."""
    agreement = agreement_of(plan)
    current = {"employee": agreement.employee_current, "manager": agreement.manager_current}
    sides = []
    for side, label in SIDES.items():
        on = getattr(plan, f"{side}_agreed_on")
        agreed_as = getattr(plan, f"{side}_agreed_as")
        if on is None:
            words = "Not agreed yet"
        else:
            words = f"Agreed on {long_date(on)}" + (f", as {agreed_as}" if agreed_as else "")
            if not current[side]:
                words += ", to an earlier version of the plan"
        sides.append({"side": side, "label": label, "on": on, "as": agreed_as, "words": words})
    return sides


def date_parts(day: date | None) -> dict[str, str]:
    """A date as the NHS date input's three boxes show it."""
    if day is None:
        return {}
    return {"day": str(day.day), "month": str(day.month), "year": str(day.year)}


AGREEMENT_WORDS = {
    "agreed": "Agreed by the employee and their line manager.",
    "partly": "Agreed by one person so far. It needs both the employee and line manager.",
    "again": "This plan has changed since it was agreed. It needs agreeing again.",
    "none": "Not agreed yet.",
}


def plan_context(plan: Plan, *, owner: bool = True, **extra: Any) -> dict[str, Any]:
    """What every page about one plan shows. ``owner`` is ``False`` on a view-only page:
    its menu then carries the reader's own answers, not the plan's."""
    if owner:
        carry_plan_answers(plan)
    progress, progress_line = progress_text(plan)
    agreement = agreement_of(plan)
    return {
        "plan": plan,
        "target_title": role_title(plan.target_role),
        "current_title": role_title(plan.current_role),
        "progress": progress,
        "progress_line": progress_line,
        "agreement": agreement,
        "agreement_line": AGREEMENT_WORDS[agreement.state],
        "agreement_sides": agreement_sides(plan),
        "next_items": next_items(plan),
        "late_places": {n for n, item in enumerate(plan.items) if is_late(item, today())},
        "due_reviews": due_reviews(plan, today()),
        "next_review": next_review(plan, today()),
        "last_day": last_day,
        "share_labels": SHARE_LABELS,
        "date_parts": date_parts,
        "item_kinds": ITEM_KINDS,
        "step_kinds": ITEM_KINDS_TO_CHOOSE,
        "item_statuses": ITEM_STATUSES,
        "review_kinds": REVIEW_KINDS,
        "limits": {"title": TITLE_MAX, "note": NOTE_MAX, "support": SUPPORT_MAX},
        "long_date": long_date,
        "adviser": adviser_mode(),
        "mode_args": mode_args(),
        "mode_fields": [
            (name, value)
            for name, values in mode_args().items()
            for value in (values if isinstance(values, list) else [values])
        ],
        "today": today(),
        **extra,
    }
