"""Every link and form in the service carries the person's answers on (never a cookie).

The answers: ``status``, the current job (``role``, or ``from`` on the route page and
when saving a plan), the ticked ``have``, the chosen job ``to``, the ``area`` of work,
``adviser`` (larger print, with the key of the person's visit), and the optional ``time_in_job``,
``time_in_nhs`` and ``age``. On the explore pages every link in the page is checked; on pages
other engineers own (plans, the spent checker) the shared layout's menu and footer.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.helpers import soup

#: Links that on purpose change the answers: "Next person" and "Start again" (marked with data
#: attributes) clear them, and this one turns adviser mode off.
ADVISER_OFF = "Turn off larger print"
#: The key of one person's visit in larger print (what ``adviser=1`` becomes).
VISIT = "Visit-01"


@pytest.fixture
def answers(catalogue, some_ticks, target) -> dict[str, list[str]]:
    role = min(catalogue.roles, key=lambda r: r.band).id
    return {
        "status": ["nhs-role"],
        "role": [role],
        "have": some_ticks,
        "to": [target],
        "area": [catalogue.families[-1][0]],
        "adviser": [VISIT],
        "time_in_job": ["1-to-2-years"],
        "time_in_nhs": ["over-2-years"],
        "age": ["22-to-30"],
    }


def _query(answers: dict[str, list[str]], role_name: str = "role") -> str:
    pairs = []
    for name, values in answers.items():
        pairs += [(role_name if name == "role" else name, v) for v in values]
    return "&".join(f"{k}={v}" for k, v in pairs)


def _pages(target: str) -> list[tuple[str, str, str]]:
    """(path, role name in its address, which links to check)."""
    return [
        ("/", "role", "main, header, footer"),
        ("/roles", "role", "main, header, footer"),
        (f"/roles/{target}", "role", "main, header, footer"),
        ("/compare?job=porter&job=caretaker", "role", "main, header, footer"),
        ("/route", "from", "main, header, footer"),
        ("/help", "role", "main, header, footer"),
        ("/help/words", "role", "header, footer"),
        ("/accessibility", "role", "main, header, footer"),
        ("/privacy", "role", "header, footer"),
        ("/working-with-someone", "role", "header, footer"),
        ("/plans/import", "role", "header, footer"),
        ("/check-spent", "role", "header, footer"),
    ]


def _check_link(href: str, answers: dict[str, list[str]]) -> list[str]:
    url = urlsplit(href)
    query = parse_qs(url.query)
    role_name = "from" if url.path == "/route" else "role"
    problems = []
    for name, values in answers.items():
        key = role_name if name == "role" else name
        got = query.get(key, [])
        # A link to one job's route or page may name that job instead of the chosen one.
        ok = len(got) == 1 if name == "to" else sorted(got) == sorted(values)
        if not ok:
            problems.append(f"{href}: {key}={got}, expected {values}")
    return problems


@pytest.mark.parametrize("index", range(12))
def test_every_link_carries_the_answers(client, answers, target, index):
    path, role_name, where = _pages(target)[index]
    sep = "&" if "?" in path else "?"
    response = client.get(f"{path}{sep}{_query(answers, role_name)}")
    assert response.status_code == 200, path
    page = soup(response)
    checked, problems = 0, []
    for link in page.select(", ".join(f"{part} a[href^='/']" for part in where.split(", "))):
        if link.has_attr("data-next-person") or link.has_attr("data-start-again"):
            continue
        if link["href"].startswith("/static/") or link.get_text(" ").strip() == ADVISER_OFF:
            continue
        checked += 1
        problems += _check_link(link["href"], answers)
    assert checked >= 8, f"{path}: only {checked} links checked"
    assert not problems, "\n".join(problems)


def test_start_again_clears_the_answers_and_next_person_closes_the_visit(client, answers):
    page = soup(client.get(f"/?{_query(answers)}"))
    assert page.select_one("[data-start-again]")["href"] == f"/?adviser={VISIT}"
    assert page.select_one("[data-next-person]")["href"] == f"/next-person?adviser={VISIT}"


def test_larger_print_turned_on_by_address_goes_on_with_a_visit_key(client, some_ticks):
    have = "&".join(f"have={t}" for t in some_ticks)
    response = client.get(f"/roles?{have}&adviser=1")
    assert response.status_code == 303
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["have"] == some_ticks and query["adviser"][0] != "1"
    page = soup(client.get(response.headers["Location"]))
    assert page.select_one("html.app-adviser")
    hrefs = [a["href"] for a in page.select("header a, main a[href^='/'], footer a")]
    assert all(f"adviser={query['adviser'][0]}" in h for h in hrefs if "adviser" in h)
    assert not [h for h in hrefs if "adviser=1" in h]


def test_without_adviser_mode_start_again_is_a_clean_start(client, some_ticks):
    page = soup(client.get("/", query_string=[("have", t) for t in some_ticks]))
    assert page.select_one("[data-start-again]")["href"] == "/"
    assert not page.select_one("[data-next-person]")


def test_adviser_mode_can_be_turned_on_and_off_from_any_page(client, some_ticks, target):
    have = "&".join(f"have={t}" for t in some_ticks)
    page = soup(client.get(f"/roles/{target}?{have}"))
    on = next(a for a in page.select("footer a") if a.text.strip() == "Larger print")
    assert on["href"].startswith(f"/roles/{target}?") and "adviser=" in on["href"]
    assert not page.select_one("html.app-adviser")
    page = soup(client.get(on["href"]))
    assert page.select_one("html.app-adviser")
    off = next(a for a in page.select("a") if a.text.strip() == ADVISER_OFF)
    assert "adviser" not in off["href"] and f"have={some_ticks[0]}" in off["href"]


@pytest.mark.parametrize(
    ("path", "form_id", "asks"),
    [
        (
            "/",
            "check-form",
            {"status", "role", "have", "area", "time_in_job", "time_in_nhs", "age"},
        ),
        ("/route", "route-form", {"to"}),
        ("/roles", "compare-form", {"job"}),
        ("/compare?job=porter", "compare-choose", {"job"}),
    ],
)
def test_every_get_form_carries_the_answers_it_does_not_ask(client, answers, path, form_id, asks):
    role_name = "from" if path == "/route" else "role"
    sep = "&" if "?" in path else "?"
    page = soup(client.get(f"{path}{sep}{_query(answers, role_name)}"))
    form = page.select_one(f"form#{form_id}")
    hidden = {}
    for field in form.select("input[type=hidden]"):
        hidden.setdefault(field["name"], []).append(field["value"])
    for name, values in answers.items():
        key = role_name if name == "role" else name
        if key in asks:
            assert key not in hidden, f"{key} is asked for and also sent hidden"
            assert form.select_one(f"[name={key}]"), key
        else:
            assert sorted(hidden.get(key, [])) == sorted(values), key


def test_save_as_plan_carries_every_answer(client, answers):
    page = soup(client.get(f"/route?{_query(answers, 'from')}"))
    forms = page.select("form.app-save-plan")
    assert forms
    for form in forms:
        hidden = {}
        for field in form.select("input[type=hidden]"):
            hidden.setdefault(field["name"], []).append(field["value"])
        for name, values in answers.items():
            key = "from" if name == "role" else name
            assert sorted(hidden.get(key, [])) == sorted(values), key


def test_change_what_you_have_comes_back_to_the_same_job(client, some_ticks, target):
    have = "&".join(f"have={t}" for t in some_ticks)
    route = soup(client.get(f"/route?to={target}&{have}"))
    change = next(a for a in route.select("main a") if a.text.strip() == "Change what you have")
    start = soup(client.get(change["href"]))
    assert start.select_one(f"form#check-form input[type=hidden][name=to][value={target}]")
    back = start.select_one(f"#options .app-back-to-route a[data-route={target}]")
    assert back["href"].startswith("/route?") and f"to={target}" in back["href"]
    assert f"have={some_ticks[0]}" in back["href"]
