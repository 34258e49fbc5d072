"""Load the reference data file, validate it, and build the catalogue.

Parsing is pure (``parse_catalogue``) so tests can feed it dicts; every problem
is collected with its location and raised together, so one run of
``planner check-data`` shows everything that needs fixing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema

from planner.catalogue.checks import ReferenceChecker, slugify
from planner.catalogue.schema import CATALOGUE_SCHEMA
from planner.config import DEFAULT_DATA_PATH
from planner.pathways.model import (
    Band,
    BarredLists,
    Catalogue,
    DbsCheck,
    Experience,
    InsidePrison,
    Learning,
    Licence,
    LicenceNeed,
    PrisonTimes,
    Progression,
    RecordRule,
    Role,
    Skill,
    Source,
    TimeInPost,
    WayIn,
    WorkPlace,
)
from planner.pathways.reach import unreachable_roles

__all__ = ["DEFAULT_DATA_PATH", "CatalogueError", "load_catalogue", "parse_catalogue", "slugify"]


class CatalogueError(ValueError):
    """The data file is not valid; ``problems`` lists each one with where it is."""

    def __init__(self, problems: list[str], path: str | None = None):
        self.problems = problems
        where = f"{path} has" if path else "The data has"
        count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
        super().__init__(f"{where} {count}:\n" + "\n".join(f"  {p}" for p in problems))


def load_catalogue(path: str | Path = DEFAULT_DATA_PATH) -> Catalogue:
    """Read, validate and build the catalogue from a JSON file."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogueError([f"file not found: {path}"], str(path)) from None
    except json.JSONDecodeError as err:
        raise CatalogueError(
            [f"line {err.lineno} column {err.colno}: not valid JSON ({err.msg})"], str(path)
        ) from None
    try:
        return parse_catalogue(raw)
    except CatalogueError as err:
        raise CatalogueError(err.problems, str(path)) from None


def _location(path: Iterable[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _schema_problems(raw: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(CATALOGUE_SCHEMA)
    problems = []
    for err in sorted(validator.iter_errors(raw), key=lambda e: list(map(str, e.absolute_path))):
        problems.append(f"{_location(err.absolute_path)}: {err.message}")
    return problems


def parse_catalogue(raw: Any) -> Catalogue:
    """Validate a decoded data file and build a :class:`Catalogue`.

    Raises :class:`CatalogueError` listing every problem found.
    """
    problems = _schema_problems(raw)
    if problems:
        raise CatalogueError(problems)
    checker = ReferenceChecker(raw)
    problems = checker.check()
    if problems:
        raise CatalogueError(problems)
    catalogue = _build(raw)
    problems = [
        f"roles[{checker.index['roles'][role_id]}] {role_id!r}: no route can reach this role: {why}"
        for role_id, why in unreachable_roles(catalogue).items()
    ]
    if problems:
        raise CatalogueError(problems)
    return catalogue


def _sources(raw: list[dict[str, Any]], named: dict[str, Any]) -> tuple[Source, ...]:
    out = []
    for src in raw:
        base = named.get(src.get("ref", ""), {})
        out.append(
            Source(
                title=src.get("title") or base.get("title") or src.get("url", ""),
                url=src.get("url") or base.get("url"),
                where=src.get("where") or base.get("where"),
            )
        )
    return tuple(out)


def _inferred(item: dict[str, Any]) -> str | None:
    return item["inferred_reason"] if item.get("inferred") else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _build(raw: dict[str, Any]) -> Catalogue:
    named = raw["sources"]
    bands = tuple(
        Band(
            id=b["id"],
            name=b["name"],
            pay_entry=b.get("pay_2026_27", {}).get("entry"),
            pay_top=b.get("pay_2026_27", {}).get("top"),
            closed=b["closed"],
            description=b["description"],
            sources=_sources(b["sources"], named),
        )
        for b in raw["bands"]
    )
    skills = tuple(
        Skill(
            id=s["id"],
            name=s["name"],
            level=s["level"],
            kind=s["kind"],
            description=s["description"],
            met_by=tuple(tuple(group) for group in s.get("met_by", [])),
            equivalence_note=s.get("equivalence_note"),
            sources=_sources(s["sources"], named),
            inferred=_inferred(s),
        )
        for s in raw["skills"]
    )
    dbs_text = {d["id"]: d["shows"] for d in raw["dbs_levels"]}
    roles = tuple(
        Role(
            id=r["id"],
            title=r["title"],
            band=r["band"],
            family=r["family"],
            route=r["route"],
            summary=r["summary"],
            requires=tuple(r["requires"]),
            desirable=tuple(r["desirable"]),
            dbs=DbsCheck(
                level=r["dbs"]["level"],
                patient_contact=r["dbs"]["patient_contact"],
                explanation=dbs_text[r["dbs"]["level"]],
                is_default=r["dbs"]["default"],
                sources=_sources(r["dbs"]["sources"], named),
            ),
            entry_point=r.get("entry_point", False),
            band_top=r.get("band_top"),
            responsibility=r.get("responsibility", "none"),
            apprenticeship=r.get("apprenticeship"),
            transferable_to=tuple(r.get("transferable_to", [])),
            barred=_barred(r.get("barred_lists"), named),
            licences=tuple(
                LicenceNeed(n["licence"], n["asked"], _sources(n["sources"], named))
                for n in r.get("licences", [])
            ),
            sources=_sources(r["sources"], named),
            inferred=_inferred(r),
        )
        for r in raw["roles"]
    )
    learning = tuple(_build_learning(item, named) for item in raw["learning"])
    experience = tuple(
        Experience(
            id=e["id"],
            name=e["name"],
            grants=tuple(e["grants"]),
            weeks=e["weeks"],
            summary=e["summary"],
            in_roles=tuple(e.get("in_roles", [])),
            nhs_service=e.get("nhs_service", False),
            sources=_sources(e["sources"], named),
            inferred=_inferred(e),
        )
        for e in raw["experience"]
    )
    return Catalogue(
        bands=bands,
        skills=skills,
        roles=roles,
        learning=learning,
        experience=experience,
        progression=_progression(raw["progression"], named),
        families=tuple((f["id"], f["name"]) for f in raw["families"]),
        routes=tuple((r["id"], r["name"], r["family"]) for r in raw["routes"]),
        sources=tuple(
            (k, Source(v["title"], v.get("url"), v.get("where"))) for k, v in named.items()
        ),
        licences=tuple(_licence(item, named) for item in raw.get("licences", [])),
        prison=_prison(raw.get("prison"), named),
    )


def _barred(raw: dict[str, Any] | None, named: dict[str, Any]) -> BarredLists | None:
    if raw is None:
        return None
    return BarredLists(tuple(raw["lists"]), raw["closes"], _sources(raw["sources"], named))


def _licence(item: dict[str, Any], named: dict[str, Any]) -> Licence:
    record = item["record"]
    return Licence(
        id=item["id"],
        name=item["name"],
        issuer=item["issuer"],
        training=item["training"],
        training_weeks=item["training_weeks"],
        decision_weeks=item["decision_weeks"],
        record=RecordRule(
            refused_within_years=record["refused_within_years"],
            serious_within_years=record["serious_within_years"],
            counted_from=record["counted_from"],
            longer_checks_over_months=record.get("longer_checks_over_months"),
            refused_over_months=record.get("refused_over_months"),
            sources=_sources(record["sources"], named),
        ),
        check_title=item["check"]["title"],
        check_url=item["check"]["url"],
        lasts_years=item.get("lasts_years"),
        sources=_sources(item["sources"], named),
        inferred=_inferred(item),
    )


def _prison(raw: dict[str, Any] | None, named: dict[str, Any]) -> PrisonTimes | None:
    if raw is None:
        return None
    banking = raw.get("banking_weeks_before_release")
    return PrisonTimes(
        rotl_within_weeks=raw["rotl_within_weeks"],
        rotl_setup_weeks=(raw["rotl_setup_weeks"]["min"], raw["rotl_setup_weeks"]["max"]),
        hub_weeks_before_release=raw["hub_weeks_before_release"],
        banking_weeks_before_release=(banking["min"], banking["max"]) if banking else None,
        sources=_sources(raw["sources"], named),
    )


def _build_learning(item: dict[str, Any], named: dict[str, Any]) -> Learning:
    duration = item["duration"]
    avail = item.get("availability", {})
    standard = item.get("standard", {})
    inferred = [r for r in (_inferred(item), _inferred(duration), _inferred(avail)) if r]
    return Learning(
        id=item["id"],
        name=item["name"],
        kind=item["kind"],
        level=item["level"],
        weeks=duration["weeks"],
        weeks_min=duration["min_weeks"],
        weeks_max=duration["max_weeks"],
        grants=tuple(item["grants"]),
        requires=tuple(item["requires"]),
        summary=item["summary"],
        done_in=_done_in(item.get("done_in")),
        side_by_side=item.get("side_by_side", False),
        way_in=_way_in(item.get("way_in")),
        funded_up_to_age=item.get("funded_up_to_age"),
        cost=item["cost"],
        standard=standard.get("reference"),
        funding_band_max=standard.get("funding_band_max"),
        starts_from=_date(avail.get("starts_from")),
        starts_until=_date(avail.get("starts_until")),
        availability_note=avail.get("note"),
        alternatives=tuple(item.get("alternatives", [])),
        inside_prison=_inside(item.get("inside_prison"), named),
        sources=_sources(item["sources"] + duration["sources"], named),
        inferred="; ".join(inferred) or None,
    )


def _inside(raw: dict[str, Any] | None, named: dict[str, Any]) -> InsidePrison | None:
    if raw is None:
        return None
    return InsidePrison(_sources(raw["sources"], named), _inferred(raw))


def _done_in(raw: dict[str, Any] | None) -> WorkPlace | None:
    if raw is None:
        return None
    bands = raw.get("bands")
    return WorkPlace(
        families=tuple(raw.get("families", [])),
        bands=(bands["from"], bands["to"]) if bands else None,
        responsibility=tuple(raw.get("responsibility", [])),
        routes=tuple(raw.get("routes", [])),
        roles=tuple(raw.get("roles", [])),
    )


def _way_in(raw: dict[str, Any] | None) -> WayIn | None:
    if raw is None:
        return None
    return WayIn(
        for_whom=raw["for_whom"],
        leads_to=raw["leads_to"],
        guaranteed_interview=raw.get("guaranteed_interview", False),
        condition=raw.get("condition"),
    )


def _progression(raw: dict[str, Any], named: dict[str, Any]) -> Progression:
    hire = raw["hire_weeks"]
    return Progression(
        hire_weeks=hire["typical"],
        hire_weeks_min=hire["min"],
        hire_weeks_target=hire.get("target"),
        time_in_post=tuple(
            TimeInPost(
                id=r["id"],
                name=r["name"],
                family=r["family"],
                into_bands=tuple(r["into_bands"]),
                weeks=r["weeks"],
                typical_weeks=r["typical_weeks"],
                sources=_sources(r["sources"], named),
                inferred=_inferred(r),
            )
            for r in raw["time_in_post"]
        ),
        sources=_sources(hire["sources"], named),
        any_job_counts_as=tuple(raw.get("any_job_counts_as", {}).get("skills", ())),
    )
