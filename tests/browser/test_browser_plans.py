"""A line manager's journey through a plan, in Chromium, at 320 and 1,280 px, JavaScript on and off.

Save a route as a plan, open a step, change it, mark it done, agree as both sides,
print. On every plan page on the way, error states included: axe-core (WCAG 2.2
AA) and no sideways scroll at 320, 1,024 and 1,280 px. Set
``PLANNER_SCREENSHOTS=folder`` to keep a full-page screenshot of each.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import expect

from .browser_harness import journey_target, journey_ticks
from .plan_pages import Journey

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [320, 1280])
def test_a_line_manager_builds_agrees_and_prints_a_plan(site, open_tab, js, width):
    shots = os.environ.get("PLANNER_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
    tab = open_tab(js=js, viewport={"width": width, "height": 800})
    run = Journey(tab, width, Path(shots) if shots else None)
    page = run.page

    # Save a route as a plan.
    target = journey_target(site.roles)
    tab.goto(site.url("/route", to=target, have=journey_ticks(site.skills)))
    with page.expect_navigation():
        page.locator("form.app-save-plan button").first.click()
    plan_url = page.url.split("#")[0].split("?")[0]  # its answers ride in the query
    expect(page.locator("h1")).to_have_text("Your NHS career plan")
    expect(page.locator(".app-saved")).to_contain_text("Your plan is saved")
    assert page.locator("input[type=date]").count() == 0
    run.check("plan")
    first_next = page.locator(".app-next a").first.inner_text()

    # Open the first next step, change it.
    with page.expect_navigation():
        page.locator(".app-next a").first.click()
    expect(page.locator("h1")).to_have_text(first_next)
    run.check("step")
    page.get_by_label("Note (optional)").fill("Book the course at the library")
    run.submit("Save and go back to your plan")
    expect(page.locator(".app-saved")).to_contain_text("Your changes are saved")

    # An error state on the step page: nothing saved, the summary links to the field.
    with page.expect_navigation():
        page.get_by_role("link", name=first_next).first.click()
    page.get_by_label("What to do").fill("")
    page.locator("#target-date-day").fill("31")
    page.locator("#target-date-month").fill("2")
    run.submit("Save and go back to your plan", 400)
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter what to do")
    run.check("step with problems", scan=js)

    # Mark it done: the task list says so and the next steps move on.
    page.get_by_label("What to do").fill(first_next)
    page.locator("#target-date-day").fill("1")
    page.get_by_label("Done").check()
    run.submit("Save and go back to your plan")
    done = page.locator(".nhsuk-task-list__item", has_text=first_next).first
    expect(done.locator(".nhsuk-task-list__status")).to_have_text("Done")
    assert first_next not in page.locator(".app-next").inner_text()

    # Agree: a problem first, then each side names its role.
    with page.expect_navigation():
        page.get_by_role("button", name="Agree the plan").click()
    run.check("agree")
    run.submit("Agree the plan", 400)
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Choose who is agreeing")
    run.check("agree with problems", scan=js)
    for side, role in (("The employee", "Employee"), ("The line manager", "Line manager")):
        if "/agree" not in page.url:
            with page.expect_navigation():
                page.get_by_role("button", name="Agree the plan").click()
        page.get_by_label(side).check()
        page.get_by_label("Your role").fill(role)
        run.submit("Agree the plan")
        expect(page.locator(".app-saved")).to_contain_text("Your agreement is saved")
    rows = page.locator(".app-agreement .nhsuk-summary-list__value").all_inner_texts()
    assert [r.split(", as ")[1] for r in rows] == ["Employee", "Line manager"], rows
    expect(page.locator("main")).to_contain_text("Agreed by the employee and their line manager.")
    run.check("plan, agreed")

    # Print, without the link that can change the plan.
    with page.expect_navigation():
        page.get_by_role("button", name="Print the plan").click()
    assert "/print" in page.url and "link=1" not in page.url
    button = page.locator(".app-print-button")
    if js:
        expect(button).to_be_visible()
    else:
        expect(button).to_be_hidden()
    assert page.locator(".app-qr").count() == 0
    run.check("print")
    if js:
        page.emulate_media(media="print")
        sheets = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
        page.emulate_media(media="screen")
        first = sheets.pages[0].extract_text()
        assert "What to do and when" in first and "Goal:" in first, "no wasted first sheet"
        token = plan_url.rsplit("/", 1)[1]
        assert all(token not in p.extract_text().replace("\n", "") for p in sheets.pages)

    # Other plan pages a line manager meets.
    for label, path in (
        ("support", "/support"),
        ("new step", "/items/new"),
        ("review", "/reviews/0"),
        ("new review", "/reviews/new"),
        ("record a review", "/reviews/0/record"),
        ("move the steps not done", "/move"),
        ("remove a step", "/items/1/remove"),
        ("print with the link", "/print?link=1"),
        ("delete", "/delete"),
        ("share", "/share"),
    ):
        tab.goto(plan_url + path)
        run.check(label)
    page.get_by_label("Line manager").check()
    run.submit("Make a view-only link")
    tab.goto(page.locator("#new-link-value").input_value())
    expect(page.locator("h1")).to_have_text("NHS career plan")
    run.check("shared view")

    assert not run.problems, "\n\n".join(
        f"{label}:\n" + "\n".join(f"  - {line}" for line in lines)
        for label, lines in run.problems.items()
    )
