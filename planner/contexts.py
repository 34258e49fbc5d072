"""What each page area shows, worked out from the answers and the core.

One function per area. A page and its htmx fragment are fed by the same
function, so the two can never disagree (the idea of Notify's
``get_job_partials``). No Flask here: views pass in what they read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import networkx as nx

from planner.content import skill_groups, stage_tips
from planner.drawing import RouteMap, draw_route
from planner.forms import Answers
from planner.pathways import (
    NoRoute,
    apply_now,
    catalogue_of,
    find_routes,
    leads_into,
    leads_to,
    one_step_away,
    opens_most_doors,
    start_skills,
)
from planner.pathways.model import (
    Band,
    Catalogue,
    Experience,
    Learning,
    Role,
    Route,
    Skill,
    band_rank,
)
from planner.wording import long_date, pay_range, weeks_in_words

__all__ = [
    "DBS_NAMES",
    "options_context",
    "role_context",
    "roles_context",
    "routes_context",
    "start_form_context",
]

#: How many "one step away" roles the panel lists before pointing to the full list.
ONE_STEP_LIMIT = 6

DBS_NAMES = {
    "basic": "Basic check",
    "standard": "Standard check",
    "enhanced": "Enhanced check",
    "enhanced-barred": "Enhanced check with barred lists",
}

KIND_LABELS = {
    "role": "Job",
    "course": "Course",
    "apprenticeship": "Apprenticeship",
    "experience": "Experience",
}


class _Lookup:
    """Records by id, built once per catalogue."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.roles = {r.id: r for r in catalogue.roles}
        self.skills = {s.id: s for s in catalogue.skills}
        self.learning = {item.id: item for item in catalogue.learning}
        self.experience = {e.id: e for e in catalogue.experience}
        self.bands = {b.id: b for b in catalogue.bands}
        self.families = dict(catalogue.families)

    def item(self, item_id: str) -> Learning | Experience | None:
        return self.learning.get(item_id) or self.experience.get(item_id)

    def name(self, item_id: str) -> str:
        item = self.item(item_id)
        return item.name if item else item_id

    def pay(self, role: Role) -> str:
        band = self.bands.get(role.band)
        return pay_range(band.pay_entry, band.pay_top) if band else "Pay not known"

    def givers(self, skill_id: str) -> list[Learning | Experience]:
        """Courses, apprenticeships and experience that give a skill (or one that counts as it)."""
        skill = self.skills[skill_id]
        counts = {skill_id} | {group[0] for group in skill.met_by if len(group) == 1}
        found: list[Learning | Experience] = [
            item for item in self.catalogue.learning if counts & set(item.grants)
        ]
        found += [e for e in self.catalogue.experience if counts & set(e.grants)]
        return found


_lookups: dict[int, _Lookup] = {}


def lookup(catalogue: Catalogue) -> _Lookup:
    key = id(catalogue)
    if key not in _lookups:
        _lookups[key] = _Lookup(catalogue)
    return _lookups[key]


def _roles_in_order(catalogue: Catalogue) -> list[Role]:
    families = [f for f, _ in catalogue.families]
    return sorted(
        catalogue.roles,
        key=lambda r: (
            families.index(r.family) if r.family in families else 99,
            band_rank(r.band),
            r.title,
        ),
    )


def role_choices(catalogue: Catalogue, first: str) -> list[dict[str, Any]]:
    """Select options for a role: lowest band first within each family of jobs."""
    items = [{"value": "", "text": first}]
    items += [
        {"value": r.id, "text": f"{r.title} (band {r.band})"} for r in _roles_in_order(catalogue)
    ]
    return items


def _boxes(look: _Lookup, entries: list[dict[str, Any]], have: set[str]) -> list[dict[str, Any]]:
    """Checkbox items for the skills in a content group that exist in the data."""
    return [
        {
            "value": entry["id"],
            "text": entry.get("label", look.skills[entry["id"]].name),
            "hint": entry.get("hint"),
            "checked": entry["id"] in have,
        }
        for entry in entries
        if entry["id"] in look.skills
    ]


def start_form_context(catalogue: Catalogue, answers: Answers) -> dict[str, Any]:
    """The start page's form: the groups of boxes to tick, and the choice of job.

    A group's ``more`` items sit behind a "show more" so the first view stays short;
    they start open when one of them is ticked.
    """
    look = lookup(catalogue)
    have = set(answers.have)
    groups = []
    for group in skill_groups():
        more = group.get("more")
        more_items = _boxes(look, more["skills"], have) if more else []
        groups.append(
            {
                **group,
                "items": _boxes(look, group["skills"], have),
                "more_items": more_items,
                "more_open": any(item["checked"] for item in more_items),
            }
        )
    placed = {box["value"] for group in groups for box in group["items"] + group["more_items"]}
    rest = [{"id": s.id} for s in catalogue.skills if s.id not in placed]
    if rest:
        groups.append(
            {
                "id": "other",
                "heading": "Other things",
                "hint": "Anything else you have.",
                "items": _boxes(look, rest, have),
                "more_items": [],
            }
        )
    return {
        "groups": groups,
        "role_items": role_choices(catalogue, "Choose your job"),
    }


@dataclass(frozen=True)
class NearRole:
    role: Role
    missing: list[Skill]
    via: Learning | Experience | None
    via_name: str
    via_kind: str
    weeks: str


def options_context(graph: nx.DiGraph, answers: Answers, today: date) -> dict[str, Any]:
    """The results panel: apply now, one step away, and the one thing that opens most doors."""
    look = lookup(catalogue_of(graph))
    have, role = answers.have, answers.role
    now = [look.roles[r] for r in apply_now(graph, have, role)]
    near = [
        NearRole(
            role=look.roles[s.role],
            missing=[look.skills[m] for m in s.missing],
            via=look.item(s.via),
            via_name=look.name(s.via),
            via_kind=KIND_LABELS.get(s.via_kind, s.via_kind),
            weeks=weeks_in_words(s.weeks),
        )
        for s in one_step_away(graph, have, role, on=today)
    ]
    door = opens_most_doors(graph, have, role, on=today)
    return {
        "answers": answers,
        "current_role": look.roles.get(role) if role else None,
        "apply_now": now,
        "one_step": near[:ONE_STEP_LIMIT],
        "one_step_more": max(0, len(near) - ONE_STEP_LIMIT),
        "door": door,
        "door_item": look.item(door.learning) if door else None,
        "door_opens": [look.roles[r] for r in door.opens] if door else [],
        "door_weeks": weeks_in_words(door.weeks) if door else "",
        "pay": look.pay,
    }


def roles_context(graph: nx.DiGraph, answers: Answers) -> dict[str, Any]:
    """The band-by-route grid for each family of jobs."""
    catalogue = catalogue_of(graph)
    look = lookup(catalogue)
    families = []
    for family_id, family_name in catalogue.families:
        roles = [r for r in catalogue.roles if r.family == family_id]
        if not roles:
            continue
        bands = sorted({r.band for r in roles}, key=band_rank)
        rows = []
        for route_id, route_name, route_family in catalogue.routes:
            if route_family != family_id:
                continue
            cells = [[r for r in roles if r.route == route_id and r.band == b] for b in bands]
            if any(cells):
                rows.append({"id": route_id, "name": route_name, "cells": cells})
        families.append(
            {
                "id": family_id,
                "name": family_name,
                "bands": [look.bands.get(b) or b for b in bands],
                "rows": rows,
            }
        )
    open_now = (
        set(apply_now(graph, answers.have, answers.role)) if answers.have or answers.role else set()
    )
    return {"families": families, "open_now": open_now, "answers": answers, "pay": look.pay}


@dataclass(frozen=True)
class Requirement:
    skill: Skill
    has: bool | None
    ways: list[Learning | Experience]


def role_context(graph: nx.DiGraph, role_id: str, answers: Answers) -> dict[str, Any]:
    """One job: what it is, pay, what it needs (marked against what you have), DBS, ways in, on."""
    catalogue = catalogue_of(graph)
    look = lookup(catalogue)
    role = look.roles[role_id]
    knows = bool(answers.have or answers.role)
    held = set(start_skills(graph, answers.have, answers.role)) if knows else set()

    def requirement(skill_id: str) -> Requirement:
        has = (skill_id in held) if knows else None
        return Requirement(look.skills[skill_id], has, [] if has else look.givers(skill_id))

    band: Band | None = look.bands.get(role.band)
    return {
        "role": role,
        "band": band,
        "family_name": look.families.get(role.family, role.family),
        "route_name": next((name for rid, name, _ in catalogue.routes if rid == role.route), ""),
        "pay": look.pay(role),
        "essential": [requirement(s) for s in role.requires],
        "desirable": [requirement(s) for s in role.desirable],
        "knows": knows,
        "dbs_name": DBS_NAMES.get(role.dbs.level, role.dbs.level),
        "leads_into": [look.learning[i] for i in leads_into(graph, role.id) if i in look.learning],
        "leads_to": [look.roles[r] for r in leads_to(graph, role.id)],
        "answers": answers,
        "weeks_in_words": weeks_in_words,
    }


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


def _cost(look: _Lookup, kind: str, item: Any) -> str:
    if kind == "role":
        return f"You get paid: {look.pay(item)}"
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


def _steps(look: _Lookup, route: Route, today: date) -> list[StepView]:
    steps = []
    for n, step in enumerate(route.steps, start=1):
        if step.kind == "role":
            item: Any = look.roles.get(step.id)
        else:
            item = look.item(step.id)
        alternatives = [
            look.learning[a] for a in getattr(item, "alternatives", ()) if a in look.learning
        ]
        needs = [look.families.get(f, f) for f in getattr(item, "needs_role_in", ())]
        steps.append(
            StepView(
                number=n,
                kind=step.kind,
                kind_label=KIND_LABELS.get(step.kind, step.kind),
                title=step.title,
                item=item,
                time=weeks_in_words(step.weeks)
                + (" to apply and start" if step.kind == "role" else ""),
                gains=[look.skills[g] for g in step.gains if g in look.skills],
                cost=_cost(look, step.kind, item),
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
    look = lookup(catalogue)
    context: dict[str, Any] = {
        "answers": answers,
        "target": look.roles.get(answers.to) if answers.to else None,
        "role_items": role_choices(catalogue, "Choose a job"),
        "routes": [],
        "no_route": None,
        "missing": [],
        "tips": [],
    }
    if not answers.to:
        return context
    try:
        if finder is None:
            found = find_routes(
                graph, answers.have, answers.to, current_role=answers.role, on=today
            )
        else:
            found = finder(answers.have, answers.to, current_role=answers.role, on=today)
    except NoRoute as exc:
        context["no_route"] = exc
        context["missing"] = [look.skills[m] for m in exc.missing if m in look.skills]
        return context
    routes: list[dict[str, Any]] = []
    for n, route in enumerate(found, start=1):
        drawing: RouteMap = draw_route(route, catalogue, answers.role)
        routes.append(
            {
                "number": n,
                "total": weeks_in_words(route.total_weeks),
                "apply_now": route.apply_now,
                "steps": _steps(look, route, today),
                "map": drawing,
                "tips": [stage_tips(s) for s in _stages(route)],
            }
        )
    context["routes"] = routes
    context["tips"] = [stage_tips(s) for s in _stages(found[0] if found else None)]
    return context
