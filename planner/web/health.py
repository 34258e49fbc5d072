"""Health checks for load balancers and monitors: no personal data, GET only, no rate limits.

``/healthz`` (liveness) says this process answers, and nothing else: it never
asks the database, so a database outage does not make a supervisor restart
every healthy process. ``/readyz`` (readiness) says it can serve plans: the
database is at this code's migration, every column a plan page reads is
there, and a write would work.
"""

from __future__ import annotations

from flask import Blueprint, jsonify

from planner.plans import store
from planner.plans.db import get_db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """200 whenever the process can answer at all."""
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    """200 when plans can be read and written; 503 (and why, in the log) when not."""
    try:
        details = store.check_ready(get_db())
    except store.DatabaseError as err:
        from flask import current_app

        from planner.plans.database import error_summary

        current_app.logger.error(
            "Not ready: the plans database failed its check: %s", error_summary(err)
        )
        return jsonify(status="error", database="cannot be read"), 503
    return jsonify(status="ok", **details)
