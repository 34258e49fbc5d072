"""The spent-date checker in a real browser, at 320 and 1,280 px, JavaScript on and off.

One journey: arrive from the route page with answers in the address (one of
them unknown), fill in a conviction, add another, press Check with the second
one half done (the error state), finish it, press Check (the answers), and
remove one. At every state: axe-core WCAG 2.2 AA, no sideways scroll, the
page lands where the person needs it, and nothing breaks the CSP or logs an
error. With JavaScript off, axe runs in a twin page driven through the same
steps with every page script blocked (see ``Tab.axe_violations``), because the
answer page shows a form's answer only once.

With JavaScript, htmx sends each step and swaps the answer in (the address never
changes); without it, each step is a POST that redirects to the answer page. Either
way, Back from the answer (and back to it) never shows a browser error page.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.browser_harness import axe_violations

pytestmark = pytest.mark.browser

CHECK = "main form button.nhsuk-button:not([name])"
START = "/check-spent?to=admin-team-lead&role=porter&have=literacy-skills&have=no-such-skill"


def fill_first(page: Page) -> None:
    page.select_option("#c1-outcome", "fine")
    page.fill("#c1-date-day", "1")
    page.fill("#c1-date-month", "6")
    page.fill("#c1-date-year", "2020")
    page.check("#c1-under18-no")


def add_another(page: Page) -> None:
    page.click("button[name=add]")


def half_fill_second(page: Page) -> None:
    page.select_option("#c2-outcome", "community_order")
    page.click(CHECK)


def finish_second(page: Page) -> None:
    page.fill("#c2-date-day", "1")
    page.fill("#c2-date-month", "1")
    page.fill("#c2-date-year", "2025")
    page.check("#c2-under18-no")
    page.fill("#c2-end-day", "1")
    page.fill("#c2-end-month", "1")
    page.fill("#c2-end-year", "2027")
    page.click(CHECK)


def remove_second(page: Page) -> None:
    page.click("button[name=remove][value='2']")


#: (name of the state reached, how to reach it from the one before)
JOURNEY: list[tuple[str, Callable[[Page], None]]] = [
    ("form filled in", fill_first),
    ("after add another", add_another),
    ("error in entry 2", half_fill_second),
    ("answers", finish_second),
    ("after remove", remove_second),
]


def run_step(page: Page, step: Callable[[Page], None], htmx: bool, sends: bool) -> None:
    """Take a step and wait for it to finish: a new page without JavaScript; with it, htmx's
    answer to the POST and its swap (the address never changes, so there is no load to wait for)."""
    if not (htmx and sends):
        step(page)
        page.wait_for_load_state("load")
        return
    with page.expect_response(lambda r: r.request.method == "POST"):
        step(page)
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')"
    )


def in_view(page: Page, selector: str) -> bool:
    """The element's top is inside the window (the page landed on it)."""
    return page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                      return r.top > -2 && r.top < window.innerHeight; }""",
        selector,
    )


def scrolls_sideways(page: Page) -> bool:
    return page.evaluate(
        "() => document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth"
    )


def check_state(page: Page, state: str) -> list[str]:
    """What the person should see at each state."""
    problems = []
    if state == "arrived":
        if not page.locator(".app-spent-left-out").is_visible():
            problems.append("the unknown skill is not said to be left out")
        if page.locator("select[name=to]").input_value() != "admin-team-lead":
            problems.append("the job from the address is not chosen")
    elif state == "after add another":
        if page.locator("#entry-2").count() != 1 or not in_view(page, "#entry-2"):
            problems.append(f"did not land on the new entry: {page.url}")
        if page.locator("#c1-date-year").input_value() != "2020":
            problems.append("entry 1 lost its values")
    elif state == "error in entry 2":
        if not in_view(page, ".nhsuk-error-summary"):
            problems.append("the error summary is not in view")
        if page.locator(".nhsuk-error-summary a[href='#c2-date-day']").count() != 1:
            problems.append("no error link to entry 2's date")
        if not page.locator("#c2-date-day").is_visible():
            problems.append("entry 2 (with the error) is not open")
    elif state == "answers":
        if not in_view(page, "#answers"):
            problems.append("the answers are not in view after Check")
        sentences = page.locator(".app-spent-role").all_inner_texts()
        if not any("By the time you could apply for Admin Team Lead" in s for s in sentences):
            problems.append(f"no verdict on their own route: {sentences}")
        if page.locator("input[name=have][value=literacy-skills]").count() != 1:
            problems.append("the answers did not ride along")
    elif state == "after remove" and page.locator("input[name=entries]").input_value() != "1":
        problems.append("entry 2 was not removed")
    if scrolls_sideways(page):
        problems.append("the page scrolls sideways")
    return [f"{state}: {p}" for p in problems]


@pytest.mark.parametrize("width", [320, 1280])
def test_the_spent_journey(site, open_tab, js, width):
    viewport = {"width": width, "height": 800}
    tab = open_tab(js=js, viewport=viewport)
    # With JavaScript off axe needs the twin page (scripts blocked), driven the same way.
    twin = None if js else tab.open_scan_page()
    pages = [tab.page] if twin is None else [tab.page, twin]
    problems: list[str] = []

    tab.goto(site.url(START))
    if twin is not None:
        twin.goto(site.url(START), wait_until="load")
    states = [("arrived", None), *JOURNEY]
    # The error state answers 400 on purpose: not a failed request. With htmx the POST
    # answers; without it, the answer page it redirects to does.
    answer_page = site.url(
        "/check-spent/answer",
        status="nhs-role",
        role="porter",
        have="literacy-skills",
        to="admin-team-lead",
    )
    for state, step in states:
        for url in (site.url("/check-spent"), answer_page, f"{answer_page}#answers"):
            if state == "error in entry 2":
                tab.expected_status[url] = 400
            else:
                tab.expected_status.pop(url, None)
        if step is not None:
            for page in pages:
                run_step(page, step, htmx=js and page is tab.page, sends=state != "form filled in")
        problems += check_state(tab.page, state)
        scanned = tab.page if twin is None else twin
        if twin is not None:
            ran = twin.evaluate("document.body.classList.contains('js-enabled')")
            assert not ran, "page scripts ran in the no-script twin"
        problems += [f"{state}: axe: {line}" for line in axe_violations(scanned)]
        expect(tab.page.locator("h1")).to_have_text("Check when a conviction becomes spent")
    problems += tab.take_problems()
    assert not problems, "\n".join(problems)


def test_enter_in_a_box_checks_and_never_removes(site, open_tab):
    """Enter submits with the form's first button: it must be Check, even with two entries."""
    tab = open_tab(js=False)
    page = tab.page
    tab.goto(site.url("/check-spent"))
    fill_first(page)
    add_another(page)
    page.wait_for_load_state("load")
    page.focus("#c2-date-day")  # entry 1 is folded away now; entry 2 is open and empty
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("#answers")
    assert page.locator(".nhsuk-error-summary").count() == 0
    assert page.locator("#answers").count() == 1
    # The empty entry 2 was left out, not removed by mistake from entry 1.
    assert page.locator("input[name=entries]").input_value() == "1"
    assert page.locator("#c1-date-year").input_value() == "2020"
    tab.assert_clean()
