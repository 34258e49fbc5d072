"""Health checks for load balancers and monitors: no personal data, GET only."""

from __future__ import annotations

import sqlite3

from flask import Blueprint, jsonify

from planner.db import get_db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """200 when the app and its database both answer."""
    try:
        get_db().execute("select 1").fetchone()
    except sqlite3.Error:
        return jsonify(status="error", database="not answering"), 503
    return jsonify(status="ok")
