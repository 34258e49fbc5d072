"""The offline site: every job has its page, every route is the app's, nothing leaves the pack."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from planner.explore.route import routes_context
from planner.pack.links import PackLinkError, check_links
from planner.pack.routes import route_answers
from planner.pack.starts import starting_points
from tests.helpers import MAX_FK_GRADE, MAX_SMOG, main_text

from .conftest import MADE_ON


def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_job_has_its_page(pack, pack_app):
    catalogue = pack_app.extensions["planner"]["catalogue"]
    for role in catalogue.roles:
        page = pack.site / "jobs" / f"{role.id}.html"
        assert page.is_file(), role.id
        assert _soup(page).select_one("h1").get_text(strip=True) == role.title
    listed = {a["data-role"] for a in _soup(pack.site / "jobs/index.html").select("a[data-role]")}
    assert listed == {r.id for r in catalogue.roles}


def test_every_page_says_when_it_was_made(pack):
    for name in pack.pages():
        bar = _soup(pack.site / name).select_one(".app-offline-bar")
        assert bar is not None, name
        assert (
            bar.get_text(" ", strip=True)
            == "Correct on 1 December 2026; check again after release."
        )


def test_no_page_has_a_form_a_script_or_a_link_out(pack):
    for name in pack.pages():
        page = _soup(pack.site / name)
        assert not page.select("form, script, input, select, textarea, iframe"), name
        for link in page.select("[href], [src]"):
            address = link.get("href") or link.get("src")
            assert "://" not in address and not address.startswith("/"), (name, address)


def test_outside_addresses_are_words_to_note_down(pack):
    job = _soup(pack.site / "jobs/catering-assistant.html")
    assert "To note down for later: NHS Jobs, www.jobs.nhs.uk" in job.get_text(" ", strip=True)


def _routes_on_page(page) -> list[tuple[str, list[str]]]:
    """Each route on a route page: its total, and its steps' titles in order."""
    found = []
    for section in page.select("section.app-route"):
        heading = section.select_one("h3").get_text(" ", strip=True)
        total = heading.split(": ", 1)[1]
        steps = [
            li.select_one(".app-step__details summary").get_text(" ", strip=True)
            for li in section.select("ol.app-route__steps > li")
        ]
        found.append((total, steps))
    return found


def _no_route_callout(page):
    """The route page's "We cannot find a route yet", if it says that."""
    for callout in page.select("#routes .nhsuk-warning-callout"):
        if "We cannot find a route yet" in callout.get_text(" ", strip=True):
            return callout
    return None


def test_each_packed_route_is_the_apps_route(pack, pack_app):
    """The quickest route from every starting point to every job is the route page's first
    route, asked of the app's own route memo (one search for the web and the pack): same
    steps, same total. So the pack cannot drift from the app, and each job page's link for
    a starting point goes to the page made for that starting point's answers.

    The route search has a CPU budget: a question that runs out of it gets a best-effort
    route (or "too long for us to work out"), which may differ from one search to the next.
    Those pairs are not compared.
    """
    catalogue = pack_app.extensions["planner"]["catalogue"]
    graph = pack_app.extensions["planner"]["graph"]
    finder = pack_app.extensions["planner"]["routes"]
    problems, compared, cut = [], 0, []
    with pack_app.app_context():  # the memo counts days from the pack's day, as the page did
        for role in catalogue.roles:
            job_page = _soup(pack.site / "jobs" / f"{role.id}.html")
            links = {a["data-start"]: a["href"] for a in job_page.select("a[data-start]")}
            for start in starting_points(catalogue, MADE_ON):
                page = _soup(pack.site / "jobs" / links[start.id])
                answers = route_answers(graph, start, role.id)
                expected = routes_context(graph, answers, MADE_ON, finder=finder)
                if expected["no_route"] is not None:
                    if not expected["no_route"].missing:  # the budget's "too long to work out"
                        cut.append(f"{role.id} from {start.id}")
                    elif _no_route_callout(page) is None:
                        problems.append(
                            f"{role.id} from {start.id}: no route, but the page has one"
                        )
                    continue
                callout = _no_route_callout(page)
                pack_cut = callout is not None and callout.select_one("ul") is None
                best = expected["routes"][0]
                if best.best_effort or pack_cut or page.select_one(".app-best-effort"):
                    cut.append(f"{role.id} from {start.id}")
                    continue
                want = (best.total, [step.title for step in best.steps])
                got = [
                    (total, [step.split(" · ")[1] for step in steps])
                    for total, steps in _routes_on_page(page)
                ]
                compared += 1
                if not got or got[0] != want:
                    problems.append(f"{role.id} from {start.id}: pack {got[:1]} != app {want}")
    assert not problems, "\n".join(problems[:10])
    assert compared > len(cut), f"only {compared} compared; cut short by the budget: {cut}"


def test_route_pages_say_which_starting_points_they_are_for(pack, pack_app):
    catalogue = pack_app.extensions["planner"]["catalogue"]
    labels = {s.id: s.label for s in starting_points(catalogue, MADE_ON)}
    job = _soup(pack.site / "jobs/catering-assistant.html")
    for link in job.select("a[data-start]"):
        page = _soup(pack.site / "jobs" / link["href"])
        assert labels[link["data-start"]] in page.select_one("main").get_text(" ", strip=True)


def test_the_link_check_finds_a_link_out_and_a_missing_file(pack, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(pack.site, copy)
    page = copy / "jobs/catering-assistant.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace(
        "</main>",
        '<a href="https://example.org/">out</a><a href="nowhere.html">gone</a><form></form></main>',
    )
    page.write_text(html, encoding="utf-8")
    with pytest.raises(PackLinkError) as caught:
        check_links(copy)
    problems = "\n".join(caught.value.problems)
    assert "jobs/catering-assistant.html: links outside the pack: https://example.org/" in problems
    assert (
        "jobs/catering-assistant.html: links to a file the pack does not have: nowhere.html"
        in problems
    )
    assert "jobs/catering-assistant.html: has a <form>" in problems


@pytest.mark.usefixtures("offline_syllables")
def test_the_packs_own_pages_are_easy_to_read(pack):
    import textstat

    route = _soup(pack.site / "jobs/catering-assistant.html").select_one("a[data-start]")["href"]
    for name in ("index.html", "jobs/catering-assistant.html", f"jobs/{route}"):
        text = main_text((pack.site / name).read_text(encoding="utf-8"))
        assert textstat.flesch_kincaid_grade(text) <= MAX_FK_GRADE, name
        assert textstat.smog_index(text) <= MAX_SMOG, name
