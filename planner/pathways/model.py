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
    "RESPONSIBILITIES",
    "Band",
    "BarredLists",
    "Catalogue",
    "DbsCheck",
    "Experience",
    "InsidePrison",
    "Learning",
    "Licence",
    "LicenceNeed",
    "PrisonTimes",
    "Progression",
    "RecordRule",
    "Role",
    "Route",
    "Skill",
    "Source",
    "Step",
    "TimeInPost",
    "WayIn",
    "WorkPlace",
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
class BarredLists:
    """The barred lists a job's check looks at, and what being on one closes.

    ``lists`` holds ``adults`` and/or ``children``; ``closes`` is ``whole-job`` or
    ``moving-patients`` (a porter who only moves goods does no regulated activity).
    """

    lists: tuple[str, ...]
    closes: str
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class LicenceNeed:
    """A licence a job asks for: its id, and whether ``all``, ``most`` or ``some`` adverts ask."""

    licence: str
    asked: str
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class RecordRule:
    """What a record changes for a licence: no licence within ``refused_within_years`` of
    ``counted_from`` for an offence on the licensing body's list, and (for a serious one)
    within ``serious_within_years``. Prison sentences over ``longer_checks_over_months`` mean
    more checks; over ``refused_over_months`` the body means to refuse."""

    refused_within_years: int
    serious_within_years: int
    counted_from: str
    longer_checks_over_months: int | None = None
    refused_over_months: int | None = None
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Licence:
    """A licence from a body outside the NHS (the SIA's), how to get one, and the record rule."""

    id: str
    name: str
    issuer: str
    training: str
    training_weeks: int
    decision_weeks: int
    record: RecordRule
    check_title: str
    check_url: str
    lasts_years: int | None = None
    sources: tuple[Source, ...] = ()
    inferred: str | None = None


@dataclass(frozen=True)
class InsidePrison:
    """A course prisons teach (where the data says so, and how sure that is)."""

    sources: tuple[Source, ...] = ()
    inferred: str | None = None


@dataclass(frozen=True)
class PrisonTimes:
    """Inside prison, who helps and when, in weeks: ROTL for people within ``rotl_within_weeks``
    of release takes ``rotl_setup_weeks`` (least, most) to set up; the Employment Hub and the
    prison work coach see people ``hub_weeks_before_release``."""

    rotl_within_weeks: int
    rotl_setup_weeks: tuple[int, int]
    hub_weeks_before_release: int
    banking_weeks_before_release: tuple[int, int] | None = None
    sources: tuple[Source, ...] = ()


#: How much a job asks of its holder beyond their own work: apprenticeships such as Team
#: Leader and Operations or Departmental Manager are done in jobs that carry such duties.
RESPONSIBILITIES: tuple[str, ...] = ("none", "supervisory", "management")


@dataclass(frozen=True)
class Role:
    """A job. ``band`` is its lowest band and ``band_top`` the top of its range, if it has one
    (an Estates Manager Higher Level is 8a to 8b).

    ``apprenticeship`` marks an apprentice post: a fixed-term job that comes with that
    apprenticeship. ``transferable_to`` names other ladders (routes) where time in this job
    counts as time in a job of theirs (an estates and facilities admin job is admin work).
    """

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
    band_top: str | None = None
    responsibility: str = "none"
    apprenticeship: str | None = None
    transferable_to: tuple[str, ...] = ()
    #: What a record changes on the way to this job, beyond the DBS check.
    barred: BarredLists | None = None
    licences: tuple[LicenceNeed, ...] = ()
    sources: tuple[Source, ...] = ()
    inferred: str | None = None

    @property
    def top(self) -> str:
        return self.band_top or self.band

    @property
    def bands_text(self) -> str:
        """'3', or '8a to 8b' for a job with a range of bands."""
        return self.band if self.top == self.band else f"{self.band} to {self.top}"


@dataclass(frozen=True)
class WorkPlace:
    """The kind of job an apprenticeship is done in: its families, ladders (routes), jobs,
    bands and duties.

    Empty fields do not limit. An apprenticeship is training for the job it is done in: a
    trade apprenticeship is done in a maintenance job, not in a kitchen.
    """

    families: tuple[str, ...] = ()
    bands: tuple[str, str] | None = None
    responsibility: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()

    def fits(self, role: Role) -> bool:
        """Could this apprenticeship be done while working as ``role``?"""
        if self.families and role.family not in self.families:
            return False
        if self.routes and role.route not in self.routes:
            return False
        if self.roles and role.id not in self.roles:
            return False
        if self.responsibility and role.responsibility not in self.responsibility:
            return False
        if self.bands:
            low, high = (band_rank(b) for b in self.bands)
            return low <= band_rank(role.band) <= high
        return True


@dataclass(frozen=True)
class WayIn:
    """A way into NHS work for someone not in a paid job (a pre-employment programme).

    ``condition`` names who it is for when that is more than "out of work": only people
    who said so are offered it in a route; everyone sees it in the list of ways in.
    """

    for_whom: str
    leads_to: str
    guaranteed_interview: bool = False
    condition: str | None = None


@dataclass(frozen=True)
class Learning:
    """A course, an apprenticeship or a way in.

    ``done_in`` says what job an apprenticeship is done in (apprenticeships are jobs: place
    then train); ``None`` means anyone can start it. ``side_by_side`` courses can be taken
    two at a time. A ``way_in`` is only for people not in a paid job. ``starts_until`` is
    the first day new starts are no longer possible.
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
    done_in: WorkPlace | None = None
    side_by_side: bool = False
    way_in: WayIn | None = None
    funded_up_to_age: int | None = None
    cost: str = ""
    standard: str | None = None
    funding_band_max: int | None = None
    starts_from: date | None = None
    starts_until: date | None = None
    availability_note: str | None = None
    alternatives: tuple[str, ...] = ()
    #: Prisons teach it (``None``: no source says so).
    inside_prison: InsidePrison | None = None
    sources: tuple[Source, ...] = ()
    inferred: str | None = None

    def open_on(self, day: date) -> bool:
        """True when a new learner could start on ``day``."""
        if self.starts_from and day < self.starts_from:
            return False
        return not (self.starts_until and day >= self.starts_until)


@dataclass(frozen=True)
class Experience:
    """Experience gained by time in a job, in the NHS, or (with neither) out of work.

    ``in_roles``: time in one of these jobs. ``nhs_service``: time in any NHS job, added up
    across jobs. Neither: time spent out of paid work, as a volunteer or on a placement.
    """

    id: str
    name: str
    grants: tuple[str, ...]
    weeks: int
    summary: str
    in_roles: tuple[str, ...] = ()
    nhs_service: bool = False
    sources: tuple[Source, ...] = ()
    inferred: str | None = None


@dataclass(frozen=True)
class TimeInPost:
    """The least time in a job before moving up one band, for a family and the bands moved into.

    ``typical_weeks`` is what most adverts ask; ``weeks`` (the least they ask) is what routes use.
    """

    id: str
    name: str
    family: str
    into_bands: tuple[str, ...]
    weeks: int
    typical_weeks: int
    sources: tuple[Source, ...] = ()
    inferred: str | None = None


@dataclass(frozen=True)
class Progression:
    """How people move between jobs: time to be hired, and time in post before moving up.

    ``hire_weeks_min`` is the least hiring is counted as; ``hire_weeks_target`` is NHS
    England's target (8 weeks), shown beside the time hiring takes, never used as a least.
    """

    hire_weeks: int = 14
    hire_weeks_min: int = 14
    hire_weeks_target: int | None = None
    time_in_post: tuple[TimeInPost, ...] = ()
    sources: tuple[Source, ...] = ()
    #: Skills any paid job counts as, whatever its family (the first-job basics).
    any_job_counts_as: tuple[str, ...] = ()

    def rule_into(self, role: Role) -> TimeInPost | None:
        """The time-in-post rule for moving up into ``role``, if the data has one."""
        return next(
            (r for r in self.time_in_post if r.family == role.family and role.band in r.into_bands),
            None,
        )


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
    progression: Progression = field(default_factory=Progression)
    families: tuple[tuple[str, str], ...] = ()
    routes: tuple[tuple[str, str, str], ...] = ()
    sources: tuple[tuple[str, Source], ...] = field(default=())
    licences: tuple[Licence, ...] = ()
    prison: PrisonTimes | None = None
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
                "time_in_post": {r.id: r for r in self.progression.time_in_post},
                "family": dict(self.families),
                "route": {route_id: name for route_id, name, _ in self.routes},
                "licence": {licence.id: licence for licence in self.licences},
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

    def item(self, item_id: str) -> Learning | Experience | TimeInPost | None:
        """A course, apprenticeship, way in, kind of experience or time-in-post rule."""
        for kind in ("learning", "experience", "time_in_post"):
            found = self.by_id[kind].get(item_id)
            if found is not None:
                return found
        return None

    def licence(self, licence_id: str) -> Licence:
        """The licence with this id (KeyError if there is none)."""
        return self.by_id["licence"][licence_id]

    def family_name(self, family_id: str) -> str:
        return self.by_id["family"].get(family_id, family_id)

    def route_name(self, route_id: str) -> str:
        return self.by_id["route"].get(route_id, "")


@dataclass(frozen=True)
class Step:
    """One thing to do on a route.

    ``kind`` is ``role``, ``course``, ``apprenticeship`` or ``experience``. ``gains`` lists
    every skill id the step makes the person meet; ``counts_as`` is the part of ``gains``
    met only through an equivalence (a Functional Skills course counts as a GCSE; it does
    not give one). ``weeks`` is the time the step adds to the route and ``full_weeks`` its
    own length: experience gained while doing other steps adds less than it lasts.
    ``weeks_min`` and ``weeks_max`` are the sourced range of the step's own length.
    """

    kind: str
    id: str
    title: str
    weeks: int
    gains: tuple[str, ...]
    starts_after_weeks: int = 0
    counts_as: tuple[str, ...] = ()
    full_weeks: int | None = None
    weeks_min: int | None = None
    weeks_max: int | None = None
    way_in: bool = False

    @property
    def length(self) -> int:
        """The step's own length (its weeks, if nothing overlaps)."""
        return self.weeks if self.full_weeks is None else self.full_weeks

    @property
    def overlap_weeks(self) -> int:
        """How much of the step happens while other steps go on."""
        return self.length - self.weeks


@dataclass(frozen=True)
class Route:
    """A route: its steps in order, and its total as the time most people take
    (``total_weeks``) and the least it could take (``total_weeks_min``).

    ``best_effort`` is true when the search ran out of time and could not check that
    this route is the fastest.
    """

    total_weeks: int
    start: tuple[str, ...]
    steps: tuple[Step, ...]
    total_weeks_min: int | None = None
    best_effort: bool = False

    @property
    def apply_now(self) -> bool:
        """True when the only step is applying for the target role."""
        return len(self.steps) == 1 and self.steps[0].kind == "role"
