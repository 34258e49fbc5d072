"""The C route search must give exactly the routes the Python reference gives.

Both are run with the same budgets, so they must agree route for route, move
for move, on random catalogues and on the shipped data. Without a built C
search these tests skip with a notice, except under ``CI=true``, where a
missing build is a failure: CI must not quietly measure the slow path.
"""

from __future__ import annotations

import os
import random
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings

from planner.catalogue import load_catalogue
from planner.pathways import build_graph, find_routes
from planner.pathways.accel import available, compile_index
from planner.pathways.bounds import Problem, find_bounds
from planner.pathways.graph import index_of
from planner.pathways.index import NO_ROLE
from planner.pathways.model import Catalogue, band_rank
from planner.pathways.question import OverBudget, start_mask
from planner.pathways.regress import EXACT_BUDGET, FALLBACK_BUDGET, find_back
from planner.pathways.testing import make_learning, make_role, make_skill
from tests.pathways.route_cases import catalogues

TODAY = date(2026, 11, 23)

if not available():
    if os.environ.get("CI") == "true":
        pytest.fail("The C route search is not built: run `make setup`.", pytrace=False)
    pytest.skip(
        "The C route search is not built here; routes use the Python search.",
        allow_module_level=True,
    )


def _both(index, have, target, current, limit=3, on=None):
    """(Python routes, C routes) for one question, each as (weeks, moves) or 'over'."""
    start = start_mask(index, have, current)
    role = NO_ROLE if current is None else index.role_pos[current]
    usable = tuple(a.open_on(on) for a in index.actions)
    problem = Problem(index, start, role, index.role_pos[target], usable)
    try:
        python = [(f.weeks, f.moves) for f in find_back(problem, find_bounds(problem), limit)]
    except OverBudget:
        python = "over"
    fast = compile_index(index)
    try:
        c = [(f.weeks, f.moves) for f in fast.find(problem, limit, EXACT_BUDGET, FALLBACK_BUDGET)]
    except OverBudget:
        c = "over"
    return python, c


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_c_and_python_agree_on_random_catalogues(case):
    cat, have, target, current = case
    python, c = _both(index_of(build_graph(cat, accelerate=False)), have, target, current)
    assert c == python


def test_c_and_python_agree_on_the_shipped_data():
    catalogue = load_catalogue()
    index = index_of(build_graph(catalogue, accelerate=False))
    rng = random.Random(11)
    skills = [s.id for s in catalogue.skills if s.level <= 2]
    for _ in range(30):
        target = rng.choice(catalogue.roles)
        lower = [r for r in catalogue.roles if band_rank(r.band) < band_rank(target.band)]
        current = rng.choice(lower).id if lower and rng.random() < 0.5 else None
        have = rng.sample(skills, rng.randint(0, 4))
        python, c = _both(index, have, target.id, current, on=TODAY)
        assert c == python, (have, target.id, current)


def test_find_routes_uses_the_c_search_and_gives_the_same_answer():
    catalogue = load_catalogue()
    fast, slow = build_graph(catalogue), build_graph(catalogue, accelerate=False)
    assert fast.graph["fast"] is not None and slow.graph.get("fast") is None
    question = (["teamwork", "customer-care"], "admin-team-lead")
    assert find_routes(fast, *question, on=TODAY) == find_routes(slow, *question, on=TODAY)


def test_a_catalogue_too_big_for_the_c_search_uses_python():
    skills = tuple(make_skill(f"s{i}") for i in range(300))
    roles = (make_role("goal", "3", ["s299"]),)
    learning = (make_learning("course", 4, ["s299"]),)
    graph = build_graph(Catalogue((), skills, roles, learning, ()))
    assert graph.graph["fast"] is None
    assert [s.id for s in find_routes(graph, [], "goal")[0].steps] == ["course", "goal"]
