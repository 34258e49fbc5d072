"""NHS career pathway planner: the Flask app factory, the only place blueprints are registered."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planner.config import ConfigError

if TYPE_CHECKING:  # importing the core (planner.pathways) must not pull in Flask
    from flask import Flask

__all__ = ["ConfigError", "create_app"]


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create and configure the planner app. Refuses to start if the data file is invalid."""
    from flask import Flask

    from planner import api, config, help, plans, web
    from planner.advice import views as advice
    from planner.catalogue import load_catalogue
    from planner.explore import views as explore
    from planner.explore.route_cache import make_route_finder
    from planner.pathways import build_graph
    from planner.spent import views as spent
    from planner.web import health

    app = Flask(
        __name__,
        instance_path=config.instance_path(),
        static_folder=str(config.ROOT / "static"),
        template_folder=None,
    )
    config.configure(app, test_config)

    catalogue = load_catalogue(app.config["DATA_PATH"])
    graph = build_graph(catalogue)
    app.extensions["planner"] = {
        "catalogue": catalogue,
        "graph": graph,
        "routes": make_route_finder(graph),
    }

    web.init_app(app)
    help.init_app(app)
    plans.init_app(app)
    for blueprint in (explore.bp, advice.bp, help.bp, spent.bp, plans.bp, api.bp, health.bp):
        app.register_blueprint(blueprint)
    return app
