"""NHS career pathway planner: the Flask app factory, the only place blueprints are registered."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planner.config import ConfigError

if TYPE_CHECKING:  # importing the core (planner.pathways) must not pull in Flask
    from flask import Flask

__all__ = ["ConfigError", "create_app", "load_reference_data"]


def load_reference_data(path: str) -> dict[str, Any]:
    """The data file's catalogue (checked against its schema), its graph, and a route memo.

    They never change while an app runs. An app loads them at start; the tests load
    them once per run and hand them to each app they make as ``REFERENCE_DATA`` in the
    test config, with the memo already warm.
    """
    from planner.catalogue import load_catalogue
    from planner.explore.route_cache import make_route_finder
    from planner.pathways import build_graph

    catalogue = load_catalogue(path)
    graph = build_graph(catalogue)
    return {
        "data_path": str(path),
        "catalogue": catalogue,
        "graph": graph,
        "routes": make_route_finder(graph),
    }


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create and configure the planner app. Refuses to start if the data file is invalid."""
    from flask import Flask

    from planner import api, config, help, plans, web
    from planner.advice import views as advice
    from planner.explore import views as explore
    from planner.spent import views as spent
    from planner.web import health
    from planner.web.slots import SearchSlots

    app = Flask(
        __name__,
        instance_path=config.instance_path(),
        static_folder=str(config.ROOT / "static"),
        template_folder=None,
    )
    config.configure(app, test_config)

    app.config.pop("REFERENCE_DATA", None)
    reference = (test_config or {}).get("REFERENCE_DATA")
    if reference is None:
        reference = load_reference_data(app.config["DATA_PATH"])
    elif reference["data_path"] != str(app.config["DATA_PATH"]):
        raise ConfigError("REFERENCE_DATA was loaded from another data file than DATA_PATH.")
    app.extensions["planner"] = {name: reference[name] for name in ("catalogue", "graph", "routes")}
    # At most a few route searches at once in this process (planner/web/slots.py).
    app.extensions["planner"]["search_slots"] = SearchSlots.from_config(app.config)

    web.init_app(app)
    help.init_app(app)
    plans.init_app(app)
    for blueprint in (explore.bp, advice.bp, help.bp, spent.bp, plans.bp, api.bp, health.bp):
        app.register_blueprint(blueprint)
    return app
