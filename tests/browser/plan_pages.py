"""What the plan browser tests share: save a plan as a person would, and every page of it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import expect

from .browser_harness import AFTER_NEXT_FRAMES, journey_target, journey_ticks


@dataclass(frozen=True)
class SavedPlan:
    """A plan saved in the browser: its address (no query), its token, and the route page
    it was saved from (as the browser showed it, larger print key and all)."""

    url: str
    token: str
    route_url: str


def save_plan(tab, site, adviser: bool = False, **answers) -> SavedPlan:
    """Save the first route to the journey's job as a plan, from the route page.

    The tab is left on the plan page, in larger print when ``adviser`` is set.
    """
    query = {
        "to": journey_target(site.roles),
        "have": journey_ticks(site.skills),
        **({"adviser": "1"} if adviser else {}),
        **answers,
    }
    tab.goto(site.url("/route", **query))
    route_url = tab.page.url
    with tab.page.expect_navigation():
        tab.page.locator("form.app-save-plan button").first.click()
    expect(tab.page.locator("h1")).to_have_text("Your NHS career plan")
    parts = urlsplit(tab.page.url)
    token = parts.path.rsplit("/", 1)[1]
    return SavedPlan(f"{parts.scheme}://{parts.netloc}{parts.path}", token, route_url)


def mode_query(page) -> str:
    """The query the page's own links carry (larger print, answers), with its ``?``."""
    query = urlsplit(page.url).query
    return f"?{query}" if query else ""


#: Each part of a plan that has a page of its own, after the plan's address.
EDIT_PAGES = (
    ("plan", ""),
    ("a step", "/items/1"),
    ("the goal", "/items/0"),
    ("new step", "/items/new"),
    ("remove a step", "/items/2/remove"),
    ("review", "/reviews/0"),
    ("record a review", "/reviews/0/record"),
    ("new review", "/reviews/new"),
    ("move the steps not done", "/move"),
    ("support", "/support"),
    ("agree", "/agree"),
    ("share", "/share"),
    ("delete", "/delete"),
    ("print", "/print"),
    ("print with the link", "/print?link=1"),
)


def edit_pages(tab, plan_url: str) -> Iterator[tuple[str, str]]:
    """(label, address) of every page of a plan, in the mode the tab is in now."""
    query = mode_query(tab.page)
    for label, path in EDIT_PAGES:
        if "?" in path:
            address = f"{plan_url}{path}" + (f"&{query[1:]}" if query else "")
        else:
            address = f"{plan_url}{path}{query}"
        yield label, address


def share_link(tab, plan_url: str, who: str = "Line manager") -> str:
    """Make a view-only link on the share page and return it (the tab stays on that page)."""
    tab.goto(f"{plan_url}/share{mode_query(tab.page)}")
    tab.page.get_by_label(who).check()
    with tab.page.expect_navigation():
        tab.page.get_by_role("button", name="Make a view-only link").click()
    return tab.page.locator("#new-link-value").input_value()


WIDTHS = (320, 1024, 1280)


def _sideways(tab) -> list[str]:
    """Where the page scrolls sideways at each width we promise, or nothing."""
    before = tab.page.viewport_size
    found = []
    for width in WIDTHS:
        tab.page.set_viewport_size({"width": width, "height": 800})
        if tab.js:  # the NHS.UK header folds its menu in the frames after a resize
            tab.page.evaluate(AFTER_NEXT_FRAMES)
        scroll, client = tab.page.evaluate(
            "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
        )
        if scroll > client:
            found.append(f"{width} px: scrollWidth {scroll} > clientWidth {client}")
    tab.page.set_viewport_size(before)
    return found


class Journey:
    """One run of the journey: every page checked as it is reached, problems kept to the end."""

    def __init__(self, tab, width: int, shots: Path | None):
        self.tab, self.width, self.shots = tab, width, shots
        self.problems: dict[str, list[str]] = {}
        self.pages = 0

    @property
    def page(self):
        return self.tab.page

    def check(self, label: str, scan: bool = True) -> None:
        """axe-core and sideways scroll on the page as it is now.

        ``scan=False`` for an error state with JavaScript off: axe can only run in a
        twin page that loads the address again, which would show the page without
        the error. The same markup is scanned in the JavaScript-on run.
        """
        self.pages += 1
        found = _sideways(self.tab)
        if scan:
            found += self.tab.axe_violations()
        found += self.tab.take_problems()
        if found:
            self.problems[f"{label} ({self.page.url})"] = found
        if self.shots:
            name = re.sub(r"\W+", "-", label).strip("-")
            js = "js" if self.tab.js else "nojs"
            self.page.screenshot(
                path=self.shots / f"{self.width}-{js}-{self.pages:02d}-{name}.png", full_page=True
            )

    def submit(self, name: str, status: int = 200) -> None:
        """Press a form's button and wait for the next page; ``status`` 400 for a problem."""
        button = self.page.get_by_role("button", name=name, exact=True)
        if status != 200:  # the form's own address: the page's, answers and all
            action = button.evaluate("(b) => b.formAction || b.form.action").split("#")[0]
            self.tab.expected_status[action] = status
        with self.page.expect_navigation():
            button.click()
