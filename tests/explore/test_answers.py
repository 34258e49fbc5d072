"""The one reader of a person's answers, and the helpers that carry them on in links and forms."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from planner.explore.answers import (
    AnswerError,
    Answers,
    page_answers,
    read_answers,
    role_param_for,
)
from planner.explore.links import answer_fields, answers_url, this_page_url
from tests.helpers import soup


@pytest.fixture
def graph(app):
    return app.extensions["planner"]["graph"]


@pytest.fixture
def family(catalogue) -> str:
    """A family of jobs from the data (the last one, so not simply the default first)."""
    return catalogue.families[-1][0]


def test_every_answer_is_read(graph, catalogue, family, some_ticks):
    role = catalogue.roles[0].id
    args = MultiDict(
        [("status", "nhs-role"), ("role", role), ("to", role), ("area", family), ("adviser", "1")]
        + [("have", t) for t in some_ticks]
    )
    answers = read_answers(args, graph)
    assert (answers.status, answers.role, answers.to) == ("nhs-role", role, role)
    assert answers.have == tuple(some_ticks)
    assert answers.area == family
    assert answers.adviser is True
    assert answers.known


def test_an_empty_area_means_not_sure(graph):
    answers = read_answers(MultiDict([("area", "")]), graph)
    assert answers.area is None
    assert not answers.known


def test_an_unknown_area_is_refused_with_the_nearest_family(graph, family):
    with pytest.raises(AnswerError) as caught:
        read_answers(MultiDict([("area", family[:-2])]), graph)
    assert caught.value.kind == "unknown-area"
    assert caught.value.field == "area"
    assert caught.value.suggestions[family[:-2]] == [family]


@pytest.mark.parametrize("value", ["0", "yes", "", "true"])
def test_adviser_mode_is_on_only_with_1(graph, value):
    assert read_answers(MultiDict([("adviser", value)]), graph).adviser is False


def test_args_carry_every_answer_and_drop_the_empty_ones(family):
    answers = Answers(status="volunteering", role="porter", have=("a", "b"), to="x", area=family)
    assert answers.args() == {
        "status": "volunteering",
        "role": "porter",
        "have": ["a", "b"],
        "to": "x",
        "area": family,
    }
    assert answers.args("from", to=None)["from"] == "porter"
    assert "to" not in answers.args(to=None)
    assert Answers().args() == {}


def test_clearing_keeps_only_adviser_mode():
    full = Answers(status="nhs-role", role="porter", have=("a",), to="x", area="y", adviser=True)
    assert full.cleared() == Answers(adviser=True)
    assert full.cleared().args() == {"adviser": "1"}


def test_the_route_page_and_plans_call_the_current_job_from():
    assert role_param_for("explore.route") == "from"
    assert role_param_for("plans.create") == "from"
    for endpoint in ("explore.start", "explore.roles", "spent.check", "help.index", None):
        assert role_param_for(endpoint) == "role"


def test_answers_url_carries_the_page_answers_under_each_pages_name(app, family):
    query = f"/?status=nhs-role&role=porter&have=teamwork&to=caretaker&area={family}&adviser=1"
    with app.test_request_context(query):
        route = answers_url("explore.route")
        assert route.startswith("/route?")
        assert "from=porter" in route and "role=" not in route
        for part in ("status=nhs-role", "have=teamwork", "to=caretaker", f"area={family}"):
            assert part in route
        assert "adviser=1" in route
        assert "role=porter" in answers_url("explore.roles")
        assert answers_url("explore.role", role_id="porter", to="porter").startswith(
            "/roles/porter?"
        )
        assert "to=" not in answers_url("explore.start", to=None)
        assert answers_url("help.words", _anchor="band").endswith("#band")
        assert answers_url("explore.start", answers=page_answers().cleared()) == "/?adviser=1"


def test_answer_fields_leave_out_what_the_form_asks_itself(app):
    query = "/route?from=porter&have=teamwork&have=customer-care&to=caretaker"
    with app.test_request_context(query):
        fields = answer_fields("explore.route", omit=("to",))
        # A current job means "I work in the NHS", so the status comes with it.
        assert fields == [
            ("status", "nhs-role"),
            ("from", "porter"),
            ("have", "teamwork"),
            ("have", "customer-care"),
        ]
        assert ("role", "porter") in answer_fields("explore.start")


def test_page_answers_never_raise_on_a_bad_address(app):
    with app.test_request_context("/?have=no-such-skill&adviser=1"):
        assert page_answers() == Answers(adviser=True)


def test_this_page_url_keeps_other_values_and_changes_one(app):
    with app.test_request_context("/compare?job=porter&job=caretaker&have=teamwork"):
        url = this_page_url(adviser="1")
        assert url.startswith("/compare?")
        for part in ("job=porter", "job=caretaker", "have=teamwork", "adviser=1"):
            assert part in url
        assert "have=teamwork" in this_page_url(adviser=None)
    with app.test_request_context("/no-such-page?adviser=1"):
        assert this_page_url(adviser=None) == "/"


def test_a_bad_area_gets_a_page_that_says_what_to_do(client, catalogue, family):
    response = client.get(f"/?area={family}x&have=teamwork")
    assert response.status_code == 400
    page = soup(response)
    assert (
        page.select_one("main h1").text.strip()
        == "We did not understand the kind of work you chose"
    )
    links = {a.text.strip(): a["href"] for a in page.select("main a")}
    name = dict(catalogue.families)[family]
    assert f"area={family}" in links[f"Choose {name}"]
    assert "have=teamwork" in links[f"Choose {name}"]
    assert "area=" not in links["Carry on without choosing"]
