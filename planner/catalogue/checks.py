"""Cross-reference checks that a schema cannot express: every id known, every date real.

Every problem is collected with its location, so one run shows them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from planner.pathways.model import BAND_ORDER

__all__ = ["ReferenceChecker", "slugify"]


def slugify(text: str) -> str:
    """The id for a title: lowercase words joined by hyphens.

    >>> slugify("Business Admin Co-ordinator")
    'business-admin-co-ordinator'
    >>> slugify("Two GCSE's or Equiv")
    'two-gcse-s-or-equiv'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class ReferenceChecker:
    """Cross-reference checks that a schema cannot express."""

    def __init__(self, raw: dict[str, Any]):
        self.raw = raw
        self.problems: list[str] = []
        self.index: dict[str, dict[str, int]] = {}

    def check(self) -> list[str]:
        for kind in ("families", "routes", "dbs_levels", "bands", "skills", "roles", "learning"):
            self._unique(kind)
        self._unique("experience")
        self._unique("licences")
        self._bands()
        self._slugs()
        self._sources()
        self._routes()
        self._skills()
        self._roles()
        self._learning()
        self._experience()
        self._progression()
        self._record_checks()
        return self.problems

    def _add(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def _unique(self, kind: str) -> None:
        seen: dict[str, int] = {}
        for i, item in enumerate(self.raw.get(kind, [])):
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
            self._known(
                f"{where}.transferable_to", role.get("transferable_to", []), "routes", "route"
            )
            if "band_top" in role:
                self._band_range(
                    f"{where}.band_top", {"from": role["band"], "to": role["band_top"]}
                )
            post = role.get("apprenticeship")
            if post is not None:
                self._known(f"{where}.apprenticeship", [post], "learning", "learning id")
                kinds = {item["id"]: item["kind"] for item in self.raw["learning"]}
                if kinds.get(post, "apprenticeship") != "apprenticeship":
                    self._add(f"{where}.apprenticeship", f"{post!r} is not an apprenticeship")

    def _learning(self) -> None:
        for i, item in enumerate(self.raw["learning"]):
            where = f"learning[{i}]"
            self._known(f"{where}.grants", item["grants"], "skills", "skill")
            self._known(f"{where}.requires", item["requires"], "skills", "skill")
            done_in = item.get("done_in")
            if done_in:
                self._known(
                    f"{where}.done_in.families", done_in.get("families", []), "families", "family"
                )
                self._band_range(f"{where}.done_in.bands", done_in.get("bands"))
                self._known(f"{where}.done_in.routes", done_in.get("routes", []), "routes", "route")
                self._known(f"{where}.done_in.roles", done_in.get("roles", []), "roles", "role")
            if item["kind"] == "apprenticeship" and not done_in:
                self._add(where, "an apprenticeship needs done_in: the job it is done in")
            if item.get("way_in") and (item["kind"] != "course" or done_in):
                self._add(f"{where}.way_in", "a way in is a course for people not in a job")
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
            if item.get("nhs_service") and item.get("in_roles"):
                self._add(where, "use either nhs_service or in_roles, not both")

    def _record_checks(self) -> None:
        """Licences a job asks for are known; a barred-list check goes with its DBS level;
        the weeks before release make sense."""
        for i, role in enumerate(self.raw["roles"]):
            for j, need in enumerate(role.get("licences", [])):
                where = f"roles[{i}].licences[{j}].licence"
                self._known(where, [need["licence"]], "licences", "licence")
            if "barred_lists" in role and role["dbs"]["level"] != "enhanced-barred":
                self._add(
                    f"roles[{i}].barred_lists",
                    "only a job with an enhanced check with barred lists has barred lists",
                )
        for i, licence in enumerate(self.raw.get("licences", [])):
            record = licence["record"]
            if record["serious_within_years"] < record["refused_within_years"]:
                self._add(
                    f"licences[{i}].record",
                    "serious_within_years must not be less than refused_within_years",
                )
        prison = self.raw.get("prison")
        if prison:
            for key in ("rotl_setup_weeks", "banking_weeks_before_release"):
                weeks = prison.get(key)
                if weeks and weeks["min"] > weeks["max"]:
                    self._add(f"prison.{key}", "min must not be more than max")

    def _band_range(self, where: str, bands: dict[str, str] | None) -> None:
        if not bands:
            return
        low, high = bands["from"], bands["to"]
        for band in (low, high):
            if band not in BAND_ORDER:
                self._add(where, f"{band!r} is not an Agenda for Change band")
                return
        if BAND_ORDER.index(high) < BAND_ORDER.index(low):
            self._add(where, "'to' is below 'from'")

    def _progression(self) -> None:
        any_job = self.raw["progression"].get("any_job_counts_as", {})
        self._known(
            "progression.any_job_counts_as.skills", any_job.get("skills", []), "skills", "skill"
        )
        hire = self.raw["progression"]["hire_weeks"]
        if hire["min"] > hire["typical"]:
            self._add("progression.hire_weeks", "min must not be more than typical")
        for i, rule in enumerate(self.raw["progression"]["time_in_post"]):
            where = f"progression.time_in_post[{i}]"
            self._known(f"{where}.family", [rule["family"]], "families", "family")
            for band in rule["into_bands"]:
                if band not in BAND_ORDER:
                    self._add(f"{where}.into_bands", f"{band!r} is not an Agenda for Change band")
            if rule["weeks"] > rule["typical_weeks"]:
                self._add(where, "weeks (the least) must not be more than typical_weeks")
