"""The one reader of a person's answers, and the helpers that carry them on in links and forms."""

from __future__ import annotations

from datetime import date

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
def test_adviser_mode_is_on_only_with_1_or_a_visit_key(graph, value):
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
        # Larger print turned on with adviser=1 goes on with one visit's key (see next_person.py).
        visit = page_answers().visit
        assert visit and visit != "1" and f"adviser={visit}" in route
        assert "role=porter" in answers_url("explore.roles")
        assert answers_url("explore.role", role_id="porter", to="porter").startswith(
            "/roles/porter?"
        )
        assert "to=" not in answers_url("explore.start", to=None)
        assert answers_url("help.words", _anchor="band").endswith("#band")
        assert (
            answers_url("explore.start", answers=page_answers().cleared()) == f"/?adviser={visit}"
        )


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
    with app.test_request_context("/?have=no-such-skill&adviser=Visit-01"):
        assert page_answers() == Answers(adviser=True, visit="Visit-01")


@pytest.mark.parametrize("value", ["Visit-01", "a_b-C123"])
def test_a_visit_key_turns_larger_print_on_and_rides_along(graph, value):
    answers = read_answers(MultiDict([("adviser", value)]), graph)
    assert (answers.adviser, answers.visit) == (True, value)
    assert answers.args() == {"adviser": value}


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


def test_the_optional_answers_reach_the_engine(graph):
    args = MultiDict(
        [
            ("status", "not-working"),
            ("role", "admin-assistant"),
            ("time_in_job", "1-to-2-years"),
            ("time_in_nhs", "over-2-years"),
            ("age", "16-to-21"),
        ]
    )
    answers = read_answers(args, graph)
    assert (answers.time_in_job, answers.time_in_nhs, answers.age, answers.under_22) == (
        "1-to-2-years",
        "over-2-years",
        "16-to-21",
        True,
    )
    assert (answers.start.tenure, answers.start.nhs) == (52, 104)
    assert answers.start.conditions == frozenset({"out-of-work", "under-22", "aged-16-to-30"})


def test_without_the_optional_answers_a_person_is_new(graph):
    answers = read_answers(MultiDict([("role", "admin-assistant")]), graph)
    assert (answers.start.tenure, answers.start.nhs) == (0, 0)
    assert answers.under_22 is None
    assert answers.start.conditions == frozenset()


def test_nhs_time_is_never_less_than_time_in_the_job(graph):
    args = MultiDict(
        [("role", "porter"), ("time_in_job", "over-2-years"), ("time_in_nhs", "under-6-months")]
    )
    assert read_answers(args, graph).start.nhs == 104


def test_age_decides_the_kings_trust_and_level_7_funding(graph):
    """The King's Trust Get into programme is for 16 to 30s (rwt-kings-trust); Level 7 funding
    for under 22s (FE Week). A 19-year-old is offered both conditions, a 34-year-old neither."""

    def conditions(*pairs):
        return read_answers(MultiDict(list(pairs)), graph).start.conditions

    assert conditions(("age", "16-to-21")) == {"under-22", "aged-16-to-30"}
    assert conditions(("age", "22-to-30")) == {"aged-16-to-30"}
    assert conditions(("age", "31-or-over")) == frozenset()
    # The older "under_22=yes" of saved links is read as 16 to 21; "no" says no age.
    assert conditions(("under_22", "yes")) == {"under-22", "aged-16-to-30"}
    assert conditions(("under_22", "no")) == frozenset()
    # "I would rather not say" sends an empty value: no answer.
    assert read_answers(MultiDict([("age", "")]), graph).age is None


@pytest.mark.parametrize(
    ("name", "value", "nearest"),
    [("time_in_job", "1-to-2-yeras", "1-to-2-years"), ("age", "16-to-2", "16-to-21")],
)
def test_an_unknown_optional_answer_is_refused_with_the_nearest(graph, name, value, nearest):
    with pytest.raises(AnswerError) as caught:
        read_answers(MultiDict([(name, value)]), graph)
    assert (caught.value.kind, caught.value.field) == ("unknown-choice", name)
    assert caught.value.suggestions[value][0] == nearest


def test_a_bad_optional_answer_gets_a_page_that_offers_each_choice(client):
    response = client.get("/route?to=porter&time_in_job=ages&have=teamwork")
    assert response.status_code == 400
    page = soup(response)
    assert page.select_one("main h1").text.strip() == (
        "We did not understand how long you have been in your job"
    )
    links = {a.text.strip(): a["href"] for a in page.select("main a")}
    assert "time_in_job=1-to-2-years" in links["1 to 2 years"]
    assert "have=teamwork" in links["1 to 2 years"] and "to=porter" in links["1 to 2 years"]
    assert "time_in_job" not in links["Carry on without this answer"]


def test_the_route_cache_keeps_time_in_the_job_apart(app, graph):
    finder = app.extensions["planner"]["routes"]
    new = read_answers(MultiDict([("role", "admin-team-lead")]), graph).start
    served = read_answers(
        MultiDict([("role", "admin-team-lead"), ("time_in_job", "over-2-years")]), graph
    ).start
    first = finder(new, "admin-manager")[0].total_weeks
    assert finder(served, "admin-manager")[0].total_weeks < first
    assert finder(new, "admin-manager")[0].total_weeks == first


def test_the_start_page_asks_the_optional_questions_folded_away(client):
    page = soup(client.get("/"))
    about = page.select_one("form#check-form details#about-you")
    assert about and not about.has_attr("open")
    legends = [legend.get_text(strip=True) for legend in about.select("legend")]
    assert legends == [
        "How long have you been in the job you do now?",
        "How long have you worked in the NHS?",
        "How old are you?",
        "If you are in prison, when do you expect to be released?",
    ]
    for name in ("time_in_job", "time_in_nhs", "age"):
        radios = about.select(f"input[type=radio][name={name}]")
        assert radios and not any(r.has_attr("required") for r in radios)
    hint = about.select_one("#age-hint").text
    assert "apprenticeships" in hint and "16 to 30" in hint
    values = [r["value"] for r in about.select("input[name=time_in_job]")]
    assert values == ["under-6-months", "6-to-12-months", "1-to-2-years", "over-2-years"]
    # Saying nothing about age is checked until the person answers.
    assert about.select_one("input[name=age][value='']").has_attr("checked")


def test_the_optional_questions_open_and_keep_their_answers(client):
    page = soup(client.get("/?role=porter&time_in_job=6-to-12-months&age=31-or-over"))
    about = page.select_one("details#about-you")
    assert about.has_attr("open")
    assert about.select_one("input[name=time_in_job][value='6-to-12-months']").has_attr("checked")
    assert about.select_one("input[name=age][value='31-or-over']").has_attr("checked")
    assert not page.select("form#check-form input[type=hidden][name=time_in_job]")


# ---- someone in prison ------------------------------------------------------------------------


def test_in_prison_with_a_release_month_is_read_and_carried(graph):
    args = MultiDict([("status", "in-prison"), ("release_month", "8"), ("release_year", "2027")])
    answers = read_answers(args, graph)
    assert answers.in_prison and "out-of-work" in answers.conditions
    assert answers.release == (date(2027, 8, 1), date(2027, 8, 31))
    assert answers.args() == {
        "status": "in-prison",
        "release_month": "8",
        "release_year": "2027",
    }


def test_a_release_month_means_nothing_unless_in_prison(graph):
    answers = read_answers(MultiDict([("release_month", "8"), ("release_year", "2027")]), graph)
    assert answers.release is None and not answers.in_prison


@pytest.mark.parametrize(
    "query", ["release_month=13", "release_month=0", "release_year=1999", "release_year=abcd"]
)
def test_a_release_month_we_cannot_read_says_what_to_change(client, query):
    response = client.get(f"/?status=in-prison&{query}")
    assert response.status_code == 400
    page = soup(response)
    assert "expect to be released" in page.select_one("main h1").get_text()
    assert page.select_one("main a")
