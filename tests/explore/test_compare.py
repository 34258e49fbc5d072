"""Compare up to three jobs side by side: reached from the explore and job pages, carrying answers."""

from __future__ import annotations

import pytest

from planner.explore.compare import MAX_JOBS
from planner.explore.labels import dbs_words
from tests.helpers import soup

ROWS = [
    "Kind of work",
    "Band and pay",
    "What it does",
    "What you must have",
    "It helps to have",
    "DBS check",
    "Where it can lead",
    "Next step",
]


def _jobs(catalogue, n: int) -> list[str]:
    """n jobs from different places in the data."""
    roles = list(catalogue.roles)
    return [roles[i * len(roles) // n].id for i in range(n)]


def test_three_jobs_side_by_side(client, catalogue):
    jobs = _jobs(catalogue, 3)
    page = soup(client.get("/compare", query_string=[("job", j) for j in jobs]))
    table = page.select_one("main table.app-compare")
    heads = [a["data-role"] for a in table.select("thead th a[data-role]")]
    assert heads == jobs
    rows = [th.text.strip() for th in table.select("tbody th[scope=row]")]
    assert rows == ROWS
    for row in table.select("tbody tr"):
        cells = row.select("td")
        assert len(cells) == 3
        # On a phone each cell is labelled with its job.
        labels = [c.select_one(".nhsuk-table__heading").text.strip() for c in cells]
        assert labels == [catalogue.role(j).title for j in jobs]
    dbs = [c.text.strip() for c in table.select("tbody tr")[5].select(".app-compare__cell")]
    assert dbs == [f"Usually {dbs_words(catalogue.role(j)).short}." for j in jobs]
    pay = table.select("tbody tr")[1].select(".app-compare__cell")[0].text
    assert f"Band {catalogue.role(jobs[0]).band}" in pay and "£" in pay


def test_what_you_have_is_marked_in_each_job(client, catalogue):
    role = next(r for r in catalogue.roles if len(r.requires) >= 2)
    other = next(r for r in catalogue.roles if r.id != role.id)
    query = [("job", role.id), ("job", other.id), ("have", role.requires[0])]
    page = soup(client.get("/compare", query_string=query))
    needs = page.select("main table.app-compare tbody tr")[4].select("td")[0]
    tags = [t.text.strip() for t in needs.select(".nhsuk-tag")]
    assert tags.count("You have this") >= 1
    assert "You need this" in tags
    assert page.select_one("main table.app-compare th", string="Could you apply now?")


def test_nothing_is_marked_when_we_do_not_know_what_you_have(client, catalogue):
    page = soup(client.get("/compare", query_string=[("job", j) for j in _jobs(catalogue, 2)]))
    assert not page.select("main table.app-compare .nhsuk-tag:not(.app-band-tag)")
    rows = [th.text.strip() for th in page.select("main table.app-compare tbody th")]
    assert "Could you apply now?" not in rows


@pytest.mark.parametrize("n", [0, 1])
def test_fewer_than_two_jobs_asks_for_more(client, catalogue, n):
    page = soup(client.get("/compare", query_string=[("job", j) for j in _jobs(catalogue, 2)[:n]]))
    assert "Choose at least 2 jobs to compare them." in page.select_one("main").text
    selects = page.select("form#compare-choose select[name=job]")
    assert len(selects) == MAX_JOBS
    chosen = [s.select_one("option[selected]") for s in selects]
    assert [o["value"] for o in chosen if o and o["value"]] == _jobs(catalogue, 2)[:n]


def test_more_than_three_shows_the_first_three_and_says_so(client, catalogue):
    jobs = _jobs(catalogue, 5)
    page = soup(client.get("/compare", query_string=[("job", j) for j in jobs + [jobs[0]]]))
    heads = [a["data-role"] for a in page.select("main table.app-compare thead a[data-role]")]
    assert heads == jobs[:3]
    assert "You chose 5 jobs. We can show 3 at a time" in page.select_one("main").text


def test_an_unknown_job_gets_a_page_with_the_nearest_jobs(client, catalogue):
    real = catalogue.roles[0].id
    response = client.get(f"/compare?job={real}&job={real}x&have=teamwork")
    assert response.status_code == 404
    page = soup(response)
    assert page.select_one("main h1").text.strip() == "We cannot find that job"
    fix = next(a for a in page.select("main a") if a.text.strip() == catalogue.role(real).title)
    assert fix["href"].count(f"job={real}") == 2 and "have=teamwork" in fix["href"]


def test_compare_is_reached_from_the_explore_and_job_pages(client, catalogue, some_ticks):
    have = [("have", t) for t in some_ticks]
    roles = soup(client.get("/roles", query_string=have))
    form = roles.select_one("form#compare-form")
    assert form["action"] == "/compare" and form["method"] == "get"
    boxes = {i["value"] for i in form.select("input[type=checkbox][name=job]")}
    assert boxes == {r.id for r in catalogue.roles}
    for box in form.select("input[type=checkbox][name=job]")[:5]:
        label = " ".join(form.select_one(f"label[for={box['id']}]").get_text(" ").split())
        assert label == f"Compare {catalogue.role(box['value']).title}"
    assert form.select_one("button[type=submit]")

    role = catalogue.roles[0]
    page = soup(client.get(f"/roles/{role.id}", query_string=have))
    link = page.select_one(f"main a[data-compare={role.id}]")
    assert link["href"].startswith("/compare?") and f"job={role.id}" in link["href"]
    assert f"have={some_ticks[0]}" in link["href"]
    compare = soup(client.get(link["href"]))
    assert (
        compare.select_one("form#compare-choose select#job-1 option[selected]")["value"] == role.id
    )
