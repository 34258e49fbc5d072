"""Building a plan from a route, agreement, and progress: plain functions, no Flask, no SQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from planner.explore.timeline import spans
from planner.pathways import NoRoute
from planner.pathways.model import Route, Step
from planner.pathways.testing import tiny_catalogue
from planner.plans.model import Plan, PlanItem, Review
from planner.plans.service import (
    add_item,
    agree,
    agreement_of,
    change_item,
    change_review,
    held_now,
    items_from_route,
    new_plan_from_route,
    next_items,
    progress_of,
    with_content,
)

TODAY = date(2027, 1, 4)
ROUTE = Route(
    95,
    ("teamwork",),
    (
        Step(
            "course",
            "functional-skills-maths-level-2-course",
            "Functional Skills maths Level 2 course",
            18,
            ("functional-skills-maths-level-2",),
        ),
        Step(
            "apprenticeship",
            "business-administrator-apprenticeship-level-3",
            "Business Administrator apprenticeship Level 3",
            65,
            ("nvq-level-3-or-equivalent",),
            starts_after_weeks=18,
        ),
        Step(
            "experience",
            "a-year-working-in-an-office",
            "A year working in an office",
            0,
            ("administrative-experience",),
            starts_after_weeks=83,
        ),
        Step(
            "role",
            "admin-team-lead",
            "Admin Team Lead",
            8,
            ("team-management",),
            starts_after_weeks=83,
        ),
    ),
)


def a_plan(**changes) -> Plan:
    now = datetime(2027, 1, 4, tzinfo=UTC)
    plan = Plan(
        "admin-team-lead",
        None,
        ("teamwork",),
        items_from_route(ROUTE, "Admin Team Lead", TODAY, tiny_catalogue()),
        id=1,
        version=1,
        created_at=now,
        updated_at=now,
    )
    return replace(plan, **changes)


def test_steps_become_goals_milestones_and_actions_in_plain_words():
    items = items_from_route(ROUTE, "Admin Team Lead", TODAY, tiny_catalogue())
    assert [(i.kind, i.title) for i in items] == [
        ("goal", "Start as an Admin Team Lead"),
        ("action", "Enrol on Functional Skills maths Level 2"),
        ("milestone", "Finish Functional Skills maths Level 2"),
        ("action", "Apply for the Business Administrator apprenticeship (Level 3)"),
        ("milestone", "Finish the Business Administrator apprenticeship (Level 3)"),
        ("milestone", "Gain experience: a year working in an office"),
        ("action", "Apply for an Admin Team Lead job"),
    ]
    assert items[1].target_date == TODAY
    assert items[2].target_date == date(2027, 5, 10)  # 18 weeks on
    assert items[0].target_date == date(2028, 10, 30)  # 95 weeks on
    assert all(i.status == "not-started" for i in items)


#: A route whose experience runs alongside other steps, as the engine gives it: a job, a
#: course, six months' experience partly inside the job, and time in post before moving up
#: ("up-admin" is a time-in-post rule in the tiny catalogue) that began with the job.
OVERLAPPING = Route(
    80,
    (),
    (
        Step("role", "clerk", "Clerk", 14, ("a",)),
        Step("course", "fs-maths-2", "Maths course", 18, ("b",), starts_after_weeks=14),
        Step(
            "experience",
            "six-months",
            "Six months in a job",
            8,
            ("c",),
            starts_after_weeks=32,
            full_weeks=26,
        ),
        Step(
            "experience",
            "up-admin",
            "Time in your job",
            26,
            (),
            starts_after_weeks=40,
            full_weeks=52,
        ),
        Step("role", "admin-team-lead", "Admin Team Lead", 14, ("d",), starts_after_weeks=66),
    ),
)


def test_plan_dates_follow_the_route_page_calendar_so_no_step_ends_after_the_goal():
    catalogue = tiny_catalogue()
    items = items_from_route(OVERLAPPING, "Admin Team Lead", TODAY, catalogue)
    by_title = {i.title: i.target_date for i in items}
    ends = [span.end for span in spans(OVERLAPPING, catalogue)]
    # Experience gained inside the job ends when the route page says, not a year later.
    assert by_title["Gain experience: six months in a job"] == TODAY + timedelta(weeks=ends[2])
    assert by_title["Gain experience: time in your job"] == TODAY + timedelta(weeks=66)
    goal = items[0]
    assert goal.kind == "goal" and goal.target_date == TODAY + timedelta(weeks=80)
    assert all(i.target_date <= goal.target_date for i in items), [
        (i.title, i.target_date) for i in items
    ]


def test_agreement_needs_both_and_a_change_needs_agreeing_again():
    plan = a_plan()
    assert agreement_of(plan).state == "none"
    plan = agree(plan, "employee", TODAY)
    assert agreement_of(plan).state == "partly"
    plan = agree(plan, "manager", TODAY)
    assert agreement_of(plan).state == "agreed"
    moved = with_content(
        plan, items=(replace(plan.items[0], target_date=date(2029, 1, 1)), *plan.items[1:])
    )
    assert agreement_of(moved).state == "again"
    assert agreement_of(agree(agree(moved, "employee", TODAY), "manager", TODAY)).state == "agreed"


def test_progress_updates_do_not_undo_an_agreement():
    plan = agree(agree(a_plan(), "employee", TODAY), "manager", TODAY)
    done = with_content(
        plan,
        items=(
            plan.items[0],
            replace(plan.items[1], status="done", note="Started"),
            *plan.items[2:],
        ),
    )
    assert agreement_of(done).state == "agreed"


def test_who_must_be_employee_or_manager():
    with pytest.raises(ValueError, match="who"):
        agree(a_plan(), "adviser", TODAY)


def test_each_side_keeps_the_role_it_named():
    plan = agree(a_plan(), "manager", TODAY, "Estates supervisor")
    assert (plan.manager_agreed_as, plan.manager_agreed_on) == ("Estates supervisor", TODAY)
    assert plan.employee_agreed_as == "" and plan.employee_agreed_on is None


def test_next_steps_are_the_plans_own_open_steps_soonest_first():
    plan = a_plan()
    assert [place for place, _ in next_items(plan)] == [1, 2, 3]  # the route's order by date
    done = change_item(plan, 1, replace(plan.items[1], status="done"))
    assert [place for place, _ in next_items(done)] == [2, 3, 4]
    early = add_item(done, PlanItem("action", "Ask about a mentor", date(2027, 1, 5)))
    assert next_items(early)[0][1].title == "Ask about a mentor"
    undated = add_item(done, PlanItem("action", "Read the job advert"))
    assert "Read the job advert" not in [i.title for _, i in next_items(undated)]
    all_done = replace(plan, items=tuple(replace(i, status="done") for i in plan.items))
    assert next_items(all_done) == ()
    only_goal = replace(all_done, items=(plan.items[0], *all_done.items[1:]))
    assert next_items(only_goal) == ((0, plan.items[0]),)  # the goal comes last, not never


def test_the_goal_cannot_be_removed_and_review_dates_stay_in_order():
    plan = a_plan()
    with pytest.raises(ValueError, match="goal"):
        change_item(plan, 0, None)
    assert len(change_item(plan, 1, None).items) == len(plan.items) - 1
    reviews = change_review(plan, None, Review(date(2027, 6, 1), "appraisal"))
    reviews = change_review(reviews, None, Review(date(2027, 2, 1), "check-in"))
    assert [r.day.month for r in reviews.reviews] == [2, 6]
    moved = change_review(reviews, 0, Review(date(2027, 9, 1), "check-in"))
    assert [r.day.month for r in moved.reviews] == [6, 9]
    assert change_review(moved, 1, None).reviews == (Review(date(2027, 6, 1), "appraisal"),)
    assert moved.content_version > plan.content_version  # dates are agreed content


def test_progress_counts_what_is_done_and_asks_for_the_route_from_there():
    plan = a_plan()
    finished_course = tuple(
        replace(i, status="done") if n == 2 else i for n, i in enumerate(plan.items)
    )
    plan = replace(plan, items=finished_course)
    asked = []

    def best_route(have, target, role):
        asked.append((have, target, role))
        return Route(27, have, ())

    progress = progress_of(plan, best_route)
    assert asked == [(("teamwork", "functional-skills-maths-level-2"), "admin-team-lead", None)]
    assert progress.weeks_done == 18
    assert progress.percent == 40  # 18 / (18 + 27)


def test_actions_alone_do_not_count_as_progress():
    plan = a_plan()
    plan = replace(
        plan,
        items=tuple(replace(i, status="done") if i.kind == "action" else i for i in plan.items),
    )
    assert held_now(plan) == (("teamwork",), None)


def test_reaching_the_goal_is_100_percent_and_no_route_is_said_plainly():
    plan = a_plan()
    goal_done = replace(plan, items=(replace(plan.items[0], status="done"), *plan.items[1:]))
    assert progress_of(goal_done, lambda *a: pytest.fail("no search needed")).percent == 100

    def nowhere(*_):
        raise NoRoute("admin-team-lead", ("x",), "No way.")

    progress = progress_of(plan, nowhere)
    assert progress.weeks_left is None and progress.percent == 0


@pytest.mark.parametrize(("current_role", "kind"), [("helper", "check-in"), (None, "review")])
def test_the_first_review_is_with_a_line_manager_only_for_someone_in_a_job(current_role, kind):
    """Someone not in work has no line manager yet: their first review is with an adviser."""
    route = Route(8, (), (Step("role", "clerk", "Clerk", 8, ()),))
    plan = new_plan_from_route(route, tiny_catalogue(), "clerk", current_role, [], TODAY)
    assert [(r.day, r.kind) for r in plan.reviews] == [(TODAY + timedelta(weeks=13), kind)]
