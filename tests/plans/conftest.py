"""Fixtures for the plan tests: a CSRF token, a saved plan, the database.

The plan pages run on SQLite (``app`` in tests/conftest.py: a copy of a migrated file).
What the database itself does is tested on both SQLite and PostgreSQL: the store
(test_plan_store.py), backups, the two-instance test, and every page test that also
names ``database_url``, which then runs once on each.
"""

from __future__ import annotations

import pytest

from tests.plans.helpers import csrf_from, token_of


@pytest.fixture
def csrf(client) -> str:
    """A CSRF token for this client's session (the import page always has a form)."""
    return csrf_from(client.get("/plans/import"))


@pytest.fixture
def make_plan(client, csrf):
    """Save a route as a plan through the web form; returns the edit token.

    The default job has a short route with a course in it, which the search finds quickly.
    """

    def make(
        to="business-admin-assistant", have=("teamwork", "literacy-skills"), route="1", **extra
    ) -> str:
        data = {"csrf_token": csrf, "to": to, "have": list(have), "route": route, **extra}
        response = client.post("/plans", data=data)
        assert response.status_code == 303, response.get_data(as_text=True)[:500]
        return token_of(response.headers["Location"])

    return make


@pytest.fixture
def db(app):
    """The app's database (an SQLAlchemy engine), for looking at rows directly."""
    return app.extensions["planner"]["db"]
