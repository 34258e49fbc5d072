"""'Next person' closes the last person's visit: its pages show nothing of them afterwards.

The browser test (tests/browser/test_browser_next_person.py) presses Back in Chromium;
these pin the rules behind it, page by page.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.helpers import soup

FIRST = "Visit-01"


def _visit_of(location: str) -> str:
    return parse_qs(urlsplit(location).query)["adviser"][0]


def _next_person(client, visit: str) -> str:
    """Press "Next person"; returns the new visit's key (from "Start with the next person")."""
    response = client.get(f"/next-person?adviser={visit}")
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("main h1").text == "Close this window now"
    return _visit_of(page.select_one("[data-start-again]")["href"])


def test_after_next_person_every_page_of_the_last_visit_is_closed(client, make_plan):
    token = make_plan(adviser=FIRST)
    pages = [
        f"/plans/{token}?adviser={FIRST}",
        f"/plans/{token}/items/1?adviser={FIRST}",
        f"/plans/{token}/print?adviser={FIRST}",
        f"/route?to=admin-team-lead&have=teamwork&adviser={FIRST}",
        f"/?have=teamwork&adviser={FIRST}",
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    second = _next_person(client, FIRST)
    assert second != FIRST
    for url in pages:
        response = client.get(url)
        assert response.status_code == 403, url
        assert response.headers["Cache-Control"] == "no-store"
        page = soup(response)
        assert page.select_one("main h1").text == "This page is closed"
        body = response.get_data(as_text=True)
        assert token not in body and "teamwork" not in body, url
        assert not page.select("main form")
    # The next person's pages open, in larger print, under the new key.
    opened = client.get(f"/?adviser={second}")
    assert opened.status_code == 200
    assert soup(opened).select_one("html.app-adviser")


def test_a_form_left_open_from_the_last_visit_saves_nothing(client, make_plan, csrf, db):
    token = make_plan(adviser=FIRST)
    _next_person(client, FIRST)
    response = client.post(
        f"/plans/{token}/items/1?adviser={FIRST}",
        data={"csrf_token": csrf, "version": "1", "title": "Changed", "status": "done"},
    )
    # Refused: "Next person" also ended the form's session (its CSRF token no longer holds).
    assert response.status_code in (400, 403)
    assert "Changed" not in client.get(f"/plans/{token}").get_data(as_text=True)


def test_htmx_asking_for_a_closed_page_loads_the_whole_page_again(client):
    client.get(f"/?adviser={FIRST}")
    _next_person(client, FIRST)
    response = client.get(f"/?have=teamwork&adviser={FIRST}", headers={"HX-Request": "true"})
    assert response.headers["HX-Refresh"] == "true"
    assert b"teamwork" not in response.data


def test_next_person_opened_again_from_history_starts_no_newer_visit(client):
    client.get(f"/?adviser={FIRST}")
    second = _next_person(client, FIRST)
    assert _next_person(client, FIRST) == second  # the old "Next person" page, again
    assert client.get(f"/?adviser={second}").status_code == 200


def test_every_page_in_larger_print_is_never_stored(client):
    for url in (f"/?adviser={FIRST}", f"/roles?adviser={FIRST}", "/next-person"):
        assert client.get(url).headers["Cache-Control"] == "no-store", url
    assert "no-store" not in client.get("/roles").headers.get("Cache-Control", "")


def test_a_key_the_browser_has_not_seen_becomes_its_visit(app):
    """Another browser (the person's phone) opening a page with a key just goes on with it."""
    other = app.test_client()
    assert other.get(f"/roles?adviser={FIRST}").status_code == 200
    assert other.get("/roles?adviser=Visit-02").status_code == 403


def test_larger_print_from_a_typed_address_gets_this_visits_key(client):
    client.get(f"/?adviser={FIRST}")
    response = client.get("/roles?adviser=1")
    assert response.status_code == 303
    assert _visit_of(response.headers["Location"]) == FIRST
