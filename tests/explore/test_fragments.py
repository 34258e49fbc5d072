"""One URL, two renderings: the whole page, or only the fragment htmx asked for."""

from __future__ import annotations

import pytest

from planner.web.htmx import VARY_HEADERS
from tests.helpers import soup

HX = {"HX-Request": "true"}


def _pages(target: str, ticks: list[str]) -> list[tuple[str, str]]:
    have = "&".join(f"have={t}" for t in ticks)
    return [("/?" + have, "#options"), (f"/route?to={target}&{have}", "#routes")]


def test_htmx_request_gets_only_the_fragment(client, target, some_ticks):
    for url, _ in _pages(target, some_ticks):
        response = client.get(url, headers=HX)
        body = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "<html" not in body
        fragment = soup(response)
        assert fragment.select_one("#apply-now") or fragment.select_one("ol.route")
        # The header and footer come only out of band: their links carry the new answers.
        for place in ("header", "footer"):
            part = fragment.select_one(f"#site-{place}")
            assert part["hx-swap-oob"] == "true" and part.select_one(place)
        assert len(fragment.select("header")) == 1


def test_the_menu_sent_with_a_fragment_carries_the_answers_just_chosen(client, target, some_ticks):
    """Regression: after "Show my options" the menu still carried the answers from before."""
    have = "&".join(f"have={t}" for t in some_ticks)
    fragment = soup(client.get(f"/?{have}", headers=HX))
    route = fragment.select_one("#site-header nav a[href^='/route']")["href"]
    assert all(f"have={t}" in route for t in some_ticks)
    privacy = fragment.select_one("#site-footer a[href^='/privacy']")["href"]
    assert all(f"have={t}" in privacy for t in some_ticks)


@pytest.mark.parametrize(
    "extra",
    [{"HX-Boosted": "true"}, {"HX-History-Restore-Request": "true"}, {}],
    ids=["boosted", "history-restore", "plain"],
)
def test_boosted_history_and_plain_requests_get_the_whole_page(client, target, some_ticks, extra):
    headers = {**HX, **extra} if extra else {}
    for url, target_id in _pages(target, some_ticks):
        page = soup(client.get(url, headers=headers))
        assert page.select_one("html")
        assert page.select_one("header.nhsuk-header")
        assert page.select_one(target_id)


def test_fragment_is_the_same_markup_as_the_page_panel(client, target, some_ticks):
    for url, target_id in _pages(target, some_ticks):
        whole = soup(client.get(url)).select_one(target_id)
        part = soup(client.get(url, headers=HX))
        # Out-of-band extras (the route page's heading and title) are not part of the panel.
        for extra in part.select("title:not(svg title), [hx-swap-oob]"):
            extra.decompose()
        assert whole.decode_contents().split() == part.decode().split()


def test_route_fragment_renames_the_heading_and_title(client):
    part = soup(client.get("/route?to=admin-team-lead", headers=HX))
    assert (
        part.select_one("h1#route-heading[hx-swap-oob=true]").get_text()
        == "Your route to Admin Team Lead"
    )
    assert (
        part.select_one("title:not(svg title)")
        .get_text()
        .startswith("Your route to Admin Team Lead")
    )
    page = soup(client.get("/route?to=admin-team-lead"))
    assert page.select_one("h1#route-heading").get("hx-swap-oob") is None


@pytest.mark.parametrize("headers", [{}, HX, {**HX, "HX-Boosted": "true"}])
def test_pages_and_fragments_vary_on_the_htmx_headers(client, headers):
    response = client.get("/", headers=headers)
    vary = {v.strip().lower() for v in response.headers["Vary"].split(",")}
    assert {h.lower() for h in VARY_HEADERS} <= vary


def test_the_fragments_say_which_target_they_own():
    from planner.config import ROOT

    for name, target_id in (("_options.html", "#options"), ("_routes.html", "#routes")):
        first = (ROOT / "templates" / "explore" / name).read_text().splitlines()[0]
        assert first.startswith("{#") and target_id in first


def test_the_form_asks_for_the_fragment_and_pushes_the_url(client):
    form = soup(client.get("/route")).select_one("form#route-form")
    assert form["hx-get"] == "/route"
    assert form["hx-target"] == "#routes"
    assert form["hx-push-url"] == "true"
    assert form["hx-trigger"] == "change"
