"""Route engine: hand-made examples, and the search against brute force on random catalogues."""

from __future__ import annotations

import heapq
import logging
import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings

from planner.pathways import Limits, NoRoute, UnknownRole, UnknownSkill, build_graph, find_routes
from planner.pathways.graph import index_of
from planner.pathways.index import NO_ROLE
from planner.pathways.model import Catalogue
from planner.pathways.search.astar import search
from planner.pathways.search.budget import Budget, OverBudget
from planner.pathways.search.moves import apply_move
from planner.pathways.search.prepared import prepare, set_up
from planner.pathways.search.situation import Question, start_situation
from planner.pathways.starting_point import start_of
from planner.pathways.testing import (
    make_learning,
    make_role,
    make_skill,
    progression,
    tiny_catalogue,
    validate_route,
)
from tests.pathways.route_cases import catalogues

# ---- hand-made examples -------------------------------------------------------------


def test_already_qualified_means_apply_now_and_no_learning():
    routes = find_routes(build_graph(tiny_catalogue()), ["teamwork", "gcse-maths"], "clerk")
    assert routes[0].apply_now
    assert [s.kind for s in routes[0].steps] == ["role"]


def test_already_in_the_role_needs_no_steps():
    routes = find_routes(build_graph(tiny_catalogue()), [], "clerk", current_role="clerk")
    assert routes == [routes[0]] and routes[0].steps == ()


def test_a_course_counts_as_what_it_is_equivalent_to_but_does_not_give_it():
    cat = tiny_catalogue()
    route = find_routes(build_graph(cat), ["teamwork"], "clerk")[0]
    course = route.steps[0]
    assert course.gains == ("fs-maths-2", "gcse-maths")
    assert course.counts_as == ("gcse-maths",)
    validate_route(cat, route, "clerk")


def test_apprenticeship_is_done_in_a_job_and_experience_overlaps_it():
    """Place then train: the route takes a job before the apprenticeship; the year of
    leading the team is earned during it, so it shows at full length but adds no weeks."""
    cat = tiny_catalogue()
    route = find_routes(build_graph(cat), ["teamwork", "gcse-maths"], "lead")[0]
    validate_route(cat, route, "lead")
    kinds = [s.kind for s in route.steps]
    assert kinds.index("role") < kinds.index("apprenticeship")
    leading = next(s for s in route.steps if s.id == "leading-a-team")
    assert (leading.weeks, leading.length, leading.overlap_weeks) == (0, 52, 52)
    assert route.total_weeks == 8 + 52 + 8


def test_volunteering_gives_foundation_skills_to_someone_starting_out():
    cat = tiny_catalogue()
    route = find_routes(build_graph(cat), [], "helper")[0]
    assert [s.id for s in route.steps] == ["volunteering", "helper"]


def three_ways_to_goal() -> Catalogue:
    return Catalogue(
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
        progression=progression(hire=8),
    )


def test_alternatives_differ_in_substance():
    routes = find_routes(build_graph(three_ways_to_goal()), [], "goal")
    signatures = [frozenset(s.id for s in r.steps) for r in routes]
    assert len(set(signatures)) == len(signatures) == 3
    assert [r.total_weeks for r in routes] == sorted(r.total_weeks for r in routes)
    assert routes[0].steps[0].id == "fast"


def test_alternatives_never_just_swap_an_equivalent_job():
    cat = Catalogue(
        bands=(),
        skills=(make_skill("a"),),
        roles=(
            make_role("clerk-a", "2", []),
            make_role("clerk-b", "2", []),
            make_role("goal", "3", ["a"]),
        ),
        learning=(make_learning("course", 5, ["a"]),),
        experience=(),
        progression=progression(weeks=52, hire=8),
    )
    routes = find_routes(build_graph(cat), [], "goal", current_role="clerk-a")
    assert len(routes) == 1  # clerk-a to clerk-b and up is the same route


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


def test_a_search_past_its_budget_gives_a_labelled_best_effort_and_logs_it(caplog):
    cat = tiny_catalogue()
    caplog.set_level(logging.WARNING, "planner.routes")
    routes = find_routes(
        build_graph(cat), [], "lead", limits=Limits(expansions=2, fallback_expansions=10_000)
    )
    assert routes[0].best_effort
    assert any("budget" in r.getMessage() for r in caplog.records)
    validate_route(cat, routes[0], "lead")


def test_a_search_past_every_budget_says_so_plainly():
    with pytest.raises(NoRoute) as info:
        find_routes(
            build_graph(tiny_catalogue()),
            [],
            "lead",
            limits=Limits(expansions=1, fallback_expansions=1),
        )
    assert "too long for us to work out" in info.value.reason


# ---- optimality against brute force on random catalogues ------------------------------


def brute_force_weeks(cat: Catalogue, have, target, current_role) -> int | None:
    """Fewest weeks to the target: Dijkstra over every situation and every move the model
    allows, with no lower bounds, no pruning of equivalent jobs and no ordering of moves."""
    graph = build_graph(cat)
    index = index_of(graph)
    situation = start_situation(index, start_of(index, have, current_role))
    question = Question(index, situation, index.role_pos[target])
    prepared = prepare(question)
    if situation.role != NO_ROLE and situation.role not in prepared.dist:
        return None
    pruning = prepared.pruning
    best: dict = {situation: 0}
    heap = [(0, 0, situation)]
    counter = 0
    while heap:
        weeks, _, here = heapq.heappop(heap)
        if here.role == question.target:
            return weeks
        if weeks > best.get(here, weeks):
            continue
        moves = [("act", a) for a in pruning.actions_at[here.role]]
        side = [a for a in pruning.actions_at[here.role] if index.actions[a].side_by_side]
        moves += [("pair", a, b) for i, a in enumerate(side) for b in side[i + 1 :]]
        moves += [("role", r) for r in pruning.moves_from[here.role]]
        for move in moves:
            done = apply_move(question, here, move, weeks)
            if done is None or (move[0] != "role" and done[0].held == here.held):
                continue
            after, cost = done[0], weeks + done[1]
            if cost < best.get(after, 10**9):
                best[after] = cost
                counter += 1
                heapq.heappush(heap, (cost, counter, after))
    return None


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_best_route_is_optimal_against_brute_force(case):
    cat, have, target, current = case
    expected = brute_force_weeks(cat, have, target, current)
    try:
        routes = find_routes(build_graph(cat), have, target, current_role=current)
    except NoRoute:
        assert expected is None
        return
    assert expected is not None, "the engine found a route brute force did not"
    assert not routes[0].best_effort
    assert routes[0].total_weeks == expected
    seen = set()
    for route in routes:
        validate_route(cat, route, target, current)
        signature = frozenset((s.kind, s.id) for s in route.steps)
        assert signature not in seen, "an alternative repeats the same steps"
        seen.add(signature)
    assert [r.total_weeks for r in routes] == sorted(r.total_weeks for r in routes)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_a_ceiling_finds_the_fastest_route_within_it_and_nothing_below_it(case):
    cat, have, target, current = case
    expected = brute_force_weeks(cat, have, target, current)
    if expected is None:
        return
    index = index_of(build_graph(cat))
    situation = start_situation(index, start_of(index, have, current))
    question = Question(index, situation, index.role_pos[target])
    setup = set_up(question)
    assert search(question, Budget(), setup=setup, ceiling=expected).weeks == expected
    assert search(question, Budget(), setup=setup, ceiling=expected - 1) is None


def test_alternatives_wait_no_longer_than_their_share_of_the_budget():
    graph = build_graph(three_ways_to_goal())
    assert len(find_routes(graph, [], "goal")) == 3
    none = Limits(alternative_factor=0, alternative_seconds=0)
    assert len(find_routes(graph, [], "goal", limits=none)) == 1


def test_a_budget_past_its_deadline_stops_at_the_next_situation():
    """On a large catalogue one situation can take milliseconds, so the deadline is looked
    at every time, not every so many."""
    budget = Budget(expansions=10**6, deadline=time.thread_time() - 1)
    with pytest.raises(OverBudget):
        budget.spend()
    assert budget.used == 1
