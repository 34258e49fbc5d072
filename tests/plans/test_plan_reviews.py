"""Through the reviews, page by page: record a review, flag and move late steps, share links
that last to the next review, and one answer for a link that opens nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from planner.plans import store
from planner.plans.service import last_day
from tests.plans.helpers import form_of
from tests.plans.test_plan_pages import edit, page

DAY = ("day", "month", "year")


def boxes(name: str, day: date) -> dict[str, str]:
    return {f"{name}_{part}": str(getattr(day, part)) for part in DAY}


def agree_both(client, token) -> None:
    for side, role in (("employee", "Porter"), ("manager", "Line manager")):
        response = edit(client, f"/plans/{token}/agree", side=side, agreed_as=role)
        assert response.status_code == 303


@pytest.mark.usefixtures("database_url")  # the new columns, on SQLite and PostgreSQL
def test_adding_and_recording_a_review_keeps_the_agreement(client, make_plan, db):
    """Regression: adding a review date undid the agreement, and a review could not be
    recorded: the day after, the plan still showed it as to come."""
    token = make_plan()
    agree_both(client, token)
    today = date.today()
    added = edit(
        client, f"/plans/{token}/reviews/new", **boxes("review_date", today), kind="check-in"
    )
    assert added.status_code == 303
    plan_page = page(client.get(f"/plans/{token}"))
    assert "Agreed by the employee and their line manager." in plan_page.text
    due = plan_page.select_one(".app-due a")
    assert "Record the review" in due.text
    record = page(client.get(due["href"]))
    assert record.select_one("h1").text == "Record the review"
    assert record.select_one("#done-on-day")["value"] == str(today.day)
    saved = edit(client, due["href"], note="Course going well")
    assert saved.status_code == 303
    plan = store.load_plan(db, token)
    recorded = next(r for r in plan.reviews if r.day == today and r.kind == "check-in")
    assert (recorded.done_on, recorded.note) == (today, "Course going well")
    following = [r for r in plan.reviews if r.day == today + timedelta(weeks=13)]
    assert following and following[0].done_on is None
    plan_page = page(client.get(f"/plans/{token}"))
    assert not plan_page.select(".app-due")
    assert "Agreed by the employee and their line manager." in plan_page.text
    assert "Course going well" in plan_page.select_one(".app-reviews").text


def test_a_review_record_is_checked_and_nothing_is_saved_on_a_problem(client, make_plan, db):
    token = make_plan()
    before = store.load_plan(db, token)
    url = f"/plans/{token}/reviews/0/record"
    future = date.today() + timedelta(days=30)
    cases = [
        ({**boxes("done_on", future)}, "#done-on-day", "today or in the past"),
        ({"note": "Talked about probation"}, "#note", "courts, police, prison or probation"),
        (
            {**boxes("done_on", date.today()), **boxes("next_date", date.today())},
            "#next-date-day",
            "after this one",
        ),
    ]
    for changes, field, words in cases:
        response = edit(client, url, **changes)
        assert response.status_code == 400, changes
        summary = page(response).select_one(".nhsuk-error-summary")
        assert words in summary.text and summary.select_one(f"a[href='{field}']")
    assert store.load_plan(db, token) == before


def test_late_steps_are_flagged_and_moved_together(client, make_plan, db):
    """Regression: "by 3 December 2026" still led the plan months later, with no way on."""
    token = make_plan()
    agree_both(client, token)
    plan = store.load_plan(db, token)
    first = next(n for n, i in enumerate(plan.items) if i.kind != "goal")
    past = date.today() - timedelta(days=10)
    edit(client, f"/plans/{token}/items/{first}", **boxes("target_date", past))
    soup = page(client.get(f"/plans/{token}"))
    assert "1 step is late" in soup.select_one("#late-steps").text
    assert soup.select_one(f"#item-{first}-status").text.strip() == "Late"
    assert soup.select_one(".app-next .nhsuk-tag--red").text == "Late"
    before = store.load_plan(db, token)
    move = page(client.get(f"/plans/{token}/move"))
    assert "1 step in your plan is late" in move.text
    new_first = date.today() + timedelta(days=14)
    moved = edit(client, f"/plans/{token}/move", **boxes("first_date", new_first))
    assert moved.status_code == 303
    after = store.load_plan(db, token)
    assert after.items[first].target_date == new_first
    shift = new_first - past
    for old, new in zip(before.items, after.items, strict=True):
        if old.status != "done" and old.target_date:
            assert new.target_date == old.target_date + shift
    soup = page(client.get(f"/plans/{token}"))
    assert not soup.select("#late-steps")
    assert "needs agreeing again" in soup.select_one(".app-agreement-line").text


def test_a_share_link_lasts_past_the_next_review_and_the_plan_says_until_when(
    client, make_plan, db
):
    """Regression: the longest link lasted 90 days and died the day before the first review."""
    token = make_plan()
    share = page(client.get(f"/plans/{token}/share"))
    chosen = share.select_one("input[name=days][checked]")
    assert chosen["value"] == "review"
    review = store.load_plan(db, token).reviews[0].day
    assert f"to {review + timedelta(days=7):%-d %B %Y}" in share.select_one("main").text
    form = {**form_of(str(share), "main form[novalidate]"), "label": "line-manager"}
    made = client.post(f"/plans/{token}/share", data=form)
    assert made.status_code == 200
    link = store.load_plan(db, token).share_links[0]
    assert link.expires_at == datetime.combine(review + timedelta(days=8), datetime.min.time(), UTC)
    ends = page(client.get(f"/plans/{token}")).select_one("#share-ends").text
    assert f"works until {review + timedelta(days=7):%-d %B %Y}" in ends
    assert "stops before" not in ends


def test_the_plan_warns_when_a_link_stops_before_the_next_review(client, make_plan, csrf):
    token = make_plan()
    response = client.post(
        f"/plans/{token}/share", data={"csrf_token": csrf, "label": "mentor", "days": "7"}
    )
    assert response.status_code == 200
    ends = page(client.get(f"/plans/{token}")).select_one("#share-ends").text
    assert "It stops before your next review" in ends and "Make a new link" in ends


def test_no_link_lasts_longer_than_a_year(client, make_plan, csrf, db):
    token = make_plan()
    for days in ("366", "3650", "-1"):
        response = client.post(
            f"/plans/{token}/share", data={"csrf_token": csrf, "label": "mentor", "days": days}
        )
        assert response.status_code == 400
    assert store.table_counts(db)["share_links"] == 0


def test_a_link_that_opens_nothing_says_it_may_have_run_out_the_same_for_any_link(
    client, make_plan, csrf, app
):
    token = make_plan()
    response = client.post(
        f"/plans/{token}/share", data={"csrf_token": csrf, "label": "mentor", "days": "7"}
    )
    link = page(response).select_one("#new-link-value")["value"].removeprefix("http://localhost")
    app.config["NOW"] = datetime.now(UTC) + timedelta(days=8)
    expired = client.get(link)
    app.config.pop("NOW")
    unknown = client.get("/shared/" + "Z" * 43)
    cut_short = client.get(link[:-6])
    texts = []
    for response in (expired, unknown, cut_short):
        assert response.status_code == 404
        texts.append(page(response).select_one("main").get_text(" ", strip=True))
    assert texts[0] == texts[1] == texts[2]
    assert "may have run out" in texts[0] and "make a new link" in texts[0]


def test_the_person_given_a_link_reads_until_when_it_works(client, make_plan, csrf, db):
    token = make_plan()
    response = client.post(
        f"/plans/{token}/share", data={"csrf_token": csrf, "label": "line-manager", "days": "7"}
    )
    link = page(response).select_one("#new-link-value")["value"].removeprefix("http://localhost")
    ends = last_day(store.load_plan(db, token).share_links[0].expires_at)
    text = page(client.get(link)).select_one("main").get_text(" ", strip=True)
    assert f"This link works until {ends:%-d %B %Y}." in text
    assert "ask them for a new link before then" in text
