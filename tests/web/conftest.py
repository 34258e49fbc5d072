"""Fixtures for the page tests: ids from the real data file."""

from __future__ import annotations

import pytest

from planner.pathways.model import band_rank


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
