"""A plan saved from a route for someone in prison is dated as the route page dates it (the
one timing rule, planner/pathways/release.py), and its words never name prison."""

from __future__ import annotations

from datetime import date

import pytest

from planner import create_app
from planner.plans import store
from planner.plans.justice_words import mentions_justice
from tests.conftest import NO_LIMITS
from tests.plans.helpers import csrf_from, token_of

TODAY = date(2026, 12, 3)
RELEASE = date(2027, 8, 1)


@pytest.fixture
def app(tmp_path):
    return create_app(
        {"TESTING": True, "DATABASE": str(tmp_path / "p.sqlite"), "TODAY": TODAY, **NO_LIMITS}
    )


def test_a_plan_from_a_prison_route_starts_its_first_job_after_release(app):
    client = app.test_client()
    csrf = csrf_from(client.get("/plans/import"))
    response = client.post(
        "/plans",
        data={
            "csrf_token": csrf,
            "to": "catering-supervisor",
            "have": ["kitchen-or-catering-experience"],
            "route": "1",
            "status": "in-prison",
            "release_month": "8",
            "release_year": "2027",
        },
    )
    assert response.status_code == 303
    with app.app_context():
        from planner.plans.db import get_db

        plan = store.load_plan(get_db(), token_of(response.headers["Location"]), None)
    catalogue = app.extensions["planner"]["catalogue"]
    items = list(plan.items)
    assert all(i.target_date is None or i.target_date >= TODAY for i in items)
    starts = [i for i in items if i.kind == "milestone" and i.step_kind == "role"]
    assert starts and min(i.target_date for i in starts) >= date(2027, 8, 31)
    before = [i for i in items if i.target_date and i.target_date < RELEASE]
    assert before
    for item in before:
        if item.step_kind == "course":
            assert catalogue.learning_item(item.ref).inside_prison is not None, item
        else:
            assert item.ref is None or item.title.startswith("Apply for"), item
    assert not any(mentions_justice(i.title) for i in items)
