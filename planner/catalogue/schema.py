"""The JSON Schema for ``data/nhs_bands.json``.

Shape only: cross-references (unknown ids, bands, reachability) are checked in
``checks.py`` so their messages can name the entry in plain words.
"""

from __future__ import annotations

from typing import Any

_ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 80}
_IDS = {"type": "array", "items": _ID, "uniqueItems": True}
_TEXT = {"type": "string", "minLength": 1, "maxLength": 600}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

_SOURCE: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "ref": _ID,
        "title": _TEXT,
        "url": {"type": "string", "pattern": "^https?://"},
        "where": _TEXT,
    },
    "anyOf": [{"required": ["ref"]}, {"required": ["title"]}, {"required": ["url"]}],
}
_SOURCES = {"type": "array", "items": _SOURCE, "minItems": 1}

# Any record may say that a fact in it is our inference rather than a source's.
_INFERRED = {"inferred": {"type": "boolean"}, "inferred_reason": _TEXT}
_INFERRED_NEEDS_REASON = {
    "if": {"properties": {"inferred": {"const": True}}, "required": ["inferred"]},
    "then": {"required": ["inferred_reason"]},
}


def _record(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    """An object with a closed set of keys that may carry an inference note."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": {**properties, **_INFERRED},
        **_INFERRED_NEEDS_REASON,
    }


_DBS = _record(
    ["level", "patient_contact", "default", "sources"],
    {
        "level": {"enum": ["basic", "standard", "enhanced", "enhanced-barred"]},
        "patient_contact": {"type": "boolean"},
        "default": {"type": "boolean"},
        "reason": _TEXT,
        "sources": _SOURCES,
    },
)

#: Who cannot do a job, or part of it, and why: regulated activity, closed to people on a barred list.
_BARRED_LISTS = _record(
    ["lists", "closes", "sources"],
    {
        "lists": {
            "type": "array",
            "items": {"enum": ["adults", "children"]},
            "minItems": 1,
            "uniqueItems": True,
        },
        "closes": {"enum": ["whole-job", "moving-patients"]},
        "sources": _SOURCES,
    },
)

#: A licence a job asks for (an id in the top-level ``licences``) and how many adverts ask.
_LICENCE_NEED = _record(
    ["licence", "asked", "sources"],
    {"licence": _ID, "asked": {"enum": ["all", "most", "some"]}, "sources": _SOURCES},
)

_YEARS = {"type": "integer", "minimum": 0, "maximum": 50}
_MONTHS = {"type": "integer", "minimum": 0, "maximum": 600}

#: A licence from a body outside the NHS (the SIA's), and what a record changes for it.
_LICENCE = _record(
    ["id", "name", "issuer", "training", "training_weeks", "decision_weeks", "record", "check"]
    + ["sources"],
    {
        "id": _ID,
        "name": _TEXT,
        "issuer": _TEXT,
        "training": _TEXT,
        "training_weeks": {"type": "integer", "minimum": 0, "maximum": 104},
        "decision_weeks": {"type": "integer", "minimum": 0, "maximum": 52},
        "lasts_years": _YEARS,
        "record": _record(
            ["refused_within_years", "serious_within_years", "counted_from", "sources"],
            {
                "refused_within_years": _YEARS,
                "serious_within_years": _YEARS,
                "longer_checks_over_months": _MONTHS,
                "refused_over_months": _MONTHS,
                "counted_from": _TEXT,
                "sources": _SOURCES,
            },
        ),
        "check": {
            "type": "object",
            "additionalProperties": False,
            "required": ["title", "url"],
            "properties": {"title": _TEXT, "url": {"type": "string", "pattern": "^https://"}},
        },
        "sources": _SOURCES,
    },
)

#: A course that prisons teach: where it says so.
_INSIDE_PRISON = _record(["sources"], {"sources": _SOURCES})

_WEEK_RANGE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["min", "max"],
    "properties": {
        "min": {"type": "integer", "minimum": 0, "maximum": 520},
        "max": {"type": "integer", "minimum": 0, "maximum": 520},
    },
}

#: Inside prison: who helps, and when (weeks before release), with sources.
_PRISON = _record(
    ["rotl_within_weeks", "rotl_setup_weeks", "hub_weeks_before_release", "sources"],
    {
        "rotl_within_weeks": {"type": "integer", "minimum": 0, "maximum": 520},
        "rotl_setup_weeks": _WEEK_RANGE,
        "hub_weeks_before_release": {"type": "integer", "minimum": 0, "maximum": 104},
        "banking_weeks_before_release": _WEEK_RANGE,
        "sources": _SOURCES,
    },
)

_DURATION = _record(
    ["weeks", "min_weeks", "max_weeks", "sources"],
    {
        "weeks": {"type": "integer", "minimum": 0, "maximum": 520},
        "min_weeks": {"type": "integer", "minimum": 0, "maximum": 520},
        "max_weeks": {"type": "integer", "minimum": 0, "maximum": 520},
        "note": _TEXT,
        "sources": _SOURCES,
    },
)

_AVAILABILITY = _record(
    ["sources"],
    {
        "starts_from": _DATE,
        "starts_until": _DATE,
        "note": _TEXT,
        "sources": _SOURCES,
    },
)

_BAND = {"type": "string", "maxLength": 3}

_DONE_IN = _record(
    ["sources"],
    {
        "families": _IDS,
        "routes": _IDS,
        "roles": _IDS,
        "bands": {
            "type": "object",
            "additionalProperties": False,
            "required": ["from", "to"],
            "properties": {"from": _BAND, "to": _BAND},
        },
        "responsibility": {
            "type": "array",
            "items": {"enum": ["none", "supervisory", "management"]},
            "uniqueItems": True,
        },
        "sources": _SOURCES,
    },
)

_WAY_IN = _record(
    ["for_whom", "leads_to", "sources"],
    {
        "for_whom": _TEXT,
        "leads_to": _TEXT,
        "guaranteed_interview": {"type": "boolean"},
        "condition": {"enum": ["out-of-work", "under-22", "aged-16-to-30"]},
        "sources": _SOURCES,
    },
)

_TIME_IN_POST = _record(
    ["id", "name", "family", "into_bands", "weeks", "typical_weeks", "sources"],
    {
        "id": _ID,
        "name": _TEXT,
        "family": _ID,
        "into_bands": {"type": "array", "items": _BAND, "minItems": 1, "uniqueItems": True},
        "weeks": {"type": "integer", "minimum": 0, "maximum": 520},
        "typical_weeks": {"type": "integer", "minimum": 0, "maximum": 520},
        "sources": _SOURCES,
    },
)

CATALOGUE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["about", "sources", "progression", "families", "routes", "dbs_levels", "bands"]
    + ["skills", "roles", "learning", "experience"],
    "properties": {
        "about": {
            "type": "object",
            "additionalProperties": False,
            "required": ["title", "updated"],
            "properties": {"title": _TEXT, "updated": _DATE, "notes": {"type": "array"}},
        },
        "sources": {
            "type": "object",
            "propertyNames": _ID,
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "required": ["title"],
                "properties": {"title": _TEXT, "url": {"type": "string"}, "where": _TEXT},
            },
        },
        "progression": {
            "type": "object",
            "additionalProperties": False,
            "required": ["hire_weeks", "time_in_post"],
            "properties": {
                "hire_weeks": _record(
                    ["typical", "min", "sources"],
                    {
                        "typical": {"type": "integer", "minimum": 0, "maximum": 52},
                        "min": {"type": "integer", "minimum": 0, "maximum": 52},
                        "target": {"type": "integer", "minimum": 0, "maximum": 52},
                        "note": _TEXT,
                        "sources": _SOURCES,
                    },
                ),
                "time_in_post": {"type": "array", "items": _TIME_IN_POST},
                "any_job_counts_as": _record(
                    ["skills", "sources"], {"skills": _IDS, "note": _TEXT, "sources": _SOURCES}
                ),
            },
        },
        "families": {
            "type": "array",
            "items": _record(["id", "name"], {"id": _ID, "name": _TEXT, "sources": _SOURCES}),
        },
        "routes": {
            "type": "array",
            "items": _record(
                ["id", "name", "family"],
                {"id": _ID, "name": _TEXT, "family": _ID, "sources": _SOURCES},
            ),
        },
        "dbs_levels": {
            "type": "array",
            "items": _record(
                ["id", "name", "shows", "sources"],
                {"id": _ID, "name": _TEXT, "shows": _TEXT, "sources": _SOURCES},
            ),
        },
        "bands": {
            "type": "array",
            "items": _record(
                ["id", "name", "closed", "description", "sources"],
                {
                    "id": {"type": "string"},
                    "name": _TEXT,
                    "closed": {"type": "boolean"},
                    "description": _TEXT,
                    "pay_2026_27": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["entry", "top"],
                        "properties": {
                            "entry": {"type": "integer", "minimum": 0},
                            "top": {"type": "integer", "minimum": 0},
                        },
                    },
                    "sources": _SOURCES,
                },
            ),
        },
        "skills": {
            "type": "array",
            "items": _record(
                ["id", "name", "level", "kind", "description", "sources"],
                {
                    "id": _ID,
                    "name": _TEXT,
                    "level": {"type": "integer", "minimum": 0, "maximum": 7},
                    "level_label": _TEXT,
                    "kind": {"enum": ["skill", "qualification", "experience"]},
                    "description": _TEXT,
                    "met_by": {"type": "array", "items": {**_IDS, "minItems": 1}},
                    "equivalence_note": _TEXT,
                    "sources": _SOURCES,
                },
            ),
        },
        "roles": {
            "type": "array",
            "items": _record(
                ["id", "title", "band", "family", "route", "summary", "requires", "desirable"]
                + ["dbs", "sources"],
                {
                    "id": _ID,
                    "title": _TEXT,
                    "band": _BAND,
                    "band_top": _BAND,
                    "family": _ID,
                    "route": _ID,
                    "summary": _TEXT,
                    "requires": _IDS,
                    "desirable": _IDS,
                    "entry_point": {"type": "boolean"},
                    "responsibility": {"enum": ["none", "supervisory", "management"]},
                    "apprenticeship": _ID,
                    "transferable_to": _IDS,
                    "dbs": _DBS,
                    "barred_lists": _BARRED_LISTS,
                    "licences": {"type": "array", "items": _LICENCE_NEED, "minItems": 1},
                    "sources": _SOURCES,
                },
            ),
        },
        "learning": {
            "type": "array",
            "items": _record(
                ["id", "name", "kind", "level", "summary", "duration", "grants", "requires"]
                + ["cost", "sources"],
                {
                    "id": _ID,
                    "name": _TEXT,
                    "kind": {"enum": ["course", "apprenticeship"]},
                    "level": {"type": "integer", "minimum": 0, "maximum": 7},
                    "summary": _TEXT,
                    "duration": _DURATION,
                    "grants": {**_IDS, "minItems": 1},
                    "requires": _IDS,
                    "done_in": _DONE_IN,
                    "side_by_side": {"type": "boolean"},
                    "way_in": _WAY_IN,
                    "funded_up_to_age": {"type": "integer", "minimum": 16, "maximum": 99},
                    "cost": _TEXT,
                    "inside_prison": _INSIDE_PRISON,
                    "standard": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["reference"],
                        "properties": {
                            "reference": {"type": "string", "pattern": "^ST[0-9]{4}$"},
                            "version": {"type": "string"},
                            "funding_band_max": {"type": "integer", "minimum": 0},
                            "url": {"type": "string"},
                        },
                    },
                    "availability": _AVAILABILITY,
                    "alternatives": _IDS,
                    "sources": _SOURCES,
                },
            ),
        },
        "experience": {
            "type": "array",
            "items": _record(
                ["id", "name", "grants", "weeks", "summary", "sources"],
                {
                    "id": _ID,
                    "name": _TEXT,
                    "grants": {**_IDS, "minItems": 1},
                    "weeks": {"type": "integer", "minimum": 1, "maximum": 520},
                    "summary": _TEXT,
                    "in_roles": _IDS,
                    "nhs_service": {"type": "boolean"},
                    "sources": _SOURCES,
                },
            ),
        },
        "licences": {"type": "array", "items": _LICENCE},
        "prison": _PRISON,
    },
}
