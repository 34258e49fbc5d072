"""The start page: the boxes to tick, and the options panel (apply now, one step away, most doors).

The page and its htmx fragment are fed by the same functions, so the two can
never disagree (the idea of Notify's ``get_job_partials``). No Flask here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

import networkx as nx

from planner.explore.answers import CHOICES, Answers, release_choices
from planner.explore.labels import KIND_LABELS, pay_of, role_choices
from planner.explore.outside import finder_link
from planner.help.content import skill_groups
from planner.pathways import apply_now, catalogue_of, one_step_away, opens_most_doors
from planner.pathways.model import Catalogue, Experience, Learning, Role, Skill
from planner.wording import weeks_in_words

__all__ = ["ONE_STEP_LIMIT", "about_you", "options_context", "start_form_context"]

#: How many "one step away" roles the panel lists before pointing to the full list.
ONE_STEP_LIMIT = 6


def _boxes(
    catalogue: Catalogue, entries: list[dict[str, Any]], have: set[str]
) -> list[dict[str, Any]]:
    """Checkbox items for the skills in a content group that exist in the data."""
    return [
        {
            "value": entry["id"],
            "text": entry.get("label", catalogue.skill(entry["id"]).name),
            "hint": entry.get("hint"),
            "checked": entry["id"] in have,
        }
        for entry in entries
        if entry["id"] in catalogue.by_id["skill"]
    ]


def start_form_context(catalogue: Catalogue, answers: Answers) -> dict[str, Any]:
    """The start page's form: the groups of boxes to tick, and the choice of job.

    Each group is collapsed behind its heading so the button stays near the top
    (it says how many of its boxes are ticked). A group's ``more`` items sit
    behind a "show more" inside it; they start open when one of them is ticked.
    """
    have = set(answers.have)
    groups = []
    for group in skill_groups():
        more = group.get("more")
        items = _boxes(catalogue, group["skills"], have)
        more_items = _boxes(catalogue, more["skills"], have) if more else []
        groups.append(_group(group, items, more_items))
    placed = {box["value"] for group in groups for box in group["items"] + group["more_items"]}
    rest = [{"id": s.id} for s in catalogue.skills if s.id not in placed]
    if rest:
        other = {"id": "other", "heading": "Other things", "hint": "Anything else you have."}
        groups.append(_group(other, _boxes(catalogue, rest, have), []))
    return {
        "groups": groups,
        "role_items": role_choices(catalogue, "Choose your job"),
        "about_you": about_you(answers),
        "release": release_items(),
    }


def release_items() -> dict[str, list[dict[str, str]]]:
    """The release month and year as select options, each starting with "Not sure"."""
    choices = release_choices()
    first = [{"value": "", "text": "Not sure"}]
    return {
        "months": first + [{"value": v, "text": t} for v, t in choices["release_month"].items()],
        "years": first + [{"value": v, "text": t} for v, t in choices["release_year"].items()],
    }


def about_you(answers: Answers) -> dict[str, Any]:
    """The optional questions: time in the job and in the NHS, "How old are you?", and (for
    someone in prison) the month they expect to be released.

    They sit folded away under one heading, open when one of them is answered. Choosing
    "Less than 6 months" is the same as not answering (we assume a person is new), and
    "I would rather not say" takes back an answer about age.
    """

    def items(name: str, chosen: str | None) -> list[dict[str, Any]]:
        return [
            {"value": value, "text": label, "checked": chosen == value}
            for value, label in CHOICES[name].items()
        ]

    age = items("age", answers.age)
    age.append({"value": "", "text": "I would rather not say", "checked": answers.age is None})
    return {
        "time_in_job": items("time_in_job", answers.time_in_job),
        "time_in_nhs": items("time_in_nhs", answers.time_in_nhs),
        "age": age,
        "open": any(
            v is not None
            for v in (
                answers.time_in_job,
                answers.time_in_nhs,
                answers.age,
                answers.release_month,
                answers.release_year,
            )
        ),
    }


def _group(group: dict[str, Any], items: list[dict], more_items: list[dict]) -> dict[str, Any]:
    return {
        **group,
        "items": items,
        "more_items": more_items,
        "more_open": any(item["checked"] for item in more_items),
        "ticked": sum(item["checked"] for item in items + more_items),
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
    """The results panel: apply now, one step away, and the one thing that opens most doors.

    With an ``area`` of work chosen, its jobs come first in every list.
    """
    catalogue = catalogue_of(graph)
    role = answers.role
    area = answers.area
    now = [catalogue.role(r) for r in apply_now(graph, answers.start)]
    now.sort(key=lambda r: area is not None and r.family != area)
    near = [
        NearRole(
            role=catalogue.role(s.role),
            missing=[catalogue.skill(m) for m in s.missing],
            via=catalogue.item(s.via),
            via_name=_name(catalogue, s.via),
            via_kind=KIND_LABELS.get(s.via_kind, s.via_kind),
            weeks=weeks_in_words(s.weeks),
        )
        for s in one_step_away(graph, answers.start, on=today, family=area)
    ]
    door = opens_most_doors(graph, answers.start, on=today, family=area)
    return {
        "answers": answers,
        "current_role": catalogue.find_role(role) if role else None,
        "target": catalogue.find_role(answers.to),
        "area_name": catalogue.family_name(area) if area else None,
        "apply_now": now,
        "one_step": near[:ONE_STEP_LIMIT],
        "one_step_more": max(0, len(near) - ONE_STEP_LIMIT),
        "door": door,
        "door_item": catalogue.item(door.learning) if door else None,
        "door_find": finder_link(catalogue.item(door.learning)) if door else None,
        "door_opens": [catalogue.role(r) for r in door.opens] if door else [],
        "door_weeks": weeks_in_words(door.weeks) if door else "",
        "pay": partial(pay_of, catalogue),
    }


def _name(catalogue: Catalogue, item_id: str) -> str:
    item = catalogue.item(item_id)
    return item.name if item else item_id
