"""The OpenAPI document for the JSON API. Tests check every response against it."""

from __future__ import annotations

from typing import Any

from planner.explore.answers import CHOICES, MAX_HAVE, MAX_VALUE_LENGTH, STATUSES

_ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
_IDS = {"type": "array", "items": _ID}
_NULLABLE_TEXT = {"type": "string", "nullable": True}
_SOURCES = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "title": {"type": "string"},
            "url": {"type": "string"},
            "where": {"type": "string"},
        },
    },
}


def _obj(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": properties}


ROLE = _obj(
    ["id", "title", "band", "family", "route", "requires", "desirable", "dbs", "sources"],
    {
        "id": _ID,
        "title": {"type": "string"},
        "band": {"type": "string"},
        "band_top": {"type": "string", "description": "The top of the job's band range."},
        "family": _ID,
        "route": _ID,
        "summary": {"type": "string"},
        "requires": _IDS,
        "desirable": _IDS,
        "entry_point": {"type": "boolean"},
        "responsibility": {"type": "string", "enum": ["none", "supervisory", "management"]},
        "apprenticeship": {
            "type": "string",
            "nullable": True,
            "description": "An apprentice post: the apprenticeship that comes with it.",
        },
        "pay": _obj(
            ["entry", "top"],
            {
                "entry": {"type": "integer", "nullable": True},
                "top": {"type": "integer", "nullable": True},
                "year": {"type": "string"},
            },
        ),
        "dbs": _obj(
            ["level", "patient_contact", "default"],
            {
                "level": {
                    "type": "string",
                    "enum": ["basic", "standard", "enhanced", "enhanced-barred"],
                },
                "patient_contact": {"type": "boolean"},
                "shows": {"type": "string"},
                "default": {"type": "boolean"},
                "declaration_form": {
                    "type": "string",
                    "enum": ["A", "B"],
                    "description": "The NHS model declaration form asked for after an offer.",
                },
            },
        ),
        "barred_lists": {
            "type": "object",
            "nullable": True,
            "description": "The barred lists the job's check looks at, and what being on one closes.",
            "properties": {
                "lists": {
                    "type": "array",
                    "items": {"type": "string", "enum": ["adults", "children"]},
                },
                "closes": {"type": "string", "enum": ["whole-job", "moving-patients"]},
            },
        },
        "licences": {
            "type": "array",
            "description": "Licences the job's adverts ask for, and the record rule of each.",
            "items": {
                "type": "object",
                "properties": {
                    "id": _ID,
                    "name": {"type": "string"},
                    "asked": {"type": "string", "enum": ["all", "most", "some"]},
                    "refused_within_years": {"type": "integer"},
                    "serious_within_years": {"type": "integer"},
                    "check_url": {"type": "string"},
                },
            },
        },
        "inferred": _NULLABLE_TEXT,
        "sources": _SOURCES,
    },
)
SKILL = _obj(
    ["id", "name", "level", "kind"],
    {
        "id": _ID,
        "name": {"type": "string"},
        "level": {"type": "integer"},
        "kind": {"type": "string", "enum": ["skill", "qualification", "experience"]},
        "description": {"type": "string"},
        "met_by": {"type": "array", "items": _IDS},
        "inferred": _NULLABLE_TEXT,
        "sources": _SOURCES,
    },
)
LEARNING = _obj(
    ["id", "name", "kind", "level", "duration_weeks", "grants", "requires"],
    {
        "id": _ID,
        "name": {"type": "string"},
        "kind": {"type": "string", "enum": ["course", "apprenticeship"]},
        "level": {"type": "integer"},
        "duration_weeks": {"type": "integer"},
        "duration_range_weeks": {"type": "array", "items": {"type": "integer"}},
        "grants": _IDS,
        "requires": _IDS,
        "done_in": {
            "type": "object",
            "nullable": True,
            "description": "The job an apprenticeship is done in: families, bands, duties.",
            "properties": {
                "families": _IDS,
                "bands": {"type": "array", "items": {"type": "string"}, "nullable": True},
                "responsibility": {"type": "array", "items": {"type": "string"}},
            },
        },
        "side_by_side": {"type": "boolean"},
        "way_in": {"type": "object", "nullable": True},
        "funded_up_to_age": {"type": "integer", "nullable": True},
        "cost": {"type": "string"},
        "standard": _NULLABLE_TEXT,
        "funding_band_max": {"type": "integer", "nullable": True},
        "starts_from": {"type": "string", "format": "date", "nullable": True},
        "starts_until": {"type": "string", "format": "date", "nullable": True},
        "availability_note": _NULLABLE_TEXT,
        "inside_prison": {"type": "boolean", "description": "Prisons teach it."},
        "alternatives": _IDS,
        "inferred": _NULLABLE_TEXT,
        "sources": _SOURCES,
    },
)
STEP = _obj(
    ["kind", "id", "title", "weeks", "gains"],
    {
        "kind": {"type": "string", "enum": ["role", "course", "apprenticeship", "experience"]},
        "id": _ID,
        "title": {"type": "string"},
        "weeks": {
            "type": "integer",
            "minimum": 0,
            "description": "Weeks this step adds to the route.",
        },
        "full_weeks": {
            "type": "integer",
            "minimum": 0,
            "description": "The step's own length; more than 'weeks' when it overlaps others.",
        },
        "overlap_weeks": {"type": "integer", "minimum": 0},
        "weeks_range": {"type": "array", "items": {"type": "integer"}, "nullable": True},
        "starts_after_weeks": {"type": "integer", "minimum": 0},
        "gains": _IDS,
        "counts_as": {
            **_IDS,
            "description": "The gains met only through an equivalence ('counts as').",
        },
        "way_in": {"type": "boolean"},
    },
)
ROUTE = _obj(
    ["total_weeks", "start", "steps"],
    {
        "total_weeks": {"type": "integer", "minimum": 0},
        "total_weeks_min": {"type": "integer", "minimum": 0, "nullable": True},
        "best_effort": {
            "type": "boolean",
            "description": "True when the search ran out of time and this may not be fastest.",
        },
        "apply_now": {"type": "boolean"},
        "start": _IDS,
        "steps": {"type": "array", "items": STEP},
    },
)
ERROR = _obj(
    ["error"],
    {
        "error": {"type": "string"},
        "field": {"type": "string"},
        "value": {"type": "string"},
        "values": {"type": "array", "items": {"type": "string"}},
        "suggestions": {},
    },
)


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _list(key: str, item: str) -> dict[str, Any]:
    return _obj([key], {key: {"type": "array", "items": _ref(item)}})


def _time_parameter(name: str, what: str) -> dict[str, Any]:
    choices = "; ".join(f"{value}: {label.lower()}" for value, label in CHOICES[name].items())
    return {
        "name": name,
        "in": "query",
        "description": f"Optional: how long the person has been {what} ({choices}). "
        "Each counts as the least it could mean. Without it, they are taken to be new.",
        "schema": {"type": "string", "enum": list(CHOICES[name])},
    }


#: The optional answers that change a route, named as on the planner's pages.
_ABOUT_YOU = [
    _time_parameter("time_in_job", "in their current job ('from')"),
    _time_parameter("time_in_nhs", "in the NHS, across all their jobs"),
    {
        "name": "age",
        "in": "query",
        "description": "Optional: how old the person is (16-to-21, 22-to-30, 31-or-over). "
        "Some apprenticeships (the Level 7 Senior Leader) are funded only for people under "
        "22; the King's Trust programme is only for people aged 16 to 30.",
        "schema": {"type": "string", "enum": list(CHOICES["age"])},
    },
    {
        "name": "under_22",
        "in": "query",
        "description": "Optional, older form of 'age': 'yes' if the person is under 22 (read "
        "as age=16-to-21), 'no' if not. Some apprenticeships (the Level 7 Senior Leader) are "
        "funded only for people under 22.",
        "schema": {"type": "string", "enum": list(CHOICES["under_22"])},
    },
    {
        "name": "status",
        "in": "query",
        "description": "Optional: where the person is now. 'not-working' and 'volunteering' "
        "mean out of paid work, which the ways in (pre-employment programmes) are for.",
        "schema": {"type": "string", "enum": list(STATUSES)},
    },
]


#: gunicorn answers a request line over 8,190 bytes itself, before the API, in plain text.
TOO_LONG = {"description": "The web address is too long (answered by the server, as plain text)"}


def _with_too_long(paths: dict[str, Any]) -> dict[str, Any]:
    """Every operation can get the server's 414."""
    for operations in paths.values():
        for operation in operations.values():
            operation["responses"]["414"] = TOO_LONG
    return paths


def openapi_document() -> dict[str, Any]:
    """Build the document (it is small, so it is built per request rather than cached)."""
    bad = _json(_ref("Error"), "The request was not valid: the message says what to change")
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "NHS career pathway planner API",
            "version": "1.0.0",
            "description": "Roles, skills, learning and routes for non-clinical NHS careers.",
        },
        "paths": _with_too_long(
            {
                "/healthz": {
                    "get": {
                        "summary": "The process answers (it never asks the database: see /readyz)",
                        "responses": {
                            "200": _json(
                                _obj(["status"], {"status": {"type": "string"}}), "Healthy"
                            ),
                        },
                    }
                },
                "/api/roles": {
                    "get": {
                        "summary": "Every role",
                        "responses": {"200": _json(_list("roles", "Role"), "All roles")},
                    }
                },
                "/api/roles/{role_id}": {
                    "get": {
                        "summary": "One role",
                        "parameters": [
                            {
                                "name": "role_id",
                                "in": "path",
                                "required": True,
                                "schema": {"type": "string"},
                            }
                        ],
                        "responses": {
                            "200": _json(_ref("Role"), "The role"),
                            "404": _json(
                                _ref("Error"), "No such role; suggestions name the nearest"
                            ),
                        },
                    }
                },
                "/api/skills": {
                    "get": {
                        "summary": "Every skill, qualification and kind of experience",
                        "responses": {"200": _json(_list("skills", "Skill"), "All skills")},
                    }
                },
                "/api/learning": {
                    "get": {
                        "summary": "Every course and apprenticeship",
                        "responses": {"200": _json(_list("learning", "Learning"), "All learning")},
                    }
                },
                "/api/routes": {
                    "get": {
                        "summary": "Routes from what a person has to a role, best first",
                        "parameters": [
                            {
                                "name": "have",
                                "in": "query",
                                "schema": {
                                    "type": "array",
                                    "maxItems": MAX_HAVE,
                                    "items": {"type": "string", "maxLength": MAX_VALUE_LENGTH},
                                },
                                "style": "form",
                                "explode": True,
                            },
                            {
                                "name": "to",
                                "in": "query",
                                "required": True,
                                "description": (
                                    "The role id wanted. A value with no visible letter or sign "
                                    "(only spaces or control characters) is a missing one."
                                ),
                                "schema": {
                                    "type": "string",
                                    "minLength": 1,
                                    "maxLength": MAX_VALUE_LENGTH,
                                    # Role ids are plain ASCII. ECMA's \S lets control characters
                                    # such as U+001E through, which Python's strip() removes.
                                    "pattern": "[!-~]",
                                },
                            },
                            {
                                "name": "from",
                                "in": "query",
                                "description": "The role id of the person's job now, if any.",
                                "schema": {"type": "string", "maxLength": MAX_VALUE_LENGTH},
                            },
                            *_ABOUT_YOU,
                            {
                                "name": "on",
                                "in": "query",
                                "description": "The day the route starts, written YYYY-MM-DD "
                                "(the default is today). A day in the past counts as today.",
                                "schema": {
                                    "type": "string",
                                    "format": "date",
                                    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                                },
                            },
                        ],
                        "responses": {
                            "200": _json(
                                _obj(
                                    ["routes"],
                                    {
                                        "routes": {"type": "array", "items": _ref("Route")},
                                        "missing": _IDS,
                                        "message": {"type": "string"},
                                        "reason": {
                                            "type": "string",
                                            "enum": [
                                                "nothing-gives",
                                                "closed",
                                                "out-of-reach",
                                                "shape",
                                                "too-long",
                                            ],
                                        },
                                        "nearest": {"type": "string", "nullable": True},
                                    },
                                ),
                                "Routes, best first; empty with 'missing' when none exists",
                            ),
                            "400": bad,
                            "404": _json(_ref("Error"), "A role in 'to' or 'from' is not known"),
                            "429": _json(_ref("Error"), "Too many questions from this address"),
                            "503": _json(
                                _ref("Error"),
                                "Many route searches are running: try again after Retry-After seconds",
                            ),
                        },
                    }
                },
            }
        ),
        "components": {
            "schemas": {
                "Role": ROLE,
                "Skill": SKILL,
                "Learning": LEARNING,
                "Step": STEP,
                "Route": ROUTE,
                "Error": ERROR,
            }
        },
    }
