"""One job in plain words: pay, what it needs (marked against what you have), the checks and
what a record can change, "When you apply", ways in with where to find them, where it leads,
and where to look for the job itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from planner.advice.job import record_changes, when_you_apply
from planner.explore.answers import Answers
from planner.explore.labels import dbs_words, pay_of
from planner.explore.outside import OutsideLink, finder_link, outside_link
from planner.pathways import apply_now, catalogue_of, leads_into, leads_to, start_skills
from planner.pathways.model import Band, Catalogue, Experience, Learning, Skill
from planner.wording import weeks_in_words

__all__ = ["Requirement", "Way", "givers", "open_now", "requirements", "role_context", "way_of"]

#: How many ways to get a missing thing the page lists.
WAYS_SHOWN = 3


def givers(catalogue: Catalogue, skill_id: str) -> list[Learning | Experience]:
    """Courses, apprenticeships and experience that give a skill (or one that counts as it)."""
    skill = catalogue.skill(skill_id)
    counts = {skill_id} | {group[0] for group in skill.met_by if len(group) == 1}
    found: list[Learning | Experience] = [
        item for item in catalogue.learning if counts & set(item.grants)
    ]
    found += [e for e in catalogue.experience if counts & set(e.grants)]
    return found


def open_now(graph: nx.DiGraph, answers: Answers) -> set[str]:
    """The jobs the person could apply for now (none when we do not know what they have)."""
    return set(apply_now(graph, answers.start)) if answers.known else set()


@dataclass(frozen=True)
class Way:
    """One way to get something: a course, an apprenticeship or experience, and where to find it."""

    item: Learning | Experience
    kind: str
    time: str
    find: OutsideLink | None


def way_of(item: Learning | Experience) -> Way:
    """A course, apprenticeship or experience with its kind, time and where to find it."""
    kind = item.kind if isinstance(item, Learning) else "experience"
    return Way(item, kind, weeks_in_words(item.weeks), finder_link(item))


@dataclass(frozen=True)
class Requirement:
    skill: Skill
    has: bool | None
    ways: list[Way]


def requirements(
    graph: nx.DiGraph, skill_ids: tuple[str, ...], answers: Answers
) -> list[Requirement]:
    """Each skill marked as held or not (``None`` when we do not know what the person has)."""
    catalogue = catalogue_of(graph)
    held = set(start_skills(graph, answers.start)) if answers.known else set()
    out = []
    for skill_id in skill_ids:
        has = (skill_id in held) if answers.known else None
        ways = [] if has else [way_of(i) for i in givers(catalogue, skill_id)[:WAYS_SHOWN]]
        out.append(Requirement(catalogue.skill(skill_id), has, ways))
    return out


def _open_to_them(item: Learning, answers: Answers) -> bool:
    """A way in for some ages only (the King's Trust, 16 to 30) is left out for someone who
    said an age it is not for; without an answer it is shown, with who it is for."""
    condition = item.way_in.condition if item.way_in else None
    if condition is None or answers.age is None:
        return True
    return condition in answers.conditions


def role_context(graph: nx.DiGraph, role_id: str, answers: Answers) -> dict[str, Any]:
    """One job: what it is, pay, what it needs (marked against what you have), DBS, ways in, on."""
    catalogue = catalogue_of(graph)
    role = catalogue.role(role_id)
    band: Band | None = catalogue.band(role.band)
    ways_in = [
        item
        for item in (catalogue.learning_item(i) for i in leads_into(graph, role.id))
        if item is not None and _open_to_them(item, answers)
    ]
    return {
        "role": role,
        "band": band,
        "family_name": catalogue.family_name(role.family),
        "route_name": catalogue.route_name(role.route),
        "pay": pay_of(catalogue, role),
        "essential": requirements(graph, role.requires, answers),
        "can_apply": role.id in open_now(graph, answers),
        "desirable": requirements(graph, role.desirable, answers),
        "knows": answers.known,
        "dbs": dbs_words(role),
        "record": record_changes(catalogue, role),
        "apply": when_you_apply(catalogue, role),
        "ways_in": [way_of(item) for item in ways_in],
        "leads_to": [catalogue.role(r) for r in leads_to(graph, role.id)],
        "nhs_jobs": outside_link("nhs-jobs", role.title),
        "answers": answers,
    }
