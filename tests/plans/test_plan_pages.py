"""The plan pages through the test client: the overview, one page per part, conflicts, CSRF."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from bs4 import BeautifulSoup

from planner.plans import store
from tests.plans.helpers import csrf_from, form_of

#: The key of one person's visit in larger print (what ``adviser=1`` becomes).
VISIT = "Visit-01"


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def tasks(client, token) -> list[tuple[str, str]]:
    """The task list as a person reads it: (title, status) for each step."""
    soup = page(client.get(f"/plans/{token}"))
    return [
        (
            li.select_one(".nhsuk-task-list__link").text,
            li.select_one(".nhsuk-task-list__status").text.strip(),
        )
        for li in soup.select(".nhsuk-task-list__item")
    ]


def edit(client, url: str, **changes):
    """Open an edit page, change some fields as a person would, and send it."""
    data = form_of(client.get(url).get_data(as_text=True))
    data.update({k.replace("_", "-"): v for k, v in changes.items()})
    return client.post(url, data=data)


def test_a_route_becomes_a_plan_in_one_click(client, make_plan, db):
    token = make_plan(to="admin-team-lead", have=("teamwork",))
    response = client.get(f"/plans/{token}")
    assert response.status_code == 200
    soup = page(response)
    assert soup.select_one("h1").text == "Your NHS career plan"
    assert soup.select_one(".nhsuk-lede-text").text == "Goal: Admin Team Lead"
    steps = tasks(client, token)
    assert steps[0] == ("Start as an Admin Team Lead", "Not started")
    assert any(title.startswith("Enrol on ") for title, _ in steps)
    assert soup.select_one("#plan-progress")["value"] == "0"
    assert "Your plan is saved" in soup.select_one(".app-saved").text
    assert store.table_counts(db)["plans"] == 1


def test_the_plan_is_a_task_list_with_one_page_per_step(client, make_plan):
    token = make_plan()
    soup = page(client.get(f"/plans/{token}"))
    links = [a["href"] for a in soup.select(".nhsuk-task-list__link")]
    assert links == [f"/plans/{token}/items/{n}" for n in range(len(links))]
    assert not soup.select("input[type=date]"), "browser date boxes are gone"
    assert [f["action"] for f in soup.select("main form")] == [f"/plans/{token}/print"]
    for row in soup.select(".nhsuk-summary-list__actions a"):
        assert client.get(row["href"]).status_code == 200, row["href"]


def test_plan_pages_are_private(client, make_plan):
    token = make_plan()
    for url in (
        f"/plans/{token}",
        f"/plans/{token}/items/1",
        f"/plans/{token}/agree",
        f"/plans/{token}/share",
        f"/plans/{token}.pdf",
        f"/plans/{token}.json",
    ):
        response = client.get(url)
        assert response.headers["Cache-Control"] == "no-store", url
        assert "noindex" in response.headers["X-Robots-Tag"], url
        assert response.headers["Referrer-Policy"] == "same-origin", url


def test_hsts_is_sent_over_https(client, make_plan):
    token = make_plan()
    response = client.get(f"/plans/{token}", base_url="https://localhost")
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]


def test_an_item_page_changes_one_step_and_marks_it_done(client, make_plan):
    token = make_plan()
    url = f"/plans/{token}/items/1"
    soup = page(client.get(url))
    assert [i["name"] for i in soup.select(".nhsuk-date-input input")] == [
        "target-date-day",
        "target-date-month",
        "target-date-year",
    ]
    response = edit(
        client,
        url,
        title="Enrol on the digital skills course",
        target_date_day="9",
        target_date_month="3",
        target_date_year="2027",
        status="done",
        note="Starts in January",
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/plans/{token}#items")
    assert tasks(client, token)[1] == ("Enrol on the digital skills course", "Done")
    soup = page(client.get(url))
    assert soup.select_one("#note").text == "Starts in January"
    assert soup.select_one("#target-date-day")["value"] == "9"
    assert soup.select_one("#status-done").has_attr("checked")


def test_next_steps_come_from_the_plans_own_steps(client, make_plan):
    """Marking the first step done moves the next steps on to the plan's next step."""
    token = make_plan(to="admin-team-lead", have=("teamwork", "literacy-skills"))

    def next_steps():
        soup = page(client.get(f"/plans/{token}"))
        assert "quickest route" not in soup.select_one("main").text
        return [a["href"].rsplit("/", 1)[1] for a in soup.select(".app-next a")]

    first = next_steps()
    assert len(first) == 3
    edit(client, f"/plans/{token}/items/{first[0]}", status="done")
    after = next_steps()
    assert first[0] not in after and after[:2] == first[1:]
    steps = tasks(client, token)
    titles = [title for title, _ in steps]
    shown = [a.text for a in page(client.get(f"/plans/{token}")).select(".app-next a")]
    assert all(steps[titles.index(t)][1] != "Done" for t in shown)


def test_progress_counts_the_steps_done_and_the_goal_date_is_the_plans_own(client, make_plan):
    """Regression: "You are 0% of the way" after a step was done, and "about 1 year ... by
    about March 2028" for 15 months: both came from a new route search, not the plan."""
    token = make_plan()
    steps = tasks(client, token)[1:]  # the goal is where the steps lead
    first = next(n for n, (t, _) in enumerate(tasks(client, token)) if t.startswith("Enrol"))
    edit(client, f"/plans/{token}/items/{first}", status="done")
    soup = page(client.get(f"/plans/{token}"))
    line = soup.select_one(".app-progress label").text
    assert f"You have done 1 of {len(steps)} steps towards Business Admin Assistant." in line
    assert 0 < int(soup.select_one("#plan-progress")["value"]) < 100
    goal = page(client.get(f"/plans/{token}/items/0"))
    goal_date = date(
        *(
            int(goal.select_one(f"#target-date-{part}")["value"])
            for part in ("year", "month", "day")
        )
    )
    assert f"by {goal_date:%B %Y}" in line


def test_add_and_remove_steps_and_review_dates(client, make_plan):
    token = make_plan()
    before = tasks(client, token)
    response = edit(
        client,
        f"/plans/{token}/items/new",
        title="Ask about shadowing a team leader",
        kind="milestone",
        target_date_day="1",
        target_date_month="6",
        target_date_year="2027",
    )
    assert response.status_code == 303
    after = tasks(client, token)
    assert after[-1] == ("Ask about shadowing a team leader", "Not started")
    added = len(after) - 1
    assert client.get(f"/plans/{token}/items/{added}/remove").status_code == 200
    assert edit(client, f"/plans/{token}/items/{added}/remove").status_code == 303
    assert tasks(client, token) == before
    assert client.get(f"/plans/{token}/items/0/remove").status_code == 404  # the goal stays

    response = edit(
        client,
        f"/plans/{token}/reviews/new",
        review_date_day="1",
        review_date_month="2",
        review_date_year="2027",
        kind="appraisal",
    )
    assert response.status_code == 303
    rows = page(client.get(f"/plans/{token}")).select("#reviews ~ dl .nhsuk-summary-list__row")
    assert [r.select_one("dt").text for r in rows][:1] == ["1 February 2027"]
    data = form_of(client.get(f"/plans/{token}/reviews/0").get_data(as_text=True))
    assert (
        client.post(f"/plans/{token}/reviews/0", data={**data, "action": "remove"}).status_code
        == 303
    )
    assert len(store_plan(client, token).reviews) == 1


def store_plan(client, token):
    return store.load_plan(client.application.extensions["planner"]["db"], token)


def test_support_has_its_own_page(client, make_plan):
    token = make_plan()
    assert edit(client, f"/plans/{token}/support", support="Time off to study").status_code == 303
    value = page(client.get(f"/plans/{token}")).select_one("#support-needed + dl dd").text
    assert value == "Time off to study"


EDIT_PAGES = [
    ("items/1", {"note": "Tried in tab two"}),
    ("items/new", {"title": "Tried in tab two"}),
    ("reviews/0", {"review-date-day": "9", "review-date-month": "9", "review-date-year": "2027"}),
    ("support", {"support": "Tried in tab two"}),
    ("agree", {"side": "employee", "agreed-as": "Tried in tab two"}),
    ("reviews/0/record", {"note": "Tried in tab two"}),
    ("move", {"first-date-day": "9", "first-date-month": "9", "first-date-year": "2027"}),
]


@pytest.mark.parametrize(("part", "tried"), EDIT_PAGES, ids=[p for p, _ in EDIT_PAGES])
@pytest.mark.usefixtures("database_url")  # on SQLite and PostgreSQL
def test_a_stale_form_is_refused_with_the_latest_plan_and_the_edit_shown(
    client, make_plan, db, part, tried
):
    token = make_plan()
    url = f"/plans/{token}/{part}"
    stale = form_of(client.get(url).get_data(as_text=True))
    assert edit(client, f"/plans/{token}/support", support="A mentor").status_code == 303
    saved = store.load_plan(db, token)
    response = client.post(url, data={**stale, **tried})
    assert response.status_code == 409
    soup = page(response)
    assert "changed in another tab or by someone else" in soup.select_one("#conflict").text
    shown = soup.select_one(".app-tried").text
    assert "Tried in tab two" in shown or "9 9 2027" in shown
    assert soup.select_one("input[name=version]")["value"] == str(saved.version)
    assert store.load_plan(db, token) == saved


@pytest.mark.usefixtures("database_url")  # on SQLite and PostgreSQL
def test_a_stale_form_for_a_step_that_is_gone_shows_the_plan(client, make_plan, db):
    token = make_plan()
    last = len(tasks(client, token)) - 1
    stale = form_of(client.get(f"/plans/{token}/items/{last}").get_data(as_text=True))
    edit(client, f"/plans/{token}/items/{last}/remove")
    response = client.post(f"/plans/{token}/items/{last}", data={**stale, "note": "Keep me"})
    assert response.status_code == 409
    soup = page(response)
    assert soup.select_one("h1").text == "Your NHS career plan"
    assert "Keep me" in soup.select_one(".app-tried").text


def test_bad_input_is_shown_with_an_error_summary_and_nothing_is_saved(client, make_plan, db):
    token = make_plan()
    before = store.load_plan(db, token)
    response = edit(
        client,
        f"/plans/{token}/items/1",
        title="",
        target_date_day="31",
        target_date_month="2",
        target_date_year="2027",
        note="x" * 400,
    )
    assert response.status_code == 400
    soup = page(response)
    links = [a["href"] for a in soup.select(".nhsuk-error-summary a")]
    assert links == ["#title", "#target-date-day", "#note"]
    assert soup.select_one("#target-date-day")["value"] == "31"  # what was typed stays
    assert "must be a real date" in soup.select_one("#target-date-error").text
    assert store.load_plan(db, token) == before


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "3", "2027", "must have a day, a month and a year"),
        ("²", "3", "2027", "must be a real date"),
        ("1", "13", "2027", "must be a real date"),
        ("1", "1", "99999999999999999999", "must be a real date"),
        ("1", "1", "1850", "must be between"),
    ],
)
def test_date_boxes_say_what_is_wrong(client, make_plan, db, day, month, year, message):
    token = make_plan()
    before = store.load_plan(db, token)
    response = edit(
        client,
        f"/plans/{token}/reviews/new",
        review_date_day=day,
        review_date_month=month,
        review_date_year=year,
    )
    assert response.status_code == 400
    assert message in page(response).select_one(".nhsuk-error-summary").text
    assert store.load_plan(db, token) == before


#: Each plan page with date boxes, the boxes' name, and what else the page needs to save.
DATE_BOXES = [
    ("items/new", "target-date", {"title": "Ask about the course", "kind": "milestone"}),
    ("items/1", "target-date", {}),
    ("reviews/new", "review-date", {}),
    ("agree", "agreed-on", {"side": "employee", "agreed-as": "Employee"}),
]


@pytest.mark.parametrize(("where", "name", "fields"), DATE_BOXES)
@pytest.mark.parametrize("part", ["day", "month", "year"])
@pytest.mark.parametrize("number", ["2147483648", "999999999999"])
def test_a_number_too_big_for_a_date_is_a_clear_error_not_a_crash(
    client, make_plan, db, where, name, fields, part, number
):
    """Found by fuzzing: 10 to 12 digits got past the digit check and ``date()`` overflowed."""
    token = make_plan()
    before = store.load_plan(db, token)
    boxes = {f"{name}-day": "1", f"{name}-month": "3", f"{name}-year": "2027"}
    boxes[f"{name}-{part}"] = number
    url = f"/plans/{token}/{where}"
    data = {**form_of(client.get(url).get_data(as_text=True)), **fields, **boxes}
    response = client.post(url, data=data)
    assert response.status_code == 400
    summary = page(response).select_one(".nhsuk-error-summary")
    assert [a["href"] for a in summary.select("a")] == [f"#{name}-day"]
    assert "must be a real date, for example 27 3 2027" in summary.text
    assert store.load_plan(db, token) == before


def test_a_post_without_a_csrf_token_is_refused_and_saves_nothing(client, make_plan, db):
    token = make_plan()
    url = f"/plans/{token}/support"
    data = form_of(client.get(url).get_data(as_text=True))
    counts = store.table_counts(db)
    for bad in ({}, {"csrf_token": "wrong"}):
        fields = {k: v for k, v in data.items() if k != "csrf_token"} | bad
        assert client.post(url, data={**fields, "support": "x"}).status_code == 400
        assert client.post("/plans", data={"to": "porter", "route": "1", **bad}).status_code == 400
        assert client.post(f"/plans/{token}/delete", data=bad).status_code == 400
    assert store.table_counts(db) == counts
    assert store.load_plan(db, token).support == ""


def test_htmx_requests_may_send_the_token_in_a_header(client, make_plan, csrf):
    token = make_plan()
    url = f"/plans/{token}/support"
    data = {
        k: v
        for k, v in form_of(client.get(url).get_data(as_text=True)).items()
        if k != "csrf_token"
    }
    response = client.post(url, data=data, headers={"X-CSRFToken": csrf, "HX-Request": "true"})
    assert response.status_code == 303


def test_create_refuses_what_is_not_on_the_lists(client, csrf, db):
    for data in (
        {"to": "astronaut", "route": "1"},
        {"to": "porter", "route": "9"},
        {"to": "porter", "route": "1", "have": "flying"},
        {"route": "1"},
    ):
        response = client.post("/plans", data={"csrf_token": csrf, **data})
        assert response.status_code == 400, data
    assert store.table_counts(db)["plans"] == 0


def test_unknown_tokens_steps_and_deleted_plans_look_like_any_missing_page(client, make_plan, csrf):
    token = make_plan()
    missing = client.get("/plans/" + "A" * 43)
    assert missing.status_code == 404
    for url in (f"/plans/{token}/items/99", f"/plans/{token}/reviews/5", "/plans/short"):
        assert client.get(url).status_code == 404, url
    big = f"/plans/{token}/items/99999999999999999999999"
    assert client.post(big, data={"csrf_token": csrf, "version": "1"}).status_code == 404
    assert client.post(f"/plans/{token}/delete", data={"csrf_token": csrf}).status_code == 303
    gone = client.get(f"/plans/{token}")
    assert gone.status_code == 404
    assert page(gone).select_one("main").text == page(missing).select_one("main").text


def test_working_with_someone_mode_has_larger_print_and_jumps(client, make_plan):
    token = make_plan(adviser=VISIT)
    soup = page(client.get(f"/plans/{token}?adviser={VISIT}"))
    assert "app-adviser" in soup.select_one("body")["class"]
    jumps = [a["href"] for a in soup.select(".app-jumps a")]
    assert "#items" in jumps and "#take-away" in jumps
    assert all(f"adviser={VISIT}" in a["href"] for a in soup.select(".nhsuk-task-list__link"))
    item = page(client.get(f"/plans/{token}/items/1?adviser={VISIT}"))
    assert f"adviser={VISIT}" in item.select_one("main form")["action"]
    response = edit(client, f"/plans/{token}/items/1?adviser={VISIT}", note="Together")
    assert f"adviser={VISIT}" in response.headers["Location"]
    assert client.get("/working-with-someone").status_code == 200


def test_larger_print_turned_on_from_the_plan_goes_on_with_a_visit_key(client, make_plan):
    token = make_plan(adviser="1")
    response = client.get(f"/plans/{token}?adviser=1")
    assert response.status_code == 303
    soup = page(client.get(response.headers["Location"]))
    assert "app-adviser" in soup.select_one("body")["class"]
    assert not [a["href"] for a in soup.select("a[href]") if "adviser=1" in a["href"]]


def test_the_session_cookie_is_hardened(tmp_path):
    from planner import create_app

    app = create_app(
        {
            "DATABASE": str(tmp_path / "p.sqlite"),
            "ENV_NAME": "production",
            "SECRET_KEY": "k" * 40,
            "BASE_URL": "https://careers.example.nhs.uk",
        }
    )
    response = app.test_client().get("/plans/import", base_url="https://localhost")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    for flag in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert flag in cookie
    assert csrf_from(response)


def test_each_route_on_the_route_page_can_be_saved_as_a_plan(client, db):
    response = client.get("/route?to=business-admin-assistant&have=teamwork&have=literacy-skills")
    soup = page(response)
    forms = soup.select("form.app-save-plan")
    assert forms, "no save form on the route page"
    fields = {
        i["name"]: i["value"] for i in forms[0].select("input[type=hidden]") if i["name"] != "have"
    }
    fields["have"] = [i["value"] for i in forms[0].select("input[name=have]")]
    assert forms[0]["action"] == "/plans"
    saved = client.post("/plans", data=fields)
    assert saved.status_code == 303
    assert store.table_counts(db)["plans"] == 1


def test_the_privacy_notice_says_how_long_plans_are_kept(client):
    text = page(client.get("/privacy")).select_one("main").text
    assert "12 months" in text
    assert "30 days" in text


def plan_urls(token: str) -> list[str]:
    """Every page about one plan that a person can open."""
    return [
        f"/plans/{token}",
        f"/plans/{token}?adviser={VISIT}",
        f"/plans/{token}/items/0",
        f"/plans/{token}/items/1",
        f"/plans/{token}/items/1/remove",
        f"/plans/{token}/items/new",
        f"/plans/{token}/reviews/0",
        f"/plans/{token}/reviews/new",
        f"/plans/{token}/support",
        f"/plans/{token}/agree",
        f"/plans/{token}/share",
        f"/plans/{token}/print",
        f"/plans/{token}/print?link=1",
        f"/plans/{token}/delete",
    ]


def test_plan_pages_have_no_duplicate_ids(client, make_plan, csrf):
    token = make_plan(adviser=VISIT)
    client.post(f"/plans/{token}/share", data={"csrf_token": csrf, "label": "mentor"})
    for url in [*plan_urls(token), "/plans/import", "/working-with-someone"]:
        ids = Counter(e["id"] for e in page(client.get(url)).select("[id]"))
        assert [i for i, n in ids.items() if n > 1] == [], url


def test_the_adviser_guide_says_how_to_clear_a_shared_computer(client):
    soup = page(client.get("/working-with-someone"))
    section = soup.select_one("#shared-computer")
    assert section is not None
    text = soup.select_one("main").get_text(" ")
    for words in (
        "private window",
        "Ctrl, Shift and Delete",
        "Browsing history",
        "leaves out the link",
    ):
        assert words in text, words


def test_a_page_with_problems_says_so_in_its_title(client, make_plan):
    token = make_plan()
    soup = page(edit(client, f"/plans/{token}/support", support="x" * 700))
    assert soup.select_one("title").text.startswith("Error: Support you need")
    assert soup.select_one("h1").text == "Support you need"
