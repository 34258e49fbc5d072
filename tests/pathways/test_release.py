"""The timing rule for someone in prison (planner/pathways/release.py), one test per rule.

Sources (data/nhs_bands.json ``prison``): ROTL for risk-assessed people within two years of
release, about 8-10 weeks to set up (New Futures Network); the prison work coach and the
Employment Hub at about 12 weeks before release (GOV.UK, Universal Credit for prison
leavers); a prison bank account from 12 months to 6 weeks before release (Prisoner Banking
Programme); courses prisons teach (Prison Education Service: English, maths and vocational
courses up to Level 2).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from planner.pathways import find_routes
from planner.pathways.graph import index_of
from planner.pathways.model import PrisonTimes, Route, Step
from planner.pathways.release import release_timing
from planner.pathways.starting_point import start_of

TODAY = date(2026, 12, 3)
TIMES = PrisonTimes(104, (8, 10), 12, (6, 52))


def _route(graph, target, have, release):
    start = start_of(index_of(graph), list(have), None, conditions=frozenset({"out-of-work"}))
    return find_routes(graph, start, target, on=release, limit=1)[0]


def _after(weeks: int) -> date:
    return TODAY + timedelta(weeks=weeks)


def test_courses_prisons_teach_move_inside_and_shorten_the_rest(catalogue, graph):
    release = _after(35)
    route = _route(graph, "admin-assistant", ["teamwork"], release)
    timing = release_timing(route, catalogue, TODAY, release, catalogue.prison)
    courses = [m for m in timing.inside if m.kind == "course"]
    assert courses
    for moment in courses:
        assert catalogue.learning_item(moment.ref).inside_prison is not None
        assert moment.begin >= TODAY and moment.end <= release
    moved = sum(route.steps[n].weeks for n in timing.inside_steps)
    assert timing.outside.total_weeks <= route.total_weeks - moved
    assert not {route.steps[n].id for n in timing.inside_steps} & {
        s.id for s in timing.outside.steps
    }


def test_a_course_prisons_do_not_teach_stays_after_release(catalogue):
    route = Route(
        20, (), (Step("course", "pesticide-awards-pa1-and-pa6", "Pesticide", 2, ()),), None
    )
    assert catalogue.learning_item("pesticide-awards-pa1-and-pa6").inside_prison is None
    timing = release_timing(route, catalogue, TODAY, _after(30), TIMES)
    assert not [m for m in timing.inside if m.kind == "course"]
    assert timing.outside_from == _after(30)


def test_a_course_that_would_end_after_release_is_not_started_inside(catalogue):
    step = Step("course", "functional-skills-english-level-2-course", "FS English L2", 18, ())
    route = Route(18, (), (step,))
    assert release_timing(route, catalogue, TODAY, _after(17), TIMES).inside_steps == ()
    assert release_timing(route, catalogue, TODAY, _after(18), TIMES).inside_steps == (0,)


def test_a_course_whose_needs_are_not_held_is_not_moved(catalogue):
    needs = catalogue.learning_item("functional-skills-english-level-2-course")
    held = replace(needs, requires=("functional-skills-english-level-1",))
    changed = replace(catalogue, learning=(held,))
    step = Step("course", held.id, "FS English L2", 18, ())
    assert (
        release_timing(Route(18, (), (step,)), changed, TODAY, _after(40), TIMES).inside_steps == ()
    )
    route = Route(18, ("functional-skills-english-level-1",), (step,))
    assert release_timing(route, changed, TODAY, _after(40), TIMES).inside_steps == (0,)


@pytest.mark.parametrize("weeks", [10, 60, 104])
def test_rotl_is_for_the_last_two_years_and_takes_8_to_10_weeks(catalogue, weeks):
    route = Route(14, (), (Step("role", "porter", "Porter", 14, ()),))
    rotl = next(
        m
        for m in release_timing(route, catalogue, TODAY, _after(weeks), TIMES).inside
        if m.kind == "rotl"
    )
    assert (rotl.begin, rotl.end) == (TODAY, _after(10))


def test_too_close_to_release_for_rotl_to_be_set_up_it_is_left_out(catalogue):
    route = Route(14, (), (Step("role", "porter", "Porter", 14, ()),))
    timing = release_timing(route, catalogue, TODAY, _after(9), TIMES)
    assert "rotl" not in [m.kind for m in timing.inside]


def test_further_than_two_years_out_rotl_is_dated_from_two_years_before(catalogue):
    route = Route(14, (), (Step("role", "porter", "Porter", 14, ()),))
    timing = release_timing(route, catalogue, TODAY, _after(150), TIMES)
    rotl = next(m for m in timing.inside if m.kind == "rotl")
    assert rotl.begin == _after(150 - 104) and rotl.end is None


def test_the_hub_is_12_weeks_before_release_and_the_first_job_starts_after_it(catalogue):
    route = Route(14, (), (Step("role", "porter", "Porter", 14, ()),))
    release = _after(35)
    timing = release_timing(
        route, catalogue, TODAY, release, TIMES, released_by=release + timedelta(days=27)
    )
    hub = next(m for m in timing.inside if m.kind == "hub")
    apply = next(m for m in timing.inside if m.kind == "apply")
    assert hub.begin == release - timedelta(weeks=12)
    assert apply.begin >= hub.begin
    assert timing.first_start >= release + timedelta(days=27)  # after the latest day of the month
    assert timing.outside_from == apply.begin


def test_release_soon_means_help_now_and_a_start_after_release(catalogue):
    route = Route(14, (), (Step("role", "porter", "Porter", 14, ()),))
    release = _after(4)
    timing = release_timing(route, catalogue, TODAY, release, TIMES)
    assert all(m.begin >= TODAY for m in timing.inside)
    assert timing.first_start >= release


def test_no_moment_is_dated_before_today_or_after_release(catalogue, graph):
    for weeks in (3, 20, 52, 120):
        release = _after(weeks)
        for target in ("catering-supervisor", "admin-assistant", "porter"):
            route = _route(graph, target, ["kitchen-or-catering-experience"], release)
            timing = release_timing(route, catalogue, TODAY, release, catalogue.prison)
            for moment in timing.inside:
                assert TODAY <= moment.begin <= release, (target, weeks, moment)
                assert moment.end is None or moment.end <= release, (target, weeks, moment)
            if timing.first_start:
                assert timing.first_start >= release


def test_a_bank_window_that_has_closed_is_left_out(catalogue):
    route = Route(14, (), (Step("role", "porter", "Porter", 14, ()),))
    timing = release_timing(route, catalogue, TODAY, _after(3), TIMES)
    assert "bank" not in [m.kind for m in timing.inside]


def _in_post_route() -> Route:
    """Catering Assistant, two courses taken while in the job, six months in an NHS job and a
    year in post (both counted from the day the job starts, alongside the courses), then
    Catering Supervisor: the shape of the prison kitchen persona's route (issue 16)."""
    return Route(
        80,
        (),
        (
            Step("role", "catering-assistant", "Catering Assistant", 14, ()),
            Step(
                "course",
                "functional-skills-english-level-2-course",
                "FS English L2",
                18,
                (),
                starts_after_weeks=14,
            ),
            Step(
                "course",
                "level-2-food-safety-and-hygiene-for-catering",
                "Food safety",
                1,
                (),
                starts_after_weeks=32,
            ),
            Step(
                "experience",
                "six-months-in-a-band-2-or-3-nhs-job",
                "Six months in a band 2 or 3 NHS job",
                7,
                (),
                starts_after_weeks=33,
                full_weeks=26,
            ),
            Step(
                "experience",
                "a-year-in-your-facilities-job-before-moving-up",
                "Time as Catering Assistant before moving up a band",
                26,
                (),
                starts_after_weeks=40,
                full_weeks=52,
            ),
            Step(
                "role",
                "catering-supervisor",
                "Catering Supervisor",
                14,
                (),
                starts_after_weeks=66,
            ),
        ),
    )


def test_time_in_a_job_still_counts_from_the_job_when_its_courses_move_inside(catalogue):
    """Courses taken alongside time in a job save nothing when they move inside: six months
    in an NHS job and a year in post still run from the day the job starts."""
    timing = release_timing(_in_post_route(), catalogue, TODAY, _after(35), TIMES)
    assert timing.inside_steps == (1, 2)  # both courses are done inside
    steps = {s.id: s for s in timing.outside.steps}
    job_starts = steps["catering-assistant"].starts_after_weeks + 14
    for experience in (
        "six-months-in-a-band-2-or-3-nhs-job",
        "a-year-in-your-facilities-job-before-moving-up",
    ):
        step = steps[experience]
        assert step.starts_after_weeks + step.weeks >= job_starts + step.length, experience
    assert steps["catering-supervisor"].starts_after_weeks >= job_starts + 52
    assert timing.outside.total_weeks == 80


def test_no_time_in_a_job_ends_before_the_job_has_lasted_that_long(catalogue, graph):
    """On real routes from prison: every spell of experience that runs alongside other steps
    ends no sooner, after release, than its own length after the job before it starts."""
    for weeks in (20, 35, 52):
        release = _after(weeks)
        for target, have in (
            ("catering-supervisor", ["kitchen-or-catering-experience", "teamwork"]),
            ("facilities-team-leader", ["cleaning-experience"]),
            ("admin-team-lead", ["teamwork"]),
        ):
            route = _route(graph, target, have, release)
            timing = release_timing(route, catalogue, TODAY, release, catalogue.prison)
            job_starts = None
            for step in timing.outside.steps:
                if step.kind == "role" and job_starts is None:
                    job_starts = step.starts_after_weeks + step.weeks
                elif step.kind == "experience" and step.weeks and step.overlap_weeks and job_starts:
                    end = step.starts_after_weeks + step.weeks
                    assert end >= job_starts + step.length, (target, weeks, step)
