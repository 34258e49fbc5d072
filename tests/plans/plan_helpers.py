"""Helpers and fixtures for the plan tests: CSRF tokens, saved plans, form fields, the database.

Test modules import the fixtures they use (``from plan_helpers import csrf, make_plan``):
there is no conftest.py here, because pytest's ``--doctest-modules`` imports every
conftest.py under the one name ``conftest`` and two of them clash.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from planner import store

TOKEN_IN_FORM = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(response) -> str:
    """The CSRF token in a page's first form."""
    match = TOKEN_IN_FORM.search(response.get_data(as_text=True))
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


def token_of(location: str) -> str:
    """The edit token from a /plans/<token> redirect."""
    path = urlsplit(location).path
    assert path.startswith("/plans/"), path
    return path.removeprefix("/plans/")


def form_of(page: str, action_suffix: str = "") -> dict[str, object]:
    """The fields of the plan edit form as the browser would send them (no button)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    form = soup.select_one("#plan-form")
    data: dict[str, object] = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[name] = chosen["value"]
        elif field.get("type") in ("radio", "checkbox"):
            if field.has_attr("checked"):
                data[name] = field["value"]
        else:
            data[name] = field.get("value", "")
    return data


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
    """A connection to the app's database, for looking at rows directly."""
    database = store.connect(app.config["DATABASE"])
    yield database
    database.conn.close()
