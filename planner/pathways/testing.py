"""Small hand-made catalogues for doctests and unit tests."""

from __future__ import annotations

from datetime import timedelta

import networkx as nx

from planner.pathways.graph import build_graph
from planner.pathways.model import (
    Catalogue,
    DbsCheck,
    Experience,
    Learning,
    Role,
    Skill,
    band_rank,
)

__all__ = ["make_learning", "make_role", "make_skill", "tiny_catalogue", "tiny_graph"]

_DBS = DbsCheck("basic", False, "Shows unspent convictions only.")


def make_skill(skill_id: str, level: int = 1, met_by=()) -> Skill:
    return Skill(skill_id, skill_id, level, "skill", skill_id, tuple(tuple(g) for g in met_by))


def make_role(role_id: str, band: str, requires=(), family: str = "admin") -> Role:
    return Role(role_id, role_id, band, family, "route", role_id, tuple(requires), (), _DBS)


def make_learning(
    learning_id: str, weeks: int, grants, requires=(), kind: str = "course", needs_role_in=(), **kw
) -> Learning:
    return Learning(
        learning_id,
        learning_id,
        kind,
        2,
        weeks,
        weeks,
        weeks,
        tuple(grants),
        tuple(requires),
        learning_id,
        needs_role_in=tuple(needs_role_in),
        **kw,
    )


def tiny_catalogue() -> Catalogue:
    """Two roles, one course, one apprenticeship and some experience."""
    return Catalogue(
        bands=(),
        skills=(
            make_skill("teamwork"),
            make_skill("fs-maths-2", 2),
            make_skill("gcse-maths", 2, met_by=[["fs-maths-2"]]),
            make_skill("nvq-3", 3),
            make_skill("leading", 3),
        ),
        roles=(
            make_role("helper", "2", ["teamwork"]),
            make_role("clerk", "3", ["teamwork", "gcse-maths"]),
            make_role("lead", "4", ["gcse-maths", "nvq-3", "leading"]),
        ),
        learning=(
            make_learning("fs-maths-2", 10, ["fs-maths-2"]),
            make_learning(
                "admin-l3", 52, ["nvq-3"], kind="apprenticeship", needs_role_in=["admin"]
            ),
        ),
        experience=(
            Experience("volunteering", "volunteering", ("teamwork",), 12, "volunteering"),
            Experience("leading-a-team", "leading", ("leading",), 52, "x", in_roles=("clerk",)),
        ),
        weeks_to_start_role=8,
    )


def tiny_graph() -> nx.DiGraph:
    return build_graph(tiny_catalogue())


def held_after(catalogue: Catalogue, held: set[str]) -> set[str]:
    """Close a skill set under the catalogue's equivalences (written independently of the index)."""
    held = set(held)
    changed = True
    while changed:
        changed = False
        for skill in catalogue.skills:
            if skill.id not in held and any(set(g) <= held for g in skill.met_by):
                held.add(skill.id)
                changed = True
    return held


def validate_route(catalogue: Catalogue, route, have, target, current_role=None, on=None):
    """Walk a route and check every step is allowed at the moment it is taken."""
    roles = {r.id: r for r in catalogue.roles}
    learning = {item.id: item for item in catalogue.learning}
    experience = {e.id: e for e in catalogue.experience}
    held = set(have) | (set(roles[current_role].requires) if current_role else set())
    held = held_after(catalogue, held)
    assert set(route.start) == held
    role = current_role
    elapsed = 0
    for step in route.steps:
        assert step.starts_after_weeks == elapsed
        before = set(held)
        if step.kind == "role":
            r = roles[step.id]
            assert set(r.requires) <= held, f"{step.id} needs {set(r.requires) - held}"
            if role and step.id != target:
                assert band_rank(r.band) >= band_rank(roles[role].band), "stepped down a band"
            role = step.id
        elif step.kind == "experience":
            e = experience[step.id]
            assert (role is not None) == e.needs_role
            if e.needs_role:
                assert e.any_role or role in e.in_roles
            held = held_after(catalogue, held | set(e.grants))
        else:
            item = learning[step.id]
            assert set(item.requires) <= held
            if item.needs_role_in:
                assert role and roles[role].family in item.needs_role_in, (
                    "apprenticeship needs a job"
                )
            if on:
                assert item.open_on(on + timedelta(weeks=elapsed))
            held = held_after(catalogue, held | set(item.grants))
        assert set(step.gains) == held - before
        elapsed += step.weeks
    assert role == target
    assert set(roles[target].requires) <= held
    assert route.total_weeks == sum(s.weeks for s in route.steps)
