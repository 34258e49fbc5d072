"""A job page helps someone act: the DBS check in plain sentences, where to find the job, the
courses and apprenticeships it needs, and the private spent checker, each carrying the answers."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from planner.explore.labels import dbs_words
from planner.help.content import load_content
from planner.pathways.model import DbsCheck
from planner.pathways.testing import make_role
from tests.helpers import soup

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _dbs_paragraph(page):
    """The first line under "Checks for this job": the usual DBS check in a sentence."""
    return page.select_one("main #checks ~ .app-record .app-record__line").get_text(" ")


def test_the_dbs_check_is_said_in_plain_sentences(client, catalogue):
    levels = {}
    for role in catalogue.roles:
        levels.setdefault(role.dbs.level, role)
    assert len(levels) >= 2
    for level, role in levels.items():
        text = " ".join(_dbs_paragraph(soup(client.get(f"/roles/{role.id}"))).split())
        assert text.startswith(f"This job usually needs {dbs_words(role).short}. It shows "), level
        assert not re.search(r"\ba [aeiou]", text), text
        assert "usually need a" not in text


@pytest.mark.parametrize(
    ("level", "shows", "sentences"),
    [
        ("basic", "Only convictions that are not yet spent.", "a basic DBS check. It shows only"),
        ("standard", "Spent and unspent convictions.", "a standard DBS check. It shows spent"),
        ("enhanced", "Everything a standard check shows.", "an enhanced DBS check. It shows every"),
        (
            "enhanced-barred",
            "Everything an enhanced check shows.",
            "an enhanced DBS check with barred lists. It shows every",
        ),
        ("standard", "DBS filtering applies.", "a standard DBS check. It shows DBS filtering"),
    ],
)
def test_each_level_reads_as_a_sentence(level, shows, sentences):
    role = replace(make_role("job", "2"), dbs=DbsCheck(level, False, shows))
    words = dbs_words(role)
    assert f"{words.short}. {words.shows}".startswith(sentences)


def test_every_job_page_links_to_nhs_jobs_for_its_title(client, catalogue):
    for role in catalogue.roles[::5]:
        page = soup(client.get(f"/roles/{role.id}"))
        link = page.select_one("main a[href^='https://www.jobs.nhs.uk/candidate/search/results']")
        assert link, role.id
        assert parse_qs(urlsplit(link["href"]).query)["keyword"] == [role.title]
        assert link.get_text(" ").startswith(f"Search NHS Jobs for {role.title}")


def test_the_spent_checker_link_carries_the_job_and_the_answers(client, catalogue, some_ticks):
    role = catalogue.roles[0]
    query = [("have", t) for t in some_ticks] + [("area", catalogue.families[0][0])]
    page = soup(client.get(f"/roles/{role.id}", query_string=query))
    link = page.select_one("main .app-record a[data-spent-link]")
    assert (
        " ".join(link.text.split()) == f"Check privately what the check for {role.title} would show"
    )
    args = parse_qs(urlsplit(link["href"]).query)
    assert args["to"] == [role.id]
    assert args["have"] == some_ticks
    assert args["area"] == [catalogue.families[0][0]]


def test_missing_needs_link_to_a_course_or_apprenticeship_finder(client, catalogue):
    finders = load_content("links")["links"]
    course_host = finders["course-finder"]["url"].split("?")[0]
    apprenticeship_host = finders["apprenticeship-finder"]["url"].split("?")[0]
    found = {"course": 0, "apprenticeship": 0}
    for role in catalogue.roles:
        # Tick something unrelated, so every need is marked and missing ones list their ways.
        page = soup(client.get(f"/roles/{role.id}", query_string={"have": "teamwork"}))
        for need in page.select("main li.app-need--missing"):
            for way in need.select("li.app-way"):
                link = way.select_one("a.app-outside")
                if way["data-kind"] == "course" and link:
                    assert link["href"].startswith(course_host)
                    found["course"] += 1
                if way["data-kind"] == "apprenticeship":
                    assert link and link["href"].startswith(apprenticeship_host)
                    found["apprenticeship"] += 1
                if way["data-kind"] == "experience":
                    assert not link
    assert found["course"] and found["apprenticeship"], found


def test_functional_skills_courses_are_searched_by_their_name(client, catalogue):
    course = next(i for i in catalogue.learning if i.name.startswith("Functional Skills"))
    role = next(r for r in catalogue.roles if any(s in course.grants for s in r.requires))
    page = soup(client.get(f"/roles/{role.id}"))
    links = [
        a
        for a in page.select("main a.app-outside")
        if course.name.removesuffix(" course") in a.text
    ]
    assert links, course.name
    term = parse_qs(urlsplit(links[0]["href"]).query)["searchTerm"]
    assert term == [course.name.removesuffix(" course")]


def test_external_addresses_live_only_in_the_content_file():
    """Templates build every outside link from content/links.json (or a source in the data)."""
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        # (The SVG namespace is a name, not a link.)
        assert not re.search(r"https?://(?!www.w3.org/)", text), f"{path} has an address in it"
    for entry in load_content("links")["links"].values():
        assert entry["url"].startswith("https://") and "{term}" in entry["url"]
        assert entry["note"], "each address says how it was checked"


def test_ways_in_say_who_they_are_for_and_age_limited_ones_are_left_out_for_other_ages(client):
    """The King's Trust Get into programme is for 16 to 30s: the job page says so beside it, and
    leaves it out for someone who said they are 31 or over (issue 19)."""
    page = soup(client.get("/roles/security-officer"))
    ways = page.get_text(" ")
    assert "King's Trust" in ways and "16 to 30" in ways
    older = soup(client.get("/roles/security-officer?age=31-or-over"))
    assert "King's Trust" not in older.get_text(" ")
