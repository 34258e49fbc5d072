"""The plan pages through the test client: create, change, agree, conflicts, CSRF, headers."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from planner.plans import store
from tests.plans.helpers import csrf_from, form_of


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_a_route_becomes_a_plan_in_one_click(client, make_plan, db):
    token = make_plan(to="admin-team-lead", have=("teamwork",))
    response = client.get(f"/plans/{token}")
    assert response.status_code == 200
    soup = page(response)
    assert soup.select_one("h1").text == "Your NHS career plan"
    assert soup.select_one(".nhsuk-lede-text").text == "Goal: Admin Team Lead"
    titles = [i["value"] for i in soup.select("input[name$='-title']") if i["name"] != "new-title"]
    assert titles[0] == "Start as an Admin Team Lead"
    assert any(t.startswith("Enrol on ") for t in titles)
    assert soup.select_one("#plan-progress")["value"] == "0"
    assert "Your plan is saved" in soup.select_one(".app-saved").text
    assert store.table_counts(db)["plans"] == 1


def test_plan_pages_are_private(client, make_plan):
    token = make_plan()
    for url in (
        f"/plans/{token}",
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


def test_edit_then_agree_then_change_needs_agreeing_again(client, make_plan):
    token = make_plan()
    url = f"/plans/{token}"
    data = form_of(client.get(url).get_data(as_text=True))
    data.update(
        {
            "item-1-status": "in-progress",
            "item-1-note": "Starts in January",
            "support": "Time off to study",
        }
    )
    assert client.post(url, data=data).status_code == 303
    soup = page(client.get(url))
    assert soup.select_one("#item-1-note").text == "Starts in January"
    assert soup.select_one("#support").text == "Time off to study"

    for who in ("employee", "manager"):
        agree = {
            "csrf_token": data["csrf_token"],
            "version": form_of(client.get(url).get_data(as_text=True))["version"],
            "who": who,
        }
        assert client.post(f"{url}/agree", data=agree).status_code == 303
    text = page(client.get(url)).select_one("main").text
    assert "Agreed by the employee and their line manager." in text

    data = form_of(client.get(url).get_data(as_text=True))
    data["item-2-status"] = "done"  # progress does not undo an agreement
    client.post(url, data=data)
    assert "Agreed by the employee" in page(client.get(url)).select_one("main").text

    data = form_of(client.get(url).get_data(as_text=True))
    data["item-0-date"] = "2031-01-31"
    client.post(url, data=data)
    assert "It needs agreeing again." in page(client.get(url)).select_one("main").text


def test_marking_a_milestone_done_recalculates_progress(client, make_plan):
    token = make_plan()
    url = f"/plans/{token}"
    data = form_of(client.get(url).get_data(as_text=True))
    milestones = [
        k for k, v in data.items() if k.endswith("-title") and str(v).startswith("Finish ")
    ]
    data[milestones[0].replace("-title", "-status")] = "done"
    client.post(url, data=data)
    soup = page(client.get(url))
    percent = int(soup.select_one("#plan-progress")["value"])
    assert 0 < percent < 100
    assert re.search(rf"You are {percent}% of the way to Business Admin Assistant", soup.text)


def test_add_and_remove_items_and_reviews(client, make_plan):
    token = make_plan()
    url = f"/plans/{token}"
    data = form_of(client.get(url).get_data(as_text=True))
    before = len([k for k in data if re.fullmatch(r"item-\d+-title", k)])
    client.post(
        url, data={**data, "new-title": "Ask about shadowing a team leader", "action": "add-item"}
    )
    data = form_of(client.get(url).get_data(as_text=True))
    assert data[f"item-{before}-title"] == "Ask about shadowing a team leader"
    client.post(
        url,
        data={
            **data,
            "new-review-date": "2027-06-01",
            "new-review-kind": "appraisal",
            "action": "add-review",
        },
    )
    data = form_of(client.get(url).get_data(as_text=True))
    assert data["review-1-kind"] == "appraisal" or data["review-0-kind"] == "appraisal"
    client.post(url, data={**data, "action": f"remove-item-{before}"})
    client.post(
        url, data={**form_of(client.get(url).get_data(as_text=True)), "action": "remove-item-0"}
    )
    data = form_of(client.get(url).get_data(as_text=True))
    assert len([k for k in data if re.fullmatch(r"item-\d+-title", k)]) == before  # the goal stays


def test_a_stale_form_is_refused_with_the_latest_plan_and_the_edit_shown(client, make_plan, app):
    token = make_plan()
    url = f"/plans/{token}"
    tab_one = form_of(client.get(url).get_data(as_text=True))
    tab_two = dict(tab_one)
    client.post(url, data={**tab_one, "support": "A mentor"})
    response = client.post(url, data={**tab_two, "support": "Help with forms"})
    assert response.status_code == 409
    soup = page(response)
    assert "changed in another tab or by someone else" in soup.select_one("#conflict").text
    assert "Help with forms" in soup.select_one(".app-tried").text
    assert soup.select_one("#support").text == "A mentor"
    assert "Help with forms" not in page(client.get(url)).select_one("#support").text


def test_bad_input_is_shown_with_an_error_summary_and_nothing_is_saved(client, make_plan, db):
    token = make_plan()
    url = f"/plans/{token}"
    data = form_of(client.get(url).get_data(as_text=True))
    before = store.load_plan(db, token)
    response = client.post(
        url, data={**data, "item-1-title": "", "item-2-date": "31/02/2027", "support": "x" * 700}
    )
    assert response.status_code == 400
    soup = page(response)
    links = [a["href"] for a in soup.select(".nhsuk-error-summary a")]
    assert links == ["#item-1-title", "#item-2-date", "#support"]
    assert store.load_plan(db, token) == before


def test_notes_about_convictions_are_refused(client, make_plan, db):
    token = make_plan()
    url = f"/plans/{token}"
    data = form_of(client.get(url).get_data(as_text=True))
    response = client.post(url, data={**data, "item-1-note": "Ask probation officer"})
    assert response.status_code == 400
    assert (
        "must not include details of any conviction"
        in page(response).select_one(".nhsuk-error-summary").text
    )
    assert "probation" not in str(store.load_plan(db, token))


def test_free_text_says_do_not_include_convictions(client, make_plan):
    token = make_plan()
    soup = page(client.get(f"/plans/{token}"))
    assert "Do not include details of any conviction" in soup.select_one("#support-hint").text


def test_a_post_without_a_csrf_token_is_refused_and_saves_nothing(client, make_plan, db):
    token = make_plan()
    url = f"/plans/{token}"
    data = form_of(client.get(url).get_data(as_text=True))
    counts = store.table_counts(db)
    for bad in ({}, {"csrf_token": "wrong"}):
        fields = {k: v for k, v in data.items() if k != "csrf_token"} | bad
        assert client.post(url, data={**fields, "support": "x"}).status_code == 400
        assert client.post("/plans", data={"to": "porter", "route": "1", **bad}).status_code == 400
        assert client.post(f"{url}/delete", data=bad).status_code == 400
    assert store.table_counts(db) == counts
    assert store.load_plan(db, token).support == ""


def test_htmx_requests_may_send_the_token_in_a_header(client, make_plan, csrf):
    token = make_plan()
    url = f"/plans/{token}"
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


def test_unknown_tokens_and_deleted_plans_look_like_any_missing_page(client, make_plan, csrf):
    token = make_plan()
    missing = client.get("/plans/" + "A" * 43)
    assert missing.status_code == 404
    assert client.post(f"/plans/{token}/delete", data={"csrf_token": csrf}).status_code == 303
    gone = client.get(f"/plans/{token}")
    assert gone.status_code == 404
    assert page(gone).select_one("main").text == page(missing).select_one("main").text
    assert client.get("/plans/short").status_code == 404


def test_working_with_someone_mode_has_larger_print_and_jumps(client, make_plan):
    token = make_plan(adviser="1")
    soup = page(client.get(f"/plans/{token}?adviser=1"))
    assert "app-adviser" in soup.select_one("body")["class"]
    jumps = [a["href"] for a in soup.select(".app-jumps a")]
    assert "#item-1" in jumps and "#take-away" in jumps
    assert soup.select_one("#plan-form input[name=adviser]")["value"] == "1"
    assert client.get("/working-with-someone").status_code == 200


def test_the_session_cookie_is_hardened(tmp_path):
    from planner import create_app

    app = create_app(
        {"DATABASE": str(tmp_path / "p.sqlite"), "ENV_NAME": "production", "SECRET_KEY": "k" * 40}
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


def test_plan_pages_have_no_duplicate_ids(client, make_plan, csrf):
    from collections import Counter

    token = make_plan(adviser="1")
    client.post(f"/plans/{token}/share", data={"csrf_token": csrf, "label": "mentor"})
    for url in (
        f"/plans/{token}",
        f"/plans/{token}?adviser=1",
        f"/plans/{token}/share",
        f"/plans/{token}/print",
        f"/plans/{token}/delete",
        "/plans/import",
        "/working-with-someone",
    ):
        ids = Counter(e["id"] for e in page(client.get(url)).select("[id]"))
        assert [i for i, n in ids.items() if n > 1] == [], url
