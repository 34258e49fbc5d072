"""The SQLite connection for a request, kept on ``g`` and closed on teardown (flaskr style)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils
from flask import Flask, current_app, g

__all__ = ["close_db", "get_db", "init_app"]


def get_db() -> sqlite_utils.Database:
    """This request's database, opened on first use."""
    if "db" not in g:
        path = Path(current_app.config["DATABASE"])
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=5, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA foreign_keys = ON")
        g.db = sqlite_utils.Database(conn)
    return g.db


def close_db(_exc: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.conn.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_db)
