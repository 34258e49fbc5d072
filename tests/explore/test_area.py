"""The area of work a person wants: asked on the start page, and preferred in what it suggests."""

from __future__ import annotations

import pytest

from planner.pathways import build_graph, one_step_away, opens_most_doors
from planner.pathways.model import Catalogue
from planner.pathways.testing import make_learning, make_role, make_skill
from tests.helpers import soup


@pytest.fixture
def two_families():
    """Two office jobs opened by a typing course; one kitchen job opened by a food course."""
    catalogue = Catalogue(
        bands=(),
        skills=(make_skill("teamwork"), make_skill("typing"), make_skill("food-hygiene")),
        roles=(
            make_role("clerk", "2", ["teamwork", "typing"], family="office"),
            make_role("receptionist", "2", ["teamwork", "typing"], family="office"),
            make_role("cook", "2", ["teamwork", "food-hygiene"], family="facilities"),
        ),
        learning=(
            make_learning("typing-course", 8, ["typing"]),
            make_learning("food-course", 10, ["food-hygiene"]),
        ),
        experience=(),
        families=(("office", "Office"), ("facilities", "Facilities")),
    )
    return build_graph(catalogue)


def test_without_an_area_the_door_opens_the_most_jobs(two_families):
    door = opens_most_doors(two_families, ["teamwork"])
    assert door.learning == "typing-course"
    assert door.opens == ("clerk", "receptionist")


def test_with_an_area_the_door_opens_that_areas_jobs(two_families):
    door = opens_most_doors(two_families, ["teamwork"], family="facilities")
    assert door.learning == "food-course"
    assert door.opens == ("cook",)
    assert opens_most_doors(two_families, ["teamwork"], family="office").learning == "typing-course"


def test_one_step_away_lists_the_areas_jobs_first(two_families):
    plain = [s.role for s in one_step_away(two_families, ["teamwork"])]
    assert plain[0] != "cook"
    wanted = [s.role for s in one_step_away(two_families, ["teamwork"], family="facilities")]
    assert wanted[0] == "cook"
    assert sorted(wanted) == sorted(plain), "the area orders the list; it hides nothing"


def test_the_start_page_asks_about_the_area_in_plain_words(client, catalogue):
    page = soup(client.get("/"))
    fieldset = next(
        f
        for f in page.select("form#check-form fieldset")
        if f.select_one("legend").text.strip() == "Which kind of work interests you?"
    )
    choices = {
        i["value"]: page.select_one(f"label[for={i['id']}]").text.strip()
        for i in fieldset.select("input[type=radio][name=area]")
    }
    assert choices == {**dict(catalogue.families), "": "Not sure yet"}
    assert fieldset.select_one("input[value='']").has_attr("checked")


def test_a_facilities_seeker_sees_facilities_jobs_first(client, catalogue):
    family = "estates-and-facilities"
    if family not in dict(catalogue.families):
        pytest.skip("the data has no estates and facilities family")
    ticks = [("have", t) for t in ("teamwork", "customer-care", "literacy-skills")]
    page = soup(client.get("/", query_string=ticks + [("area", family)]))
    assert page.select_one(f"input[name=area][value={family}]").has_attr("checked")
    in_family = {r.id for r in catalogue.roles if r.family == family}
    near = [a["data-role"] for a in page.select("#one-step a[data-role]")]
    assert near and near[0] in in_family
    door_jobs = [a["data-role"] for a in page.select("#best-next-step a[data-role]")]
    assert door_jobs and door_jobs[0] in in_family
    assert "Estates and Facilities jobs, so they come first" in page.select_one("#options").text

    roles = soup(client.get("/roles", query_string=[("area", family)]))
    assert roles.select_one("main h2")["id"] == family
