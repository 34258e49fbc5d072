"""A person's journey on a 320 px phone and a 1,280 px desktop, JavaScript on and off.

Answers survive every menu link; after "Show my options" the options are in sight;
no explore page scrolls sideways at 320, 1,024 or 1,280 px; while htmx fetches, the
options say they are busy and a loading line shows; the line that follows the options
never hides the box in focus; and the new states (compare, adviser mode, open groups)
pass axe. The distance from the top of the start page to its button is measured.
"""

from __future__ import annotations

import contextlib
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .browser_harness import follow_menu, journey_target, journey_ticks, reveal_box

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
MENU = ["Check what you have", "Explore jobs", "Your route", "Help"]
HTMX_IDLE = "() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')"
#: The start page's button was 5,193 px down at 320 px before the groups were folded.
BUTTON_BEFORE = 5193


@pytest.fixture(params=[PHONE, DESKTOP], ids=["320px", "1280px"])
def screen(request) -> dict[str, int]:
    return request.param


def answers_of(site) -> dict[str, list[str]]:
    """A full set of answers: a current job, ticks, a chosen job and an area of work."""
    lowest = min(site.roles.values(), key=lambda role: str(role["band"]))["id"]
    return {
        "status": ["nhs-role"],
        "role": [lowest],
        "have": sorted(journey_ticks(site.skills)),
        "to": [journey_target(site.roles)],
        "area": [site.area],
    }


def query(page: Page) -> dict[str, list[str]]:
    return {k: sorted(v) for k, v in parse_qs(urlsplit(page.url).query).items()}


def test_answers_survive_every_menu_link(site, open_tab, js, screen):
    tab = open_tab(js=js, viewport=screen)
    page = tab.page
    answers = answers_of(site)
    start = site.url(f"/roles/{answers['to'][0]}", **answers)
    for text in MENU:
        tab.goto(start)
        follow_menu(page, text)
        got = query(page)
        role_name = "from" if urlsplit(page.url).path == "/route" else "role"
        for name, values in answers.items():
            key = role_name if name == "role" else name
            assert got.get(key) == values, f"{text}: {key} lost, address {page.url}"
    tab.assert_clean()


OPTIONS_IN_VIEW = """() => {
  const top = document.querySelector('#options h2').getBoundingClientRect().top;
  return 0 <= top && top < innerHeight * 0.5;
}"""


def _options_in_view(page: Page) -> None:
    top = page.evaluate("() => document.querySelector('#options h2').getBoundingClientRect().top")
    height = page.viewport_size["height"]
    assert 0 <= top < height * 0.5, f"the options start at {top:.0f} px in a {height} px view"


def test_results_are_in_view_after_show_my_options(site, open_tab, js, screen):
    tab = open_tab(js=js, viewport=screen)
    page = tab.page
    tab.goto(site.url("/"))
    for skill_id in journey_ticks(site.skills):
        reveal_box(page, skill_id).check()
        if js:
            page.wait_for_function(HTMX_IDLE)
    page.get_by_role("button", name="Show my options").scroll_into_view_if_needed()
    with page.expect_navigation():
        page.get_by_role("button", name="Show my options").click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).fragment == "options"
    assert query(page)["have"] == sorted(journey_ticks(site.skills))
    _options_in_view(page)
    expect(page.locator("#options")).to_contain_text("You ticked 3 things")
    tab.assert_clean()


def test_with_javascript_the_update_is_announced_and_linked(site, open_tab, screen):
    tab = open_tab(js=True, viewport=screen)
    page = tab.page
    tab.goto(site.url("/"))
    status = page.locator("#options-status")
    expect(status).to_have_attribute("role", "status")
    skill_id = journey_ticks(site.skills)[0]
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        reveal_box(page, skill_id).check()
    page.wait_for_function(HTMX_IDLE)
    expect(status).to_contain_text("You could apply for")
    # The line stays in sight while the person ticks.
    box = status.bounding_box()
    assert box and box["y"] + box["height"] <= screen["height"] + 1, box
    status.get_by_role("link", name="See your options").click()
    # The page may scroll smoothly: wait until it is there (or the limit, then say where).
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(OPTIONS_IN_VIEW)
    _options_in_view(page)
    tab.assert_clean()


def test_while_htmx_fetches_the_options_are_busy(site, open_tab):
    tab = open_tab(js=True, viewport=PHONE)
    page = tab.page
    tab.goto(site.url("/"))
    held = []

    def hold(route):
        held.append(route)

    page.route(
        "**/?*",
        lambda route: hold(route) if route.request.headers.get("hx-request") else route.continue_(),
    )
    reveal_box(page, journey_ticks(site.skills)[0]).check()
    page.wait_for_function(
        "() => document.querySelector('#options').getAttribute('aria-busy') === 'true'"
    )
    expect(page.locator(".app-loading")).to_be_visible()
    while not held:
        page.wait_for_timeout(20)
    held[0].continue_()
    page.wait_for_function(HTMX_IDLE)
    page.wait_for_function("() => !document.querySelector('#options').hasAttribute('aria-busy')")
    expect(page.locator(".app-loading")).to_be_hidden()
    tab.assert_clean()


def test_the_line_that_follows_never_hides_the_box_in_focus(site, open_tab):
    """WCAG 2.4.11: Tab through a whole group on a phone; each box stays clear of the line."""
    tab = open_tab(js=True, viewport=PHONE)
    page = tab.page
    ticks = journey_ticks(site.skills)
    tab.goto(site.url("/", have=ticks))
    group = page.locator("details.app-group").first
    group.locator(":scope > summary").click()
    boxes = group.locator("input[type=checkbox]")
    group.locator(":scope > summary").focus()
    for n in range(boxes.count()):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
              const el = document.activeElement, bar = document.querySelector('#options-bar');
              const label = el.labels && el.labels[0] ? el.labels[0] : el;
              return {name: el.value, bottom: label.getBoundingClientRect().bottom,
                      barTop: bar.getBoundingClientRect().top};
            }"""
        )
        assert focused["bottom"] <= focused["barTop"] + 1, f"box {n} hidden: {focused}"


def test_the_button_is_near_the_top_at_320px(site, open_tab, js, record_property):
    """Folded groups put "Show my options" a short scroll away (it was 5,193 px down)."""
    tab = open_tab(js=js, viewport=PHONE)
    tab.goto(site.url("/"))
    y = tab.page.evaluate(
        "() => document.querySelector('#show-options').getBoundingClientRect().top + scrollY"
    )
    record_property("button_y_320px", round(y))
    print(
        f"\n'Show my options' at y = {y:.0f} px at 320 px (JS {'on' if js else 'off'}); "
        f"before: {BUTTON_BEFORE} px"
    )
    assert y < 2500, f"the button is {y:.0f} px down"


EXPLORE_PAGES = [
    ("start", "/", {}),
    ("start with answers", "/", {"have": "ticks", "area": "area", "to": "target"}),
    ("roles", "/roles", {"have": "ticks"}),
    ("role", "/roles/{target}", {"have": "ticks"}),
    ("compare", "/compare", {"job": "jobs", "have": "ticks"}),
    ("route", "/route", {"to": "target", "have": "ticks"}),
    (
        "route, band 2 to band 7",
        "/route",
        {"from": "apprentice-administration-assistant", "to": "departmental-admin-manager"},
    ),
    ("route, out of work", "/route", {"to": "facilities-team-leader", "status": "not-working"}),
    ("start, optional answers", "/", {"role": "porter", "time_in_job": "1-to-2-years"}),
    ("start, adviser mode", "/", {"have": "ticks", "adviser": "1"}),
    ("roles, adviser mode", "/roles", {"adviser": "1"}),
    ("compare, adviser mode", "/compare", {"job": "jobs", "adviser": "1"}),
]


def _explore_url(site, path: str, spec: dict[str, str]) -> str:
    values = {
        "ticks": journey_ticks(site.skills),
        "area": site.area,
        "target": journey_target(site.roles),
        "jobs": site.some_jobs(3),
    }
    query = {k: values.get(v, v) for k, v in spec.items()}
    return site.url(path.format(target=values["target"]), **query)


def _open_every_group(page: Page) -> None:
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")


@pytest.mark.parametrize("width", [320, 1024, 1280])
def test_no_explore_page_scrolls_sideways(site, open_tab, js, width):
    tab = open_tab(js=js, viewport={"width": width, "height": 800})
    failures = []
    for label, path, spec in EXPLORE_PAGES:
        tab.goto(_explore_url(site, path, spec))
        if js:
            _open_every_group(tab.page)
        sizes = tab.page.evaluate(
            "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
        )
        if sizes[0] > sizes[1]:
            failures.append(f"{label}: scrollWidth {sizes[0]} > clientWidth {sizes[1]}")
    assert not failures, f"at {width} px:\n" + "\n".join(failures)


def test_new_states_pass_axe(site, open_tab, js, screen):
    """Compare, adviser mode, an area chosen, and the start page with every group open."""
    tab = open_tab(js=js, viewport=screen)
    failures = []
    for label, path, spec in EXPLORE_PAGES:
        tab.goto(_explore_url(site, path, spec))
        failures += [f"{label}: {line}" for line in tab.axe_violations()]
    if js:
        tab.goto(_explore_url(site, "/", {"have": "ticks", "adviser": "1"}))
        _open_every_group(tab.page)
        failures += [f"start, groups open: {line}" for line in tab.axe_violations()]
    assert not failures, "axe-core violations:\n" + "\n".join(failures)
    tab.assert_clean()


def test_next_person_clears_the_answers(site, open_tab, js):
    tab = open_tab(js=js, viewport=PHONE)
    page = tab.page
    answers = {**answers_of(site), "adviser": ["1"]}
    tab.goto(site.url("/roles", **answers))
    expect(page.locator("html")).to_have_class("app-adviser")
    visit = query(page)["adviser"][0]
    with page.expect_navigation():
        page.get_by_role("link", name="Next person").click()
    expect(page.locator("main h1")).to_have_text("Close this window now")
    with page.expect_navigation():
        page.get_by_role("button", name="Start with the next person").click()
    assert urlsplit(page.url).path == "/"
    assert list(query(page)) == ["adviser"] and query(page)["adviser"] != [visit]
    expect(page.locator("#options")).to_contain_text("You have not ticked anything yet")
    tab.assert_clean()


def test_compare_from_the_explore_page(site, open_tab, js, screen):
    tab = open_tab(js=js, viewport=screen)
    page = tab.page
    ticks = journey_ticks(site.skills)
    tab.goto(site.url("/roles", have=ticks))
    jobs = site.some_jobs(2)
    for job in jobs:
        page.locator(f"#compare-{job}").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Compare the jobs you ticked").first.click()
    assert urlsplit(page.url).path == "/compare"
    assert query(page)["job"] == sorted(jobs)
    assert query(page)["have"] == sorted(ticks)
    for job in jobs:
        expect(page.locator("table.app-compare")).to_contain_text(site.roles[job]["title"])
    tab.assert_clean()
