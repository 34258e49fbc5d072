"""What the plan browser tests share: save a plan as a person would, and every page of it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from playwright.sync_api import expect

from .browser_harness import journey_target, journey_ticks


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
    ("new review", "/reviews/new"),
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
