"""NHS career pathway planner: the Flask app factory."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # importing the core (planner.pathways) must not pull in Flask
    from flask import Flask

ROOT = Path(__file__).resolve().parent.parent

__all__ = ["create_app"]


class ConfigError(RuntimeError):
    """The app was asked to start with settings it must refuse."""


def _secret_key(app: Flask) -> None:
    """Production needs a long SECRET_KEY from the environment; elsewhere a random one will do."""
    key = app.config.get("SECRET_KEY") or os.environ.get("SECRET_KEY")
    if app.config["ENV_NAME"] == "production" and (not key or len(key) < 32):
        raise ConfigError(
            "SECRET_KEY must be set to a random value of at least 32 characters in production. "
            'Make one with: python -c "import secrets; print(secrets.token_hex(32))"'
        )
    app.config["SECRET_KEY"] = key or secrets.token_hex(32)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create and configure the planner app. Refuses to start if the data file is invalid."""
    from flask import Flask

    from planner import api, db, health, plans, protection, web
    from planner.catalogue import DEFAULT_DATA_PATH, load_catalogue
    from planner.pathways import build_graph
    from planner.route_cache import make_route_finder

    app = Flask(
        __name__,
        instance_path=os.environ.get("PLANNER_INSTANCE_PATH", str(ROOT / "instance")),
        static_folder=str(ROOT / "static"),
        template_folder=None,
    )
    app.config.from_mapping(
        ENV_NAME=os.environ.get("PLANNER_ENV", "development"),
        DATA_PATH=str(DEFAULT_DATA_PATH),
        DATABASE=str(Path(app.instance_path) / "planner.sqlite"),
        MAX_CONTENT_LENGTH=256 * 1024,
        JSON_SORT_KEYS=False,
    )
    app.config.from_prefixed_env("PLANNER")
    if test_config:
        app.config.update(test_config)
    _secret_key(app)

    catalogue = load_catalogue(app.config["DATA_PATH"])
    graph = build_graph(catalogue)
    app.extensions["planner"] = {
        "catalogue": catalogue,
        "graph": graph,
        "routes": make_route_finder(graph),
    }

    db.init_app(app)
    web.init_app(app)
    protection.init_app(app)
    plans.init_app(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(api.bp)
    return app
