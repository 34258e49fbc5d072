"""The JSON API: thin views over the core; shapes are the contract in DESIGN.md."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from planner.openapi import openapi_document
from planner.pathways import NoRoute, UnknownRole, UnknownSkill
from planner.pathways.question import suggest
from planner.serialize import learning_json, role_json, route_json, skill_json

bp = Blueprint("api", __name__, url_prefix="/api")

MAX_HAVE = 200
MAX_VALUE_LENGTH = 100


def _planner():
    return current_app.extensions["planner"]


def error(status: int, message: str, **extra):
    return jsonify(error=message, **extra), status


@bp.errorhandler(HTTPException)
def http_error(exc: HTTPException):
    """Every API error is JSON, never an HTML page."""
    return error(exc.code or 500, exc.description or exc.name)


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
    found = next((r for r in catalogue.roles if r.id == role_id), None)
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


def _one(name: str, required: bool) -> str | None:
    values = request.args.getlist(name)
    if len(values) > 1:
        abort(400, f"Give {name!r} only once.")
    if required and not values:
        abort(400, f"Say which role you want with {name}=ROLE, for example {name}=admin-team-lead.")
    if values and len(values[0]) > MAX_VALUE_LENGTH:
        abort(400, f"{name!r} is too long: ids are at most {MAX_VALUE_LENGTH} characters.")
    return values[0] if values else None


@bp.get("/routes")
def routes():
    """Routes from the skills in ``have`` (and role ``from``) to role ``to``, best first."""
    have = request.args.getlist("have")
    if len(have) > MAX_HAVE:
        abort(400, f"Too many skills: give at most {MAX_HAVE} 'have' values.")
    if any(len(h) > MAX_VALUE_LENGTH for h in have):
        abort(400, f"A 'have' value is too long: ids are at most {MAX_VALUE_LENGTH} characters.")
    have = list(dict.fromkeys(h for h in have if h))
    target = _one("to", required=True)
    current = _one("from", required=False) or None
    on_text = _one("on", required=False)
    try:
        on = date.fromisoformat(on_text) if on_text else date.today()
    except ValueError:
        abort(400, "'on' must be a date written as YYYY-MM-DD, for example 2026-12-01.")
    try:
        found = _planner()["routes"](have, target, current_role=current, on=on)
    except UnknownRole as exc:
        field = "to" if exc.value == target else "from"
        return error(404, str(exc), field=field, value=exc.value, suggestions=exc.suggestions)
    except UnknownSkill as exc:
        return error(400, str(exc), field="have", values=exc.values, suggestions=exc.suggestions)
    except NoRoute as exc:
        return jsonify(routes=[], missing=list(exc.missing), message=exc.reason)
    return jsonify(routes=[route_json(r) for r in found])
