"""The database for a request, kept on ``g`` and closed on teardown (flaskr style).

Connection settings, the journal mode and migrations live in ``planner.plans.store``;
this module only decides when a connection opens and closes.
"""

from __future__ import annotations

import sqlite_utils
from flask import Flask, current_app, g

from planner.plans import store

__all__ = ["close_db", "get_db", "init_db", "prepare_db"]


def get_db() -> sqlite_utils.Database:
    """This request's database, opened on first use."""
    if "db" not in g:
        g.db = store.connect(current_app.config["DATABASE"])
    return g.db


def close_db(_exc: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.conn.close()


def prepare_db(path: str) -> str:
    """Choose the journal mode and apply migrations; returns the journal mode."""
    db = store.connect(path)
    try:
        return store.prepare(db)
    finally:
        db.conn.close()


def init_db(app: Flask) -> None:
    """Prepare the database once at start-up, before any worker forks.

    If it cannot be opened the planner still serves routes; plan pages fail and
    ``/readyz`` answers 503 until it is fixed.
    """
    app.teardown_appcontext(close_db)
    try:
        mode = prepare_db(app.config["DATABASE"])
    except store.DatabaseError as err:
        app.logger.error("The plans database could not be prepared: %s", err)
        mode = "unavailable"
    app.extensions.setdefault("planner", {})["journal_mode"] = mode
