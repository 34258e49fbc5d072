"""The offline site: every job has its page, every route is the app's, nothing leaves the pack."""

from __future__ import annotations

import re
import shutil
from functools import partial

import pytest
from bs4 import BeautifulSoup

from planner.explore.route import routes_context
from planner.pack.links import PackLinkError, check_links
from planner.pack.routes import route_answers
from planner.pack.starts import starting_points
from planner.pathways import build_graph, find_routes
from tests.helpers import MAX_FK_GRADE, MAX_SMOG, main_text

from .conftest import MADE_ON

#: The issue's aim for the whole site.
SITE_BUDGET = 20 * 1024 * 1024


def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_pack_prints_the_size_of_each_part(pack):
    for part in ("site", "zip", "SCORM", "PDF"):
        assert re.search(rf"^\s+{part}\s+\d+\.\d MB$", pack.output, re.MULTILINE), pack.output
    assert (pack.folder / "planner-offline.zip").is_file()
    assert (pack.folder / "planner-scorm12.zip").is_file()
    assert (pack.folder / "planner-booklet.pdf").is_file()


def test_the_site_is_under_20_mb(pack):
    size = sum(p.stat().st_size for p in pack.site.rglob("*") if p.is_file())
    assert size < SITE_BUDGET, f"the site is {size / 1e6:.1f} MB"


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
    porter = _soup(pack.site / "jobs/porter.html")
    assert "To note down for later: NHS Jobs, www.jobs.nhs.uk" in porter.get_text(" ", strip=True)


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
    """Same steps, same total, from every starting point to every job: the pack cannot drift.

    The route search has a CPU budget: a question that runs out of it gets a best-effort
    route (or "too long for us to work out"), and alternatives get a share of what the best
    route took, so those parts can differ from one run of the search to the next, in the app
    as much as in the pack. The quickest route, found within the budget, cannot: that is
    what is compared, for every pair the budget did not cut short.
    """
    catalogue = pack_app.extensions["planner"]["catalogue"]
    graph = build_graph(catalogue)  # a graph of its own: not the pack's, not the app's memo
    problems, compared, cut = [], 0, []
    for role in catalogue.roles:
        job_page = _soup(pack.site / "jobs" / f"{role.id}.html")
        links = {a["data-start"]: a["href"] for a in job_page.select("a[data-start]")}
        for start in starting_points(catalogue, MADE_ON):
            page = _soup(pack.site / "jobs" / links[start.id])
            answers = route_answers(graph, start, role.id)
            # The route page's own context, on a fresh search (no memo, a graph of its own).
            expected = routes_context(graph, answers, MADE_ON, finder=partial(find_routes, graph))
            if expected["no_route"] is not None:
                if not expected["no_route"].missing:  # the budget's "too long to work out"
                    cut.append(f"{role.id} from {start.id}")
                elif _no_route_callout(page) is None:
                    problems.append(f"{role.id} from {start.id}: no route, but the page has one")
                continue
            callout = _no_route_callout(page)
            pack_cut = callout is not None and callout.select_one("ul") is None  # no "missing"
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
    job = _soup(pack.site / "jobs/porter.html")
    for link in job.select("a[data-start]"):
        page = _soup(pack.site / "jobs" / link["href"])
        assert labels[link["data-start"]] in page.select_one("main").get_text(" ", strip=True)


def test_the_link_check_finds_a_link_out_and_a_missing_file(pack, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(pack.site, copy)
    page = copy / "jobs/porter.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace(
        "</main>",
        '<a href="https://example.org/">out</a><a href="nowhere.html">gone</a><form></form></main>',
    )
    page.write_text(html, encoding="utf-8")
    with pytest.raises(PackLinkError) as caught:
        check_links(copy)
    problems = "\n".join(caught.value.problems)
    assert "jobs/porter.html: links outside the pack: https://example.org/" in problems
    assert "jobs/porter.html: links to a file the pack does not have: nowhere.html" in problems
    assert "jobs/porter.html: has a <form>" in problems


@pytest.mark.usefixtures("offline_syllables")
def test_the_packs_own_pages_are_easy_to_read(pack):
    import textstat

    porter = _soup(pack.site / "jobs/porter.html").select_one("a[data-start]")["href"]
    for name in ("index.html", "jobs/porter.html", f"jobs/{porter}"):
        text = main_text((pack.site / name).read_text(encoding="utf-8"))
        assert textstat.flesch_kincaid_grade(text) <= MAX_FK_GRADE, name
        assert textstat.smog_index(text) <= MAX_SMOG, name
