"""Take the plan away: a PDF handout, a calendar file, a print page, and a JSON copy that comes back."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import icalendar
import pypdf
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.plans import store
from planner.plans.forms import clean_text
from planner.plans.json_file import ImportProblems, plan_from_json, plan_to_json
from planner.plans.model import ITEM_KINDS, ITEM_STATUSES, REVIEW_KINDS, NewPlan, PlanItem, Review
from planner.plans.service import same_role


def upload(client, csrf, data: bytes):
    return client.post(
        "/plans/import",
        data={"csrf_token": csrf, "plan": (io.BytesIO(data), "nhs-career-plan.json")},
        content_type="multipart/form-data",
    )


def pdf_text(response) -> str:
    reader = pypdf.PdfReader(io.BytesIO(response.data))
    return " ".join(p.extract_text() for p in reader.pages)


def test_the_pdf_is_an_a4_handout_with_the_plan_and_a_box_to_sign(client, make_plan):
    token = make_plan()
    response = client.get(f"/plans/{token}.pdf")
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF")
    assert "attachment" in response.headers["Content-Disposition"]
    reader = pypdf.PdfReader(io.BytesIO(response.data))
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = pdf_text(response)
    assert "NHS career plan" in text
    assert "Goal: Business Admin Assistant" in text
    assert "Next steps" in text and "quickest route" not in text
    assert "Enrol on NHS trust pre-employment programme" in text
    assert "Signed and agreed" in text
    assert text.count("Signature:") == 2 and text.count("Date:") == 2
    assert "Employee" in text and "Line manager" in text


def test_print_and_pdf_leave_out_the_edit_link_unless_asked(client, make_plan):
    token = make_plan()
    without = client.get(f"/plans/{token}.pdf")
    assert token not in pdf_text(without).replace("\n", "")
    assert "Scan the code" not in pdf_text(without)
    asked = client.get(f"/plans/{token}.pdf?link=1")
    assert "Scan the code" in pdf_text(asked)
    assert token in pdf_text(asked).replace("\n", "")

    soup = BeautifulSoup(client.get(f"/plans/{token}/print").get_data(as_text=True), "html.parser")
    add = soup.select_one(".app-print-controls a[href*='link=1']")["href"]
    for on_screen_only in soup.select(".app-no-print"):
        on_screen_only.decompose()
    assert token not in str(soup.select_one("main")), "nothing on paper holds the edit link"
    assert not soup.select(".app-qr")
    soup = BeautifulSoup(client.get(add).get_data(as_text=True), "html.parser")
    assert soup.select_one(".app-qr svg title").text
    assert soup.select_one(".app-qr__link").text.endswith(f"/plans/{token}")


def test_the_plan_page_asks_before_printing_the_link(client, make_plan):
    token = make_plan(adviser="Visit-01")
    soup = BeautifulSoup(
        client.get(f"/plans/{token}?adviser=Visit-01").get_data(as_text=True), "html.parser"
    )
    form = soup.select_one("form.app-print-choice")
    assert form["method"] == "get" and form["action"] == f"/plans/{token}/print"
    box = form.select_one("input[type=checkbox][name=link]")
    assert box["value"] == "1" and not box.has_attr("checked")
    assert form.select_one("input[name=adviser]")["value"] == "Visit-01"
    assert form.select_one("button[formaction]")["formaction"] == f"/plans/{token}.pdf"


def test_the_print_page_has_the_plan_a_print_button_and_a_box_to_sign(client, make_plan):
    token = make_plan()
    soup = BeautifulSoup(client.get(f"/plans/{token}/print").get_data(as_text=True), "html.parser")
    assert "Enrol on NHS trust pre-employment programme" in soup.select_one(".app-plan-table").text
    button = soup.select_one("button.app-print-button")
    assert button.has_attr("hidden"), "shown by print.js; without JavaScript the keys are named"
    assert "Ctrl and P" in soup.select_one(".app-print-keys").text
    assert soup.select_one("script[src*='js/print.js']")
    sides = [h.text for h in soup.select(".app-signoff h3")]
    assert sides == ["Employee", "Line manager"]
    assert len(soup.select(".app-signoff__line")) == 6


def test_the_pdf_prints_every_letter_with_the_shipped_font(client, make_plan, monkeypatch):
    """The PDF fell back to Helvetica where DejaVu was not installed: "Dŵr, ŷd" became "D?r, ?d".

    The font now ships with the planner, so the machine's fonts do not matter: the
    system font folders are hidden here to make sure.
    """
    from planner.plans import handout

    monkeypatch.setattr(handout, "_FONT_DIRS", (), raising=False)
    token = make_plan()
    client.post(
        f"/plans/{token}/support",
        data={**support_form(client, token), "support": "Dŵr, ŷd. Zażółć gęślą jaźń"},
    )
    response = client.get(f"/plans/{token}.pdf")
    text = pdf_text(response)
    assert "Dŵr, ŷd" in text and "Zażółć gęślą jaźń" in text
    assert "?" not in text
    fonts = {
        str(font["/BaseFont"])
        for page in pypdf.PdfReader(io.BytesIO(response.data)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVuSans" in f for f in fonts), fonts
    assert handout.FONT_DIR.is_relative_to(Path(handout.__file__).parent)
    assert (handout.FONT_DIR / "LICENSE-DejaVu.txt").is_file()


def support_form(client, token) -> dict:
    from tests.plans.helpers import form_of

    return form_of(client.get(f"/plans/{token}/support").get_data(as_text=True))


def test_the_calendar_has_review_and_start_dates_but_never_the_link(client, make_plan):
    token = make_plan()
    response = client.get(f"/plans/{token}.ics")
    assert response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    events = list(calendar.walk("VEVENT"))
    summaries = [str(e["SUMMARY"]) for e in events]
    assert any(s.startswith("Review with a careers adviser") for s in summaries)  # not in a job
    assert any(
        s.startswith("Start: Enrol on NHS trust pre-employment programme") for s in summaries
    )
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert token.encode() not in response.data


def test_a_review_keeps_its_calendar_event_when_the_next_one_is_added(client, make_plan):
    """A calendar that takes the file again must see the same review as the same event."""
    token = make_plan()

    def review_uids() -> dict[str, str]:
        calendar = icalendar.Calendar.from_ical(client.get(f"/plans/{token}.ics").data)
        return {
            str(e["DTSTART"].dt): str(e["UID"])
            for e in calendar.walk("VEVENT")
            if "career plan" in str(e["SUMMARY"]) and not str(e["SUMMARY"]).startswith("Start")
        }

    before = review_uids()
    early = date(2026, 12, 1)
    edit_url = f"/plans/{token}/reviews/new"
    form = BeautifulSoup(client.get(edit_url).data, "html.parser").select_one("main form")
    data = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    data |= {"review-date-day": "1", "review-date-month": "12", "review-date-year": "2026"}
    assert client.post(edit_url, data={**data, "kind": "appraisal"}).status_code == 303
    after = review_uids()
    assert set(after) == {*before, str(early)}
    assert all(after[day] == uid for day, uid in before.items())


def test_the_json_copy_comes_back_as_a_new_plan(client, make_plan, csrf, db):
    token = make_plan()
    exported = client.get(f"/plans/{token}.json")
    response = upload(client, csrf, exported.data)
    assert response.status_code == 303
    new_token = response.headers["Location"].rsplit("/", 1)[1]
    assert new_token != token
    again = client.get(f"/plans/{new_token}.json")
    first, second = json.loads(exported.data), json.loads(again.data)
    assert first == second
    assert store.table_counts(db)["plans"] == 2


def test_a_file_that_is_not_a_plan_is_refused_and_nothing_is_saved(client, csrf, db, make_plan):
    token = make_plan()
    good = json.loads(client.get(f"/plans/{token}.json").data)
    bad_files = [
        b"not json",
        b"\xff\xfe",
        json.dumps({"format": "something else"}).encode(),
        json.dumps({**good, "target_role": "astronaut"}).encode(),
        json.dumps({**good, "have": ["flying"]}).encode(),
        json.dumps({**good, "name": "Sam"}).encode(),
        json.dumps({**good, "support": "Spent time in prison"}).encode(),
        json.dumps({**good, "items": [{**good["items"][0], "status": "lost"}]}).encode(),
        json.dumps({**good, "items": [{**good["items"][0], "ref": "made-up-course"}]}).encode(),
        b"{" * 70000,
    ]
    for data in bad_files:
        response = upload(client, csrf, data)
        assert response.status_code == 400, data[:80]
        assert BeautifulSoup(response.get_data(as_text=True), "html.parser").select_one(
            ".nhsuk-error-message"
        )
    assert client.post("/plans/import", data={"csrf_token": csrf}).status_code == 400
    assert store.table_counts(db)["plans"] == 1


def test_the_plans_own_pdf_calendar_or_a_photo_is_refused_saying_what_to_bring(
    client, csrf, db, make_plan
):
    token = make_plan()
    files = {
        "This is a PDF": client.get(f"/plans/{token}.pdf").data,
        "This is a calendar file": client.get(f"/plans/{token}.ics").data,
        "This is a picture": b"\xff\xd8\xff\xe0\x00\x10JFIF photo of a printout",
    }
    for says, data in files.items():
        response = upload(client, csrf, data)
        assert response.status_code == 400, says
        page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        error = page.select_one("#plan-error").text
        assert says in error, error
        assert "not text" not in error and "not JSON" not in error
        instead = page.select_one("#bring-instead").text
        assert ".json" in instead and "scan it with your phone camera" in instead
        assert "bring-instead" in page.select_one("#plan")["aria-describedby"]
    # Any other file that is not a plan file says what to bring too.
    page = BeautifulSoup(upload(client, csrf, b"hello").get_data(as_text=True), "html.parser")
    assert page.select_one("#bring-instead")
    assert store.table_counts(db)["plans"] == 1


# --- Round trips with made-up plans -------------------------------------------------------------

#: Text as the forms save it (clean_text: NFC, single spaces), without justice words.
_text = (
    st.text(
        alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")),
        min_size=1,
        max_size=40,
    )
    .map(clean_text)
    .filter(
        lambda s: (
            s
            and not re.search(
                r"(?i)convict|offen|crimin|prison|jail|gaol|probation|parole|custod|sentenced|inmate|licence|hmp",
                s,
            )
        )
    )
)
_days = st.dates(date(2020, 1, 1), date(2040, 12, 31))


@st.composite
def new_plans(draw, catalogue):
    skills = [s.id for s in catalogue.skills]
    roles = [r.id for r in catalogue.roles]
    courses = [x.id for x in catalogue.learning if x.kind == "course"]
    waits = [r.id for r in catalogue.progression.time_in_post]
    items = draw(
        st.lists(
            st.builds(
                PlanItem,
                kind=st.sampled_from(list(ITEM_KINDS)),
                title=_text,
                target_date=st.none() | _days,
                status=st.sampled_from(list(ITEM_STATUSES)),
                note=st.just("") | _text,
                ref=st.just(None),
                step_kind=st.just(None),
                weeks=st.integers(0, 300),
                gains=st.lists(st.sampled_from(skills), unique=True, max_size=3).map(tuple),
            ),
            min_size=1,
            max_size=6,
        )
    )
    if draw(st.booleans()):
        items.append(
            PlanItem(
                "milestone",
                "Finish a course",
                None,
                ref=draw(st.sampled_from(courses)),
                step_kind="course",
            )
        )
    if draw(st.booleans()):
        items.append(
            PlanItem(
                "milestone",
                "Gain experience: time in your job before moving up a band",
                None,
                ref=draw(st.sampled_from(waits)),
                step_kind="experience",
                weeks=52,
            )
        )
    agreed = draw(st.sampled_from(["none", "employee", "both", "stale"]))
    on = draw(_days)
    employee_as = "" if agreed == "none" else draw(st.just("") | _text)
    manager_as = draw(_text.filter(lambda s: not same_role(s, employee_as)))
    return NewPlan(
        target_role=draw(st.sampled_from(roles)),
        current_role=draw(st.none() | st.sampled_from(roles)),
        have=tuple(draw(st.lists(st.sampled_from(skills), unique=True, max_size=5))),
        items=tuple(items),
        reviews=tuple(
            sorted(
                draw(
                    st.lists(
                        st.builds(Review, _days, st.sampled_from(list(REVIEW_KINDS))), max_size=3
                    )
                ),
                key=lambda r: r.day,
            )
        ),
        support=draw(st.just("") | _text),
        content_version=2 if agreed == "stale" else 1,
        employee_agreed_on=None if agreed == "none" else on,
        employee_agreed_version={"none": None, "stale": 1}.get(agreed, 1),
        manager_agreed_on=on if agreed in ("both", "stale") else None,
        manager_agreed_version={"both": 1, "stale": 2}.get(agreed),
        employee_agreed_as=employee_as,
        manager_agreed_as=manager_as if agreed in ("both", "stale") else "",
    )


def test_export_then_import_keeps_everything(app, db):
    catalogue = app.extensions["planner"]["catalogue"]

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(new_plans(catalogue))
    def round_trip(new):
        token = store.create_plan(db, new)
        plan = store.load_plan(db, token)
        exported = json.loads(json.dumps(plan_to_json(plan, date.today())))
        back = plan_from_json(exported, catalogue)
        again = store.load_plan(db, store.create_plan(db, back))
        assert plan_to_json(again, date.today()) == exported
        assert again.items == plan.items and again.reviews == plan.reviews

    round_trip()


#: Values that are still valid for a field, so not a "gone wrong" example.
_STILL_VALID = {
    "current_role": lambda v: v is None,
    "support": lambda v: isinstance(v, str) and len(v) <= 600,
    "have": lambda v: v == [],
    "reviews": lambda v: v == [],
    # Space only is cleaned to nothing: no role, as in a plan nobody agreed yet.
    "employee_agreed_as": lambda v: isinstance(v, str) and not clean_text(v),
    "manager_agreed_as": lambda v: isinstance(v, str) and not clean_text(v),
}


def test_import_refuses_every_single_field_gone_wrong(app, client, make_plan):
    catalogue = app.extensions["planner"]["catalogue"]
    good = json.loads(client.get(f"/plans/{make_plan()}.json").data)
    plan_from_json(good, catalogue)
    values = st.none() | st.integers() | st.text(max_size=5) | st.lists(st.integers(), max_size=2)

    @settings(max_examples=80, deadline=None)
    @given(st.sampled_from(sorted(good)), values)
    def one_bad_field(key, value):
        if value == good[key] or _STILL_VALID.get(key, lambda v: False)(value):
            return
        try:
            plan_from_json({**good, key: value}, catalogue)
        except ImportProblems:
            return
        raise AssertionError(f"{key}={value!r} was accepted")

    one_bad_field()
