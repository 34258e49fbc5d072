"""The "plans" blueprint, its token converter, and the headers every plan page gets.

Plan pages are personal: never cached, never indexed, never logged with their
token (see :mod:`planner.web.logs`).
"""

from __future__ import annotations

from flask import Blueprint
from werkzeug.routing import BaseConverter

from planner.plans.tokens import TOKEN_RE
from planner.web.headers import keep_private

__all__ = ["TokenConverter", "bp"]

bp = Blueprint("plans", __name__)
keep_private(bp)


class TokenConverter(BaseConverter):
    """Only strings shaped like a token match ``<token:...>``; anything else is a plain 404."""

    regex = TOKEN_RE
