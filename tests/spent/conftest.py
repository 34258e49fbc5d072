"""Fixtures for the spent-date checker: a pinned day and a CSRF token for its form."""

from __future__ import annotations

import re

import pytest

TODAY = "2026-11-23"
TOKEN_IN_FORM = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def app(app):
    app.config["TODAY"] = TODAY
    return app


@pytest.fixture
def csrf(client) -> str:
    match = TOKEN_IN_FORM.search(client.get("/check-spent").get_data(as_text=True))
    return match.group(1) if match else ""
