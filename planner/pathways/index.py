"""A compact, bitmask form of the catalogue that the route search runs on.

Skill sets are Python ints (one bit per skill) so that "does this person meet
these requirements?" is a single ``&``. The index is built once with the graph
and never changes; the realism rules it uses live in :mod:`planner.pathways.rules`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from planner.pathways.equivalences import Equivalences
from planner.pathways.model import Catalogue, Learning, band_rank
from planner.pathways.rules import NO_ROLE, everyday_skills, funding_condition, work_places

__all__ = ["NO_ROLE", "Action", "Index", "RoleEntry", "build_index"]


@dataclass(frozen=True)
class RoleEntry:
    """One job as the search sees it. ``low`` and ``high`` are band ranks (the band range).

    ``implies`` is what holding the job counts as: its requirements and the everyday skills
    of the jobs below it in its family (see :func:`planner.pathways.rules.everyday_skills`).
    """

    id: str
    title: str
    low: int
    high: int
    family: str
    route: str
    requires: int
    implies: int
    responsibility: str
    apprenticeship: int | None
    transferable_to: frozenset[str]
    entry: bool
    min_post: int
    post_rule: str | None
    #: What the job lists as desirable: a person who has it fits the job better.
    desirable: int = 0


@dataclass(frozen=True)
class Action:
    """Something a person can do to gain skills: a course, apprenticeship, way in or experience.

    ``where`` holds the role positions it can be done in (``NO_ROLE`` for out of work);
    ``None`` means anywhere, in a job or not.
    """

    kind: str
    id: str
    title: str
    weeks: int
    weeks_min: int
    weeks_max: int
    requires: int
    grants: int
    where: frozenset[int] | None
    nhs_service: bool = False
    side_by_side: bool = False
    way_in: bool = False
    condition: str | None = None
    learning: Learning | None = None
    #: Takes new starts only from or until a day: the day a route gets to it matters.
    dated: bool = False

    def open_on(self, day: date | None) -> bool:
        return self.learning is None or day is None or self.learning.open_on(day)

    @property
    def is_experience(self) -> bool:
        return self.kind == "experience"


@dataclass(frozen=True)
class Index:
    skill_ids: tuple[str, ...]
    bit: dict[str, int]
    roles: tuple[RoleEntry, ...]
    role_pos: dict[str, int]
    actions: tuple[Action, ...]
    action_pos: dict[str, int]
    #: What counts as what (holding every skill in a group counts as holding a skill).
    equivalences: Equivalences
    hire_weeks: int
    hire_weeks_min: int
    # Time in a job and in the NHS only matter up to the longest wait that asks for them.
    tenure_cap: int
    nhs_cap: int
    # Least weeks in post before moving up into a band, by (family, band rank).
    post_into: dict[tuple[str, int], int] = field(default_factory=dict)
    # Per role position: the experience time there earns, as (weeks, grants, counted in
    # NHS service rather than in the job, the action that earns it).
    served: tuple[tuple[tuple[int, int, bool, int], ...], ...] = ()
    # The last day on which some learning opens or stops taking new starts.
    last_date_change: date | None = None
    # Role positions by family, and by the ladder (route) their experience counts on.
    by_family: dict[str, tuple[int, ...]] = field(default_factory=dict)
    counts_on: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # What every question to one job shares (see planner.pathways.search.prepared), by job.
    prepared: dict = field(default_factory=dict, repr=False, compare=False)

    def mask(self, skill_ids: Iterable[str]) -> int:
        out = 0
        for skill_id in skill_ids:
            out |= 1 << self.bit[skill_id]
        return out

    def ids(self, mask: int) -> tuple[str, ...]:
        return tuple(s for i, s in enumerate(self.skill_ids) if mask >> i & 1)

    def close(self, mask: int) -> int:
        """``mask`` and everything it counts as (see :meth:`Equivalences.close`)."""
        return self.equivalences.close(mask)

    def accrue(self, role: int, held: int, tenure: int, nhs: int) -> int:
        """What is held once the time already served in this job and in the NHS is counted.

        Experience is earned by time, not chosen: a route that has spent a year in an office
        job holds "a year working in an office" whatever else it did in that year.
        """
        if role == NO_ROLE:
            return held
        gained = 0
        for weeks, grants, in_nhs, _ in self.served[role]:
            if (nhs if in_nhs else tenure) >= weeks:
                gained |= grants
        return self.close(held | gained) if gained & ~held else held

    def dates_change_after(self, day: date) -> bool:
        """Could a route starting on ``day`` meet learning that opens or closes later on?"""
        return self.last_date_change is not None and day < self.last_date_change


def build_index(catalogue: Catalogue) -> Index:
    """Compile a catalogue into bitmasks and action lists."""
    skill_ids = tuple(s.id for s in catalogue.skills)
    bit = {s: i for i, s in enumerate(skill_ids)}

    def mask(ids: Iterable[str]) -> int:
        out = 0
        for skill_id in ids:
            out |= 1 << bit[skill_id]
        return out

    equivalences = Equivalences.of(
        (mask(group), 1 << bit[s.id]) for s in catalogue.skills for group in s.met_by
    )
    role_pos = {r.id: i for i, r in enumerate(catalogue.roles)}
    learning_pos = {item.id: i for i, item in enumerate(catalogue.learning)}
    everyday = everyday_skills(catalogue)
    roles = []
    for role in catalogue.roles:
        rule = catalogue.progression.rule_into(role)
        roles.append(
            RoleEntry(
                id=role.id,
                title=role.title,
                low=band_rank(role.band),
                high=band_rank(role.top),
                family=role.family,
                route=role.route,
                requires=mask(role.requires),
                implies=mask(role.requires) | mask(everyday[role.id]),
                responsibility=role.responsibility,
                apprenticeship=learning_pos.get(role.apprenticeship or ""),
                transferable_to=frozenset(role.transferable_to),
                entry=role.entry_point,
                min_post=rule.weeks if rule else 0,
                post_rule=rule.id if rule else None,
                desirable=mask(role.desirable),
            )
        )
    places = work_places(catalogue)
    actions: list[Action] = []
    for item in catalogue.learning:
        actions.append(
            Action(
                kind=item.kind,
                id=item.id,
                title=item.name,
                weeks=item.weeks,
                weeks_min=item.weeks_min,
                weeks_max=item.weeks_max,
                requires=mask(item.requires),
                grants=mask(item.grants),
                where=places[item.id],
                side_by_side=item.side_by_side,
                way_in=item.way_in is not None,
                condition=(
                    item.way_in.condition
                    if item.way_in and item.way_in.condition
                    else funding_condition(item.funded_up_to_age)
                ),
                learning=item,
                dated=bool(item.starts_from or item.starts_until),
            )
        )
    for exp in catalogue.experience:
        actions.append(
            Action(
                kind="experience",
                id=exp.id,
                title=exp.name,
                weeks=exp.weeks,
                weeks_min=exp.weeks,
                weeks_max=exp.weeks,
                requires=0,
                grants=mask(exp.grants),
                where=places[exp.id],
                nhs_service=exp.nhs_service,
            )
        )
    in_job = [a.weeks for a in actions if a.is_experience and not a.nhs_service]
    served = tuple(
        # An apprentice post's apprenticeship is done by the time it has run its length (it
        # comes first: a route from the post shows finishing it before anything else).
        (
            (
                (
                    actions[entry.apprenticeship].weeks,
                    actions[entry.apprenticeship].grants,
                    False,
                    entry.apprenticeship,
                ),
            )
            if entry.apprenticeship is not None
            else ()
        )
        + tuple(
            (a.weeks, a.grants, a.nhs_service, i)
            for i, a in enumerate(actions)
            if a.is_experience and a.where is not None and r in a.where
        )
        for r, entry in enumerate(roles)
    )
    by_family: dict[str, list[int]] = {}
    counts_on: dict[str, list[int]] = {r.route: [] for r in roles}
    for r, entry in enumerate(roles):
        by_family.setdefault(entry.family, []).append(r)
        for route in entry.transferable_to:
            counts_on.setdefault(route, []).append(r)
    return Index(
        by_family={f: tuple(rs) for f, rs in by_family.items()},
        counts_on={route: tuple(rs) for route, rs in counts_on.items()},
        skill_ids=skill_ids,
        bit=bit,
        roles=tuple(roles),
        role_pos=role_pos,
        actions=tuple(actions),
        action_pos={a.id: i for i, a in enumerate(actions)},
        equivalences=equivalences,
        hire_weeks=catalogue.progression.hire_weeks,
        hire_weeks_min=catalogue.progression.hire_weeks_min,
        tenure_cap=max([r.min_post for r in roles] + in_job + [0]),
        nhs_cap=max([a.weeks for a in actions if a.nhs_service] + [0]),
        served=served,
        post_into={
            (rule.family, band_rank(band)): rule.weeks
            for rule in catalogue.progression.time_in_post
            for band in rule.into_bands
        },
        last_date_change=max(
            (d for item in catalogue.learning for d in (item.starts_from, item.starts_until) if d),
            default=None,
        ),
    )
