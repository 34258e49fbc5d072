"""People from the seed guide's case studies and from real adverts, with the shape of the
route an adviser would expect written down, and the source it rests on.

Seed guide: NHS England, lived-experience leadership pathway guide
(../shared/sources/004_e4539447d1cc8395.txt), case study one (Administration and Business)
and case study two (Estates and Facilities). Adverts: docs/research/realism.md §2.
"""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from planner.catalogue import load_catalogue
from planner.pathways import Limits, build_graph, find_routes
from planner.pathways.graph import index_of
from planner.pathways.model import band_rank
from planner.pathways.starting_point import start_of
from planner.pathways.testing import validate_route

ON = date(2026, 12, 1)
#: Personas are answered exactly: a generous budget, so a slow machine cannot change them.
EXACT = Limits(seconds=30, expansions=200_000)


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="module")
def graph(catalogue):
    return build_graph(catalogue)


def route_for(catalogue, graph, target, start=None, have=(), **answers):
    asked = start_of(index_of(graph), list(have), start, **answers)
    route = find_routes(graph, asked, target, on=ON, limit=1, limits=EXACT)[0]
    assert not route.best_effort
    validate_route(catalogue, route, target, start, on=ON, tenure=answers.get("weeks_in_role", 0))
    return route


def jobs(route) -> list[str]:
    return [s.id for s in route.steps if s.kind == "role"]


def steps(route) -> list[str]:
    return [s.id for s in route.steps]


def test_admin_assistant_to_team_leader(catalogue, graph):
    """Case study one, "from Administration Assistant to Team Leader" (pathways one and two):
    one move up, after a year in post (adverts ask for 12 to 24 months), with what a band 4
    job asks for (four GCSEs or equivalent, office experience) gained on the way."""
    route = route_for(catalogue, graph, "admin-team-lead", "admin-assistant")
    assert jobs(route) == ["admin-team-lead"]
    assert route.total_weeks >= 52 + catalogue.progression.hire_weeks
    assert "a-year-in-your-admin-job-before-moving-up" in steps(route)


def test_team_leader_to_admin_manager(catalogue, graph):
    """Case study one, "from Team Leader to Administration Manager": a Level 4 qualification or
    equivalent and a year leading a team, in the team leader job (South Tees Admin Manager
    advert 916250652: supervisory or management experience)."""
    route = route_for(catalogue, graph, "admin-manager", "admin-team-lead")
    assert jobs(route) == ["admin-manager"]
    assert "a-year-leading-a-team" in steps(route)
    qualifications = {s.id for s in route.steps if s.kind in ("course", "apprenticeship")}
    level_4_or_more = [i for i in qualifications if catalogue.learning_item(i).level >= 4]
    assert level_4_or_more, qualifications


def test_an_early_school_leaver_climbs_from_band_2_to_band_7_one_band_at_a_time(catalogue, graph):
    """Case study one, pathway three: Apprentice Administration Assistant (band 2) to
    Departmental Admin Manager (band 7), "many people with convictions are early school
    leavers": every band from 2 to 7 in turn, and no faster than the sourced time in post
    (a year into bands 3 to 5, two years into 6 and 7) and hiring allow. The old planner
    said four and a half years by jumping bands."""
    route = route_for(
        catalogue, graph, "departmental-admin-manager", "apprentice-administration-assistant"
    )
    bands = [
        band_rank(catalogue.role(j).band)
        for j in ["apprentice-administration-assistant", *jobs(route)]
    ]
    assert bands == sorted(bands)
    assert {band_rank(b) for b in "234567"} <= set(bands)
    least = 3 * 52 + 2 * 104 + 5 * catalogue.progression.hire_weeks
    assert route.total_weeks >= least  # over eight years
    assert any(s.id == "business-administrator-apprenticeship-level-3" for s in route.steps)


def test_admin_and_business_routes_cross_freely(catalogue, graph):
    """Case study one: "candidates can cross from the Administration-focused route into the
    Business-focused route" (one family in the data)."""
    assert catalogue.role("admin-assistant").family == catalogue.role("business-manager").family
    route = route_for(catalogue, graph, "business-support-officer", "admin-assistant")
    assert jobs(route) == ["business-support-officer"]


def test_estates_assistant_to_estates_support_officer(catalogue, graph):
    """Case study two, "from Estates Assistant to Estates Support Officer": a year in post, two
    GCSEs or equivalent (Functional Skills Level 2, side by side) and administrative
    experience."""
    route = route_for(catalogue, graph, "estates-support-officer", "estates-assistant")
    assert jobs(route)[-1] == "estates-support-officer"
    assert route.total_weeks >= 52 + catalogue.progression.hire_weeks
    fs = [s for s in route.steps if s.id.startswith("functional-skills-") and "level-2" in s.id]
    assert len(fs) == 2


def test_facilities_team_leader_to_deputy_estates_and_facilities_manager(catalogue, graph):
    """Case study two, "from Facilities Team Leader to Deputy Estates and Facilities Manager"
    (band 3 to 7): up the facilities ladder a band at a time, never faster than the time in
    post allows (a year into band 4, two years into each band from 5), with a degree or
    equivalent the band 7 job asks for."""
    route = route_for(
        catalogue, graph, "deputy-estates-and-facilities-manager", "facilities-team-leader"
    )
    roles = [catalogue.role(j) for j in ["facilities-team-leader", *jobs(route)]]
    for here, there in itertools.pairwise(roles):
        assert band_rank(there.band) <= band_rank(here.top) + 1
    assert {r.family for r in roles} == {"estates-and-facilities"}
    assert route.total_weeks >= 52 + 3 * 104
    gives_degree = [s for s in route.steps if "degree-or-equivalent" in s.gains]
    assert gives_degree


def test_someone_with_nothing_yet_starts_with_a_way_in_then_a_band_2_job(catalogue, graph):
    """Case study two: Foundation Level 1 skills come from volunteer roles and ways in; they
    lead to band 2 (domestic posts need no experience: adverts 916252864, 916257388)."""
    route = route_for(catalogue, graph, "domestic-assistant")
    first = route.steps[0]
    assert first.way_in or first.id == "volunteering-or-a-work-placement"
    assert jobs(route) == ["domestic-assistant"]
    assert route.total_weeks < 52


def test_a_prison_leaver_to_porter(catalogue, graph):
    """Out of work after prison, nothing to show yet: a short way in (a trust pre-employment
    programme or a sector-based work academy, both sourced) then the porter job, under a
    year. No page or step mentions a conviction."""
    route = route_for(catalogue, graph, "porter")
    assert route.steps[0].way_in
    assert jobs(route) == ["porter"]
    assert route.total_weeks <= 26
    assert not any("conviction" in s.title.lower() for s in route.steps)


def test_an_estates_technician_has_served_an_apprenticeship(catalogue, graph):
    """Estates Technician advert, Leeds (916249401): "served apprenticeship and NVQ 3". From a
    band 2 estates job the route is the trade apprenticeship in that job, then a year in a
    trade as a craftsperson, then the technician job."""
    route = route_for(catalogue, graph, "estates-technician", "estates-assistant")
    apprenticeships = [s.id for s in route.steps if s.kind == "apprenticeship"]
    assert apprenticeships and all("level-3" in a for a in apprenticeships)
    assert jobs(route) == ["craftsperson", "estates-technician"]
