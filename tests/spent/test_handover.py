"""Back never shows "Confirm Form Resubmission": the answer is a plain page, handed its form once.

Without JavaScript the form's POST redirects (303) to ``/check-spent/answer``, and what was
typed rides along once in a sealed cookie (``planner.spent.handover``) that the answer page
opens and deletes. With htmx the POST is answered in place and nothing is handed over.
"""

from __future__ import annotations

import re

import pytest

from planner.spent.handover import COOKIE, MAX_SEALED, open_form, open_sealed, seal, seal_form
from tests.helpers import soup
from tests.spent.test_views import entry, post

KEY = "k" * 64


def test_a_seal_opens_only_with_its_key_unchanged_and_in_time():
    token = seal(b"17 November 2019", KEY, now=1000)
    assert b"2019" not in token.encode()
    assert open_sealed(token, KEY, now=1050, max_age=120) == b"17 November 2019"
    assert open_sealed(token, "x" * 64, now=1050, max_age=120) is None
    assert open_sealed(token, KEY, now=1121, max_age=120) is None  # too old
    assert open_sealed(token, KEY, now=999, max_age=120) is None  # from the future
    flipped = token[:30] + ("A" if token[30] != "A" else "B") + token[31:]
    assert open_sealed(flipped, KEY, now=1050, max_age=120) is None
    for junk in ("", "not a seal", "%%%", token[:20]):
        assert open_sealed(junk, KEY, now=1050, max_age=120) is None


def test_two_seals_of_the_same_form_differ():
    pairs = [("c1-date-year", "2019")]
    assert seal_form(pairs, KEY, 1) != seal_form(pairs, KEY, 1)
    assert open_form(seal_form(pairs, KEY, 1), KEY, 2, 60) == pairs


def test_without_javascript_the_post_redirects_to_a_plain_answer_page(client, csrf):
    sent = client.post("/check-spent", data={"csrf_token": csrf, "to": "porter", **entry()})
    assert sent.status_code == 303
    assert sent.headers["Location"] == "/check-spent/answer?to=porter#answers"
    cookie = next(c for c in sent.headers.getlist("Set-Cookie") if c.startswith(f"{COOKIE}="))
    for attribute in ("HttpOnly", "SameSite=Strict", "Path=/check-spent/answer", "Max-Age=120"):
        assert attribute in cookie
    answer = client.get("/check-spent/answer?to=porter")
    assert answer.status_code == 200
    assert soup(answer).select_one("#answers")
    assert "no-store" in answer.headers["Cache-Control"]


def test_going_back_to_an_answer_finds_it_gone_not_an_error(client, csrf):
    first = post(client, csrf, to="porter", **entry())
    assert soup(first).select_one("#answers")
    again = client.get("/check-spent/answer?to=porter")
    assert again.status_code == 200
    page = soup(again)
    assert page.select_one(".app-spent-not-kept")
    assert not page.select_one("#answers")
    assert page.select_one("select[name=to] option[selected]")["value"] == "porter"


@pytest.mark.parametrize("cookie", ["", "tampered", "A" * 200])
def test_a_missing_or_bad_seal_is_not_kept_never_an_error(client, cookie):
    if cookie:
        client.set_cookie(COOKIE, cookie, path="/check-spent/answer")
    response = client.get("/check-spent/answer")
    assert response.status_code == 200
    assert soup(response).select_one(".app-spent-not-kept")


def test_adding_an_entry_lands_on_it_and_errors_come_back_with_their_values(client, csrf):
    added = client.post("/check-spent", data={"csrf_token": csrf, "add": "1", **entry()})
    assert added.headers["Location"].endswith("#entry-2")
    page = soup(client.get(added.headers["Location"]))
    assert page.select_one("#c2-date-day") and page.select_one("#c1-date-year")["value"] == "2024"
    wrong = post(client, csrf, **entry(day=""))
    assert wrong.status_code == 400
    assert soup(wrong).select_one(".nhsuk-error-summary a")
    assert soup(wrong).select_one("#c1-date-year")["value"] == "2024"


def test_with_htmx_the_answer_comes_in_place_and_nothing_is_handed_over(client, csrf):
    response = client.post(
        "/check-spent",
        data={"csrf_token": csrf, "to": "porter", **entry()},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert soup(response).select_one("#spent-body #answers")
    assert not any(c.startswith(COOKIE) for c in response.headers.getlist("Set-Cookie"))
    wrong = client.post(
        "/check-spent",
        data={"csrf_token": csrf, **entry(day="")},
        headers={"HX-Request": "true"},
    )
    assert wrong.status_code == 400
    assert soup(wrong).select_one("#spent-body .nhsuk-error-summary")


def test_a_form_too_big_for_one_cookie_is_answered_directly(client, csrf, monkeypatch):
    monkeypatch.setattr("planner.spent.views.MAX_SEALED", 10)
    response = client.post("/check-spent", data={"csrf_token": csrf, **entry()})
    assert response.status_code == 200
    assert soup(response).select_one("#answers")
    assert MAX_SEALED < 4096


def test_for_someone_in_prison_the_answer_counts_to_a_job_after_release(app, csrf):
    """The spent checker dates "by the time you could apply" with the one timing rule: for
    someone in prison, the job starts after release (planner/pathways/release.py)."""
    app.config["TODAY"] = "2026-12-03"
    client = app.test_client()
    token = csrf_of(client)
    common = {"csrf_token": token, "to": "porter", **entry(year="2020")}
    outside = post_answer(client, {**common, "status": "not-working"})
    inside = post_answer(
        client, {**common, "status": "in-prison", "release_month": "8", "release_year": "2028"}
    )
    assert "in about" in outside and "in about" in inside
    assert outside != inside
    # Release is 20 months away, so the job is at least that far off (said in months up to 23).
    when = inside.split("could apply for it in")[1].split(".")[0]
    months = re.search(r"about (\d+) months", when)
    assert "years" in when or (months and int(months.group(1)) >= 20), when


def csrf_of(client) -> str:
    import re

    page = client.get("/check-spent").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def post_answer(client, data) -> str:
    response = client.post("/check-spent", follow_redirects=True, data=data)
    return " ".join(soup(response).select_one(".app-spent-job").get_text(" ").split())
