"""The three people of issue 16's "Done when", and the porter and kitchen cases, as the pages
tell them, with the sources the expected answers rest on.

1. Released six months ago, heading for Security Officer: told about the SIA licence and its
   two-year rule before any step (NHS Jobs adverts 916246999, 916260214; the SIA's
   criminality criteria; GOV.UK on the December 2025 criteria).
2. In prison, release in eight months, heading for Catering Supervisor: the route starts at
   release, and what comes before it can be done inside (Prison Education Service courses,
   ROTL within two years, the Employment Hub at 12 weeks; data/nhs_bands.json ``prison``).
3. On probation with a band 2 job, heading for Porter and then Facilities Team Leader: the
   porter route explains barred lists (eSafeguarding, Unlock, NHS Employers' porter scenario).
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from planner import create_app
from tests.conftest import NO_LIMITS
from tests.helpers import soup

TODAY = date(2026, 12, 3)


@pytest.fixture
def client(tmp_path):
    app = create_app(
        {"TESTING": True, "DATABASE": str(tmp_path / "p.sqlite"), "TODAY": TODAY, **NO_LIMITS}
    )
    return app.test_client()


def _order(page, first: str, second: str) -> bool:
    """``first`` comes before ``second`` in the page."""
    html = page.decode()
    return 0 <= html.find(first) < html.find(second)


def test_released_six_months_ago_security_officer_hears_the_licence_rule_first(client):
    page = soup(
        client.get("/route?to=security-officer&status=not-working&have=customer-care&have=teamwork")
    )
    warning = page.select_one("#route-1-warnings")
    assert warning, "no warning before the steps"
    text = " ".join(warning.get_text(" ").split())
    assert "SIA security guard licence" in text
    assert "from the last 2 years, counted from the end of the sentence" in text
    assert warning.select_one("a[href^='https://www.gov.uk/guidance/check-if-you-can-get-an-sia']")
    assert _order(page, 'id="route-1-warnings"', 'id="route-1-steps"')
    job = soup(client.get("/roles/security-officer?status=not-working"))
    assert "2 years" in job.select_one(".app-record").get_text(" ")


def _release_in(months: int) -> tuple[str, str]:
    month = TODAY.month + months
    year = TODAY.year + (month - 1) // 12
    return str((month - 1) % 12 + 1), str(year)


def test_in_prison_for_eight_more_months_the_route_starts_at_release(client):
    month, year = _release_in(8)
    response = client.get(
        "/route",
        query_string={
            "to": "catering-supervisor",
            "status": "in-prison",
            "release_month": month,
            "release_year": year,
            "have": "kitchen-or-catering-experience",
        },
    )
    page = soup(response)
    before = page.select_one("#route-1 .app-before-release")
    assert before and "August 2027" in before.get_text()
    kinds = [li["data-inside"] for li in before.select("li[data-inside]")]
    assert {"rotl", "hub", "apply"} <= set(kinds)
    # What is dated inside can be done inside: courses prisons teach, ROTL, the hub.
    for course in before.select("li[data-inside=course]"):
        assert course["data-ref"] in {
            "functional-skills-english-level-2-course",
            "level-2-food-safety-and-hygiene-for-catering",
            "functional-skills-maths-level-2-course",
            "functional-skills-english-level-1-course",
            "functional-skills-maths-level-1-course",
            "essential-digital-skills-course",
            "digital-functional-skills-level-1-course",
            "level-2-award-in-health-and-safety-in-the-workplace",
            "level-2-certificate-in-principles-of-customer-service",
        }
    # The first job starts after release (August 2027), never before.
    first_job = page.select("#route-1-steps > li.app-step--role")[0].get_text(" ")
    start = re.search(r"You could start about (\w+ \d{4})", first_job).group(1)
    assert datetime.strptime(start, "%B %Y").date() >= date(2027, 8, 1)
    assert _order(page, "Before you are released", "After you are released")


def test_in_prison_without_a_release_month_is_asked_for_it(client):
    page = soup(client.get("/route?to=porter&status=in-prison"))
    assert page.select_one(".app-release-unknown a[href*='#about-you-questions']")
    assert not page.select_one(".app-before-release")


def test_on_probation_with_a_band_2_job_the_porter_route_explains_barred_lists(client):
    to_porter = soup(client.get("/route?from=domestic-assistant&to=porter"))
    warning = " ".join(to_porter.select_one("#route-1-warnings").get_text(" ").split())
    assert "If you are on the adults' barred list, you cannot do the parts of this job" in warning
    assert "do not check the barred list" in warning
    porter = soup(client.get("/roles/porter?role=domestic-assistant"))
    assert [a["data-role"] for a in porter.select(".app-stays-open a")]
    onwards = soup(client.get("/route?from=porter&to=facilities-team-leader"))
    assert onwards.select_one("#route-1-steps")
    leader = soup(client.get("/roles/facilities-team-leader?role=porter"))
    assert "declaration form A" in leader.select_one("[data-stage=declaration]").get_text(" ")


def test_kitchen_work_inside_is_routed_through_catering(client):
    page = soup(
        client.get(
            "/route?to=catering-supervisor&status=not-working&have=kitchen-or-catering-experience"
        )
    )
    first_job = page.select("#route-1-steps > li.app-step--role")[0]
    assert "Catering Assistant" in first_job.get_text()
