"""Every page, with JavaScript on and off: WCAG 2.2 AA, CSP, console, and a 320 px screen.

Each test checks every page (error pages included) and reports all the failures it
found at once, page by page, so one run shows the whole picture. Each page is loaded
once per state it is checked in: once per JavaScript setting at the default size, where
axe-core, the CSP and console watch, the headings and the way back are all read from
the same load, and once more at 320 px for the sideways scroll.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from .fixtures import tab_opener

#: One load per page per state means a pass over every page is one fixture: room for a busy
#: machine before pytest-timeout calls it hung.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(1800)]

#: The narrowest phone screen WCAG 1.4.10 (Reflow) asks us to support.
NARROW = {"width": 320, "height": 640}


def _report(failures: dict[str, list[str]]) -> str:
    return "\n\n".join(
        f"{label}:\n" + "\n".join(f"  - {line}" for line in lines)
        for label, lines in failures.items()
    )


@dataclass(frozen=True)
class Visit:
    """What one load of a page showed."""

    label: str
    url: str
    status: int
    #: CSP violations, console and script errors, failed requests, while it loaded.
    problems: list[str]
    #: axe-core's WCAG 2.2 AA violations.
    violations: list[str]
    #: The text of each h1, spaces squeezed.
    headings: list[str]
    #: Links back to the start page in <main>.
    links_home: int

    @property
    def where(self) -> str:
        return f"{self.label} ({self.url})"


def _visit_every_page(site, browser, js: bool) -> list[Visit]:
    visits = []
    with tab_opener(browser) as open_tab:
        tab = open_tab(js=js)
        for label, url, status in site.pages():
            tab.goto(url, status)
            # Violations and errors are logged while the page loads; this catches stragglers.
            tab.page.wait_for_timeout(100)
            problems = []
            if tab.js:
                in_page = tab.page.evaluate("window.__cspViolations.length")
                if in_page and not tab.csp_violations:
                    problems.append("CSP recorder and binding disagree")
            problems += tab.take_problems()
            headings = [" ".join(h.split()) for h in tab.page.locator("h1").all_inner_texts()]
            links_home = tab.page.locator('main a[href="/"]').count()
            violations = tab.axe_violations()
            problems += tab.take_problems()  # anything that came in later
            visits.append(Visit(label, url, status, problems, violations, headings, links_home))
    return visits


@pytest.fixture(scope="module")
def js_on_visits(site, browser) -> list[Visit]:
    return _visit_every_page(site, browser, js=True)


@pytest.fixture(scope="module")
def js_off_visits(site, browser) -> list[Visit]:
    return _visit_every_page(site, browser, js=False)


@pytest.fixture(params=[True, False], ids=["js-on", "js-off"])
def visits(request) -> list[Visit]:
    """Every page, loaded once with JavaScript on, then once with it off."""
    return request.getfixturevalue("js_on_visits" if request.param else "js_off_visits")


def test_every_page_has_no_axe_violations(visits):
    """axe-core, WCAG 2.2 AA tags, strict: any violation on any page fails."""
    failures = {visit.where: visit.violations for visit in visits if visit.violations}
    assert not failures, f"axe-core found WCAG 2.2 AA violations:\n\n{_report(failures)}"


def test_every_page_keeps_to_the_csp_and_logs_no_errors(visits):
    """No Content-Security-Policy violation, console error, script error or failed request."""
    failures = {visit.where: visit.problems for visit in visits if visit.problems}
    assert not failures, f"Pages broke the CSP or logged errors:\n\n{_report(failures)}"


def test_no_page_scrolls_sideways_at_320px(site, open_tab, js):
    """WCAG 1.4.10 Reflow: at 320 CSS pixels wide nothing makes the page scroll sideways."""
    tab = open_tab(js=js, viewport=NARROW)
    failures = {}
    for label, url, status in site.pages():
        tab.goto(url, status)
        widths = tab.page.evaluate(
            """() => {
              const root = document.scrollingElement;
              const wide = [...document.body.querySelectorAll('*')]
                .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
                .slice(0, 5)
                .map((el) => el.outerHTML.slice(0, 120));
              return {scroll: root.scrollWidth, client: root.clientWidth, wide};
            }"""
        )
        if widths["scroll"] > widths["client"]:
            failures[f"{label} ({url})"] = [
                f"scrollWidth {widths['scroll']} > clientWidth {widths['client']}",
                *(f"too wide: {html}" for html in widths["wide"]),
            ]
    assert not failures, f"Pages scroll sideways at 320 px:\n\n{_report(failures)}"


def test_error_pages_have_a_heading_and_a_way_back(visits):
    """An unknown role or skill gets a page with an h1 and a link to the start page."""
    for visit in visits:
        if visit.status == 200:
            continue
        assert len(visit.headings) == 1, f"{visit.label}: expected one h1"
        assert visit.headings[0], f"{visit.label}: the h1 is empty"
        assert visit.links_home >= 1, f"{visit.label}: no link back to / in <main>"


def test_role_pages_are_titled_with_the_role(site, js_off_visits):
    """Each role page's h1 is the role's title from the API."""
    loaded = {visit.url: visit for visit in js_off_visits}
    wrong = []
    for role_id, role in site.roles.items():
        visit = loaded[site.url(f"/roles/{role_id}")]
        if visit.headings != [role["title"]]:
            wrong.append(f"/roles/{role_id}: h1 {visit.headings!r}, expected {role['title']!r}")
    assert not wrong, "\n".join(wrong)


def test_the_csp_watch_catches_a_violation(site, open_tab, js):
    """Canary for the CSP test: an inline style the policy forbids is seen, JS on or off."""
    tab = open_tab(js=js)
    tab.goto(site.url("/help"))
    tab.page.evaluate("document.body.setAttribute('style', 'outline: 1px solid red')")
    for _ in range(1200):  # up to a minute on a busy machine; it usually takes one round
        if tab.csp_violations:
            break
        tab.page.wait_for_timeout(50)
    assert any("style-src" in v for v in tab.csp_violations), tab.csp_violations
    if js:
        recorded = tab.page.evaluate("window.__cspViolations")
        assert [v["directive"] for v in recorded] == ["style-src-attr"], recorded
