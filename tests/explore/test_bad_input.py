"""Bad input never gives a stack trace: a friendly NHS page, the right 4xx, a way to go on."""

from __future__ import annotations

import pytest

from planner.explore.answers import MAX_HAVE
from tests.helpers import soup

BAD = [
    ("/roles/no-such-role", 404),
    ("/roles/admin-team-leed", 404),
    ("/roles/" + "x" * 300, 404),
    ("/roles/%ff%fe", 404),
    ("/?have=no-such-skill", 400),
    ("/?have=teamwork&have=no-such-skill", 400),
    ("/?have=%ff%fe", 400),
    ("/?have=" + "a" * 5000, 400),
    ("/?status=retired", 400),
    ("/?status=%ff", 400),
    ("/?role=no-such-role", 404),
    ("/route?to=no-such-role", 404),
    ("/route?to=%00", 404),
    ("/route?to=" + "b" * 1000, 400),
    ("/route?from=nope&to=nope", 404),
    ("/route?to={target}&have=nope", 400),
    ("/roles?have=nope", 400),
    ("/roles/{target}?have=%ff", 400),
    ("/no-such-page", 404),
    ("/help/no-such-word", 404),
    ("/%ff%fe%00", 404),
    ("/?have=" + "%ff" * 50 + "&to=" + "%fe" * 50, 400),
]

#: Odd but harmless addresses: the page just works.
HARMLESS = ["/?%ff%fe=%ff%fe", "/?have=&have=&status=", "/?have=+teamwork+", "/roles?unknown=1"]


def _check_friendly(response, status):
    assert response.status_code == status
    body = response.get_data(as_text=True)
    assert "Traceback" not in body
    page = soup(response)
    assert page.select_one("header.nhsuk-header"), "not an NHS-styled page"
    assert page.select_one("main h1").text.strip()
    assert page.select_one("main a[href='/']"), "no link back to the start"
    return page


@pytest.mark.parametrize(("url", "status"), BAD)
def test_bad_addresses_get_a_friendly_page(client, target, url, status):
    _check_friendly(client.get(url.format(target=target)), status)


@pytest.mark.parametrize("url", HARMLESS)
def test_harmless_oddities_just_work(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert soup(response).select_one("main h1")


def test_two_thousand_ticked_boxes(client, some_ticks):
    query = [("have", some_ticks[0])] * 2000
    for url in ("/", "/route", "/roles"):
        page = _check_friendly(client.get(url, query_string=query), 400)
        assert "Too many boxes" in page.select_one("main h1").text
    just_enough = [("have", some_ticks[0])] * MAX_HAVE
    assert client.get("/", query_string=just_enough).status_code == 200


def test_unknown_skill_page_names_it_and_suggests_near_ones(client, some_ticks):
    typo = some_ticks[0][:-1] + "x"
    page = _check_friendly(client.get("/", query_string={"have": typo}), 400)
    main = page.select_one("main").text
    assert typo in main
    hrefs = [a["href"] for a in page.select("main ul a")]
    assert any(f"have={some_ticks[0]}" in h for h in hrefs), hrefs


def test_unknown_role_page_suggests_near_ones(client, target):
    typo = target[:-1] + "x"
    page = _check_friendly(client.get(f"/roles/{typo}"), 404)
    assert any(a["href"] == f"/roles/{target}" for a in page.select("main ul a"))
    route = _check_friendly(client.get("/route", query_string={"to": typo}), 404)
    assert any(f"to={target}" in a["href"] for a in route.select("main ul a"))


def test_a_form_post_gets_a_friendly_405(client):
    response = client.post("/", data={"have": "x"})
    _check_friendly(response, 405)
    assert "GET" in response.headers["Allow"]


def test_the_api_keeps_answering_in_json(client):
    for url in ("/api/roles/no-such-role", "/api/no-such-thing"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.is_json
        assert "error" in response.get_json()


def test_an_unexpected_error_gets_a_calm_500_page(app, client, monkeypatch):
    import planner.explore.views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(planner.explore.views, "options_context", broken)
    monkeypatch.setattr(app.logger, "disabled", True)  # the logger is shared by every app
    response = client.get("/")
    page = _check_friendly(response, 500)
    assert "boom" not in response.get_data(as_text=True)
    assert page.select_one("main h1").text.strip()
