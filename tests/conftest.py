"""Shared fixtures: an app on a temporary database, its test client and CLI runner."""

from __future__ import annotations

import pytest

from planner import create_app


@pytest.fixture
def app(tmp_path):
    """The app with the real data file and a fresh SQLite database per test."""
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "planner.sqlite")})
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
