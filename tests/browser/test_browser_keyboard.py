"""The journey by keyboard alone: Tab to move, Space to tick, Enter to follow and send.

No mouse clicks and no Playwright ``check``/``click``/``select_option``: only key
presses, reading ``document.activeElement`` to know where focus is.
"""

from __future__ import annotations

from contextlib import nullcontext
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from .browser_harness import journey_target, journey_ticks

pytestmark = pytest.mark.browser

HTMX_IDLE = "() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')"
#: Far more Tab presses than any page here needs; more means focus is lost or trapped.
MAX_TABS = 400


def is_htmx(response) -> bool:
    return response.request.headers.get("hx-request") == "true"


def focused_matches(page: Page, selector: str) -> bool:
    return page.evaluate(
        "(sel) => !!document.activeElement && document.activeElement.matches(sel)", selector
    )


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until the focused element matches ``selector``."""
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            return
        seen.append(page.evaluate("() => document.activeElement?.outerHTML.slice(0, 80)"))
    raise AssertionError(
        f"Tab never reached {selector} on {page.url}; focus went through:\n" + "\n".join(seen[:40])
    )


def settle(page: Page, js: bool) -> None:
    page.wait_for_load_state("load")
    if js:
        page.wait_for_function(HTMX_IDLE)


def query(page: Page) -> dict[str, list[str]]:
    """The address's query; repeated values sorted, since forms send them in page order."""
    return {k: sorted(v) for k, v in parse_qs(urlsplit(page.url).query).items()}


def test_keyboard_only_journey(site, open_tab, js):
    """Tick, see jobs, open one, go to the route, choose the target: all by keyboard."""
    tab = open_tab(js=js)
    page = tab.page
    ticks = journey_ticks(site.skills)
    target = journey_target(site.roles)
    target_title = site.roles[target]["title"]
    tab.goto(site.url("/"))

    # Where are you now: Tab into the radios, Space chooses the focused one.
    tab_to(page, 'form#check-form input[name="status"]')
    page.keyboard.press("Space")
    settle(page, js)
    expect(page.locator('form#check-form input[name="status"]:checked')).to_have_count(1)

    # What you have: open the box's folded group (Tab to its heading, Enter), then Tab to the
    # box and press Space.
    for skill_id in ticks:
        group = f'form#check-form details.app-group:has(input[value="{skill_id}"])'
        if not page.locator(group).evaluate("(el) => el.open"):
            tab_to(page, f"{group} > summary")
            page.keyboard.press("Enter")
            expect(page.locator(group)).to_have_attribute("open", "")
        tab_to(page, f'form#check-form input[name="have"][value="{skill_id}"]')
        fetch = page.expect_response(is_htmx) if js else nullcontext()
        with fetch:
            page.keyboard.press("Space")
        settle(page, js)
        expect(page.locator(f'input[name="have"][value="{skill_id}"]')).to_be_checked()
    if js:
        assert query(page).get("have") == sorted(ticks), "htmx did not keep the address in step"
    else:
        tab_to(page, "form#check-form button")
        expect(page.locator(":focus")).to_have_text("Show my options")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    expect(page.locator("#options")).to_contain_text(f"You ticked {len(ticks)} things")

    # A job in the options: Tab to its link, Enter opens its page.
    tab_to(page, "#options a[data-role]")
    job_id = page.evaluate("() => document.activeElement.dataset.role")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(site.roles[job_id]["title"])

    # "See your route to this job", then choose the target in the select by typing.
    tab_to(page, "main a[data-route]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    settle(page, js)
    tab_to(page, 'form#route-form select[name="to"]')
    page.keyboard.type(target_title, delay=20)
    settle(page, js)
    expect(page.locator('form#route-form select[name="to"]')).to_have_value(target)
    tab_to(page, "form#route-form button")
    expect(page.locator(":focus")).to_have_text("Show my route")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    settle(page, js)
    assert query(page).get("to") == [target]
    assert query(page).get("have") == sorted(ticks)
    expect(page.locator("#routes ol.route").first).to_be_visible()
    expect(page.locator("#routes")).to_contain_text(target_title)
    tab.assert_clean()
