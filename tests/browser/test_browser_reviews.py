"""A plan that lasts to its reviews, in Chromium at 320 px, JavaScript on and off.

The plan is agreed; a review comes and is recorded with a note and the next date, and
the agreement stands; a step runs late, is flagged and moved (that needs agreeing
again); support that names probation is refused with the words that work, which save
in one press; a view-only link lasts until after the next review and the plan says so;
a link that opens nothing says it may have run out, the same for any link; the link to
the plan can be copied, shared (where the browser can), sent by email or text, and
scanned. axe-core and sideways scroll on every state.
"""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .plan_pages import Journey, mode_query, save_plan

pytestmark = pytest.mark.browser

#: Stands in for a phone's share sheet, which Chromium on Linux does not have.
FAKE_SHARE = """
navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };
"""


def fill_date(page, field: str, day: date) -> None:
    for part, value in (("day", day.day), ("month", day.month), ("year", day.year)):
        page.locator(f"#{field}-{part}").fill(str(value))


def _shots() -> Path | None:
    folder = os.environ.get("PLANNER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
    return Path(folder) if folder else None


def test_reviews_are_recorded_late_steps_moved_and_links_last(site, open_tab, js):
    clipboard = {"permissions": ["clipboard-read", "clipboard-write"]} if js else {}
    tab = open_tab(js=js, viewport={"width": 320, "height": 800}, **clipboard)
    run = Journey(tab, 320, _shots())
    page = run.page
    plan = save_plan(tab, site)
    mode = mode_query(page)
    today = date.today()  # the live server runs on this machine's clock

    # Both sides agree.
    for side, role in (("The employee", "Employee"), ("The line manager", "Line manager")):
        tab.goto(f"{plan.url}/agree{mode}")
        page.get_by_label(side).check()
        page.get_by_label("Your role").fill(role)
        run.submit("Agree the plan")  # the date is today's, filled in
    agreed = "Agreed by the employee and their line manager."
    expect(page.locator(".app-agreement-line")).to_have_text(agreed)

    # A review that has come: flagged, recorded with a note and the next date.
    tab.goto(f"{plan.url}/reviews/new{mode}")
    fill_date(page, "review-date", today - timedelta(days=1))
    page.get_by_label("Check-in with line manager").check()
    run.submit("Save and go back to your plan")
    expect(page.locator(".app-agreement-line")).to_have_text(agreed)
    expect(page.locator(".app-due")).to_contain_text("waiting to be recorded")
    run.check("plan, a review to record")
    with page.expect_navigation():
        page.locator(".app-due a").click()
    expect(page.locator("h1")).to_have_text("Record the review")
    run.check("record a review")
    page.get_by_label("What did you talk about? (optional)").fill("The course is going well")
    run.submit("Save the review")
    expect(page.locator(".app-saved")).to_contain_text("The review is recorded")
    reviews = page.locator(".app-reviews")
    expect(reviews).to_contain_text("The course is going well")
    expect(reviews).to_contain_text(f"Done on {(today - timedelta(days=1)):%-d %B %Y}")
    assert page.locator(".app-due").count() == 0
    expect(page.locator(".app-agreement-line")).to_have_text(agreed)
    run.check("plan, review recorded")

    # A step runs late: flagged, then moved; new dates need agreeing again.
    first = page.locator(".app-next a").first
    with page.expect_navigation():
        first.click()
    fill_date(page, "target-date", today - timedelta(days=10))
    run.submit("Save and go back to your plan")
    expect(page.locator("#late-steps")).to_contain_text("1 step is late")
    expect(page.locator(".app-next .nhsuk-tag--red").first).to_have_text("Late")
    run.check("plan, a step late")
    with page.expect_navigation():
        page.get_by_role("link", name="Move the steps not done yet to new dates").click()
    run.check("move late steps")
    run.submit("Move the steps")
    expect(page.locator(".app-saved")).to_contain_text("The steps are moved")
    assert page.locator("#late-steps").count() == 0
    expect(page.locator(".app-agreement-line")).to_contain_text("needs agreeing again")

    # Support that names probation: refused, and the words that work are offered.
    tab.goto(f"{plan.url}/support{mode}")
    page.get_by_label("What support will help?").fill("Time off for probation appointments")
    run.submit("Save and go back to your plan", 400)
    expect(page.locator("#support-error")).to_contain_text('"Time off for appointments"')
    run.check("support, refused with words offered", scan=js)
    run.submit("Save these words instead")
    expect(page.locator("#support-needed + dl")).to_contain_text("Time off for appointments")

    # A view-only link lasts past the next review, and the plan says until when.
    tab.goto(f"{plan.url}/share{mode}")
    choice = page.locator("input[name=days][value=review]")
    expect(choice).to_be_checked()
    run.check("share")
    page.get_by_label("Line manager").check()
    run.submit("Make a view-only link")
    link = page.locator("#new-link-value").input_value()
    run.check("share, a link made")
    tab.goto(f"{plan.url}{mode}")
    ends = page.locator("#share-ends")
    expect(ends).to_contain_text("Line manager: works until")
    assert "stops before your next review" not in ends.inner_text()
    tab.goto(link)
    expect(page.locator("h1")).to_have_text("NHS career plan")

    # A link that opens nothing: one answer, whether a plan is there or not.
    answers = []
    for wrong in (link[:-1] + ("A" if link[-1] != "A" else "B"), link[:-5]):
        tab.goto(wrong, 404)
        answers.append(page.locator("main").inner_text())
    assert answers[0] == answers[1]
    assert "It may have run out" in answers[0] and "make a new link" in answers[0]
    run.check("a link that opens nothing")

    # The link to the plan: copy, share, email, text, and a code to scan (on screen).
    tab.goto(f"{plan.url}{mode}")
    keep = page.locator("#keep")
    assert not keep.evaluate("(d) => d.open"), "folded on a later visit"
    keep.locator("summary").click()
    sends = keep.locator(".app-link-tools__send a")
    for a in sends.all():
        href = a.get_attribute("href")
        assert href.startswith(("mailto:?", "sms:?")) and plan.token in href, href
    expect(keep.locator("[data-qr-screen] svg")).to_be_visible()
    copy = keep.get_by_role("button", name="Copy the link")
    if js:
        copy.click()
        expect(keep.locator("[role=status]")).to_contain_text("Copied")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.locator("#plan-link").input_value()
        assert copied.endswith(f"/plans/{plan.token}")
        expect(keep.get_by_role("button", name="Share the link")).to_be_hidden()
    else:
        expect(copy).to_be_hidden()
        expect(keep.locator("#plan-link-hint")).to_contain_text("press and hold the link")
    run.check("plan, keep the link")

    assert not run.problems, "\n\n".join(
        f"{label}:\n" + "\n".join(f"  - {line}" for line in lines)
        for label, lines in run.problems.items()
    )


def test_where_the_browser_can_share_the_link_there_is_a_share_button(site, open_tab):
    tab = open_tab(js=True, permissions=["clipboard-read", "clipboard-write"])
    tab.page.add_init_script(FAKE_SHARE)
    plan = save_plan(tab, site)
    share = tab.page.get_by_role("button", name="Share the link")
    share.click()
    shared = tab.page.evaluate("window.__shared")
    assert shared["url"].endswith(f"/plans/{plan.token}")
    assert re.search("career plan", shared["text"])
    tab.assert_clean()
