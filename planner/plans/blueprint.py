"""The "plans" blueprint, its token converter, and the headers every plan page gets.

Plan pages are personal: never cached, never indexed, never logged with their
token (see :mod:`planner.web.logs`).
"""

from __future__ import annotations

from flask import Blueprint, current_app, request
from werkzeug.routing import BaseConverter

from planner.plans.database import DatabaseError, error_summary
from planner.plans.tokens import TOKEN_RE
from planner.web.errors import PageProblem
from planner.web.headers import keep_private

__all__ = ["TokenConverter", "bp"]

bp = Blueprint("plans", __name__)
keep_private(bp)


@bp.errorhandler(DatabaseError)
def _database_unavailable(err: DatabaseError):
    """The database is down, full or read-only: say the plan is safe, with a 503, not a 500.

    The log gets one line naming the failure, never the statement's values.
    """
    current_app.logger.error("The plans database failed: %s", error_summary(err))
    sent = request.method == "POST"
    lines = [
        "Your plan is safe. Everything you saved before is still there.",
        "What you just sent was not saved. Go back to keep what you typed, "
        "then try again in a few minutes."
        if sent
        else "Try again in a few minutes.",
    ]
    title = (
        "Sorry, we cannot save plans just now" if sent else "Sorry, we cannot open plans just now"
    )
    return current_app.handle_http_exception(PageProblem(503, title, lines, retry_after=120))


class TokenConverter(BaseConverter):
    """Only strings shaped like a token match ``<token:...>``; anything else is a plain 404."""

    regex = TOKEN_RE
