"""Turn core records into the JSON shapes of the public contract (API and CLI)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from planner.advice.facts import declaration_form
from planner.pathways.model import Catalogue, Learning, Role, Route, Skill, Source


def _sources(sources: tuple[Source, ...]) -> list[dict[str, Any]]:
    return [{k: v for k, v in asdict(s).items() if v} for s in sources]


def role_json(role: Role, catalogue: Catalogue) -> dict[str, Any]:
    band = catalogue.band(role.band)
    top = catalogue.band(role.top)
    return {
        "id": role.id,
        "title": role.title,
        "band": role.band,
        "band_top": role.top,
        "family": role.family,
        "route": role.route,
        "summary": role.summary,
        "requires": list(role.requires),
        "desirable": list(role.desirable),
        "entry_point": role.entry_point,
        "responsibility": role.responsibility,
        "apprenticeship": role.apprenticeship,
        "pay": {
            "entry": band.pay_entry if band else None,
            "top": top.pay_top if top else None,
            "year": "2026/27",
        },
        "dbs": {
            "level": role.dbs.level,
            "patient_contact": role.dbs.patient_contact,
            "shows": role.dbs.explanation,
            "default": role.dbs.is_default,
            "declaration_form": declaration_form(role.dbs.level),
        },
        "barred_lists": (
            {"lists": list(role.barred.lists), "closes": role.barred.closes}
            if role.barred
            else None
        ),
        "licences": [
            {
                "id": need.licence,
                "name": catalogue.licence(need.licence).name,
                "asked": need.asked,
                "refused_within_years": catalogue.licence(need.licence).record.refused_within_years,
                "serious_within_years": catalogue.licence(need.licence).record.serious_within_years,
                "check_url": catalogue.licence(need.licence).check_url,
            }
            for need in role.licences
        ],
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
        "done_in": _work_place(item),
        "side_by_side": item.side_by_side,
        "way_in": asdict(item.way_in) if item.way_in else None,
        "funded_up_to_age": item.funded_up_to_age,
        "cost": item.cost,
        "standard": item.standard,
        "funding_band_max": item.funding_band_max,
        "starts_from": item.starts_from.isoformat() if item.starts_from else None,
        "starts_until": item.starts_until.isoformat() if item.starts_until else None,
        "availability_note": item.availability_note,
        "inside_prison": item.inside_prison is not None,
        "alternatives": list(item.alternatives),
        "inferred": item.inferred,
        "sources": _sources(item.sources),
    }


def _work_place(item: Learning) -> dict[str, Any] | None:
    place = item.done_in
    if place is None:
        return None
    return {
        "families": list(place.families),
        "bands": list(place.bands) if place.bands else None,
        "responsibility": list(place.responsibility),
    }


def route_json(route: Route) -> dict[str, Any]:
    """A route as the API and ``planner route --json`` give it.

    ``weeks`` is what a step adds to the route and ``full_weeks`` its own length (they
    differ when it overlaps other steps); ``counts_as`` is the part of ``gains`` met only
    through an equivalence.
    """
    return {
        "total_weeks": route.total_weeks,
        "total_weeks_min": route.total_weeks_min,
        "best_effort": route.best_effort,
        "apply_now": route.apply_now,
        "start": list(route.start),
        "steps": [
            {
                "kind": s.kind,
                "id": s.id,
                "title": s.title,
                "weeks": s.weeks,
                "full_weeks": s.length,
                "overlap_weeks": s.overlap_weeks,
                "weeks_range": [s.weeks_min, s.weeks_max] if s.weeks_min is not None else None,
                "starts_after_weeks": s.starts_after_weeks,
                "gains": list(s.gains),
                "counts_as": list(s.counts_as),
                "way_in": s.way_in,
            }
            for s in route.steps
        ],
    }
