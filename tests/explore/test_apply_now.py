"""Where a page says "Apply now", the way to act is beside it: NHS Jobs' search for the job.

Regression: "Apply now" was a tag, and the NHS Jobs link sat at the bottom of the job's
page, 3,880 px down on a phone.
"""

from __future__ import annotations

import pytest

from tests.helpers import soup

TICKS = "have=teamwork&have=literacy-skills&have=customer-care"


@pytest.mark.parametrize(
    "url",
    [
        f"/roles/porter?{TICKS}",
        f"/route?to=porter&{TICKS}",
        f"/compare?job=porter&job=admin-team-lead&{TICKS}",
    ],
)
def test_apply_now_comes_with_a_link_to_the_jobs_on_nhs_jobs(client, url):
    page = soup(client.get(url))
    line = page.select_one("main .app-apply-now")
    assert line.select_one(".nhsuk-tag").text == "Apply now"
    link = line.select_one("a.app-outside")
    assert link["href"] == "https://www.jobs.nhs.uk/candidate/search/results?keyword=Porter"
    assert "Search NHS Jobs for Porter" in link.text


def test_on_the_jobs_page_the_link_comes_before_anything_else_after_the_title(client):
    main = soup(client.get(f"/roles/porter?{TICKS}")).select_one("main")
    first = main.select_one("h1").find_next("p")
    assert "app-apply-now" in first["class"]


def test_no_apply_now_line_for_a_job_that_is_not_open_yet(client):
    page = soup(client.get(f"/roles/admin-team-lead?{TICKS}"))
    assert page.select_one(".app-apply-now") is None
