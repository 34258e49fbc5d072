"""People from the seed guide's case studies and from real adverts, with the shape of the
route an adviser would expect written down, and the source it rests on.

Seed guide: NHS England, lived-experience leadership pathway guide
(../shared/sources/004_e4539447d1cc8395.txt), case study one (Administration and Business)
and case study two (Estates and Facilities). Adverts: docs/research/realism.md §2.
"""

from __future__ import annotations

import itertools
from datetime import date

from planner.pathways import Limits, find_routes
from planner.pathways.graph import index_of
from planner.pathways.model import band_rank
from planner.pathways.starting_point import start_of
from planner.pathways.testing import validate_route

ON = date(2026, 12, 1)
#: Personas are answered exactly: a generous budget, so a slow machine cannot change them.
EXACT = Limits(seconds=30, expansions=200_000)


def route_for(catalogue, graph, target, start=None, have=(), **answers):
    asked = start_of(index_of(graph), list(have), start, **answers)
    route = find_routes(graph, asked, target, on=ON, limit=1, limits=EXACT)[0]
    assert not route.best_effort
    validate_route(
        catalogue,
        route,
        target,
        start,
        on=ON,
        tenure=answers.get("weeks_in_role", 0),
        conditions=frozenset(answers.get("conditions", ())),
    )
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
    post allows (a year into band 4, two years into each band from 5). No degree
    apprenticeship: Health Careers says housekeeping and catering staff progress to supervisor
    and manager with training, and the facilities manager adverts ask for experience of
    leading teams, not a degree (Midlands Partnership 916245392, Dorset 916260267)."""
    route = route_for(
        catalogue, graph, "deputy-estates-and-facilities-manager", "facilities-team-leader"
    )
    roles = [catalogue.role(j) for j in ["facilities-team-leader", *jobs(route)]]
    for here, there in itertools.pairwise(roles):
        assert band_rank(there.band) <= band_rank(here.top) + 1
    assert {r.family for r in roles} == {"estates-and-facilities"}
    assert route.total_weeks >= 52 + 3 * 104
    assert not [s for s in route.steps if s.kind == "apprenticeship"]


def test_someone_with_nothing_yet_applies_for_a_domestic_job_directly(catalogue, graph):
    """Domestic posts need no experience: "whilst there is no experience required, we will fully
    train you" (916174201; 34 of 109 domestic adverts say so). Out of work, the route is the
    application itself, not six months of volunteering first (issue 19)."""
    route = route_for(catalogue, graph, "domestic-assistant")
    assert [s.kind for s in route.steps] == ["role"]
    assert jobs(route) == ["domestic-assistant"]


def test_a_prison_leaver_to_porter(catalogue, graph):
    """Out of work after prison, nothing to show yet: porter posts need no experience
    (realism.md §2: 916252864, 916257388), so the route is the application, in about 14
    weeks. No page or step mentions a conviction."""
    route = route_for(catalogue, graph, "porter")
    assert jobs(route) == ["porter"]
    assert route.total_weeks <= catalogue.progression.hire_weeks
    assert not any("conviction" in s.title.lower() for s in route.steps)


def test_an_estates_technician_has_served_an_apprenticeship(catalogue, graph):
    """Estates Technician advert, Leeds (916249401, band 5): "served apprenticeship and NVQ 3";
    band 5 trade adverts ask for 3 years in the trade (916240640). From a band 2 estates job
    the route is a Level 3 trade apprenticeship in that job, then the trade jobs at bands 3
    and 4, then the technician job."""
    route = route_for(catalogue, graph, "estates-technician", "estates-assistant")
    apprenticeships = [s.id for s in route.steps if s.kind == "apprenticeship"]
    assert apprenticeships and all("level-3" in a for a in apprenticeships)
    bands = [catalogue.role(j).band for j in jobs(route)]
    assert bands == ["3", "4", "5"] and jobs(route)[-1] == "estates-technician"


def test_a_19_year_old_out_of_work_is_offered_the_kings_trust_and_a_34_year_old_is_not(
    catalogue, graph
):
    """The King's Trust Get into programme is for 16 to 30s ("provides 16 to 30-year-olds with
    free training courses", Royal Wolverhampton 2024): offered to someone who says they are 19
    (age 16 to 21 on the start page), never to someone who says they are 34. Security officers
    need customer care (Health Careers), which the programme gives in 4 weeks."""
    kings_trust = "king-s-trust-get-into-programme"
    young = route_for(
        catalogue,
        graph,
        "security-officer",
        conditions={"out-of-work", "under-22", "aged-16-to-30"},
    )
    assert young.steps[0].id == kings_trust and young.steps[0].way_in
    older = route_for(catalogue, graph, "security-officer", conditions={"out-of-work"})
    assert kings_trust not in steps(older)
    assert older.steps[0].way_in  # another way in, open to any age


def test_domestic_assistant_to_facilities_manager_without_a_degree_apprenticeship(catalogue, graph):
    """Issue 19: a four-year degree apprenticeship was bolted on because a degree was a hard
    gate. Health Careers: housekeeping and catering staff progress to supervisor and manager
    with training; facilities manager adverts ask for experience of leading teams, none for a
    degree (Midlands Partnership 916245392, Dorset 916260267). The route climbs the facilities
    ladder, a band at a time, with no apprenticeship at all."""
    route = route_for(catalogue, graph, "facilities-manager", "domestic-assistant")
    assert not [s for s in route.steps if s.kind == "apprenticeship"]
    assert "degree-or-equivalent" not in catalogue.role("facilities-manager").requires
    bands = [catalogue.role(j).band for j in jobs(route)]
    assert bands == ["3", "4", "5"]


def test_an_electrician_from_outside_gets_the_electrician_job_first(catalogue, graph):
    """A time-served electrician from outside the NHS, aiming for Estates Officer (adverts: "a
    time served craftsperson ... HNC/HND or equivalent in an engineering discipline",
    916222525). He holds what the electrician job asks for, so that is his first job; the HNC
    (two years part time, Kingston College) is done while working, not a management
    apprenticeship or a team leader post."""
    have = [
        "electrical-qualification-level-3",
        "trade-experience",
        "18th-edition-wiring-regulations",
    ]
    route = route_for(catalogue, graph, "estates-officer", have=have)
    assert jobs(route)[0] == "electrician"
    assert "hnc-in-engineering-part-time" in steps(route)
    assert not [s for s in route.steps if s.kind == "apprenticeship"]
    assert "tradesperson-team-leader" not in jobs(route)


def test_estates_officer_to_estates_manager_is_the_next_step(catalogue, graph):
    """The estates profiles put Estates Manager (band 7) right above Estates Officer (band 6);
    Health Careers: no set entry requirements. The old answer was "It would need a step
    down, a jump of two bands, or a move up into a new kind of work": none was true."""
    route = route_for(catalogue, graph, "estates-manager", "estates-officer")
    assert jobs(route) == ["estates-manager"]
    assert route.total_weeks <= 104 + catalogue.progression.hire_weeks


def test_a_security_officer_climbs_the_security_ladder(catalogue, graph):
    """Health Careers: security staff start at band 2 and "could apply for more senior positions
    at band 3"; nidirect: "promoted to more senior jobs such as supervisor, and could become a
    security manager". A security officer becomes a supervisor after a year of security work,
    not by way of the cleaning ladder or a degree."""
    route = route_for(catalogue, graph, "security-supervisor", "security-officer")
    assert jobs(route) == ["security-supervisor"]
    assert not [s for s in route.steps if s.kind == "apprenticeship"]
    manager = route_for(catalogue, graph, "security-manager", "security-officer")
    assert jobs(manager)[0] == "security-supervisor"
    assert not [s for s in manager.steps if s.id == "degree-or-equivalent" or "degree" in s.id]


def test_kitchen_work_routes_through_catering(catalogue, graph):
    """A man whose experience is kitchen work (issue 16's persona, issue 19): Health Careers
    says some catering experience is an advantage for catering assistants, so among first jobs
    as fast, his route goes through Catering Assistant, not Gardener or Domestic Assistant."""
    for target in ("facilities-team-leader", "catering-supervisor"):
        route = route_for(catalogue, graph, target, have=["kitchen-or-catering-experience"])
        assert jobs(route)[0] == "catering-assistant", (target, jobs(route))


def test_a_change_into_admin_starts_at_an_entry_job(catalogue, graph):
    """Issue 19: "estates and facilities staff can never move to admin" (272 questions). An
    estates tradesperson who wants an admin job starts again at an entry job that is admin work
    (an estates admin job or a band 2 admin job) and climbs; never straight up into a new kind
    of work."""
    route = route_for(catalogue, graph, "admin-assistant", "tradesperson")
    first = catalogue.role(jobs(route)[0])
    assert first.entry_point and first.band == "2"
    assert "administration-focused" in (first.route, *first.transferable_to)
