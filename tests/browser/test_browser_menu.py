"""The menu and footer carry the answers as they are now: after an htmx update, and on plans.

With JavaScript the start and route pages update in place and the header sits outside the
part swapped in, so it is swapped out of band too: a menu link followed after ticking a
box carries that tick. A plan's pages carry the answers of the route it was saved from
(or the plan's own), and "Back to my route" leads there. 320 and 1,280 px, JavaScript on
and off, axe-core on each new state.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from .browser_harness import follow_menu, journey_target, journey_ticks, reveal_box
from .plan_pages import save_plan

pytestmark = pytest.mark.browser

HTMX_IDLE = "() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')"


def query(url: str) -> dict[str, list[str]]:
    return {k: sorted(v) for k, v in parse_qs(urlsplit(url).query).items()}


def menu_href(page: Page, text: str) -> str:
    """The address of a menu item, folded into "More" or not."""
    link = page.locator("header nav a").filter(has_text=re.compile(f"^{re.escape(text)}$"))
    return link.first.get_attribute("href")


def tick(page: Page, skill_id: str, js: bool) -> None:
    """Tick a box and show the options: htmx with JavaScript, the form's button without."""
    box = reveal_box(page, skill_id)
    if js:
        with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
            box.check()
        page.wait_for_function(HTMX_IDLE)
    else:
        box.check()
        with page.expect_navigation():
            page.locator("form#check-form button[type=submit]").first.click()


@pytest.mark.parametrize("width", [320, 1280])
def test_after_show_my_options_the_menu_carries_the_new_ticks(site, open_tab, js, width):
    tab = open_tab(js=js, viewport={"width": width, "height": 800})
    page = tab.page
    ticks = journey_ticks(site.skills)
    tab.goto(site.url("/", have=ticks[:1]))
    tick(page, ticks[1], js)
    for text in ("Explore jobs", "Your route", "Help"):
        assert query(menu_href(page, text)).get("have") == sorted(ticks[:2]), text
    footer = page.locator("footer a", has_text="Privacy").get_attribute("href")
    assert query(footer).get("have") == sorted(ticks[:2])
    problems = tab.axe_violations() if js else []
    follow_menu(page, "Your route")  # the NHS.UK menu still folds and opens after the swap
    assert urlsplit(page.url).path == "/route"
    assert query(page.url).get("have") == sorted(ticks[:2])

    # On the route page, choosing a job updates the routes in place: the menu follows.
    target = journey_target(site.roles)
    if js:
        with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
            page.select_option('form#route-form select[name="to"]', target)
        page.wait_for_function(HTMX_IDLE)
        assert query(menu_href(page, "Check what you have")).get("to") == [target]
        problems += tab.axe_violations()
    tab.assert_clean()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [320, 1280])
def test_a_plans_menu_and_back_to_my_route_carry_its_route(site, open_tab, js, width):
    tab = open_tab(js=js, viewport={"width": width, "height": 800})
    page = tab.page
    plan = save_plan(tab, site)
    target = journey_target(site.roles)
    ticks = sorted(journey_ticks(site.skills))
    for url in (page.url, plan.url):  # just saved, and opened again from its own link
        tab.goto(url)
        route = query(menu_href(page, "Your route"))
        assert (route.get("to"), route.get("have")) == ([target], ticks), url
        with page.expect_navigation():
            page.get_by_role("link", name="Back to my route").click()
        assert urlsplit(page.url).path == "/route"
        assert query(page.url).get("to") == [target] and query(page.url).get("have") == ticks
        expect(page.locator("h1")).to_contain_text(site.roles[target]["title"])
    tab.assert_clean()
