"""Random small catalogues and questions for the route engine's property tests."""

from __future__ import annotations

from hypothesis import strategies as st

from planner.pathways.model import Catalogue, Experience
from planner.pathways.testing import make_learning, make_role, make_skill

__all__ = ["catalogues"]


@st.composite
def catalogues(draw):
    n_skills = draw(st.integers(2, 5))
    skills = [f"s{i}" for i in range(n_skills)]
    subset = st.lists(st.sampled_from(skills), max_size=3, unique=True)
    needs = st.lists(st.sampled_from(skills), min_size=1, max_size=3, unique=True)
    skill_records = []
    for i, s in enumerate(skills):
        others = [x for x in skills if x != s]
        met_by = (
            draw(
                st.lists(
                    st.lists(st.sampled_from(others), min_size=1, max_size=2, unique=True),
                    max_size=1,
                )
            )
            if i and others
            else []
        )
        skill_records.append(make_skill(s, met_by=met_by))
    n_roles = draw(st.integers(1, 4))
    families = ["f1", "f2"]
    roles = [
        make_role(
            f"r{i}",
            draw(st.sampled_from(["2", "3", "4", "5"])),
            draw(needs),
            draw(st.sampled_from(families)),
        )
        for i in range(n_roles)
    ]
    learning = []
    for i in range(draw(st.integers(1, 6))):
        grants = draw(st.lists(st.sampled_from(skills), min_size=1, max_size=2, unique=True))
        requires = [s for s in draw(subset) if s not in grants]
        kind = draw(st.sampled_from(["course", "apprenticeship"]))
        needs = draw(st.sampled_from([[], ["f1"], ["f2"]])) if kind == "apprenticeship" else []
        learning.append(
            make_learning(f"l{i}", draw(st.integers(1, 60)), grants, requires, kind, needs)
        )
    experience = []
    for i in range(draw(st.integers(0, 2))):
        in_roles = draw(st.lists(st.sampled_from([r.id for r in roles]), max_size=2, unique=True))
        grants = draw(st.lists(st.sampled_from(skills), min_size=1, max_size=2, unique=True))
        experience.append(
            Experience(
                f"e{i}",
                f"e{i}",
                tuple(grants),
                draw(st.integers(1, 60)),
                "e",
                in_roles=tuple(in_roles),
            )
        )
    cat = Catalogue(
        (),
        tuple(skill_records),
        tuple(roles),
        tuple(learning),
        tuple(experience),
        weeks_to_start_role=draw(st.integers(0, 10)),
    )
    target = draw(st.sampled_from([r.id for r in roles]))
    current = draw(st.sampled_from([None, None, *[r.id for r in roles if r.id != target]]))
    have = draw(st.lists(st.sampled_from(skills), max_size=1))
    return cat, have, target, current
