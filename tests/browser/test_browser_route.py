"""The route page on a 320 px phone and a 1,280 px desktop, JavaScript on and off.

Steps open and close; the drawing has a text alternative; axe finds no WCAG 2.2 AA
problem with steps closed or open; the optional questions on the start page change the
route. The height of the band 2 to band 7 route page at 320 px with steps closed is
measured and reported (it was 10,842 px). No sideways scroll at 320, 1,024 and 1,280 px,
steps closed and open, is checked with the other explore pages in test_browser_phone.py.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
#: Band 2 to band 7: the longest admin route.
LONG_ROUTE = {"from": "apprentice-administration-assistant", "to": "departmental-admin-manager"}
#: Measured on the page before this change, at 320 px with JavaScript on.
HEIGHT_BEFORE = 10842
HEIGHT_AIM = 9000
ROUTES = [
    ("band 2 to band 7", "/route", LONG_ROUTE),
    (
        "out of work to team leader",
        "/route",
        {"to": "facilities-team-leader", "status": "not-working"},
    ),
    ("ticks to admin team lead", "/route", {"to": "admin-team-lead", "have": ["teamwork"]}),
]


@pytest.fixture(params=[PHONE, DESKTOP], ids=["320px", "1280px"])
def screen(request) -> dict[str, int]:
    return request.param


def _open_every_step(page: Page) -> None:
    page.evaluate(
        "() => document.querySelectorAll('#routes details').forEach((d) => { d.open = true; })"
    )


def test_steps_open_and_close(site, open_tab, js, screen):
    tab = open_tab(js=js, viewport=screen)
    page = tab.page
    tab.goto(site.url("/route", **LONG_ROUTE))
    step = page.locator("#route-1-steps > li").nth(1)
    details = step.locator("details.app-step__details")
    detail = details.locator(":scope > .nhsuk-details__text")
    expect(detail).to_be_hidden()
    line = details.locator(":scope > summary")
    line.click()
    expect(detail).to_be_visible()
    expect(detail).to_contain_text("How long")
    line.click()
    expect(detail).to_be_hidden()
    # By keyboard too: Enter on the focused line opens it.
    line.focus()
    page.keyboard.press("Enter")
    expect(detail).to_be_visible()
    tab.assert_clean()


def test_the_drawing_has_a_text_alternative(site, open_tab, js, screen):
    tab = open_tab(js=js, viewport=screen)
    page = tab.page
    tab.goto(site.url("/route", **LONG_ROUTE))
    drawing = page.locator("#route-1 svg.app-route-map")
    expect(drawing).to_be_visible()
    expect(drawing).to_have_accessible_name(
        "Route 1 over time: from now to Departmental Admin Manager, band 7, in "
        + page.locator("#route-1 .app-route-summary__total").inner_text().lower()
        + "."
    )
    expect(drawing).to_have_accessible_description(
        re.compile(r"^Now: Apprentice Administration Assistant, band 2\..*band 7\.")
    )
    box = drawing.bounding_box()
    assert box and box["width"] <= screen["width"]
    tab.assert_clean()


def test_route_pages_pass_axe(site, open_tab, js, screen):
    tab = open_tab(js=js, viewport=screen)
    failures = []
    for label, path, query in ROUTES:
        tab.goto(site.url(path, **query))
        failures += [f"{label}: {line}" for line in tab.axe_violations()]
        if js:
            _open_every_step(tab.page)
            failures += [f"{label}, steps open: {line}" for line in tab.axe_violations()]
    assert not failures, "axe-core violations:\n" + "\n".join(failures)
    tab.assert_clean()


def test_the_long_route_fits_a_phone(site, open_tab, js, record_property):
    """The band 2 to band 7 route page at 320 px with every step closed."""
    tab = open_tab(js=js, viewport=PHONE)
    tab.goto(site.url("/route", **LONG_ROUTE))
    height = tab.page.evaluate("() => document.scrollingElement.scrollHeight")
    routes = tab.page.locator("section.app-route").count()
    steps = tab.page.locator("ol.route > li").count()
    record_property("route_height_320px", height)
    print(
        f"\nBand 2 to band 7 route page at 320 px, JS {'on' if js else 'off'}: {height} px "
        f"({routes} routes, {steps} steps, all closed); before: {HEIGHT_BEFORE} px"
    )
    assert height < HEIGHT_AIM, f"{height} px tall with {routes} routes and {steps} steps"


def test_time_in_the_job_changes_the_route(site, open_tab, js, screen):
    """Answer "How long have you been in your job?" on the start page; the route is shorter."""
    tab = open_tab(js=js, viewport=screen)
    page = tab.page
    query = {"role": "admin-team-lead", "to": "admin-manager"}
    tab.goto(site.url("/route", **{"from": "admin-team-lead", "to": "admin-manager"}))
    before = page.locator("#route-1-heading").inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name="Say how long you have been in it").click()
    about = page.locator("details#about-you")
    expect(
        about.get_by_role("group", name="How long have you been in the job you do now?")
    ).to_be_visible()
    about.get_by_label("More than 2 years").first.check()
    if js:
        page.wait_for_function(
            "() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')"
        )
        page.wait_for_function("() => location.search.includes('time_in_job=over-2-years')")
    page.get_by_role("button", name="Show my options").click()
    page.wait_for_load_state("load")
    with page.expect_navigation():
        page.locator("#options .app-back-to-route a").click()
    assert "time_in_job=over-2-years" in page.url
    for name, value in query.items():
        key = "from" if name == "role" else name
        assert f"{key}={value}" in page.url
    after = page.locator("#route-1-heading").inner_text()
    assert after != before, f"still {after}"
    expect(page.get_by_role("link", name="Say how long you have been in it")).to_have_count(0)
    tab.assert_clean()
