"""Building a plan from a route, agreement, and progress: plain functions, no Flask, no SQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from planner.explore.timeline import spans
from planner.pathways.model import Route, Step
from planner.pathways.testing import tiny_catalogue
from planner.plans.model import Plan, PlanItem, Progress, Review
from planner.plans.service import (
    add_item,
    agree,
    agreement_of,
    change_item,
    change_review,
    due_reviews,
    held_now,
    is_late,
    items_from_route,
    move_open_steps,
    new_plan_from_route,
    next_items,
    next_review,
    progress_of,
    record_review,
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


def test_review_dates_and_recording_reviews_never_undo_an_agreement():
    plan = agree(agree(a_plan(), "employee", TODAY), "manager", TODAY)
    added = change_review(plan, None, Review(date(2027, 3, 4), "check-in"))
    assert agreement_of(added).state == "agreed"
    recorded = record_review(
        added, 0, date(2027, 3, 5), "Course going well", Review(date(2027, 6, 4), "check-in")
    )
    assert agreement_of(recorded).state == "agreed"
    assert recorded.reviews == (
        Review(date(2027, 3, 4), "check-in", date(2027, 3, 5), "Course going well"),
        Review(date(2027, 6, 4), "check-in"),
    )
    assert next_review(recorded, date(2027, 3, 6)) == Review(date(2027, 6, 4), "check-in")
    assert due_reviews(added, date(2027, 3, 4)) == ((0, added.reviews[0]),)
    assert due_reviews(recorded, date(2027, 3, 6)) == ()
    # A new goal or a step's new date still needs agreeing again.
    goal = with_content(recorded, items=(replace(plan.items[0], title="Start as a manager"),))
    assert agreement_of(goal).state == "again"


def test_moving_the_steps_not_done_keeps_their_order_and_needs_agreeing_again():
    plan = agree(agree(a_plan(), "employee", TODAY), "manager", TODAY)
    plan = change_item(plan, 1, replace(plan.items[1], status="done"))
    late = date(2027, 9, 1)
    assert progress_of(plan, late).late > 0
    moved = move_open_steps(plan, 100)
    assert moved.items[1].target_date == plan.items[1].target_date  # done: stays
    for before, after in zip(plan.items[2:], moved.items[2:], strict=True):
        assert after.target_date == before.target_date + timedelta(days=100)
    assert moved.items[0].target_date == plan.items[0].target_date + timedelta(days=100)
    assert agreement_of(moved).state == "again"


def test_progress_counts_every_step_done_even_an_action():
    plan = a_plan()
    steps = len(plan.items) - 1  # the goal is where the steps lead, not a step
    assert progress_of(plan, TODAY) == Progress(0, steps, False, plan.items[0].target_date, 0)
    enrolled = change_item(plan, 1, replace(plan.items[1], status="done"))
    assert plan.items[1].kind == "action"
    progress = progress_of(enrolled, TODAY)
    assert progress.done == 1 and progress.percent == round(100 / steps) > 0


def test_steps_past_their_date_and_not_done_are_late():
    plan = a_plan()
    first = plan.items[1].target_date
    assert not is_late(plan.items[1], first) and is_late(plan.items[1], first + timedelta(1))
    assert not is_late(replace(plan.items[1], status="done"), first + timedelta(1))
    assert progress_of(plan, first + timedelta(days=1)).late == 1


def test_reaching_the_goal_is_100_percent():
    plan = a_plan()
    goal_done = replace(plan, items=(replace(plan.items[0], status="done"), *plan.items[1:]))
    assert progress_of(goal_done, TODAY).percent == 100
    all_steps = replace(
        plan, items=(plan.items[0], *(replace(i, status="done") for i in plan.items[1:]))
    )
    assert progress_of(all_steps, TODAY).percent == 99  # the goal itself is not marked yet


def test_actions_alone_do_not_change_what_is_held():
    plan = a_plan()
    plan = replace(
        plan,
        items=tuple(replace(i, status="done") if i.kind == "action" else i for i in plan.items),
    )
    assert held_now(plan) == (("teamwork",), None)


@pytest.mark.parametrize(("current_role", "kind"), [("helper", "check-in"), (None, "review")])
def test_the_first_review_is_with_a_line_manager_only_for_someone_in_a_job(current_role, kind):
    """Someone not in work has no line manager yet: their first review is with an adviser."""
    route = Route(8, (), (Step("role", "clerk", "Clerk", 8, ()),))
    plan = new_plan_from_route(route, tiny_catalogue(), "clerk", current_role, [], TODAY)
    assert [(r.day, r.kind) for r in plan.reviews] == [(TODAY + timedelta(weeks=13), kind)]
