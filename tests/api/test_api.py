"""The JSON API contract: shapes, errors that name the bad input, and the OpenAPI document."""

from __future__ import annotations

import jsonschema_rs
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from planner import create_app


def test_roles_list_and_one_role(client):
    roles = client.get("/api/roles").get_json()["roles"]
    assert len(roles) >= 35
    first = roles[0]
    assert {"id", "title", "band", "family", "route", "requires", "desirable", "dbs"} <= set(first)
    one = client.get(f"/api/roles/{first['id']}").get_json()
    assert one == first


def test_skills_and_learning(client):
    skills = client.get("/api/skills").get_json()["skills"]
    assert {"id", "name", "level", "kind"} <= set(skills[0])
    learning = client.get("/api/learning").get_json()["learning"]
    kinds = {item["kind"] for item in learning}
    assert kinds == {"course", "apprenticeship"}
    assert {"id", "name", "kind", "level", "duration_weeks", "grants", "requires"} <= set(
        learning[0]
    )


def test_unknown_role_is_404_with_suggestions(client):
    response = client.get("/api/roles/admin-team-leed")
    assert response.status_code == 404
    body = response.get_json()
    assert body["value"] == "admin-team-leed"
    assert "admin-team-lead" in body["suggestions"]


def test_routes_best_first_with_contract_fields(client):
    response = client.get("/api/routes?have=teamwork&have=literacy-skills&to=admin-team-lead")
    assert response.status_code == 200
    routes = response.get_json()["routes"]
    assert routes
    assert [r["total_weeks"] for r in routes] == sorted(r["total_weeks"] for r in routes)
    step = routes[0]["steps"][0]
    assert {"kind", "id", "title", "weeks", "gains"} <= set(step)
    assert routes[0]["steps"][-1] == {
        **routes[0]["steps"][-1],
        "kind": "role",
        "id": "admin-team-lead",
    }
    assert {"teamwork", "literacy-skills"} <= set(routes[0]["start"])


def test_from_role_counts_its_requirements_as_held(client):
    body = client.get("/api/routes?to=admin-manager&from=admin-team-lead").get_json()
    assert "office-and-customer-experience" in body["routes"][0]["start"]


@pytest.mark.parametrize(
    ("query", "status", "field"),
    [
        ("to=nobody-at-all", 404, "to"),
        ("to=admin-team-lead&from=nobody-at-all", 404, "from"),
        ("to=admin-team-lead&have=juggling", 400, "have"),
    ],
)
def test_bad_input_names_the_field(client, query, status, field):
    response = client.get(f"/api/routes?{query}")
    assert response.status_code == status
    body = response.get_json()
    assert body["field"] == field
    assert "error" in body and "suggestions" in body


@pytest.mark.parametrize(
    "query",
    [
        "",
        "have=teamwork",
        "to=admin-team-lead&to=admin-manager",
        "to=" + "x" * 5000,
        "to=admin-team-lead&" + "&".join(["have=teamwork"] * 500),
        "to=admin-team-lead&on=tomorrow",
        "to=%ff%fe",
    ],
)
def test_missing_long_or_repeated_parameters_are_4xx_json(client, query):
    response = client.get(f"/api/routes?{query}")
    assert 400 <= response.status_code < 500
    assert response.get_json()["error"]


def test_healthz(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


@pytest.mark.parametrize("value", ["\x1e", "\x1c\x1f", " \t", "\u3000"])
def test_what_the_api_reads_as_no_role_the_document_calls_invalid(client, value):
    """Regression (schemathesis): ``to=%1E`` matched the document's ``\\S`` (ECMA's
    whitespace leaves out control characters) but the API read it as missing."""
    document = client.get("/api/openapi.json").get_json()
    (to,) = [p for p in document["paths"]["/api/routes"]["get"]["parameters"] if p["name"] == "to"]
    assert client.get("/api/routes", query_string={"to": value}).status_code == 400
    # jsonschema_rs checks patterns as ECMA regexes, as schemathesis does.
    assert not jsonschema_rs.validator_for(to["schema"]).is_valid(value)


def test_openapi_document_lists_every_api_route(app, client):
    document = client.get("/api/openapi.json").get_json()
    documented = set(document["paths"])
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/") and rule.rule != "/api/openapi.json":
            assert rule.rule.replace("<role_id>", "{role_id}") in documented


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path_factory.mktemp("s") / "db.sqlite")})
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


def test_api_matches_its_openapi_document(api_schema):
    """Generated requests to every operation get responses that match the document; no 500."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 6
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case):
            case.call_and_validate(headers={"Accept-Encoding": "identity"})

        check()


def test_time_in_the_job_and_the_nhs_change_the_route(client):
    base = "/api/routes?to=admin-manager&from=admin-team-lead"
    new = client.get(base).get_json()["routes"][0]["total_weeks"]
    served = client.get(f"{base}&time_in_job=over-2-years&time_in_nhs=over-2-years")
    assert served.status_code == 200
    assert served.get_json()["routes"][0]["total_weeks"] < new
    # "Less than 6 months" is the same as not saying: the person counts as new.
    same = client.get(f"{base}&time_in_job=under-6-months").get_json()["routes"][0]
    assert same["total_weeks"] == new


def test_the_optional_answers_are_documented_with_their_choices(client):
    document = client.get("/api/openapi.json").get_json()
    parameters = {p["name"]: p for p in document["paths"]["/api/routes"]["get"]["parameters"]}
    choices = ["under-6-months", "6-to-12-months", "1-to-2-years", "over-2-years"]
    for name in ("time_in_job", "time_in_nhs"):
        assert parameters[name]["schema"]["enum"] == choices
        assert "new" in parameters[name]["description"]
        assert not parameters[name].get("required")
    assert parameters["age"]["schema"]["enum"] == ["16-to-21", "22-to-30", "31-or-over"]
    assert "16 to 30" in parameters["age"]["description"]
    assert parameters["under_22"]["schema"]["enum"] == ["yes", "no"]
    assert "under 22" in parameters["under_22"]["description"]


@pytest.mark.parametrize(
    ("query", "field", "nearest"),
    [
        ("time_in_job=2-years", "time_in_job", "1-to-2-years"),
        ("time_in_nhs=over-2-yeers", "time_in_nhs", "over-2-years"),
        ("under_22=yess", "under_22", "yes"),
        ("age=31-and-over", "age", "31-or-over"),
    ],
)
def test_an_unknown_optional_answer_is_400_naming_the_choices(client, query, field, nearest):
    response = client.get(f"/api/routes?to=porter&{query}")
    assert response.status_code == 400
    body = response.get_json()
    assert body["field"] == field
    assert nearest in body["suggestions"]
    assert f"'{nearest}'" in body["error"]


def test_an_optional_answer_given_twice_is_refused(client):
    response = client.get("/api/routes?to=porter&under_22=yes&under_22=no")
    assert response.status_code == 400
    assert "only once" in response.get_json()["error"]


@pytest.mark.parametrize(
    "written", ["20261201", "2026-W49-4", "2026-12-1", "2026-12-01T00:00", "2026-335"]
)
def test_on_takes_one_way_of_writing_a_day(client, written):
    """Python's date reader took 20261201 and 2026-W49-4 too: one day, many cache entries."""
    response = client.get(f"/api/routes?to=porter&on={written}")
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.json["error"]


def test_a_day_in_the_past_is_answered_as_today_and_kept_once(app, client):
    """Each past day was a search of its own (and a place in the route cache)."""
    finder = app.extensions["planner"]["routes"]
    today = client.get("/api/routes?to=admin-team-lead&have=teamwork").json
    searches = finder.cache_info().misses
    for day in range(1, 29):
        past = client.get(f"/api/routes?to=admin-team-lead&have=teamwork&on=2025-02-{day:02d}")
        assert past.json == today
    assert finder.cache_info().misses == searches
