"""Shared fixtures: an app on a temporary database, its test client and CLI runner, ids from
the real data file, and offline syllable counts for the readability checks."""

from __future__ import annotations

import pytest

from planner import create_app
from planner.pathways.model import band_rank

#: Throwaway PostgreSQL and Redis servers, and the ``database_url`` fixture (both databases).
pytest_plugins = ["tests.engines"]


#: Form fuzzing sends hundreds of answers a minute; the limits have tests of their own
#: (tests/web/test_limits.py), which make apps with the real ones.
NO_LIMITS = {"ROUTE_LIMIT": "100000 per minute", "SPENT_LIMIT": "100000 per minute"}


@pytest.fixture
def app(tmp_path):
    """The app with the real data file and a fresh SQLite database per test."""
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "planner.sqlite"), **NO_LIMITS})
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def offline_syllables(monkeypatch):
    """Count syllables with Pyphen, offline and the same on every machine.

    textstat looks words up in NLTK's CMUdict, which it downloads on first use;
    our machines have no network, so it falls back on Pyphen's hyphenation
    dictionary, as textstat itself does for words CMUdict lacks.
    """
    from textstat.backend.counts import _count_syllables

    monkeypatch.setattr(_count_syllables, "get_cmudict", lambda lang: None)
    _count_syllables.count_syllables.cache_clear()


@pytest.fixture
def catalogue(app):
    return app.extensions["planner"]["catalogue"]


@pytest.fixture
def some_ticks(catalogue) -> list[str]:
    """A few everyday skills someone starting out might tick."""
    wanted = ["literacy-skills", "teamwork", "customer-care"]
    known = [s.id for s in catalogue.skills]
    return [s for s in wanted if s in known] or known[:3]


@pytest.fixture
def target(catalogue) -> str:
    """A job a few steps up the ladder."""
    ids = [r.id for r in catalogue.roles]
    if "admin-team-lead" in ids:
        return "admin-team-lead"
    return sorted(catalogue.roles, key=lambda r: band_rank(r.band))[len(ids) // 2].id
