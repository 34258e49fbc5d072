"""Uploading a plan file: what the tester found (a 500, silent duplicates, loose versions) stays fixed,
and the file's keys are the model's fields (spelled once, in planner/plans/model.py)."""

from __future__ import annotations

import io
import json
from dataclasses import fields

import pytest
from bs4 import BeautifulSoup

from planner.plans import store
from planner.plans.json_file import ImportProblems, plan_from_json, read_plan_file
from planner.plans.model import NewPlan, PlanItem, Review
from tests.plans.helpers import token_of


def upload(client, csrf, data: bytes):
    files = {"plan": (io.BytesIO(data), "plan.json", "application/json")}
    return client.post("/plans/import", data={"csrf_token": csrf, **files})


@pytest.fixture
def good(client, make_plan) -> dict:
    return json.loads(client.get(f"/plans/{make_plan()}.json").data)


def refused(response) -> str:
    assert response.status_code == 400
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return " ".join(page.select_one("main").get_text(" ").split())


def test_a_file_nested_a_thousand_deep_is_refused_not_a_500(client, csrf, db):
    """Regression: 2 KB of brackets raised RecursionError in the JSON parser (a 500)."""
    deep = b"[" * 1000 + b"]" * 1000
    assert len(deep) == 2000
    assert "far deeper than a plan" in refused(upload(client, csrf, deep))
    assert store.table_counts(db)["plans"] == 0


def test_a_key_given_twice_is_refused(client, csrf, good, db):
    """Regression: the second value silently won."""
    text = json.dumps(good)
    twice = text.replace('"support": ', '"support": "first", "support": ', 1)
    assert "the key support is in the file twice" in refused(upload(client, csrf, twice.encode()))
    assert store.table_counts(db)["plans"] == 1


@pytest.mark.parametrize("version", [True, 1.0, "1", "2", 2.0, 0, 4, "3", None])
def test_only_a_format_version_this_planner_reads_as_a_whole_number_is_taken(
    client, csrf, good, version
):
    """Regression: ``true`` and ``1.0`` were taken as version 1."""
    text = refused(upload(client, csrf, json.dumps({**good, "format_version": version}).encode()))
    assert "is not an nhs-career-plan file of version 1, 2 or 3" in text


AGREED = {"employee_on": "2027-03-10", "employee_current": True}


def test_a_version_1_file_from_before_agreement_roles_comes_back_with_them_empty(app, good):
    old = {k: v for k, v in good.items() if not k.endswith("_agreed_as")}
    old |= {"format_version": 1, "agreement": {**good["agreement"], **AGREED}}
    old["reviews"] = [{"date": r["date"], "kind": r["kind"]} for r in good["reviews"]]
    plan = plan_from_json(old, app.extensions["planner"]["catalogue"])
    assert (plan.employee_agreed_as, plan.manager_agreed_as) == ("", "")
    assert plan.employee_agreed_on.isoformat() == "2027-03-10"
    with pytest.raises(ImportProblems, match="unknown employee_agreed_as"):
        plan_from_json({**good, "format_version": 1}, app.extensions["planner"]["catalogue"])


@pytest.mark.parametrize(
    ("changes", "agreement", "problem"),
    [
        ({"employee_agreed_as": "Porter"}, {}, "unless agreement.employee_on has a date"),
        (
            {"employee_agreed_as": "Porter", "manager_agreed_as": "porter"},
            {**AGREED, "manager_on": "2027-03-11", "manager_current": True},
            "manager_agreed_as: must not be the role the employee named",
        ),
        ({"employee_agreed_as": "x" * 61}, AGREED, "employee_agreed_as: must be 60 characters"),
        ({"employee_agreed_as": "Prison leaver"}, AGREED, "details of any conviction"),
        ({"manager_agreed_as": None}, {}, "manager_agreed_as: must be text"),
    ],
)
def test_the_roles_each_side_agreed_as_are_checked(app, good, changes, agreement, problem):
    bad = {**good, **changes, "agreement": {**good["agreement"], **agreement}}
    with pytest.raises(ImportProblems) as problems:
        plan_from_json(bad, app.extensions["planner"]["catalogue"])
    assert any(problem in p for p in problems.value.problems), problems.value.problems


def round_trip(client, csrf, token: str) -> dict:
    """The plan's file, after checking that uploading it makes a plan with the same file."""
    exported = json.loads(client.get(f"/plans/{token}.json").data)
    response = upload(client, csrf, json.dumps(exported).encode())
    assert response.status_code == 303, refused(response)
    again = client.get(f"/plans/{token_of(response.headers['Location'])}.json")
    assert json.loads(again.data) == exported
    return exported


def test_a_plan_with_time_in_post_from_a_real_route_comes_back(app, client, csrf, make_plan):
    """Regression: the time in a job before moving up a band is a step named by its
    time-in-post rule, which the import did not know, so such a plan could not come back."""
    catalogue = app.extensions["planner"]["catalogue"]
    here = catalogue.role("facilities-supervisor")
    token = make_plan("cleaning-services-team-leader", here.requires, **{"from": here.id})
    rules = {r.id for r in catalogue.progression.time_in_post}
    waits = [i for i in round_trip(client, csrf, token)["items"] if i["ref"] in rules]
    assert [(i["step_kind"], i["kind"]) for i in waits] == [("experience", "milestone")]


def test_a_plan_with_a_wait_no_rule_names_comes_back(app, client, csrf, make_plan):
    """Regression: finishing an apprentice post's apprenticeship before moving on was a step
    with no id; its item named the step "", which no import could find. It is now the
    apprenticeship's own step."""
    here = app.extensions["planner"]["catalogue"].role("apprentice-administration-assistant")
    token = make_plan("business-admin-assistant", here.requires, **{"from": here.id})
    items = round_trip(client, csrf, token)["items"]
    assert ("business-administrator-apprenticeship-level-3", "apprenticeship") in {
        (i["ref"], i["step_kind"]) for i in items
    }
    assert "" not in [i["ref"] for i in items]


def test_weeks_must_be_a_whole_number_not_true_or_a_float(client, csrf, good):
    for weeks in (True, 3.0, -1, 1001):
        item = {**good["items"][0], "weeks": weeks}
        text = refused(upload(client, csrf, json.dumps({**good, "items": [item]}).encode()))
        assert "items[0].weeks: must be a whole number from 0 to 1000" in text


@pytest.mark.parametrize("raw", [b"NaN", b'{"a": Infinity}', b"\xff\xfe", b"{", b""])
def test_what_is_not_plain_json_is_refused_with_a_reason(raw):
    with pytest.raises(ImportProblems) as problems:
        read_plan_file(raw)
    assert problems.value.problems


def test_brackets_inside_text_do_not_count_as_nesting():
    assert read_plan_file(json.dumps({"note": "[" * 500}).encode()) == {"note": "[" * 500}


def test_the_file_holds_the_models_fields_and_nothing_else(good):
    file_item = set(good["items"][0])
    assert file_item == {f.name for f in fields(PlanItem)}
    assert set(good["reviews"][0]) == {"date", "kind", "done_on", "note"}
    assert len(fields(Review)) == 4
    stored_elsewhere = {"content_version"} | {
        f"{who}_agreed_{what}" for who in ("employee", "manager") for what in ("on", "version")
    }
    header = {"format", "format_version", "exported_on", "agreement"}
    assert set(good) == {f.name for f in fields(NewPlan)} - stored_elsewhere | header


def test_opening_a_file_in_adviser_mode_keeps_larger_print(client, csrf, good):
    """Regression: the upload form dropped adviser mode, so the plan opened in small print."""
    form = BeautifulSoup(client.get("/plans/import?adviser=Visit-01").data, "html.parser")
    assert "adviser=Visit-01" in form.select_one("main form")["action"]
    files = {"plan": (io.BytesIO(json.dumps(good).encode()), "plan.json", "application/json")}
    response = client.post("/plans/import?adviser=Visit-01", data={"csrf_token": csrf, **files})
    assert response.status_code == 303
    assert "adviser=Visit-01" in response.headers["Location"]
    plan = client.get(response.headers["Location"])
    assert 'class="app-adviser' in plan.get_data(as_text=True)


def test_a_version_2_file_from_before_reviews_were_recorded_comes_back_with_none_done(app, good):
    old = {**good, "format_version": 2}
    old["reviews"] = [{"date": r["date"], "kind": r["kind"]} for r in good["reviews"]]
    plan = plan_from_json(old, app.extensions["planner"]["catalogue"])
    assert plan.reviews and all(r.done_on is None and r.note == "" for r in plan.reviews)
    with pytest.raises(ImportProblems, match="unknown done_on, note"):
        plan_from_json({**good, "format_version": 2}, app.extensions["planner"]["catalogue"])
