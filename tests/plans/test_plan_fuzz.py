"""Every plan form, fuzzed: never a 500, and nothing saved that should not be."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.plans import store
from planner.plans.forms import mentions_justice
from planner.plans.model import ITEM_STATUSES, NOTE_MAX, SUPPORT_MAX, TITLE_MAX
from tests.plans.helpers import form_of

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

junk = st.one_of(
    st.text(max_size=30),
    st.text(min_size=100, max_size=800),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "99999999",
            "2027-02-30",
            "31/12/2027",
            "convicted",
            "\x00",
            "<script>",
        ]
    ),
)


def check_saved(db, token: str) -> None:
    """Whatever was saved is within the rules the forms promise."""
    plan = store.load_plan(db, token)
    if plan is None:
        return
    assert len(plan.support) <= SUPPORT_MAX and not mentions_justice(plan.support)
    for side in ("employee", "manager"):
        agreed_as, on = getattr(plan, f"{side}_agreed_as"), getattr(plan, f"{side}_agreed_on")
        assert len(agreed_as) <= 60 and not mentions_justice(agreed_as)
        assert on is None or plan.created_at.date() <= on <= date.today()
    for item in plan.items:
        assert 1 <= len(item.title) <= TITLE_MAX and len(item.note) <= NOTE_MAX
        assert item.status in ITEM_STATUSES
        for text in (item.title, item.note):
            assert not mentions_justice(text)
            assert not re.search(r"[\x00-\x1f]", text)


@pytest.fixture(autouse=True)
def no_rate_limits(app):
    """Fuzzing sends hundreds of forms in seconds; the limits have their own tests."""
    for name in ("PLAN_LIMIT_CREATE", "PLAN_LIMIT_LOOKUP", "PLAN_LIMIT_SAVE", "PLAN_LIMIT_EXPORT"):
        app.config[name] = "100000 per minute"


@pytest.fixture
def plan_token(make_plan):
    return make_plan()


def snapshot(db, token):
    return store.table_counts(db), store.load_plan(db, token)


#: Every edit page and the fields its form sends (dates as three boxes).
EDIT_PAGES = {
    "items/1": [
        "title",
        "kind",
        "status",
        "note",
        "target-date-day",
        "target-date-month",
        "target-date-year",
    ],
    "items/0": [
        "title",
        "status",
        "note",
        "target-date-day",
        "target-date-month",
        "target-date-year",
    ],
    "items/new": ["title", "kind", "target-date-day", "target-date-month", "target-date-year"],
    "items/2/remove": [],
    "reviews/0": ["kind", "action", "review-date-day", "review-date-month", "review-date-year"],
    "reviews/new": ["kind", "review-date-day", "review-date-month", "review-date-year"],
    "support": ["support"],
    "agree": ["side", "agreed-as", "agreed-on-day", "agreed-on-month", "agreed-on-year"],
}


@pytest.mark.parametrize("part", sorted(EDIT_PAGES))
def test_every_edit_page(client, plan_token, db, part):
    url = f"/plans/{plan_token}/{part}"
    names = [*EDIT_PAGES[part], "version", "unknown"]

    @FUZZ
    @given(st.dictionaries(st.sampled_from(names), junk, max_size=6))
    def post(changes):
        opened = client.get(url)
        if opened.status_code == 404:  # a fuzzed removal took the step away: that is allowed
            return
        base = form_of(opened.get_data(as_text=True))
        before = snapshot(db, plan_token)
        changes.pop("csrf_token", None)
        response = client.post(url, data={**base, **changes})
        assert response.status_code in (303, 400, 409), response.status_code
        if response.status_code != 303:
            assert snapshot(db, plan_token) == before
        check_saved(db, plan_token)

    post()


def test_the_share_and_stop_forms(client, plan_token, db, csrf):
    @FUZZ
    @given(
        st.dictionaries(st.sampled_from(["label", "days"]), junk, max_size=2),
        st.integers(0, 10**12),
    )
    def post(data, link_id):
        before = store.table_counts(db)["share_links"]
        response = client.post(f"/plans/{plan_token}/share", data={"csrf_token": csrf, **data})
        assert response.status_code in (200, 400)
        after = store.table_counts(db)["share_links"]
        assert after == before + (1 if response.status_code == 200 else 0)
        assert (
            client.post(
                f"/plans/{plan_token}/share/{link_id}/stop", data={"csrf_token": csrf}
            ).status_code
            == 303
        )

    post()


def test_the_create_form(client, db, csrf):
    roles = st.sampled_from(["porter", "business-admin-assistant", "", "astronaut", "x" * 200])

    @FUZZ
    @given(
        st.fixed_dictionaries(
            {},
            optional={
                "to": roles | junk,
                "from": roles | junk,
                "status": st.sampled_from(["nhs-role", "not-working", "zzz"]) | junk,
                "route": st.sampled_from(["1", "2", "3", "4", "0"]) | junk,
                "have": st.lists(
                    st.sampled_from(["teamwork", "literacy-skills"]) | junk, max_size=4
                ),
            },
        )
    )
    def post(data):
        before = store.table_counts(db)["plans"]
        response = client.post("/plans", data={"csrf_token": csrf, **data})
        assert response.status_code in (303, 400, 404), response.status_code
        assert store.table_counts(db)["plans"] == before + (1 if response.status_code == 303 else 0)

    post()


def test_the_upload_form(client, db, csrf, plan_token):
    good = json.loads(client.get(f"/plans/{plan_token}.json").data)
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
        ),
        max_leaves=10,
    )

    files = st.one_of(
        st.binary(max_size=200),
        json_values.map(lambda v: json.dumps(v).encode()),
        st.dictionaries(st.sampled_from(sorted(good)), json_values, max_size=3).map(
            lambda changes: json.dumps({**good, **changes}).encode()
        ),
    )

    @FUZZ
    @given(files)
    def post(data):
        before = store.table_counts(db)["plans"]
        response = client.post(
            "/plans/import",
            data={"csrf_token": csrf, "plan": (io.BytesIO(data), "plan.json")},
            content_type="multipart/form-data",
        )
        assert response.status_code in (303, 400), response.status_code
        added = store.table_counts(db)["plans"] - before
        assert added == (1 if response.status_code == 303 else 0)
        if response.status_code == 303:
            check_saved(db, response.headers["Location"].rsplit("/", 1)[1])

    post()


def test_what_fuzzing_found_stays_fixed(client, db, csrf, plan_token):
    """Superscript digits passed isdigit() but broke int(); lists inside lists broke set()."""
    assert (
        client.post(
            f"/plans/{plan_token}/share", data={"csrf_token": csrf, "days": "¹", "label": "mentor"}
        ).status_code
        == 400
    )
    assert (
        client.post(
            f"/plans/{plan_token}/support", data={"csrf_token": csrf, "version": "²"}
        ).status_code
        == 409
    )
    good = json.loads(client.get(f"/plans/{plan_token}.json").data)
    for change in ({"have": [[1]]}, {"items": [{**good["items"][0], "gains": [["x"]]}]}):
        response = client.post(
            "/plans/import",
            data={
                "csrf_token": csrf,
                "plan": (io.BytesIO(json.dumps({**good, **change}).encode()), "p.json"),
            },
            content_type="multipart/form-data",
        )
        assert response.status_code == 400
    assert store.table_counts(db)["plans"] == 1
