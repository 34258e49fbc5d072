"""Shared fixtures: an app on a database of its own, its test client and CLI runner, ids from
the real data file, and offline syllable counts for the readability checks.

What never changes while an app runs is made once per test run and handed to every app
through its test config: the data file's catalogue (with its schema check), the graph and
the route memo (``REFERENCE_DATA``), and compiled templates (``TEMPLATE_CACHE``). Each test
still gets an app of its own, on its own copy of a migrated SQLite file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from planner import create_app, load_reference_data
from planner.config import DEFAULT_DATA_PATH
from planner.pathways.model import band_rank

#: Throwaway PostgreSQL and Redis servers, and the ``database_url`` fixture (both databases);
#: the live server, Chromium and watched tabs that every browser test shares.
pytest_plugins = ["tests.engines", "tests.browser.fixtures"]


#: No property test may fail because the machine is busy: no time limit per example and no
#: "too slow" check. Under CI=true the examples are the same on every run, so a run cannot
#: be turned away by a rare example; run locally to explore new ones.
settings.register_profile(
    "planner",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=os.environ.get("CI") == "true",
)
settings.load_profile("planner")


def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """With ``-n`` and ``--dist loadscope`` (``make test``), each test module runs on one
    worker, so a module-scoped fixture (the realism sweep's answers) is made once, and
    every test in a ``browser`` folder runs on one worker, so one live server and one
    Chromium serve them all.

    (xdist's own ``loadgroup`` and its ``xdist_group`` mark do nothing with pytest 9:
    xdist 3.8 renames ``item._nodeid``, which pytest 9 no longer reads.)
    """
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ModulesAndBrowser(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if "/browser/" in nodeid.split("::")[0]:
                return "browser"
            return super()._split_scope(nodeid)

    return ModulesAndBrowser(config, log)


#: Form fuzzing sends hundreds of answers a minute; the limits have tests of their own
#: (tests/web/test_limits.py), which make apps with the real ones.
NO_LIMITS = {"ROUTE_LIMIT": "100000 per minute", "SPENT_LIMIT": "100000 per minute"}


class TemplateCache(BytecodeCache):
    """Compiled templates kept in memory for every app of the run (Jinja checks each
    template's source still matches before it uses the compiled code)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@pytest.fixture(scope="session")
def reference_data() -> dict:
    """The shipped data file, loaded and checked once: catalogue, graph and route memo.

    The memo is shared: a route is the same for every app made from this data.
    """
    return load_reference_data(str(DEFAULT_DATA_PATH))


@pytest.fixture(scope="session")
def template_cache() -> TemplateCache:
    return TemplateCache()


@pytest.fixture(scope="session")
def shared_config(reference_data, template_cache) -> dict:
    """The test config every app made for a test can start from (``make_app`` adds to it)."""
    return {
        "TESTING": True,
        "REFERENCE_DATA": reference_data,
        "TEMPLATE_CACHE": template_cache,
        **NO_LIMITS,
    }


@pytest.fixture
def make_app(shared_config):
    """Make an app with the shared data and templates and these settings on top.

    For tests that need their own settings (limits, proxies, logs): ``make_app(DATABASE=...,
    LOG_FORMAT="json")``. A setting given here wins over the shared ones.
    """

    def make(**config):
        settings = {**shared_config, **config}
        if "DATA_PATH" in config:  # another data file: the app loads its own
            settings.pop("REFERENCE_DATA")
        return create_app(settings)

    return make


@pytest.fixture
def app(request, make_app, sqlite_database) -> Iterator:
    """The app with the real data file, on a database of its own.

    That is a copy of a migrated SQLite file; a test that also names ``database_url``
    runs twice, on SQLite and then on PostgreSQL (tests/engines.py).
    """
    if "database_url" in request.fixturenames:
        app = make_app(DATABASE_URL=request.getfixturevalue("database_url"))
    else:
        app = make_app(DATABASE=str(sqlite_database))
    yield app
    app.extensions["planner"]["db"].dispose()


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
