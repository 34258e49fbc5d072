"""View-only links: one per person, read only, revocable, expiring; all failures look the same."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup

from planner.plans import store

SHARE_URL = re.compile(r'id="new-link-value" type="text" readonly value="([^"]+)"')


def share(client, token, csrf, label="line-manager", days="30") -> str:
    response = client.post(
        f"/plans/{token}/share", data={"csrf_token": csrf, "label": label, "days": days}
    )
    assert response.status_code == 200
    return (
        SHARE_URL.search(response.get_data(as_text=True)).group(1).removeprefix("http://localhost")
    )


def main_text(response) -> str:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").select_one("main").text


@pytest.fixture
def missing_page(client):
    return main_text(client.get("/shared/" + "Z" * 43))


def test_a_shared_plan_can_be_read_but_not_changed(client, make_plan, csrf):
    token = make_plan()
    link = share(client, token, csrf)
    response = client.get(link)
    assert response.status_code == 200
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.select_one("h1").text == "NHS career plan"
    assert not soup.select("form")
    assert token not in response.get_data(as_text=True)
    assert client.post(link, data={"csrf_token": csrf}).status_code == 405
    assert response.headers["Cache-Control"] == "no-store"


def test_each_person_gets_their_own_link_and_stopping_one_leaves_the_other(
    client, make_plan, csrf, missing_page
):
    token = make_plan()
    manager = share(client, token, csrf, "line-manager")
    adviser = share(client, token, csrf, "careers-adviser", "7")
    assert manager != adviser
    page = client.get(f"/plans/{token}/share").get_data(as_text=True)
    stops = re.findall(r'action="(/plans/[^"]+/stop)"', page)
    assert len(stops) == 2
    assert client.post(stops[0], data={"csrf_token": csrf}).status_code == 303
    stopped = client.get(manager)
    assert stopped.status_code == 404
    assert main_text(stopped) == missing_page
    assert client.get(adviser).status_code == 200


def test_links_stop_working_when_they_expire(client, app, make_plan, csrf, missing_page):
    token = make_plan()
    link = share(client, token, csrf, days="30")
    app.config["NOW"] = datetime.now(UTC) + timedelta(days=29)
    assert client.get(link).status_code == 200
    app.config["NOW"] = datetime.now(UTC) + timedelta(days=31)
    expired = client.get(link)
    assert expired.status_code == 404
    assert main_text(expired) == missing_page


def test_a_view_link_cannot_edit_and_an_edit_link_is_not_a_view_link(client, make_plan, csrf):
    token = make_plan()
    view = share(client, token, csrf).removeprefix("/shared/")
    assert client.get(f"/plans/{view}").status_code == 404
    assert client.post(f"/plans/{view}/delete", data={"csrf_token": csrf}).status_code == 404
    assert client.get(f"/shared/{token}").status_code == 404


def test_one_plans_token_shows_nothing_of_another(client, make_plan, csrf):
    mine = make_plan(to="business-admin-assistant")
    theirs = make_plan(to="estates-and-facilities-admin-assistant")
    lede = BeautifulSoup(client.get(f"/plans/{mine}").get_data(as_text=True), "html.parser")
    assert lede.select_one(".nhsuk-lede-text").text == "Goal: Business Admin Assistant"
    link = share(client, theirs, csrf)
    page = client.get(f"/plans/{theirs}/share").get_data(as_text=True)
    their_link_id = re.findall(r'action="/plans/[^/]+/share/(\d+)/stop"', page)[0]
    client.post(f"/plans/{mine}/share/{their_link_id}/stop", data={"csrf_token": csrf})
    assert client.get(link).status_code == 200


def test_deleting_a_plan_ends_its_links_and_rows_at_once(client, make_plan, csrf, db, missing_page):
    token = make_plan()
    link = share(client, token, csrf)
    assert client.get(f"/plans/{token}/delete").status_code == 200
    assert client.post(f"/plans/{token}/delete", data={"csrf_token": csrf}).status_code == 303
    assert store.table_counts(db) == {"plans": 0, "plan_items": 0, "reviews": 0, "share_links": 0}
    for url in (f"/plans/{token}", link, f"/plans/{token}.json", f"/plans/{token}.pdf"):
        response = client.get(url)
        assert response.status_code == 404, url
    assert main_text(client.get(link)) == missing_page


def test_shared_and_printed_plans_never_mention_convictions(client, make_plan, csrf):
    token = make_plan()
    link = share(client, token, csrf)
    words = re.compile(r"convict|offen[cs]e|criminal|prison|probation", re.IGNORECASE)
    for url in (link, f"/plans/{token}/print", f"/plans/{token}.ics", f"/plans/{token}.json"):
        body = client.get(url).get_data(as_text=True)
        assert not words.search(body), url


def test_a_share_form_with_a_made_up_choice_is_refused(client, make_plan, csrf, db):
    token = make_plan()
    for data in ({"label": "Mrs Smith"}, {"label": "mentor", "days": "3650"}):
        response = client.post(f"/plans/{token}/share", data={"csrf_token": csrf, **data})
        assert response.status_code == 400
    assert store.table_counts(db)["share_links"] == 0
