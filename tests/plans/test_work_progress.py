"""A plan handed over as a "Learning and work progress" plan (MoJ's shape: goals, each with a
title, a target date and one or more steps), and a one-page summary for a work coach."""

from __future__ import annotations

import json
from datetime import date, datetime

from planner.plans.model import Plan, PlanItem
from planner.plans.work_progress import work_progress_goals, work_progress_json
from tests.helpers import soup

WHEN = datetime(2027, 1, 4, 9, 0)


def _plan(*items: PlanItem) -> Plan:
    return Plan(
        target_role="catering-supervisor",
        current_role=None,
        have=(),
        items=items,
        id=1,
        version=1,
        created_at=WHEN,
        updated_at=WHEN,
    )


def test_each_job_started_is_a_goal_and_what_comes_before_it_its_steps():
    plan = _plan(
        PlanItem("goal", "Start as a Catering Supervisor", date(2028, 6, 1), step_kind="role"),
        PlanItem("action", "Apply for a Catering Assistant job", date(2027, 1, 4)),
        PlanItem("milestone", "Start as a Catering Assistant", date(2027, 4, 1), step_kind="role"),
        PlanItem("action", "Enrol on Level 2 Food Safety", date(2027, 5, 1), status="done"),
        PlanItem("milestone", "Finish Level 2 Food Safety", date(2027, 5, 8), "in-progress"),
        PlanItem("action", "Apply for a Catering Supervisor job", date(2028, 3, 1)),
    )
    goals = work_progress_goals(plan)
    assert [(g.title, g.target_date) for g in goals] == [
        ("Start as a Catering Assistant", date(2027, 4, 1)),
        ("Start as a Catering Supervisor", date(2028, 6, 1)),
    ]
    assert [s.title for s in goals[0].steps] == ["Apply for a Catering Assistant job"]
    assert [s.title for s in goals[1].steps] == [
        "Enrol on Level 2 Food Safety",
        "Finish Level 2 Food Safety",
        "Apply for a Catering Supervisor job",
    ]
    shape = work_progress_json(plan, "Catering Supervisor", date(2027, 1, 4))
    second = shape["goals"][1]
    assert second["targetCompletionDate"] == "2028-06-01"
    assert [s["status"] for s in second["steps"]] == ["COMPLETE", "ACTIVE", "NOT_STARTED"]
    assert [s["sequenceNumber"] for s in second["steps"]] == [1, 2, 3]


def test_every_goal_has_at_least_one_step():
    plan = _plan(PlanItem("goal", "Start as a Porter", date(2027, 3, 1), step_kind="role"))
    (goal,) = work_progress_goals(plan)
    assert goal.steps and goal.steps[0].title == "Start as a Porter"


def test_the_pages_print_and_save_the_shape(client, make_plan):
    token = make_plan(to="catering-supervisor", have=("kitchen-or-catering-experience",))
    page = soup(client.get(f"/plans/{token}/learning-and-work"))
    assert page.select_one("main h1").get_text(strip=True) == "Learning and work progress plan"
    goals = page.select("main .app-work-goal")
    assert goals and all(g.select("ol li") for g in goals)
    assert all("Target date:" in g.get_text() for g in goals)
    saved = client.get(f"/plans/{token}/learning-and-work.json")
    assert saved.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(saved.data)
    assert data["aim"] == "Catering Supervisor"
    assert all(g["steps"] and g["title"] for g in data["goals"])
    plan_page = soup(client.get(f"/plans/{token}"))
    assert plan_page.select_one(f"a[href='/plans/{token}/learning-and-work']")
    assert plan_page.select_one(f"a[href='/plans/{token}/one-page']")


def test_the_one_page_summary_holds_what_a_work_coach_needs_and_no_link(client, make_plan):
    token = make_plan(to="porter", have=("teamwork",))
    response = client.get(f"/plans/{token}/one-page")
    assert "no-store" in response.headers["Cache-Control"]
    page = soup(response)
    text = page.select_one("main").get_text(" ", strip=True)
    for words in ("Aim Porter", "Progress", "Next review", "Next steps", "Goals"):
        assert words in text
    assert "declaration form A" in text
    assert "adults' barred list" in text
    assert token not in page.select_one(".app-one-page").decode().replace(
        page.select_one(".app-print-controls").decode(), ""
    )
