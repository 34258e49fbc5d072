"""Health checks for load balancers and monitors: no personal data, GET only, no rate limits.

``/healthz`` says the process answers (and can reach the database);
``/readyz`` says it can serve plans: the database is at this code's migration,
every column a plan page reads is there, and the plans table can be written.
"""

from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy import text

from planner.plans import store
from planner.plans.db import get_db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """200 when the app and its database both answer."""
    try:
        with get_db().connect() as conn:
            conn.execute(text("SELECT 1")).scalar()
    except store.DatabaseError:
        return jsonify(status="error", database="not answering"), 503
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    """200 when plans can be read and written; 503 (and why, in the log) when not."""
    try:
        details = store.check_ready(get_db())
    except store.DatabaseError as err:
        from flask import current_app

        current_app.logger.error("Not ready: the plans database failed its check: %s", err)
        return jsonify(status="error", database="cannot be read"), 503
    return jsonify(status="ok", **details)
