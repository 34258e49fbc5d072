"""Small hand-made catalogues for doctests and unit tests, and a checker of finished routes.

:func:`validate_route` reads a route as an adviser would, step by step, straight from
the catalogue records (not the search's index): it is the test suite's statement of what a
realistic route is, so the property tests can hold every route the search finds to it.
"""

from __future__ import annotations

from datetime import date, timedelta

import networkx as nx

from planner.pathways.graph import build_graph
from planner.pathways.model import (
    Catalogue,
    DbsCheck,
    Experience,
    Learning,
    Progression,
    Role,
    Route,
    Skill,
    TimeInPost,
    WorkPlace,
    band_rank,
)

__all__ = [
    "held_after",
    "make_learning",
    "make_role",
    "make_skill",
    "tiny_catalogue",
    "tiny_graph",
    "validate_route",
]

_DBS = DbsCheck("basic", False, "Shows unspent convictions only.")


def make_skill(skill_id: str, level: int = 1, met_by=(), kind: str = "skill") -> Skill:
    return Skill(skill_id, skill_id, level, kind, skill_id, tuple(tuple(g) for g in met_by))


def make_role(role_id: str, band: str, requires=(), family: str = "admin", **kw) -> Role:
    return Role(
        role_id,
        role_id,
        band,
        family,
        kw.pop("route", family),
        role_id,
        tuple(requires),
        (),
        _DBS,
        **kw,
    )


def make_learning(
    learning_id: str, weeks: int, grants, requires=(), kind: str = "course", **kw
) -> Learning:
    return Learning(
        learning_id,
        learning_id,
        kind,
        2,
        weeks,
        kw.pop("weeks_min", weeks),
        kw.pop("weeks_max", weeks),
        tuple(grants),
        tuple(requires),
        learning_id,
        **kw,
    )


def progression(weeks: int = 52, families=("admin",), hire: int = 8) -> Progression:
    """Moving up into bands 3 to 5 needs ``weeks`` in post; hiring takes ``hire`` weeks."""
    rules = tuple(
        TimeInPost(f"up-{f}", f"Time before moving up ({f})", f, ("3", "4", "5"), weeks, 2 * weeks)
        for f in families
    )
    return Progression(hire_weeks=hire, hire_weeks_min=hire, time_in_post=rules)


def tiny_catalogue() -> Catalogue:
    """Three jobs, one course, one apprenticeship and some experience."""
    return Catalogue(
        bands=(),
        skills=(
            make_skill("teamwork"),
            make_skill("fs-maths-2", 2, kind="qualification"),
            make_skill("gcse-maths", 2, met_by=[["fs-maths-2"]], kind="qualification"),
            make_skill("nvq-3", 3, kind="qualification"),
            make_skill("leading", 3, kind="experience"),
        ),
        roles=(
            make_role("helper", "2", ["teamwork"]),
            make_role("clerk", "3", ["teamwork", "gcse-maths"]),
            make_role("lead", "4", ["gcse-maths", "nvq-3", "leading"]),
        ),
        learning=(
            make_learning("fs-maths-2", 10, ["fs-maths-2"]),
            make_learning(
                "admin-l3",
                52,
                ["nvq-3"],
                kind="apprenticeship",
                done_in=WorkPlace(("admin",), ("2", "3")),
            ),
        ),
        experience=(
            Experience("volunteering", "volunteering", ("teamwork",), 12, "volunteering"),
            Experience("leading-a-team", "leading", ("leading",), 52, "x", in_roles=("clerk",)),
        ),
        progression=progression(),
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


def validate_route(
    catalogue: Catalogue,
    route: Route,
    target: str,
    current_role: str | None = None,
    on: date | None = None,
    tenure: int = 0,
    conditions: frozenset[str] = frozenset(),
) -> None:
    """Walk a route and check it is one an adviser would sign off, step by step.

    One band at a time; no step down except into the chosen job; a change of family only
    sideways into the chosen job's family (or a family the job's experience counts in);
    at least the least time in post before each move up; apprenticeships only in a job
    that fits them (apprentice posts come with their own); ways in only out of work;
    every job's requirements held when it is applied for; every gain real; a step never
    claims a skill it only counts as; ways in and funding only for people they are for;
    the total is the sum of the steps and never below the least time the jobs on the way
    ask for (time in post and hiring).
    """
    held = set(route.start)
    role = catalogue.find_role(current_role)
    in_post = tenure
    elapsed = 0
    least = 0
    least_min = 0
    apprentice_post = role is not None and role.apprenticeship is not None
    for step in route.steps:
        assert step.starts_after_weeks <= elapsed
        before = set(held)
        if step.kind == "role":
            new = catalogue.role(step.id)
            assert set(new.requires) <= held, f"{step.id} needs {set(new.requires) - held}"
            if role is not None:
                _check_move(catalogue, role, new, target, in_post)
                if band_rank(new.band) > band_rank(role.band):
                    least += _time_in_post(catalogue, role, new)
                    least_min += _time_in_post(catalogue, role, new)
            least += catalogue.progression.hire_weeks
            least_min += catalogue.progression.hire_weeks_min
            role, in_post, apprentice_post = new, 0, new.apprenticeship is not None
        elif step.kind == "experience" and catalogue.item(step.id) is None:
            raise AssertionError(f"unknown experience {step.id!r}")
        elif step.kind == "experience" and step.id in catalogue.by_id["time_in_post"]:
            pass  # waiting in post: checked when the move up happens
        elif step.kind == "experience":
            exp = catalogue.item(step.id)
            if exp.nhs_service or exp.in_roles:
                assert role is not None, f"{step.id} needs a job"
                assert exp.nhs_service or role.id in exp.in_roles, f"{step.id} not in {role.id}"
            else:
                assert role is None, f"{step.id} is for people out of work"
        else:
            item = catalogue.learning_item(step.id)
            assert set(item.requires) <= held, f"{step.id} needs {set(item.requires) - held}"
            if item.way_in is not None:
                assert role is None, f"{step.id} is a way in for people out of work"
                wanted = item.way_in.condition
                assert wanted in (None, "out-of-work") or wanted in conditions, (
                    f"{step.id} is only for people who said {wanted!r}"
                )
            if item.funded_up_to_age is not None and item.funded_up_to_age <= 21:
                assert "under-22" in conditions, f"{step.id} is only funded for under-22s"
            if item.kind == "apprenticeship":
                assert role is not None, f"{step.id} is done in a job"
                if not (apprentice_post and role.apprenticeship == item.id):
                    assert role.apprenticeship is None, "an apprentice post has its own"
                    assert item.done_in is None or item.done_in.fits(role), (
                        f"{step.id} does not fit {role.id}"
                    )
            running = apprentice_post and role.id == current_role  # began before the route
            if on and not running:
                assert item.open_on(on + timedelta(weeks=step.starts_after_weeks))
        assert not set(step.gains) & before, f"{step.id} claims {set(step.gains) & before} again"
        held = held_after(catalogue, held | set(step.gains))
        for skill_id in step.counts_as:
            assert skill_id in step.gains
            grants = getattr(catalogue.item(step.id), "grants", ())
            assert skill_id not in grants, f"{step.id} gives {skill_id}; it does not count as it"
        elapsed += step.weeks
        if role is not None and step.kind != "role":
            in_post += step.weeks
    assert role is not None and role.id == target
    assert set(catalogue.role(target).requires) <= held
    assert route.total_weeks == sum(s.weeks for s in route.steps)
    assert route.total_weeks >= least, "faster than time in post and hiring allow"
    if route.total_weeks_min is not None:
        assert route.total_weeks_min <= route.total_weeks
        assert route.total_weeks_min >= least_min, "faster than time in post and hiring allow"


def _check_move(catalogue: Catalogue, here: Role, there: Role, target: str, in_post: int) -> None:
    low, high = band_rank(here.band), band_rank(here.top)
    to_low, to_high = band_rank(there.band), band_rank(there.top)
    assert to_low <= high + 1, f"{here.id} to {there.id} jumps a band"
    chosen = catalogue.role(target)
    if to_high < low:
        # A change of work starts again at an entry job of the chosen job's ladder (or of a
        # ladder whose experience counts on it), never lower on the ladder one is on.
        onto = chosen.route in {there.route, *there.transferable_to}
        starts_again = there.entry_point and onto and there.route != here.route
        assert there.id == target or starts_again, f"{here.id} to {there.id} steps down a band"
    goal = chosen.family
    assert not (here.family == goal and there.family != goal), f"{here.id} leaves the chosen family"
    same = there.family == here.family or there.route in here.transferable_to
    if not same:
        assert to_low <= low, f"{here.id} to {there.id} moves up into another family"
        assert there.family == catalogue.role(target).family, "a change of family nobody chose"
    if to_low > low:
        needed = _time_in_post(catalogue, here, there)
        assert in_post >= needed, (
            f"{there.id} after {in_post} weeks in {here.id}; it needs {needed}"
        )
    if here.apprenticeship:
        length = catalogue.learning_item(here.apprenticeship).weeks
        assert in_post >= length, (
            f"left the apprentice post {here.id} before its apprenticeship ended"
        )


def _time_in_post(catalogue: Catalogue, here: Role, there: Role) -> int:
    """The least time in ``here`` before moving up into ``there``: the time in post of every
    band from just above ``here``'s lowest band up to ``there``'s."""
    total = 0
    for rank in range(band_rank(here.band) + 1, band_rank(there.band) + 1):
        family = there.family if rank == band_rank(there.band) else here.family
        rule = next(
            (
                r
                for r in catalogue.progression.time_in_post
                if r.family == family
                and band_rank(r.into_bands[0]) <= rank
                and any(band_rank(b) == rank for b in r.into_bands)
            ),
            None,
        )
        total += rule.weeks if rule else 0
    return total
