"""The app's plans database: one engine per app, made at start, shared by every request.

The engine keeps a small pool of connections; each store function borrows
one for its transaction. Connection settings, migrations and readiness are in
:mod:`planner.plans.database`; this module decides when the engine is made,
prepared and let go.
"""

from __future__ import annotations

import weakref

from flask import Flask, current_app
from sqlalchemy import Engine

from planner.config import default_database
from planner.plans import database

__all__ = ["get_db", "init_db"]


def get_db() -> Engine:
    """The app's plans database."""
    return current_app.extensions["planner"]["db"]


def init_db(app: Flask) -> None:
    """Make the engine and bring the tables up to date, before any gunicorn worker forks.

    If the database cannot be prepared the planner still serves routes; plan
    pages fail and ``/readyz`` answers 503 until it is fixed, and the log says why.
    """
    url = app.config["DATABASE_URL"]
    path = database.sqlite_path(url)
    if path == default_database():
        path.parent.mkdir(parents=True, exist_ok=True)
    elif path is not None and not path.exists():
        app.logger.warning(
            "There was no plans database at %s, so a new empty one is being made. If your "
            "plans should be there, check PLANNER_DATABASE_URL (or PLANNER_DATABASE).",
            path,
        )
    engine = database.open_engine(url)
    # Close the pool's connections when the app goes (tests make many apps).
    weakref.finalize(app, engine.dispose)
    app.extensions.setdefault("planner", {})["db"] = engine
    try:
        mode = database.prepare(engine)
    except database.DatabaseError as err:
        app.logger.error("The plans database could not be prepared: %s", err)
        mode = "unavailable"
    finally:
        # Connections must not be shared across a fork: each worker opens its own.
        engine.dispose()
    app.extensions["planner"]["journal_mode"] = mode
