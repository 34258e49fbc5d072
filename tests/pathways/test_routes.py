"""Route engine invariants, on hand-made and random catalogues (no Flask)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings

from planner.pathways import NoRoute, UnknownRole, UnknownSkill, build_graph, find_routes
from planner.pathways.model import Catalogue, Experience, band_rank
from planner.pathways.testing import (
    held_after,
    make_learning,
    make_role,
    make_skill,
    tiny_catalogue,
    validate_route,
)
from tests.pathways.route_cases import catalogues

# ---- hand-made examples -------------------------------------------------------------


def test_already_qualified_means_apply_now_and_no_learning():
    graph = build_graph(tiny_catalogue())
    routes = find_routes(graph, ["teamwork", "gcse-maths"], "clerk")
    assert routes[0].apply_now
    assert [s.kind for s in routes[0].steps] == ["role"]


def test_already_in_the_role_needs_no_steps():
    routes = find_routes(build_graph(tiny_catalogue()), [], "clerk", current_role="clerk")
    assert routes == [routes[0]] and routes[0].steps == ()


def test_equivalence_counts_in_start_and_gains():
    cat = tiny_catalogue()
    routes = find_routes(build_graph(cat), ["teamwork"], "clerk")
    assert routes[0].steps[0].gains == ("fs-maths-2", "gcse-maths")
    validate_route(cat, routes[0], ["teamwork"], "clerk")


def test_apprenticeship_needs_a_job_first():
    """Place then train: the route takes a role before the apprenticeship."""
    cat = tiny_catalogue()
    routes = find_routes(build_graph(cat), ["teamwork", "gcse-maths"], "lead")
    kinds = [s.kind for s in routes[0].steps]
    assert kinds.index("role") < kinds.index("apprenticeship")
    for route in routes:
        validate_route(cat, route, ["teamwork", "gcse-maths"], "lead")


def test_experience_overlaps_with_time_in_the_role():
    """A year's apprenticeship done as a clerk also counts as a year leading there."""
    cat = tiny_catalogue()
    route = find_routes(build_graph(cat), ["teamwork", "gcse-maths"], "lead")[0]
    assert [(s.id, s.weeks) for s in route.steps] == [
        ("clerk", 8),
        ("admin-l3", 52),
        ("leading-a-team", 0),
        ("lead", 8),
    ]


def test_volunteering_gives_foundation_skills_to_someone_starting_out():
    cat = tiny_catalogue()
    route = find_routes(build_graph(cat), [], "helper")[0]
    assert [s.id for s in route.steps] == ["volunteering", "helper"]


def test_alternatives_differ_in_substance():
    cat = Catalogue(
        bands=(),
        skills=(make_skill("a"), make_skill("b")),
        roles=(make_role("goal", "3", ["b"]),),
        learning=(
            make_learning("fast", 5, ["b"]),
            make_learning("slow", 9, ["b"]),
            make_learning("two-part", 3, ["a"]),
            make_learning("part-two", 3, ["b"], requires=["a"]),
        ),
        experience=(),
    )
    routes = find_routes(build_graph(cat), [], "goal")
    signatures = [frozenset(s.id for s in r.steps) for r in routes]
    assert len(set(signatures)) == len(signatures) == 3
    assert [r.total_weeks for r in routes] == sorted(r.total_weeks for r in routes)
    assert routes[0].steps[0].id == "fast"
    for route in routes:
        validate_route(cat, route, [], "goal")


def test_no_step_down_a_band_on_the_way():
    cat = Catalogue(
        bands=(),
        skills=(make_skill("a"), make_skill("b")),
        roles=(
            make_role("low", "2", []),
            make_role("high", "5", []),
            make_role("goal", "6", ["b"]),
        ),
        learning=(
            make_learning("b-course", 30, ["b"], kind="apprenticeship", needs_role_in=["x"]),
        ),
        experience=(Experience("b-exp", "b", ("b",), 4, "x", in_roles=("low",)),),
    )
    with pytest.raises(NoRoute) as info:
        find_routes(build_graph(cat), [], "goal", current_role="high")
    assert "lower band" in info.value.reason
    # Choosing the lower role as the goal is allowed.
    assert find_routes(build_graph(cat), [], "low", current_role="high")[0].apply_now


def test_unreachable_target_names_what_nothing_gives():
    cat = Catalogue(
        bands=(),
        skills=(make_skill("a"), make_skill("unobtainable")),
        roles=(make_role("goal", "3", ["a", "unobtainable"]),),
        learning=(make_learning("a", 2, ["a"]),),
        experience=(),
    )
    with pytest.raises(NoRoute) as info:
        find_routes(build_graph(cat), [], "goal")
    assert info.value.missing == ("unobtainable",)


def test_learning_that_stopped_taking_starts_is_left_out():
    cat = Catalogue(
        bands=(),
        skills=(make_skill("b"),),
        roles=(make_role("goal", "3", ["b"]),),
        learning=(
            make_learning("old", 5, ["b"], starts_until=date(2026, 9, 1)),
            make_learning("new", 20, ["b"]),
        ),
        experience=(),
    )
    graph = build_graph(cat)
    assert find_routes(graph, [], "goal", on=date(2026, 8, 1))[0].steps[0].id == "old"
    today = find_routes(graph, [], "goal", on=date(2026, 11, 23))
    assert [s.id for r in today for s in r.steps if s.kind != "role"] == ["new"]


def test_unknown_inputs_name_the_nearest():
    graph = build_graph(tiny_catalogue())
    with pytest.raises(UnknownRole) as role:
        find_routes(graph, [], "clerc")
    assert role.value.suggestions[0] == "clerk"
    with pytest.raises(UnknownSkill) as skill:
        find_routes(graph, ["teamwerk"], "clerk")
    assert skill.value.suggestions == {"teamwerk": ["teamwork"]}


# ---- optimality against brute force on random catalogues ------------------------------


def brute_force_best(cat: Catalogue, have, target, current_role, max_depth: int = 7):
    """Fewest weeks to the target, by trying every sequence of moves (independent of the engine)."""
    roles = {r.id: r for r in cat.roles}
    cap = max((e.weeks for e in cat.experience), default=0)
    start = frozenset(
        held_after(cat, set(have) | set(roles[current_role].requires if current_role else ()))
    )
    best = [None]

    def visit(held, role, tenure, cost, depth):
        if best[0] is not None and cost >= best[0]:
            return
        if role == target:
            best[0] = cost
            return
        if depth == max_depth:
            return
        for item in cat.learning:
            if set(item.grants) <= held or not set(item.requires) <= held:
                continue
            if item.needs_role_in and (
                role is None or roles[role].family not in item.needs_role_in
            ):
                continue
            new_tenure = min(tenure + item.weeks, cap) if role else 0
            new_held = frozenset(held_after(cat, held | set(item.grants)))
            visit(new_held, role, new_tenure, cost + item.weeks, depth + 1)
        for exp in cat.experience:
            if set(exp.grants) <= held:
                continue
            if exp.needs_role and (role is None or not (exp.any_role or role in exp.in_roles)):
                continue
            if not exp.needs_role and role is not None:
                continue  # volunteering is for when you are not in a paid role
            weeks = max(0, exp.weeks - tenure)
            new_held = frozenset(held_after(cat, held | set(exp.grants)))
            visit(new_held, role, min(max(tenure, exp.weeks), cap), cost + weeks, depth + 1)
        for r in cat.roles:
            if r.id == role or not set(r.requires) <= held:
                continue
            if role and r.id != target and band_rank(r.band) < band_rank(roles[role].band):
                continue
            visit(held, r.id, 0, cost + cat.weeks_to_start_role, depth + 1)

    visit(start, current_role, 0, 0, 0)
    return best[0]


@pytest.mark.parametrize("accelerate", [True, False], ids=["c-search", "python-search"])
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_best_route_is_optimal_against_brute_force(accelerate, case):
    cat, have, target, current = case
    expected = brute_force_best(cat, have, target, current)
    try:
        graph = build_graph(cat, accelerate=accelerate)
        routes = find_routes(graph, have, target, current_role=current)
    except NoRoute:
        assert expected is None
        return
    assert expected is not None, "the engine found a route brute force did not"
    assert routes[0].total_weeks == expected
    seen = set()
    for route in routes:
        validate_route(cat, route, have, target, current)
        signature = frozenset((s.kind, s.id) for s in route.steps)
        assert signature not in seen, "an alternative repeats the same steps"
        seen.add(signature)
    assert [r.total_weeks for r in routes] == sorted(r.total_weeks for r in routes)
