"""Every page, with JavaScript on and off: WCAG 2.2 AA, CSP, console, and a 320 px screen.

Each test visits every page (error pages included) and reports all the failures it
found at once, page by page, so one run shows the whole picture.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

#: The narrowest phone screen WCAG 1.4.10 (Reflow) asks us to support.
NARROW = {"width": 320, "height": 640}


def _report(failures: dict[str, list[str]]) -> str:
    return "\n\n".join(
        f"{label}:\n" + "\n".join(f"  - {line}" for line in lines)
        for label, lines in failures.items()
    )


def test_every_page_has_no_axe_violations(site, open_tab, js):
    """axe-core, WCAG 2.2 AA tags, strict: any violation on any page fails."""
    tab = open_tab(js=js)
    failures = {}
    for label, url, status in site.pages():
        tab.goto(url, status)
        if found := tab.axe_violations():
            failures[f"{label} ({url})"] = found
    assert not failures, f"axe-core found WCAG 2.2 AA violations:\n\n{_report(failures)}"


def test_every_page_keeps_to_the_csp_and_logs_no_errors(site, open_tab, js):
    """No Content-Security-Policy violation, console error, script error or failed request."""
    tab = open_tab(js=js)
    failures = {}
    for label, url, status in site.pages():
        tab.goto(url, status)
        # Violations and errors are logged while the page loads; this catches stragglers.
        tab.page.wait_for_timeout(100)
        if tab.js:
            in_page = tab.page.evaluate("window.__cspViolations.length")
            assert in_page == 0 or tab.csp_violations, "CSP recorder and binding disagree"
        if problems := tab.take_problems():
            failures[f"{label} ({url})"] = problems
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


def test_error_pages_have_a_heading_and_a_way_back(site, open_tab, js):
    """An unknown role or skill gets a page with an h1 and a link to the start page."""
    tab = open_tab(js=js)
    for label, url, status in site.pages():
        if status == 200:
            continue
        tab.goto(url, status)
        assert tab.page.locator("h1").count() == 1, f"{label}: expected one h1"
        assert tab.page.locator("h1").inner_text().strip(), f"{label}: the h1 is empty"
        home = tab.page.locator('main a[href="/"]')
        assert home.count() >= 1, f"{label}: no link back to / in <main>"


def test_role_pages_are_titled_with_the_role(site, open_tab):
    """Each role page's h1 is the role's title from the API."""
    tab = open_tab(js=False)
    wrong = []
    for role_id, role in site.roles.items():
        tab.goto(site.url(f"/roles/{role_id}"))
        heading = " ".join(tab.page.locator("h1").inner_text().split())
        if heading != role["title"]:
            wrong.append(f"/roles/{role_id}: h1 {heading!r}, expected {role['title']!r}")
    assert not wrong, "\n".join(wrong)


def test_the_csp_watch_catches_a_violation(site, open_tab, js):
    """Canary for the CSP test: an inline style the policy forbids is seen, JS on or off."""
    tab = open_tab(js=js)
    tab.goto(site.url("/help"))
    tab.page.evaluate("document.body.setAttribute('style', 'outline: 1px solid red')")
    for _ in range(40):
        if tab.csp_violations:
            break
        tab.page.wait_for_timeout(50)
    assert any("style-src" in v for v in tab.csp_violations), tab.csp_violations
    if js:
        recorded = tab.page.evaluate("window.__cspViolations")
        assert [v["directive"] for v in recorded] == ["style-src-attr"], recorded
