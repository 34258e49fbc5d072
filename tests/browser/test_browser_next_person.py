"""'Next person' on an adviser's shared computer, in Chromium, JavaScript on and off.

An adviser saves a plan with someone in larger print, opens a step, then presses "Next
person". The page says to close the window before anything else. Back, again and again,
and every address of the last person's visit from the history, show only "This page is
closed": never the plan, its steps or its link, and nothing that can change it. The
next person starts with nothing ticked. axe-core checks each new page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .plan_pages import mode_query, save_plan

pytestmark = pytest.mark.browser


def _shows_nothing_of(page, token: str, goal: str) -> list[str]:
    """What of the last person's plan this page shows, if anything."""
    found = []
    html = page.content()
    if token in html:
        found.append("the plan's link")
    text = page.locator("main").inner_text()
    for words in ("Your NHS career plan", goal, "What to do and when", "Save and go back"):
        if words in text:
            found.append(repr(words))
    if page.locator("main form[method=post]").count():
        found.append("a form that changes something")
    return found


@pytest.mark.parametrize("width", [320, 1280])
def test_back_after_next_person_shows_nothing_of_the_last_person(site, open_tab, js, width):
    tab = open_tab(js=js, viewport={"width": width, "height": 800})
    page = tab.page
    plan = save_plan(tab, site, adviser=True)
    plan_url, token = plan.url, plan.token
    goal = page.locator(".nhsuk-lede-text").inner_text().removeprefix("Goal: ")
    visited = [plan.route_url, page.url]
    with page.expect_navigation():
        page.locator(".app-next a").first.click()
    visited.append(page.url)
    expect(page.locator("h1")).not_to_have_text("Your NHS career plan")
    visited.append(f"{plan_url}/print{mode_query(page)}")
    tab.goto(visited[-1])
    problems = []

    # "Next person": the first thing the page says is to close the window.
    with page.expect_navigation():
        page.get_by_role("link", name="Next person").click()
    expect(page.locator("main h1")).to_have_text("Close this window now")
    first = page.locator("main p").first.inner_text()
    assert "closed" in first, first
    assert "close this window" in page.locator("main").inner_text().lower()
    problems += tab.axe_violations()
    problems += [f"next person page: {f}" for f in _shows_nothing_of(page, token, goal)]
    next_person_url = page.url

    # Back, as far as the history goes: each page of the last person is closed.
    for step in range(6):
        for visit in visited:
            tab.expected_status[visit] = 403
        response = page.go_back(wait_until="load")
        if response is None or not page.url.startswith(site.base_url):
            break
        where = f"Back x{step + 1} ({page.url})"
        if "/next-person" in page.url:
            continue
        expect(page.locator("main h1")).to_have_text("This page is closed")
        problems += [f"{where}: {f}" for f in _shows_nothing_of(page, token, goal)]
        if step == 0:
            problems += tab.axe_violations()

    # Every address of that visit, as the history list would open it, is closed too.
    for visit in visited:
        tab.goto(visit, 403)
        expect(page.locator("main h1")).to_have_text("This page is closed")
        problems += [f"{visit}: {f}" for f in _shows_nothing_of(page, token, goal)]

    # The next person starts with nothing ticked, still in larger print, and can go on.
    tab.goto(next_person_url)
    expect(page.locator("main h1")).to_have_text("Close this window now")
    with page.expect_navigation():
        page.get_by_role("button", name="Start with the next person").click()
    expect(page.locator("html")).to_have_class("app-adviser")
    assert page.locator("form#check-form input[name=have]:checked").count() == 0
    tab.goto(site.url("/route", to=site.some_jobs(1)[0]) + "&" + mode_query(page)[1:])
    expect(page.locator("html")).to_have_class("app-adviser")
    tab.assert_clean()
    assert not problems, "\n".join(problems)
