"""Routes for people from the source guide, on the shipped data."""

from __future__ import annotations

from datetime import date

import pytest

from planner.catalogue import load_catalogue
from planner.pathways import apply_now, build_graph, find_routes, one_step_away, opens_most_doors
from planner.pathways.model import band_rank
from planner.pathways.testing import validate_route

TODAY = date(2026, 11, 23)
FOUNDATION = [
    "customer-care",
    "teamwork",
    "simple-problem-solving",
    "literacy-skills",
    "friendly-and-approachable",
    "basic-ict-skills",
]


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="module")
def graph(catalogue):
    return build_graph(catalogue)


def _learning_ids(route):
    return [s.id for s in route.steps if s.kind in ("course", "apprenticeship")]


def test_apprentice_administration_assistant_to_departmental_admin_manager(catalogue, graph):
    have, start, target = [], "apprentice-administration-assistant", "departmental-admin-manager"
    routes = find_routes(graph, have, target, current_role=start, on=TODAY)
    assert routes
    for route in routes:
        validate_route(catalogue, route, have, target, start, on=TODAY)
    best = routes[0]
    # A climb of five bands needs a degree-level qualification and years of experience.
    assert best.total_weeks >= 104
    assert _learning_ids(best), "a band 7 role needs learning on the way"
    assert any(s.kind == "experience" for s in best.steps)


def test_foundation_skills_only_to_admin_team_lead(catalogue, graph):
    routes = find_routes(graph, FOUNDATION, "admin-team-lead", on=TODAY)
    for route in routes:
        validate_route(catalogue, route, FOUNDATION, "admin-team-lead", on=TODAY)
    best = routes[0]
    roles = {r.id: r for r in catalogue.roles}
    first_role = next(s for s in best.steps if s.kind == "role")
    # Someone starting out goes in at an entry role (band 2 or 3), then trains on the job.
    assert band_rank(roles[first_role.id].band) <= band_rank("3")
    assert roles[first_role.id].entry_point
    assert best.steps[-1].id == "admin-team-lead"


def test_facilities_team_leader_to_deputy_estates_and_facilities_manager(catalogue, graph):
    start, target = "facilities-team-leader", "deputy-estates-and-facilities-manager"
    routes = find_routes(graph, [], target, current_role=start, on=TODAY)
    for route in routes:
        validate_route(catalogue, route, [], target, start, on=TODAY)
    assert routes[0].steps[-1].id == target


def test_routes_today_never_use_learning_that_stopped_taking_starts(catalogue, graph):
    closed = {item.id for item in catalogue.learning if not item.open_on(TODAY)}
    assert "team-leader-apprenticeship-level-3" in closed
    for start, target in [
        ("facilities-team-leader", "deputy-estates-and-facilities-manager"),
        ("admin-assistant", "admin-manager"),
    ]:
        for route in find_routes(graph, [], target, current_role=start, on=TODAY):
            assert not closed & set(_learning_ids(route))


def test_already_qualified_can_apply_now(catalogue, graph):
    role = next(r for r in catalogue.roles if r.id == "admin-assistant")
    routes = find_routes(graph, role.requires, "admin-assistant", on=TODAY)
    assert routes[0].apply_now


def test_check_what_you_have_panel(graph):
    now = apply_now(graph, FOUNDATION)
    assert "apprentice-administration-assistant" in now
    close = one_step_away(graph, FOUNDATION, on=TODAY)
    assert close and all(step.missing for step in close)
    door = opens_most_doors(graph, FOUNDATION, on=TODAY)
    assert door is not None and (door.opens or door.helps_with > 0)
