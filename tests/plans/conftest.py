"""Fixtures for the plan tests: the app on each database, a CSRF token, a saved plan, the database.

Every plan test that uses ``app`` runs twice: on a new SQLite file and on a new
PostgreSQL database (``database_url`` in ``tests/engines.py``).
"""

from __future__ import annotations

import pytest

from planner import create_app
from tests.conftest import NO_LIMITS
from tests.plans.helpers import csrf_from, token_of


@pytest.fixture
def app(database_url):
    """The app with the real data file, on SQLite and then on PostgreSQL."""
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, **NO_LIMITS})
    yield app
    app.extensions["planner"]["db"].dispose()


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
