"""The JSON API: thin views over the core; the shapes are documented in /api/openapi.json."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from planner.api.openapi import openapi_document
from planner.api.shapes import learning_json, role_json, route_json, skill_json
from planner.config import today
from planner.explore.answers import (
    CHOICES,
    MAX_HAVE,
    MAX_VALUE_LENGTH,
    AnswerError,
    read_answers,
)
from planner.pathways import NoRoute
from planner.pathways.starting_point import suggest
from planner.typed import iso_day
from planner.web.errors import kept_headers
from planner.web.protection import route_question_limit

bp = Blueprint("api", __name__, url_prefix="/api")


def _planner():
    return current_app.extensions["planner"]


def error(status: int, message: str, **extra):
    return jsonify(error=message, **extra), status


@bp.errorhandler(HTTPException)
def http_error(exc: HTTPException):
    """Every API error is JSON, never an HTML page (with ``Allow`` or ``Retry-After`` if due)."""
    body, status = error(exc.code or 500, exc.description or exc.name)
    return body, status, kept_headers(exc)


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI document describing this API."""
    return jsonify(openapi_document())


@bp.get("/roles")
def roles():
    """Every role, lowest band first."""
    catalogue = _planner()["catalogue"]
    return jsonify(roles=[role_json(r, catalogue) for r in catalogue.roles])


@bp.get("/roles/<role_id>")
def role(role_id: str):
    """One role."""
    catalogue = _planner()["catalogue"]
    found = catalogue.find_role(role_id)
    if found is None:
        known = [r.id for r in catalogue.roles]
        return error(
            404,
            f"There is no role called {role_id[:MAX_VALUE_LENGTH]!r}.",
            field="id",
            value=role_id[:MAX_VALUE_LENGTH],
            suggestions=suggest(role_id, known),
        )
    return jsonify(role_json(found, catalogue))


@bp.get("/skills")
def skills():
    """Every skill, qualification and kind of experience."""
    return jsonify(skills=[skill_json(s) for s in _planner()["catalogue"].skills])


@bp.get("/learning")
def learning():
    """Every course and apprenticeship."""
    return jsonify(learning=[learning_json(item) for item in _planner()["catalogue"].learning])


#: What each kind of bad answer means for someone calling the API.
_ANSWER_MESSAGES = {
    "too-many": f"Too many skills: give at most {MAX_HAVE} 'have' values.",
    "too-long": f"A value is too long: ids are at most {MAX_VALUE_LENGTH} characters.",
    "repeated": "Give this only once.",
}


def _answer_error(err: AnswerError):
    """The one answer reader's error, as the API's JSON (it names the field)."""
    if err.kind == "unknown-role":
        value = err.values[0]
        return error(
            404,
            f"There is no role called {value!r}.",
            field=err.field,
            value=value,
            suggestions=err.suggestions.get(value, []),
        )
    if err.kind == "unknown-skill":
        names = ", ".join(repr(v) for v in err.values)
        return error(
            400,
            f"These skills are not in the list: {names}.",
            field="have",
            values=list(err.values),
            suggestions=err.suggestions,
        )
    if err.kind == "unknown-choice":
        value = err.values[0]
        known = ", ".join(repr(v) for v in CHOICES[err.field])
        return error(
            400,
            f"{err.field!r} cannot be {value!r}: use one of {known}, or leave it out.",
            field=err.field,
            value=value,
            suggestions=err.suggestions.get(value, []),
        )
    return error(400, f"{err.field!r}: {_ANSWER_MESSAGES.get(err.kind, 'not understood')}")


@bp.get("/routes")
@route_question_limit
def routes():
    """Routes from the skills in ``have`` (and role ``from``) to role ``to``, best first.

    The optional ``time_in_job``, ``time_in_nhs``, ``age`` and ``status`` are read as
    on the planner's pages (by the one answers reader) and change the route the same way.
    """
    planner = _planner()
    try:
        answers = read_answers(request.args, planner["graph"], "from", once=True)
    except AnswerError as err:
        return _answer_error(err)
    if answers.to is None:
        abort(400, "Say which role you want with to=ROLE, for example to=admin-team-lead.")
    on_values = request.args.getlist("on")
    if len(on_values) > 1:
        abort(400, "Give 'on' only once.")
    on = iso_day(on_values[0]) if on_values else today()
    if on is None:
        abort(400, "'on' must be a date written as YYYY-MM-DD, for example 2026-12-01.")
    try:
        found = planner["routes"](answers.start, answers.to, on=on)
    except NoRoute as exc:
        return jsonify(
            routes=[],
            missing=list(exc.missing),
            message=exc.reason,
            reason=exc.kind,
            nearest=exc.nearest,
        )
    return jsonify(routes=[route_json(r) for r in found])
