"""Small hand-made catalogues for doctests and unit tests."""

from __future__ import annotations

import networkx as nx

from planner.pathways.graph import build_graph
from planner.pathways.model import Catalogue, DbsCheck, Experience, Learning, Role, Skill

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
