"""Random small catalogues and questions for the route engine's property tests."""

from __future__ import annotations

from hypothesis import strategies as st

from planner.pathways.model import Catalogue, Experience, WorkPlace
from planner.pathways.testing import make_learning, make_role, make_skill, progression

__all__ = ["catalogues"]

BANDS = ["2", "3", "4", "5"]


@st.composite
def catalogues(draw):
    """A catalogue of up to 5 skills, 5 jobs in 2 families, 8 learning items and 3 kinds
    of experience, and a question: what the person has, the job they want, where they are."""
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
    families = ["f1", "f2"]
    roles = []
    for i in range(draw(st.integers(2, 5))):
        band = draw(st.sampled_from(BANDS))
        roles.append(
            make_role(
                f"r{i}",
                band,
                draw(needs),
                draw(st.sampled_from(families)),
                responsibility=draw(st.sampled_from(["none", "supervisory"])),
                entry_point=band == "2",
            )
        )
    learning = []
    for i in range(draw(st.integers(2, 8))):
        grants = draw(st.lists(st.sampled_from(skills), min_size=1, max_size=2, unique=True))
        requires = [s for s in draw(subset) if s not in grants]
        kind = draw(st.sampled_from(["course", "apprenticeship"]))
        extra = {}
        if kind == "apprenticeship":
            extra["done_in"] = WorkPlace(
                (draw(st.sampled_from(families)),),
                ("2", draw(st.sampled_from(BANDS))),
                draw(st.sampled_from([(), ("supervisory",)])),
            )
        else:
            extra["side_by_side"] = draw(st.booleans())
        learning.append(
            make_learning(f"l{i}", draw(st.integers(1, 60)), grants, requires, kind, **extra)
        )
    experience = []
    for i in range(draw(st.integers(0, 3))):
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
                nhs_service=not in_roles and draw(st.booleans()),
            )
        )
    cat = Catalogue(
        (),
        tuple(skill_records),
        tuple(roles),
        tuple(learning),
        tuple(experience),
        progression=progression(
            weeks=draw(st.integers(0, 60)), families=families, hire=draw(st.integers(0, 10))
        ),
    )
    # The goal is most often a job at the top, so routes climb.
    top = max(roles, key=lambda r: r.band).id
    target = draw(st.sampled_from([top, top, *[r.id for r in roles]]))
    current = draw(st.sampled_from([None, None, *[r.id for r in roles if r.id != target]]))
    have = draw(st.lists(st.sampled_from(skills), max_size=1))
    return cat, have, target, current
