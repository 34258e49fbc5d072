"""Frozen records for the reference data and for the routes the engine finds.

Everything here is plain data: the web layer, the CLI and the tests build and
read these without knowing how the graph or the search works.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = [
    "BAND_ORDER",
    "Band",
    "Catalogue",
    "DbsCheck",
    "Experience",
    "Learning",
    "Role",
    "Route",
    "Skill",
    "Source",
    "Step",
    "band_rank",
]

#: Agenda for Change bands from lowest to highest. Band 1 is closed to new staff.
BAND_ORDER: tuple[str, ...] = ("1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9")


def band_rank(band: str) -> int:
    """Position of a band on the pay ladder, so bands compare as numbers do.

    >>> band_rank("8a") > band_rank("7")
    True
    """
    return BAND_ORDER.index(band)


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: a named document and place in it, a web address, or both."""

    title: str
    url: str | None = None
    where: str | None = None


@dataclass(frozen=True)
class Band:
    id: str
    name: str
    pay_entry: int | None
    pay_top: int | None
    closed: bool
    description: str
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Skill:
    """A skill, qualification or kind of experience a role can ask for.

    ``met_by`` lists other ways to count as holding it: each entry is a set of
    skill ids that, held together, are accepted as equivalent.
    """

    id: str
    name: str
    level: int
    kind: str
    description: str
    met_by: tuple[tuple[str, ...], ...] = ()
    equivalence_note: str | None = None
    sources: tuple[Source, ...] = ()
    inferred: str | None = None


@dataclass(frozen=True)
class DbsCheck:
    level: str
    patient_contact: bool
    explanation: str
    is_default: bool = True
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    band: str
    family: str
    route: str
    summary: str
    requires: tuple[str, ...]
    desirable: tuple[str, ...]
    dbs: DbsCheck
    entry_point: bool = False
    sources: tuple[Source, ...] = ()
    inferred: str | None = None


@dataclass(frozen=True)
class Learning:
    """A course or apprenticeship.

    ``needs_role_in`` names the families a person must be working in to do it
    (apprenticeships are jobs: place then train); empty means anyone can start.
    ``starts_until`` is the first day new starts are no longer possible.
    """

    id: str
    name: str
    kind: str
    level: int
    weeks: int
    weeks_min: int
    weeks_max: int
    grants: tuple[str, ...]
    requires: tuple[str, ...]
    summary: str
    needs_role_in: tuple[str, ...] = ()
    alongside_work: bool = True
    cost: str = ""
    standard: str | None = None
    funding_band_max: int | None = None
    starts_from: date | None = None
    starts_until: date | None = None
    availability_note: str | None = None
    alternatives: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    inferred: str | None = None

    def open_on(self, day: date) -> bool:
        """True when a new learner could start on ``day``."""
        if self.starts_from and day < self.starts_from:
            return False
        return not (self.starts_until and day >= self.starts_until)


@dataclass(frozen=True)
class Experience:
    """Experience gained by doing a role for a while (or, with no roles, by volunteering)."""

    id: str
    name: str
    grants: tuple[str, ...]
    weeks: int
    summary: str
    in_roles: tuple[str, ...] = ()
    any_role: bool = False
    sources: tuple[Source, ...] = ()
    inferred: str | None = None

    @property
    def needs_role(self) -> bool:
        return self.any_role or bool(self.in_roles)


@dataclass(frozen=True)
class Catalogue:
    """Everything in the data file, with its records looked up by id (built once, here).

    >>> from planner.pathways.testing import tiny_catalogue
    >>> c = tiny_catalogue()
    >>> c.role("clerk").band, c.item("fs-maths-2").kind, c.find_role("nobody")
    ('3', 'course', None)
    """

    bands: tuple[Band, ...]
    skills: tuple[Skill, ...]
    roles: tuple[Role, ...]
    learning: tuple[Learning, ...]
    experience: tuple[Experience, ...]
    weeks_to_start_role: int = 8
    families: tuple[tuple[str, str], ...] = ()
    routes: tuple[tuple[str, str, str], ...] = ()
    sources: tuple[tuple[str, Source], ...] = field(default=())
    by_id: dict[str, dict[str, Any]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "by_id",
            {
                "band": {b.id: b for b in self.bands},
                "skill": {s.id: s for s in self.skills},
                "role": {r.id: r for r in self.roles},
                "learning": {item.id: item for item in self.learning},
                "experience": {e.id: e for e in self.experience},
                "family": dict(self.families),
                "route": {route_id: name for route_id, name, _ in self.routes},
            },
        )

    def role(self, role_id: str) -> Role:
        """The role with this id (KeyError if there is none)."""
        return self.by_id["role"][role_id]

    def find_role(self, role_id: str | None) -> Role | None:
        return self.by_id["role"].get(role_id) if role_id else None

    def skill(self, skill_id: str) -> Skill:
        return self.by_id["skill"][skill_id]

    def band(self, band_id: str) -> Band | None:
        return self.by_id["band"].get(band_id)

    def learning_item(self, item_id: str) -> Learning | None:
        return self.by_id["learning"].get(item_id)

    def item(self, item_id: str) -> Learning | Experience | None:
        """A course, apprenticeship or kind of experience."""
        return self.by_id["learning"].get(item_id) or self.by_id["experience"].get(item_id)

    def family_name(self, family_id: str) -> str:
        return self.by_id["family"].get(family_id, family_id)

    def route_name(self, route_id: str) -> str:
        return self.by_id["route"].get(route_id, "")


@dataclass(frozen=True)
class Step:
    """One thing to do on a route.

    ``kind`` is ``role``, ``course``, ``apprenticeship`` or ``experience``;
    ``gains`` lists every skill id the step makes the person meet, including
    those met through an equivalence.
    """

    kind: str
    id: str
    title: str
    weeks: int
    gains: tuple[str, ...]
    starts_after_weeks: int = 0


@dataclass(frozen=True)
class Route:
    total_weeks: int
    start: tuple[str, ...]
    steps: tuple[Step, ...]

    @property
    def apply_now(self) -> bool:
        """True when the only step is applying for the target role."""
        return len(self.steps) == 1 and self.steps[0].kind == "role"
