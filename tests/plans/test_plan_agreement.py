"""Agreeing a plan: each side names its role, no dates in the future, and the pages say who
agreed as what, and when."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup

from planner.plans import store
from tests.plans.helpers import form_of
from tests.plans.test_plan_file import round_trip
from tests.plans.test_plan_pages import edit

TODAY = datetime(2027, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def on_a_known_day(app):
    """Plans made and agreed on 10 March 2027."""
    app.config["NOW"] = TODAY.isoformat()
    app.config["TODAY"] = TODAY.date().isoformat()


def agree(client, token, side, agreed_as, day="", month="", year=""):
    changes = {"side": side, "agreed_as": agreed_as}
    if day or month or year:
        changes |= {"agreed_on_day": day, "agreed_on_month": month, "agreed_on_year": year}
    return edit(client, f"/plans/{token}/agree", **changes)


def agreement_rows(client, url) -> dict[str, str]:
    soup = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")
    return {
        row.select_one("dt").text: row.select_one("dd").text
        for row in soup.select(".app-agreement .nhsuk-summary-list__row")
    }


@pytest.mark.usefixtures("on_a_known_day")
def test_both_sides_agree_each_naming_their_role(app, client, make_plan):
    token = make_plan()
    app.config["TODAY"] = "2027-03-12"  # two days after the plan was made
    page = BeautifulSoup(client.get(f"/plans/{token}/agree").get_data(as_text=True), "html.parser")
    assert page.select_one("#agreed-on-day")["value"] == "12"  # today, filled in
    assert not page.select("input[type=date]")

    assert agree(client, token, "employee", "Porter").status_code == 303
    assert (
        agree(client, token, "manager", "Estates supervisor", "11", "3", "2027").status_code == 303
    )
    rows = agreement_rows(client, f"/plans/{token}")
    assert rows == {
        "Employee": "Agreed on 12 March 2027, as Porter",
        "Line manager": "Agreed on 11 March 2027, as Estates supervisor",
    }
    main = BeautifulSoup(client.get(f"/plans/{token}").get_data(as_text=True), "html.parser")
    assert "Agreed by the employee and their line manager." in main.select_one("main").text


@pytest.mark.usefixtures("on_a_known_day")
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"side": ""}, "side", "Choose who is agreeing"),
        ({"agreed_as": ""}, "agreed-as", "Enter your role"),
        ({"agreed_as": "x" * 61}, "agreed-as", "60 characters or fewer"),
        ({"agreed_as": "Prison leaver"}, "agreed-as", "Take out anything about"),
        (
            {"agreed_on_day": "1", "agreed_on_month": "1", "agreed_on_year": "2030"},
            "agreed-on-day",
            "must be today or in the past",
        ),
        (
            {"agreed_on_day": "11", "agreed_on_month": "3", "agreed_on_year": "2027"},
            "agreed-on-day",
            "must be today or in the past",
        ),
        (
            {"agreed_on_day": "1", "agreed_on_month": "3", "agreed_on_year": "2027"},
            "agreed-on-day",
            "on or after 10 March 2027, when the plan was made",
        ),
        ({"agreed_on_day": ""}, "agreed-on-day", "must have a day, a month and a year"),
    ],
)
def test_an_agreement_is_refused_with_a_clear_message(
    client, make_plan, db, changes, field, message
):
    token = make_plan()
    before = store.load_plan(db, token)
    response = edit(
        client, f"/plans/{token}/agree", **{"side": "employee", "agreed_as": "Employee", **changes}
    )
    assert response.status_code == 400
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.select_one(".nhsuk-error-summary a")["href"] == f"#{field}"
    assert message in soup.select_one(".nhsuk-error-summary").text
    assert store.load_plan(db, token) == before


@pytest.mark.usefixtures("on_a_known_day")
def test_one_person_cannot_agree_for_both_under_the_same_role(client, make_plan, db):
    token = make_plan()
    assert agree(client, token, "employee", "Employee").status_code == 303
    response = agree(client, token, "manager", " employee ")
    assert response.status_code == 400
    text = (
        BeautifulSoup(response.get_data(as_text=True), "html.parser")
        .select_one("#agreed-as-error")
        .text
    )
    assert "The employee agreed as Employee. Each person names their own role." in text
    assert store.load_plan(db, token).manager_agreed_on is None
    assert agreement_rows(client, f"/plans/{token}/agree")["Line manager"] == "Not agreed yet"


@pytest.mark.usefixtures("on_a_known_day")
def test_a_change_after_agreement_is_shown_as_needing_agreement_again(client, make_plan):
    token = make_plan()
    agree(client, token, "employee", "Employee")
    agree(client, token, "manager", "Line manager")
    edit(client, f"/plans/{token}/items/1", status="done", note="Finished early")
    main = BeautifulSoup(client.get(f"/plans/{token}").get_data(as_text=True), "html.parser")
    assert "Agreed by the employee and their line manager." in main.text  # progress is not a change
    edit(
        client,
        f"/plans/{token}/items/0",
        target_date_day="1",
        target_date_month="1",
        target_date_year="2031",
    )
    main = BeautifulSoup(client.get(f"/plans/{token}").get_data(as_text=True), "html.parser")
    assert "It needs agreeing again." in main.text
    rows = agreement_rows(client, f"/plans/{token}")
    assert (
        rows["Employee"]
        == "Agreed on 10 March 2027, as Employee, to an earlier version of the plan"
    )


@pytest.mark.usefixtures("on_a_known_day")
@pytest.mark.usefixtures("database_url")  # on SQLite and PostgreSQL
def test_the_agreement_and_roles_survive_a_reload_of_the_database(client, make_plan, db):
    token = make_plan()
    agree(client, token, "manager", "Ward manager")
    plan = store.load_plan(db, token)
    assert (plan.manager_agreed_as, plan.manager_agreed_on.isoformat()) == (
        "Ward manager",
        "2027-03-10",
    )
    assert plan.employee_agreed_as == ""


@pytest.mark.usefixtures("on_a_known_day")
def test_the_roles_each_side_agreed_as_go_into_the_plan_file_and_come_back(client, make_plan, csrf):
    token = make_plan()
    agree(client, token, "employee", "Porter")
    agree(client, token, "manager", "Estates supervisor")
    exported = round_trip(client, csrf, token)
    assert (exported["employee_agreed_as"], exported["manager_agreed_as"]) == (
        "Porter",
        "Estates supervisor",
    )
    assert exported["agreement"]["employee_current"] and exported["agreement"]["manager_current"]


def test_the_agree_form_keeps_what_was_typed_after_a_problem(client, make_plan):
    token = make_plan()
    data = form_of(client.get(f"/plans/{token}/agree").get_data(as_text=True))
    response = client.post(f"/plans/{token}/agree", data={**data, "agreed-as": "Porter"})
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert response.status_code == 400  # no side chosen
    assert soup.select_one("#agreed-as")["value"] == "Porter"
