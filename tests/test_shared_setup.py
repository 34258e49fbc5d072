"""What the tests hand every app they make: the loaded data file and compiled templates.

An app given them must use them, and must refuse data loaded from another file than
the one it is told to serve (a test would otherwise check one file and serve another).
"""

from __future__ import annotations

import pytest

from planner import ConfigError, create_app
from planner.catalogue import CatalogueError


def test_an_app_uses_the_reference_data_it_is_given(make_app, reference_data, sqlite_database):
    app = make_app(DATABASE=str(sqlite_database))
    for name in ("catalogue", "graph", "routes"):
        assert app.extensions["planner"][name] is reference_data[name]


def test_reference_data_from_another_file_is_refused(shared_config, tmp_path):
    other = tmp_path / "other.json"
    with pytest.raises(ConfigError, match="another data file"):
        create_app({**shared_config, "DATA_PATH": str(other), "DATABASE": str(tmp_path / "p")})


def test_an_app_told_to_serve_another_file_loads_it(make_app, tmp_path):
    """make_app leaves the shared data out when a test names its own data file."""
    with pytest.raises(CatalogueError, match="file not found"):
        make_app(DATA_PATH=str(tmp_path / "missing.json"), DATABASE=str(tmp_path / "p.sqlite"))


def test_templates_compiled_for_one_app_serve_the_next(make_app, template_cache, tmp_path):
    first = make_app(DATABASE=str(tmp_path / "a.sqlite"))
    assert first.test_client().get("/help").status_code == 200
    compiled = dict(template_cache.compiled)
    assert compiled, "the first app's templates were kept"
    second = make_app(DATABASE=str(tmp_path / "b.sqlite"))
    assert second.test_client().get("/help").status_code == 200
    assert template_cache.compiled == compiled, "the second app compiled nothing new"
