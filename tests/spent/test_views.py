"""Check when a conviction becomes spent: the warning, the answers, and that nothing is kept.

The page takes sensitive answers, so besides the answers themselves these tests
check that what is typed never reaches the database, the logs, the web address
or a cookie, that the page is never cached, and that odd input never gives a 500.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from pathlib import Path

import pytest
import textstat
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.spent.form import FIELDS
from tests.helpers import MAX_FK_GRADE, MAX_SMOG, main_text, soup


def entry(n: int = 1, outcome="fine", day="3", month="3", year="2024", under18="no", **more):
    """The form fields for one conviction or caution."""
    p = f"c{n}"
    fields = {
        f"{p}-outcome": outcome,
        f"{p}-date-day": day,
        f"{p}-date-month": month,
        f"{p}-date-year": year,
        f"{p}-under18": under18,
    }
    fields.update({f"{p}-{k.replace('__', '-')}": v for k, v in more.items()})
    return fields


def post(client, csrf, **fields):
    return client.post("/check-spent", follow_redirects=True, data={"csrf_token": csrf, **fields})


def headlines(response) -> list[str]:
    return [p.get_text(" ", strip=True) for p in soup(response).select(".app-spent-headline")]


# --------------------------------------------------------------------------- the page


def test_the_page_warns_first_and_has_a_post_form(client):
    response = client.get("/check-spent")
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("main h1").get_text(strip=True) == (
        "Check when a conviction becomes spent"
    )
    warning = page.select_one("main .nhsuk-card--warning")
    text = warning.get_text(" ", strip=True)
    assert "not legal advice" in text
    assert "Nothing you type here is saved" in text
    links = [a["href"] for a in warning.select("a")]
    assert "https://unlock.org.uk/" in links
    assert any("nacro.org.uk" in href for href in links)
    # The warning comes before the form.
    assert str(page.select_one("main")).index("Read this first") < str(
        page.select_one("main")
    ).index("<form")
    forms = page.select("main form")
    assert len(forms) == 1
    form = forms[0]
    assert form["method"] == "post"
    assert form["action"] == "/check-spent#answers"  # the answer page opens at the answers
    assert form.select_one("input[name=csrf_token]")["value"]
    # One conviction or caution at a time: the form starts with one and a way to add more.
    assert form.select_one("input[name=entries]")["value"] == "1"
    assert form.select_one("button[name=add]")
    assert not form.select("[name^=c2-]")
    for n in (1,):
        assert form.select_one(f"select[name=c{n}-outcome]")
        assert form.select_one(f"input[name=c{n}-date-year]")
        assert form.select_one(f"input[name=c{n}-end-year]")
        assert form.select_one(f"input[name=c{n}-length]")
        assert form.select(f"input[name=c{n}-under18][type=radio]")
        for q in ("specified_offence", "custodial"):
            values = {i["value"] for i in form.select(f"input[name=c{n}-{q}]")}
            assert values == {"yes", "no", "not-sure"}
    labels = [o.get_text(strip=True) for o in form.select("select[name=c1-outcome] option")]
    assert "Fine" in labels
    assert form.select("select[name=to] option[value=admin-team-lead]")


def test_help_page_links_to_the_check(client):
    assert soup(client.get("/help")).select_one("main a[href='/check-spent']")


def test_the_page_is_never_cached(client, csrf):
    assert client.get("/check-spent").headers["Cache-Control"] == "no-store"
    assert post(client, csrf, **entry()).headers["Cache-Control"] == "no-store"
    assert post(client, csrf).headers["Cache-Control"] == "no-store"


# --------------------------------------------------------------------------- answers


def test_a_fine_is_spent_one_year_later(client, csrf):
    response = post(client, csrf, **entry())
    assert response.status_code == 200
    assert headlines(response) == ["This was spent on 3 March 2025."]
    card = soup(response).select_one("#answer-1")
    assert card.select_one("a[href^='https://']")  # the source of the rule
    assert "Rule: Fine" in card.get_text(" ")


def test_a_fine_not_yet_spent_says_when_it_will_be(client, csrf):
    response = post(client, csrf, **entry(day="1", month="6", year="2026"))
    assert headlines(response) == ["This becomes spent on 1 June 2027."]


def test_a_long_sentence_for_a_serious_offence_is_never_spent(client, csrf):
    fields = entry(outcome="custody_over_4_years_serious", year="2010", length="72")
    response = post(client, csrf, **fields)
    assert response.status_code == 200
    assert headlines(response) == ["This can never become spent."]
    assert "These checks will always show it." in soup(response).get_text(" ")


def test_not_sure_of_the_outcome_points_to_unlock(client, csrf):
    response = post(client, csrf, **entry(outcome="not_sure"))
    assert response.status_code == 200
    assert headlines(response) == ["We cannot tell from this. Ask the Unlock helpline."]


def test_filtering_shows_your_own_answers(client, csrf):
    fields = entry(year="2012", specified_offence="no", custodial="no")
    response = post(client, csrf, **fields)
    card = soup(response).select_one("#answer-1").get_text(" ", strip=True)
    assert "It could be left off these checks from 3 March 2023." in card
    assert "specified offences? You said: no." in card


def test_two_convictions_drag_through(client, csrf):
    fields = entry() | entry(2, day="1", month="6", year="2024")
    response = post(client, csrf, **fields)
    assert headlines(response) == [
        "This was spent on 1 June 2025.",
        "This was spent on 1 June 2025.",
    ]


def test_a_chosen_job_says_what_its_check_would_show(client, csrf, target):
    response = post(client, csrf, to=target, **entry(day="1", month="6", year="2026"))
    sentences = [p.get_text(" ", strip=True) for p in soup(response).select(".app-spent-role")]
    assert sentences, "no sentence about the job"
    assert sentences[0].startswith("Today,")
    if len(sentences) > 1:
        assert sentences[1].startswith("By the time you could apply for")


def test_a_job_with_a_standard_check_uses_filtering(client, csrf, catalogue):
    role = next((r for r in catalogue.roles if r.dbs.level == "standard"), None)
    if role is None:
        pytest.skip("no job needs a standard check")
    filtered = entry(year="2012", specified_offence="no", custodial="no")
    response = post(client, csrf, to=role.id, **filtered)
    sentences = [p.get_text(" ", strip=True) for p in soup(response).select(".app-spent-role")]
    assert sentences[0] == "Today, this is filtered: a standard check does not show it."
    unsure = post(client, csrf, to=role.id, **entry(year="2012"))
    sentences = [p.get_text(" ", strip=True) for p in soup(unsure).select(".app-spent-role")]
    assert "depends on your answers" in sentences[0]


def test_the_words_do_not_label_the_person(client, csrf):
    for response in (client.get("/check-spent"), post(client, csrf, **entry())):
        text = soup(response).select_one("main").get_text(" ").lower()
        assert "offender" not in text
        assert "ex-con" not in text


# --------------------------------------------------------------------------- errors


def test_a_missing_date_is_a_friendly_400(client, csrf):
    response = post(client, csrf, **entry(day="", month="", year=""))
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)
    summary = soup(response).select_one(".nhsuk-error-summary")
    assert summary
    link = summary.select_one("a[href='#c1-date-day']")
    assert link and "date" in link.get_text()
    assert soup(response).select_one("#c1-date-day")
    # What was typed is kept in the form so it can be fixed.
    assert soup(response).select_one("select[name=c1-outcome] option[selected]")["value"] == "fine"


@pytest.mark.parametrize(
    "bad",
    [
        {"c1-date-day": "31", "c1-date-month": "2"},
        {"c1-date-year": "24x"},
        {"c1-date-year": "2999"},
        {"c1-length": "-3"},
        {"c1-length": "abc"},
        {"c1-outcome": "no-such-outcome"},
        {"c1-under18": "maybe"},
        {"c1-end-day": "1", "c1-end-month": "1", "c1-end-year": "2000"},
        {"c2-date-year": "2020"},
    ],
)
def test_bad_values_get_an_error_summary(client, csrf, bad):
    response = post(client, csrf, **(entry() | bad))
    assert response.status_code == 400
    assert soup(response).select_one(".nhsuk-error-summary a")


def test_a_post_without_the_token_is_refused_kindly(client):
    response = client.post("/check-spent", follow_redirects=True, data=entry())
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)


# --------------------------------------------------------------------------- nothing kept

SECRET = {"day": "17", "month": "11", "year": "2019"}
SECRET_FORMS = ("2019", "17 November", "2019-11-17", "17/11/2019", "17-11-2019")


def test_nothing_entered_is_kept_logged_or_put_in_the_address(app, client, csrf, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="werkzeug")
    fields = entry(outcome="custody_up_to_1_year", length="7", **SECRET) | {
        "c1-end-day": "16",
        "c1-end-month": "6",
        "c1-end-year": "2020",
    }
    response = post(client, csrf, **fields)
    assert response.status_code == 200
    assert "This was spent on 16 June 2021." in headlines(response)

    # Not in the address: the POST handed over to a plain answer page (so Back never asks to
    # send the form again), whose address holds no typed value.
    assert [r.status_code for r in response.history] == [303]
    assert response.request.path == "/check-spent/answer"
    assert not response.request.query_string

    # Not readable in a cookie: the one-hop cookie is sealed, and the answer deletes it; the
    # session holds only the CSRF secret.
    for sent in (response.history[0], response):
        for cookie in sent.headers.getlist("Set-Cookie"):
            assert not any(s in cookie for s in SECRET_FORMS)
    assert any(
        c.startswith("spent_once=;") and "Max-Age=0" in c
        for c in response.headers.getlist("Set-Cookie")
    )
    assert client.get_cookie("spent_once", path="/check-spent/answer") is None
    with client.session_transaction() as session:
        assert set(session) <= {"csrf_token", "csrf_form_token"}

    # Not in the logs.
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert not any(s in logged for s in (*SECRET_FORMS, "16 June", "2020-06-16"))

    # Not in the database.
    path = Path(app.config["DATABASE"])
    if path.exists():
        with sqlite3.connect(path) as db:
            tables = [
                r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
            for table in tables:
                if not re.fullmatch(r"\w+", table):
                    continue
                for row in db.execute(f"SELECT * FROM {table}"):
                    text = " ".join(str(v) for v in row)
                    assert not any(s in text for s in SECRET_FORMS), table


def test_a_get_with_answers_in_the_address_ignores_them(client):
    response = client.get("/check-spent?c1-outcome=fine&c1-date-year=2019")
    assert response.status_code == 200
    assert not soup(response).select(".app-spent-headline")
    assert "2019" not in soup(response).select_one("form").decode()


# --------------------------------------------------------------------------- reading age


def _check_readable(response):
    text = main_text(response.get_data(as_text=True))
    grade = textstat.flesch_kincaid_grade(text)
    smog = textstat.smog_index(text)
    assert grade <= MAX_FK_GRADE and smog <= MAX_SMOG, (grade, smog)


@pytest.mark.usefixtures("offline_syllables")
def test_the_page_is_easy_to_read(client, csrf, target):
    _check_readable(client.get("/check-spent"))
    _check_readable(post(client, csrf, to=target, **entry()))
    _check_readable(post(client, csrf, **entry(outcome="custody_over_4_years_serious")))
    _check_readable(post(client, csrf, **entry(day="")))


# --------------------------------------------------------------------------- fuzz

_NAMES = [f"c{n}-{k}" for n in (1, 2, 3) for k in FIELDS] + ["to"]
_VALUES = st.one_of(
    st.sampled_from(
        ["", "fine", "not_sure", "custody_1_to_4_years", "compensation_order", "yes", "no"]
    ),
    st.integers(-5, 3000).map(str),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=60),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(fields=st.dictionaries(st.sampled_from(_NAMES), _VALUES, max_size=20))
def test_any_form_gets_an_answer_or_a_friendly_error(client, csrf, fields):
    response = post(client, csrf, **fields)
    assert response.status_code in (200, 400)
    assert response.headers["Cache-Control"] == "no-store"
