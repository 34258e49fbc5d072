"""One job in plain words: pay, what it needs (marked against what you have), DBS, ways in, on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from planner.explore.answers import Answers
from planner.explore.labels import DBS_NAMES, pay_of
from planner.pathways import catalogue_of, leads_into, leads_to, start_skills
from planner.pathways.model import Band, Catalogue, Experience, Learning, Skill
from planner.wording import weeks_in_words

__all__ = ["givers", "role_context"]


def givers(catalogue: Catalogue, skill_id: str) -> list[Learning | Experience]:
    """Courses, apprenticeships and experience that give a skill (or one that counts as it)."""
    skill = catalogue.skill(skill_id)
    counts = {skill_id} | {group[0] for group in skill.met_by if len(group) == 1}
    found: list[Learning | Experience] = [
        item for item in catalogue.learning if counts & set(item.grants)
    ]
    found += [e for e in catalogue.experience if counts & set(e.grants)]
    return found


@dataclass(frozen=True)
class Requirement:
    skill: Skill
    has: bool | None
    ways: list[Learning | Experience]


def role_context(graph: nx.DiGraph, role_id: str, answers: Answers) -> dict[str, Any]:
    """One job: what it is, pay, what it needs (marked against what you have), DBS, ways in, on."""
    catalogue = catalogue_of(graph)
    role = catalogue.role(role_id)
    knows = bool(answers.have or answers.role)
    held = set(start_skills(graph, answers.start)) if knows else set()

    def requirement(skill_id: str) -> Requirement:
        has = (skill_id in held) if knows else None
        return Requirement(
            catalogue.skill(skill_id), has, [] if has else givers(catalogue, skill_id)
        )

    band: Band | None = catalogue.band(role.band)
    return {
        "role": role,
        "band": band,
        "family_name": catalogue.family_name(role.family),
        "route_name": catalogue.route_name(role.route),
        "pay": pay_of(catalogue, role),
        "essential": [requirement(s) for s in role.requires],
        "desirable": [requirement(s) for s in role.desirable],
        "knows": knows,
        "dbs_name": DBS_NAMES.get(role.dbs.level, role.dbs.level),
        "leads_into": [
            catalogue.learning_item(i)
            for i in leads_into(graph, role.id)
            if i in catalogue.by_id["learning"]
        ],
        "leads_to": [catalogue.role(r) for r in leads_to(graph, role.id)],
        "answers": answers,
        "weeks_in_words": weeks_in_words,
    }
