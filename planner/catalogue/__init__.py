"""Load and validate the reference data file.

Parsing is pure (``parse_catalogue``) so tests can feed it dicts; every problem
is collected with its location and raised together, so one run of
``planner check-data`` shows everything that needs fixing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema

from planner.catalogue.schema import CATALOGUE_SCHEMA
from planner.config import ROOT
from planner.pathways.model import (
    BAND_ORDER,
    Band,
    Catalogue,
    DbsCheck,
    Experience,
    Learning,
    Role,
    Skill,
    Source,
)
from planner.pathways.reach import unreachable_roles

__all__ = ["DEFAULT_DATA_PATH", "CatalogueError", "load_catalogue", "parse_catalogue", "slugify"]

DEFAULT_DATA_PATH = ROOT / "data" / "nhs_bands.json"


class CatalogueError(ValueError):
    """The data file is not valid; ``problems`` lists each one with where it is."""

    def __init__(self, problems: list[str], path: str | None = None):
        self.problems = problems
        where = f"{path} has" if path else "The data has"
        count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
        super().__init__(f"{where} {count}:\n" + "\n".join(f"  {p}" for p in problems))


def slugify(text: str) -> str:
    """The id for a title: lowercase words joined by hyphens.

    >>> slugify("Business Admin Co-ordinator")
    'business-admin-co-ordinator'
    >>> slugify("Two GCSE's or Equiv")
    'two-gcse-s-or-equiv'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


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
    checker = _ReferenceChecker(raw)
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


class _ReferenceChecker:
    """Cross-reference checks that a schema cannot express."""

    def __init__(self, raw: dict[str, Any]):
        self.raw = raw
        self.problems: list[str] = []
        self.index: dict[str, dict[str, int]] = {}

    def check(self) -> list[str]:
        for kind in ("families", "routes", "dbs_levels", "bands", "skills", "roles", "learning"):
            self._unique(kind)
        self._unique("experience")
        self._bands()
        self._slugs()
        self._sources()
        self._routes()
        self._skills()
        self._roles()
        self._learning()
        self._experience()
        return self.problems

    def _add(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def _unique(self, kind: str) -> None:
        seen: dict[str, int] = {}
        for i, item in enumerate(self.raw[kind]):
            if item["id"] in seen:
                self._add(
                    f"{kind}[{i}].id",
                    f"{item['id']!r} is used twice (first at {kind}[{seen[item['id']]}])",
                )
            else:
                seen[item["id"]] = i
        self.index[kind] = seen

    def _known(self, where: str, ids: Iterable[str], kind: str, label: str) -> None:
        for value in ids:
            if value not in self.index[kind]:
                self._add(where, f"{value!r} is not a known {label}")

    def _bands(self) -> None:
        for i, band in enumerate(self.raw["bands"]):
            if band["id"] not in BAND_ORDER:
                self._add(f"bands[{i}].id", f"{band['id']!r} is not an Agenda for Change band")
            pay = band.get("pay_2026_27")
            if pay and pay["entry"] > pay["top"]:
                self._add(f"bands[{i}].pay_2026_27", "entry pay is higher than top pay")
            if not band["closed"] and not pay:
                self._add(f"bands[{i}]", "an open band needs pay_2026_27")

    def _slugs(self) -> None:
        for kind, field in (("roles", "title"), ("skills", "name"), ("learning", "name")):
            for i, item in enumerate(self.raw[kind]):
                if item["id"] != slugify(item[field]):
                    self._add(
                        f"{kind}[{i}].id",
                        f"{item['id']!r} should be {slugify(item[field])!r}, the slug of its {field}",
                    )

    def _sources(self) -> None:
        named = self.raw["sources"]

        def walk(node: Any, where: str) -> None:
            if isinstance(node, list):
                for j, value in enumerate(node):
                    walk(value, f"{where}[{j}]")
                return
            if not isinstance(node, dict):
                return
            for key, value in node.items():
                if key != "sources":
                    walk(value, f"{where}.{key}")
                    continue
                for j, src in enumerate(value):
                    if "ref" in src and src["ref"] not in named:
                        self._add(
                            f"{where}.sources[{j}].ref",
                            f"{src['ref']!r} is not in the top-level sources",
                        )

        for key, value in self.raw.items():
            if key != "sources":
                walk(value, key)

    def _routes(self) -> None:
        for i, route in enumerate(self.raw["routes"]):
            self._known(f"routes[{i}].family", [route["family"]], "families", "family")

    def _skills(self) -> None:
        for i, skill in enumerate(self.raw["skills"]):
            for j, group in enumerate(skill.get("met_by", [])):
                where = f"skills[{i}].met_by[{j}]"
                self._known(where, group, "skills", "skill")
                if skill["id"] in group:
                    self._add(where, f"{skill['id']!r} cannot be met by itself")

    def _roles(self) -> None:
        routes = {r["id"]: r["family"] for r in self.raw["routes"]}
        for i, role in enumerate(self.raw["roles"]):
            where = f"roles[{i}]"
            if role["band"] not in self.index["bands"]:
                self._add(f"{where}.band", f"{role['band']!r} is not a band")
            elif self.raw["bands"][self.index["bands"][role["band"]]]["closed"]:
                self._add(f"{where}.band", f"band {role['band']} is closed to new staff")
            self._known(f"{where}.family", [role["family"]], "families", "family")
            self._known(f"{where}.route", [role["route"]], "routes", "route")
            if role["route"] in routes and routes[role["route"]] != role["family"]:
                self._add(
                    f"{where}.route", f"{role['route']!r} is not a route in {role['family']!r}"
                )
            self._known(f"{where}.requires", role["requires"], "skills", "skill")
            self._known(f"{where}.desirable", role["desirable"], "skills", "skill")
            both = set(role["requires"]) & set(role["desirable"])
            if both:
                self._add(f"{where}.desirable", f"{sorted(both)} are already essential")
            self._known(f"{where}.dbs.level", [role["dbs"]["level"]], "dbs_levels", "DBS level")

    def _learning(self) -> None:
        for i, item in enumerate(self.raw["learning"]):
            where = f"learning[{i}]"
            self._known(f"{where}.grants", item["grants"], "skills", "skill")
            self._known(f"{where}.requires", item["requires"], "skills", "skill")
            self._known(
                f"{where}.needs_role_in", item.get("needs_role_in", []), "families", "family"
            )
            self._known(
                f"{where}.alternatives", item.get("alternatives", []), "learning", "learning id"
            )
            loops = set(item["grants"]) & set(item["requires"])
            if loops:
                self._add(f"{where}", f"it needs what it gives: {sorted(loops)}")
            if item["id"] in item.get("alternatives", []):
                self._add(f"{where}.alternatives", "an item cannot be its own alternative")
            d = item["duration"]
            if not d["min_weeks"] <= d["weeks"] <= d["max_weeks"]:
                self._add(f"{where}.duration", "weeks must lie between min_weeks and max_weeks")
            avail = item.get("availability", {})
            start, until = avail.get("starts_from"), avail.get("starts_until")
            dates_ok = True
            for key in ("starts_from", "starts_until"):
                if key in avail:
                    try:
                        date.fromisoformat(avail[key])
                    except ValueError:
                        self._add(f"{where}.availability.{key}", f"{avail[key]!r} is not a date")
                        dates_ok = False
            if dates_ok and start and until and until <= start:
                self._add(f"{where}.availability", "starts_until must be after starts_from")

    def _experience(self) -> None:
        for i, item in enumerate(self.raw["experience"]):
            where = f"experience[{i}]"
            self._known(f"{where}.grants", item["grants"], "skills", "skill")
            self._known(f"{where}.in_roles", item.get("in_roles", []), "roles", "role")
            if item.get("any_role") and item.get("in_roles"):
                self._add(where, "use either any_role or in_roles, not both")


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
            any_role=e.get("any_role", False),
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
        weeks_to_start_role=raw["assumptions"]["weeks_to_start_role"]["value"],
        families=tuple((f["id"], f["name"]) for f in raw["families"]),
        routes=tuple((r["id"], r["name"], r["family"]) for r in raw["routes"]),
        sources=tuple(
            (k, Source(v["title"], v.get("url"), v.get("where"))) for k, v in named.items()
        ),
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
        needs_role_in=tuple(item.get("needs_role_in", [])),
        alongside_work=item.get("alongside_work", True),
        cost=item["cost"],
        standard=standard.get("reference"),
        funding_band_max=standard.get("funding_band_max"),
        starts_from=_date(avail.get("starts_from")),
        starts_until=_date(avail.get("starts_until")),
        availability_note=avail.get("note"),
        alternatives=tuple(item.get("alternatives", [])),
        sources=_sources(item["sources"] + duration["sources"], named),
        inferred="; ".join(inferred) or None,
    )
