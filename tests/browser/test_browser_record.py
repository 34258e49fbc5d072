"""Advice for someone with a record, in a real browser at 320 px, JavaScript on and off.

* "When you apply" on a job page: the steps in the real order, the declaration form the
  job's check calls for, and links to the spent checker (carrying the job), the statement
  prompts and the getting-ready list;
* the getting-ready list on screen and as printed;
* the statement prompts: what is typed never reaches the server (its requests, its log or
  its database), prints, and is gone when the person comes back;
* the spent checker: Back from its answer, and back to it from a next step, is never a
  browser error page, and nothing typed reaches the address bar.

Every state is checked with axe-core (WCAG 2.2 AA) and for sideways scrolling.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

from tests.advice.test_record_facts import APPLY_ORDER
from tests.browser import fixtures as harness

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 800}


def scrolls_sideways(page: Page) -> bool:
    return page.evaluate(
        "() => document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth"
    )


def is_error_page(page: Page) -> bool:
    """Chromium's own error pages ("Confirm Form Resubmission", ERR_CACHE_MISS)."""
    if page.url.startswith("chrome-error://"):
        return True
    text = page.evaluate("() => document.body ? document.body.innerText : ''")
    return "Confirm Form Resubmission" in text or "ERR_CACHE_MISS" in text


def _problems(tab, page: Page, where: str) -> list[str]:
    problems = [f"{where}: axe: {line}" for line in tab.axe_violations()]
    if scrolls_sideways(page):
        problems.append(f"{where}: the page scrolls sideways at 320 px")
    return problems


def test_when_you_apply_follows_the_real_order(site, open_tab, js):
    tab = open_tab(js=js, viewport=PHONE)
    page = tab.page
    problems: list[str] = []
    for role_id, form in (("porter", "A"), ("cook", "B")):
        tab.goto(site.url(f"/roles/{role_id}", have="teamwork"))
        steps = page.locator("main .app-apply-steps > li")
        assert [s.get_attribute("data-stage") for s in steps.all()] == list(APPLY_ORDER), role_id
        declaration = page.locator("[data-stage=declaration]").inner_text()
        assert f"declaration form {form}" in declaration, (role_id, declaration)
        application = page.locator("[data-stage=application]").inner_text()
        assert "does not ask about a criminal record" in application
        for link in page.locator("[data-stage] a[data-spent-link]").all():
            args = parse_qs(urlsplit(link.get_attribute("href")).query)
            assert args["to"] == [role_id] and args["have"] == ["teamwork"]
        assert page.locator(f"a[data-ready-link={role_id}]").count() == 1
        assert page.locator(f"a[data-statement-link={role_id}]").count() == 1
        problems += _problems(tab, page, f"/roles/{role_id}")
    problems += tab.take_problems()
    assert not problems, "\n".join(problems)


def test_the_getting_ready_list_prints(site, open_tab, js):
    tab = open_tab(js=js, viewport=PHONE)
    page = tab.page
    tab.goto(site.url("/roles/security-officer/getting-ready", have="teamwork"))
    sections = [s.get_attribute("data-section") for s in page.locator("[data-section]").all()]
    for wanted in ("id", "bank", "history", "references", "certificates", "licence", "limits"):
        assert wanted in sections, sections
    assert "custody" in page.locator("[data-section=history]").inner_text()
    assert page.locator(".app-print-button").is_visible() == js
    problems = _problems(tab, page, "getting ready")
    page.emulate_media(media="print")
    assert not page.locator("header.nhsuk-header").is_visible()
    assert not page.locator(".app-print-controls").is_visible()
    assert page.locator(".app-checklist__box").first.is_visible()
    assert page.locator(".app-print-only").is_visible()
    page.emulate_media(media="screen")
    problems += tab.take_problems()
    assert not problems, "\n".join(problems)


def test_what_is_typed_for_a_statement_never_leaves_the_browser(site, open_tab, js):
    tab = open_tab(js=js, viewport=PHONE)
    page = tab.page
    marker = f"statement-{uuid.uuid4().hex}"
    sent: list[str] = []
    page.on("request", lambda r: sent.append(f"{r.url}\n{r.post_data or ''}\n{r.headers}"))
    tab.goto(site.url("/roles/porter/your-statement", have="teamwork"))
    boxes = page.locator("textarea[data-private]")
    assert boxes.count() == 3
    for box in boxes.all():
        assert box.get_attribute("name") is None
        assert box.evaluate("(el) => el.form") is None
    problems = _problems(tab, page, "statement")
    boxes.first.fill(f"{marker} what happened")
    boxes.nth(2).fill(f"{marker} what I bring")
    if js:
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    if js:
        copies = page.locator(".app-print-copy")
        assert copies.count() == 2 and marker in copies.first.inner_text()
    assert page.locator(".app-print-lines").first.is_visible()
    page.emulate_media(media="screen")
    # Leave (by a link on the page) and come back: the words are gone.
    page.locator("a.nhsuk-back-link__link").click()
    page.wait_for_load_state("load")
    page.go_back()
    page.wait_for_load_state("load")
    assert not is_error_page(page)
    assert all(box.input_value() == "" for box in page.locator("textarea[data-private]").all())
    problems += tab.take_problems()
    # Nothing typed reached the server: not a request, not its log, not its database.
    assert not [s for s in sent if marker in s]
    log = harness._server_log
    assert log is not None and log.exists()
    assert marker not in log.read_text(errors="replace")
    database = Path(log.parent) / "planner.sqlite"
    if database.exists():
        with sqlite3.connect(database) as db:
            for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
                for row in db.execute(f'SELECT * FROM "{table}"'):
                    assert marker not in " ".join(map(str, row)), table
    assert not problems, "\n".join(problems)


def _fill(page: Page, n: int, year: str) -> None:
    page.select_option(f"#c{n}-outcome", "fine")
    page.fill(f"#c{n}-date-day", "7")
    page.fill(f"#c{n}-date-month", "5")
    page.fill(f"#c{n}-date-year", year)
    page.check(f"#c{n}-under18-no")


def _submit(page: Page, selector: str, js: bool) -> None:
    if js:
        with page.expect_response(lambda r: r.request.method == "POST"):
            page.click(selector)
        page.wait_for_function(
            "() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')"
        )
    else:
        page.click(selector)
        page.wait_for_load_state("load")


def test_back_from_the_spent_answer_is_never_an_error_page(site, open_tab, js):
    """From a job page to the checker, one entry added, checked: Back from the answer, and Back
    to it from its next step, show pages of ours, and no address ever holds what was typed."""
    tab = open_tab(js=js, viewport=PHONE)
    page = tab.page
    visited: list[str] = []
    page.on("framenavigated", lambda frame: visited.append(frame.url))
    tab.goto(site.url("/roles/security-officer", have="teamwork"))
    page.locator(".app-record a[data-spent-link]").click()
    page.wait_for_load_state("load")
    assert parse_qs(urlsplit(page.url).query)["to"] == ["security-officer"]
    _fill(page, 1, "2019")
    _submit(page, "button[name=add]", js)
    _fill(page, 2, "2021")
    _submit(page, "main form button.nhsuk-button:not([name])", js)
    assert page.locator("#answers").count() == 1
    next_steps = page.locator("#next-steps")
    assert "declaration form A" in next_steps.inner_text()
    assert "2 years" in next_steps.inner_text()  # the SIA's rule, said plainly
    problems = _problems(tab, page, "spent answer")

    # Back to the answer from a next step.
    next_steps.locator("a[data-next=apply]").click()
    page.wait_for_load_state("load")
    assert "/roles/security-officer" in page.url
    page.go_back()
    page.wait_for_load_state("load")
    assert not is_error_page(page), page.url
    assert page.locator("h1").inner_text() == "Check when a conviction becomes spent"

    # Back from the answer, page after page: never an error, never the typed values.
    for _ in range(4):
        if page.evaluate("() => history.length") <= 1:
            break
        page.go_back()
        page.wait_for_load_state("load")
        assert not is_error_page(page), page.url
    for url in visited:
        assert "2019" not in url and "2021" not in url, url
    problems += tab.take_problems()
    assert not problems, "\n".join(problems)
