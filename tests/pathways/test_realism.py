"""Every route the shipped data gives, from every job (and from none) to every job, is one
an adviser would sign off (:func:`planner.pathways.testing.validate_route`): one band at a
time, the sourced time in post before each move up, apprenticeships only in a job that fits
them (management ones only from a supervisory or management job), no step claiming a
skill it only counts as, totals never below the time in post and hiring the jobs ask for.
"""

from __future__ import annotations

import itertools
import logging
from collections import Counter
from datetime import date

import pytest

from planner.pathways import NoRoute, build_graph, find_routes
from planner.pathways.model import band_rank
from planner.pathways.testing import validate_route

# Asking all 3,600 questions once (shared by every test here: the module runs on one xdist
# worker) takes about 3 minutes of CPU; the wall time grows with the machine's load.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]

ON = date(2026, 12, 1)


@pytest.fixture(scope="module")
def answers(catalogue):
    """Every question once: (from, to) -> routes, or the NoRoute raised."""
    graph = build_graph(catalogue)
    out = {}
    logging.disable(logging.WARNING)  # best-effort answers log a line each
    try:
        for start in [None, *(r.id for r in catalogue.roles)]:
            for target in (r.id for r in catalogue.roles):
                if start == target:
                    continue
                try:
                    out[start, target] = find_routes(graph, [], target, start, on=ON)
                except NoRoute as error:
                    out[start, target] = error
    finally:
        logging.disable(logging.NOTSET)
    return out


def test_every_route_between_every_pair_of_jobs_is_realistic(catalogue, answers):
    checked = 0
    for (start, target), found in answers.items():
        if isinstance(found, NoRoute):
            continue
        for route in found:
            validate_route(catalogue, route, target, start, on=ON)
            checked += 1
    assert checked > len(answers)  # most questions have a route, many have alternatives


def test_routes_climb_one_band_at_a_time_and_step_down_only_into_the_chosen_job(catalogue, answers):
    """A step down is into the chosen job, or a change of work starting again at an entry job
    of the chosen job's ladder (rules.starts_again)."""
    for (start, target), found in answers.items():
        if isinstance(found, NoRoute):
            continue
        chosen = catalogue.role(target)
        for route in found:
            jobs = [catalogue.role(start)] if start else []
            jobs += [catalogue.role(s.id) for s in route.steps if s.kind == "role"]
            for here, there in itertools.pairwise(jobs):
                assert band_rank(there.band) <= band_rank(here.top) + 1, (start, target)
                if band_rank(there.top) < band_rank(here.band):
                    ladders = {there.route, *there.transferable_to}
                    again = there.entry_point and chosen.route in ladders
                    again = again and there.route != here.route
                    assert there.id == target or again, (start, target, here.id, there.id)


def test_management_apprenticeships_only_from_a_supervisory_or_management_job(catalogue, answers):
    leading = {
        item.id
        for item in catalogue.learning
        if item.done_in is not None and item.done_in.responsibility
    }
    assert leading  # the data has some: Team Leader L3, Operations Manager L5 and more
    seen = 0
    for (start, _), found in answers.items():
        if isinstance(found, NoRoute):
            continue
        for route in found:
            job = catalogue.role(start) if start else None
            for step in route.steps:
                if step.kind == "role":
                    job = catalogue.role(step.id)
                elif step.id in leading:
                    assert job is not None and job.responsibility in ("supervisory", "management")
                    seen += 1
    assert seen  # the property is exercised, not vacuous


def test_no_step_claims_a_skill_it_only_counts_as(catalogue, answers):
    counted = 0
    for found in answers.values():
        if isinstance(found, NoRoute):
            continue
        for route in found:
            for step in route.steps:
                item = catalogue.item(step.id)
                gives = set(getattr(item, "grants", ()) or getattr(item, "requires", ()))
                assert not set(step.counts_as) & gives, step.id
                counted += len(step.counts_as)
    assert counted  # some steps do count as more than they give


def test_no_experience_step_that_no_later_step_asks_for(catalogue, answers):
    """Issue 19: 53% of best routes listed experience no later step needed ("Six months working
    in a kitchen" on the Facilities Team Leader route). Experience that comes with time and adds
    no weeks is shown only where a later step asks for what it gives."""
    shown = 0
    for found in answers.values():
        if isinstance(found, NoRoute):
            continue
        for route in found:
            for n, step in enumerate(route.steps):
                exp = catalogue.by_id["experience"].get(step.id)
                if exp is None or step.weeks:
                    continue
                later: set[str] = set()
                for other in route.steps[n + 1 :]:
                    record = catalogue.item(other.id) or catalogue.find_role(other.id)
                    later |= set(getattr(record, "requires", ()))
                assert set(step.gains) & later, (route.steps[-1].id, step.id)
                shown += 1
    assert shown  # experience that a later step needs is still shown


#: Pinned from the sweep of every question (issue 19): before, 843 of 3,249 (25.9%) had no
#: route, 6% of them "too long to work out". A rise means the model got stricter again.
NO_ROUTE_SHARE = 0.01
#: "Too long to work out" depends on the search's budget (issue 19 §3). The budget counts
#: situations expanded, so this is the same on any machine, and on the shipped data none is:
#: the exact search needs at most about 1,600 situations of its 25,000.
TOO_LONG_SHARE = 0.0


def test_the_no_route_share_and_its_reasons_are_pinned(answers):
    """Prints the sweep (no-route share, each reason counted, "too long to work out") and holds
    it under the pinned shares; every dead end says which kind it is and, unless nothing can
    give a requirement, names what is missing or the nearest job the person can reach."""
    dead = {pair: a for pair, a in answers.items() if isinstance(a, NoRoute)}
    kinds = Counter(error.kind for error in dead.values())
    share = len(dead) / len(answers)
    print(
        f"\nno route: {len(dead)} of {len(answers)} questions ({share:.1%}); "
        f"too long to work out: {kinds['too-long']} ({kinds['too-long'] / len(answers):.1%}); "
        f"by reason: {dict(sorted(kinds.items()))}"
    )
    for pair, error in sorted(dead.items(), key=lambda kv: (kv[1].kind, str(kv[0]))):
        print(f"  {error.kind}: {pair[0] or 'no job'} -> {pair[1]}")
    assert share <= NO_ROUTE_SHARE
    assert kinds["too-long"] / len(answers) <= TOO_LONG_SHARE
    known = {"nothing-gives", "closed", "out-of-reach", "shape", "too-long"}
    assert set(kinds) <= known
    for error in dead.values():
        if error.kind in ("out-of-reach", "closed", "nothing-gives"):
            assert error.missing, error.reason
        if error.kind == "shape":
            assert error.nearest, error.reason


def test_most_questions_are_answered_and_dead_ends_say_why(answers):
    dead = [a for a in answers.values() if isinstance(a, NoRoute)]
    assert len(dead) < len(answers) / 3
    for error in dead:
        assert error.reason and "Traceback" not in error.reason


def test_no_best_route_is_a_best_effort(answers):
    """The exact search's counted budget covers every shipped question (the same on any
    machine), so no route is labelled a best effort; a question that needs more work than
    ``Limits.expansions`` shows up here, not as a different answer on a busy machine."""
    found = [a[0] for a in answers.values() if not isinstance(a, NoRoute)]
    assert found
    assert [route for route in found if route.best_effort] == []
