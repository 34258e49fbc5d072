"""Turn core records into the JSON shapes of the public contract (API and CLI)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from planner.pathways.model import Catalogue, Learning, Role, Route, Skill, Source


def _sources(sources: tuple[Source, ...]) -> list[dict[str, Any]]:
    return [{k: v for k, v in asdict(s).items() if v} for s in sources]


def role_json(role: Role, catalogue: Catalogue) -> dict[str, Any]:
    band = next(b for b in catalogue.bands if b.id == role.band)
    return {
        "id": role.id,
        "title": role.title,
        "band": role.band,
        "family": role.family,
        "route": role.route,
        "summary": role.summary,
        "requires": list(role.requires),
        "desirable": list(role.desirable),
        "entry_point": role.entry_point,
        "pay": {"entry": band.pay_entry, "top": band.pay_top, "year": "2026/27"},
        "dbs": {
            "level": role.dbs.level,
            "patient_contact": role.dbs.patient_contact,
            "shows": role.dbs.explanation,
            "default": role.dbs.is_default,
        },
        "inferred": role.inferred,
        "sources": _sources(role.sources),
    }


def skill_json(skill: Skill) -> dict[str, Any]:
    return {
        "id": skill.id,
        "name": skill.name,
        "level": skill.level,
        "kind": skill.kind,
        "description": skill.description,
        "met_by": [list(group) for group in skill.met_by],
        "inferred": skill.inferred,
        "sources": _sources(skill.sources),
    }


def learning_json(item: Learning) -> dict[str, Any]:
    return {
        "id": item.id,
        "name": item.name,
        "kind": item.kind,
        "level": item.level,
        "duration_weeks": item.weeks,
        "duration_range_weeks": [item.weeks_min, item.weeks_max],
        "grants": list(item.grants),
        "requires": list(item.requires),
        "needs_role_in": list(item.needs_role_in),
        "cost": item.cost,
        "standard": item.standard,
        "funding_band_max": item.funding_band_max,
        "starts_from": item.starts_from.isoformat() if item.starts_from else None,
        "starts_until": item.starts_until.isoformat() if item.starts_until else None,
        "availability_note": item.availability_note,
        "alternatives": list(item.alternatives),
        "inferred": item.inferred,
        "sources": _sources(item.sources),
    }


def route_json(route: Route) -> dict[str, Any]:
    return {
        "total_weeks": route.total_weeks,
        "apply_now": route.apply_now,
        "start": list(route.start),
        "steps": [
            {
                "kind": s.kind,
                "id": s.id,
                "title": s.title,
                "weeks": s.weeks,
                "starts_after_weeks": s.starts_after_weeks,
                "gains": list(s.gains),
            }
            for s in route.steps
        ],
    }
