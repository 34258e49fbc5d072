"""What every page about one plan needs: the plan, its progress and agreement, the mode.

Shared by the plan pages, the sharing pages and the downloads, so none of them
imports another.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx
from flask import abort, current_app, request

from planner.config import now, today
from planner.pathways.model import Catalogue, Route
from planner.plans import store
from planner.plans.db import get_db
from planner.plans.forms import ITEM_KINDS_TO_CHOOSE, SIDES
from planner.plans.model import (
    ITEM_KINDS,
    ITEM_STATUSES,
    NOTE_MAX,
    REVIEW_KINDS,
    SUPPORT_MAX,
    TITLE_MAX,
    Plan,
)
from planner.plans.service import agreement_of, next_items, progress_of
from planner.wording import long_date, weeks_in_words

__all__ = [
    "adviser_mode",
    "catalogue",
    "graph",
    "load_or_404",
    "mode_args",
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
    return (request.values.get("adviser") or "") == "1"


def mode_args() -> dict[str, str]:
    return {"adviser": "1"} if adviser_mode() else {}


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


def progress_text(plan: Plan) -> tuple[Any, str]:
    """Progress worked out again from what is done, and a sentence about it."""
    progress = progress_of(plan, lambda have, target, role: routes_for(have, target, role, 1)[0])
    title = role_title(plan.target_role)
    if progress.reached:
        return progress, f"You have reached your goal: {title}."
    if progress.weeks_left is None:
        return progress, f"We cannot work out a route to {title} from what is done so far."
    return progress, (
        f"You are {progress.percent}% of the way to {title}. "
        f"About {weeks_in_words(progress.weeks_left).removeprefix('about ')} to go."
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


def plan_context(plan: Plan, **extra: Any) -> dict[str, Any]:
    """What every page about one plan shows."""
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
        "date_parts": date_parts,
        "item_kinds": ITEM_KINDS,
        "step_kinds": ITEM_KINDS_TO_CHOOSE,
        "item_statuses": ITEM_STATUSES,
        "review_kinds": REVIEW_KINDS,
        "limits": {"title": TITLE_MAX, "note": NOTE_MAX, "support": SUPPORT_MAX},
        "long_date": long_date,
        "adviser": adviser_mode(),
        "mode_args": mode_args(),
        "today": today(),
        **extra,
    }
