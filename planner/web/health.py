"""Health checks for load balancers and monitors: no personal data, GET only, no rate limits.

``/healthz`` says the process answers (and can reach the database file);
``/readyz`` says it can serve plans: the plan tables can be read.
"""

from __future__ import annotations

from flask import Blueprint, jsonify

from planner.plans import store
from planner.plans.db import get_db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """200 when the app and its database both answer."""
    try:
        get_db().execute("select 1").fetchone()
    except store.DatabaseError:
        return jsonify(status="error", database="not answering"), 503
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    """200 when plans can be read; 503 when the database cannot be read."""
    try:
        details = store.check_ready(get_db())
    except store.DatabaseError:
        return jsonify(status="error", database="cannot be read"), 503
    return jsonify(status="ok", **details)
