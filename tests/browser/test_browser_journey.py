"""The main journey in a real browser: tick skills, see jobs, choose a job, see the route.

Once with JavaScript on (htmx updates the panels in place and keeps the web address
in step), once with it off (plain forms and links), and once by keyboard alone.
Every state the journey passes through is also checked with axe-core, and nothing
may break the Content-Security-Policy or log an error on the way.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from .browser_harness import journey_target, journey_ticks, reveal_box

pytestmark = pytest.mark.browser

#: Set before an htmx update; a full page load would wipe it.
MARK_DOCUMENT = "() => { window.__sameDocument = true; }"
SAME_DOCUMENT = "() => window.__sameDocument === true"
HTMX_IDLE = "() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')"


def query(page: Page) -> dict[str, list[str]]:
    """The address's query; repeated values sorted, since forms send them in page order."""
    return {k: sorted(v) for k, v in parse_qs(urlsplit(page.url).query).items()}


def path(page: Page) -> str:
    return urlsplit(page.url).path


def checkbox(page: Page, skill_id: str):
    """The box for a skill, its folded group opened first."""
    return reveal_box(page, skill_id)


def status_radio(page: Page, value: str):
    return page.locator(f'form#check-form input[name="status"][value="{value}"]')


def htmx_update(page: Page, action) -> None:
    """Do something that makes htmx fetch a fragment; wait until it is swapped in."""
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true") as info:
        action()
    response = info.value
    assert response.status == 200, f"htmx fetch {response.url} answered {response.status}"
    assert response.request.headers.get("hx-boosted") is None
    page.wait_for_function(HTMX_IDLE)


def axe_clean(tab, state: str, failures: list[str]) -> None:
    failures += [f"{state} ({tab.page.url}): {line}" for line in tab.axe_violations()]


def test_journey_with_javascript(site, open_tab):
    """htmx updates #options in place as boxes are ticked, and the address keeps up."""
    tab = open_tab(js=True)
    page = tab.page
    ticks = journey_ticks(site.skills)
    target = journey_target(site.roles)
    axe_failures: list[str] = []

    tab.goto(site.url("/"))
    expect(page.locator("#options")).to_be_visible()
    page.evaluate(MARK_DOCUMENT)

    htmx_update(page, status_radio(page, "not-working").check)
    for n, skill_id in enumerate(ticks, 1):
        htmx_update(page, lambda skill_id=skill_id: checkbox(page, skill_id).check())
        assert page.evaluate(SAME_DOCUMENT), f"ticking {skill_id} reloaded the whole page"
        assert path(page) == "/"
        assert query(page).get("have") == sorted(ticks[:n]), f"address not pushed: {page.url}"
        assert query(page).get("status") == ["not-working"]
        expect(page.locator("#options")).to_contain_text(f"You ticked {n} thing")
    for section in ("#apply-now", "#one-step", "#best-next-step"):
        expect(page.locator(f"#options {section}")).to_be_visible()
    axe_clean(tab, "start page after htmx updates", axe_failures)

    # Choose a job from the options: its page carries what was ticked.
    job = page.locator(f'#options a[data-role]:not([data-role="{target}"])').first
    job_id = job.get_attribute("data-role")
    with page.expect_navigation():
        job.click()
    assert path(page) == f"/roles/{job_id}"
    expect(page.locator("h1")).to_have_text(site.roles[job_id]["title"])
    assert query(page).get("have") == sorted(ticks)
    axe_clean(tab, "role page", axe_failures)

    # From the job page to the route page, then choose the target there.
    with page.expect_navigation():
        page.locator("main a[data-route]").first.click()
    assert path(page) == "/route"
    assert query(page).get("to") == [job_id]
    page.evaluate(MARK_DOCUMENT)
    htmx_update(page, lambda: page.select_option('form#route-form select[name="to"]', target))
    assert page.evaluate(SAME_DOCUMENT), "choosing a job reloaded the whole route page"
    assert query(page).get("to") == [target], f"address not pushed: {page.url}"
    assert query(page).get("have") == sorted(ticks)
    _assert_route_shown(page, site.roles[target]["title"])
    # The page must not go on naming the job chosen before (WCAG 2.4.2 and 2.4.6).
    expect(page.locator("h1")).to_contain_text(site.roles[target]["title"])
    expect(page).to_have_title(re.compile(re.escape(site.roles[target]["title"])))
    axe_clean(tab, "route page after htmx update", axe_failures)

    tab.assert_clean()
    assert not axe_failures, "axe-core violations:\n" + "\n".join(axe_failures)


def test_ticks_replace_the_address_so_back_leaves_the_page(site, open_tab):
    """Ticking keeps the address in step without a history entry per tick: Back leaves the
    page (to where the person came from), and Forward brings back every tick."""
    tab = open_tab(js=True)
    page = tab.page
    first, second = journey_ticks(site.skills)[:2]
    tab.goto(site.url("/help"))
    with page.expect_navigation():
        page.locator("header a", has_text="Check what you have").first.click()
    htmx_update(page, lambda: checkbox(page, first).check())
    htmx_update(page, lambda: checkbox(page, second).check())
    assert query(page).get("have") == sorted([first, second])

    page.go_back()
    page.wait_for_load_state("load")
    assert path(page) == "/help", f"Back stayed on the page: {page.url}"

    page.go_forward()
    page.wait_for_load_state("load")
    assert query(page).get("have") == sorted([first, second])
    expect(page.locator("#options")).to_contain_text("You ticked 2 things")
    expect(checkbox(page, second)).to_be_checked()
    tab.assert_clean()


def test_journey_without_javascript(site, open_tab):
    """Plain forms and links do the whole journey with JavaScript off."""
    tab = open_tab(js=False)
    page = tab.page
    ticks = journey_ticks(site.skills)
    target = journey_target(site.roles)
    axe_failures: list[str] = []

    tab.goto(site.url("/"))
    status_radio(page, "not-working").check()
    for skill_id in ticks:
        checkbox(page, skill_id).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Show my options").click()
    assert path(page) == "/"
    assert query(page).get("have") == sorted(ticks)
    expect(page.locator("#options")).to_contain_text(f"You ticked {len(ticks)} things")
    for section in ("#apply-now", "#one-step", "#best-next-step"):
        expect(page.locator(f"#options {section}")).to_be_visible()
    axe_clean(tab, "start page with options", axe_failures)

    job = page.locator("#options a[data-role]").first
    job_id = job.get_attribute("data-role")
    with page.expect_navigation():
        job.click()
    expect(page.locator("h1")).to_have_text(site.roles[job_id]["title"])

    with page.expect_navigation():
        page.locator("main a[data-route]").first.click()
    assert path(page) == "/route"
    page.select_option('form#route-form select[name="to"]', target)
    with page.expect_navigation():
        page.get_by_role("button", name="Show my route").click()
    assert query(page).get("to") == [target]
    assert query(page).get("have") == sorted(ticks)
    _assert_route_shown(page, site.roles[target]["title"])
    axe_clean(tab, "route page with routes", axe_failures)

    tab.assert_clean()
    assert not axe_failures, "axe-core violations:\n" + "\n".join(axe_failures)


def test_current_job_counts(site, open_tab, js):
    """Choosing "I work in the NHS" and a job: the options say so, with JS on or off."""
    tab = open_tab(js=js)
    page = tab.page
    role_id = min(site.roles.values(), key=lambda role: str(role.get("band", "")))["id"]
    tab.goto(site.url("/"))
    role_select = page.locator('form#check-form select[name="role"]')
    if js:
        htmx_update(page, status_radio(page, "nhs-role").check)
        htmx_update(page, lambda: role_select.select_option(role_id))
        assert query(page).get("status") == ["nhs-role"]
        assert query(page).get("role") == [role_id]
    else:
        status_radio(page, "nhs-role").check()
        role_select.select_option(role_id)
        with page.expect_navigation():
            page.get_by_role("button", name="Show my options").click()
    expect(page.locator("#options")).to_contain_text(f"you work as {site.roles[role_id]['title']}")
    tab.assert_clean()


def _assert_route_shown(page: Page, target_title: str) -> None:
    routes = page.locator("#routes")
    expect(routes.locator("ol.route").first).to_be_visible()
    expect(routes.locator("svg[role=img]").first).to_be_visible()
    expect(routes).to_contain_text(target_title)
    # Other routes open in full on demand; every drawing in sight has a name.
    for svg in routes.locator("svg[role=img]:visible").all():
        expect(svg).to_have_accessible_name(re.compile(r"\S"))
    assert routes.locator("ol.route > li").count() >= 1
