"""A compact, bitmask form of the catalogue that the route search runs on.

Skill sets are Python ints (one bit per skill) so that "does this person meet
these requirements?" is a single ``&``. The index is built once with the
graph and never changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.pathways.model import Catalogue, Learning, band_rank

__all__ = ["NO_ROLE", "UNREACHABLE", "Action", "Index", "build_index"]

UNREACHABLE = 10**9
#: The role position of someone not in a paid role.
NO_ROLE = -1


@dataclass(frozen=True)
class Action:
    """Something a person can do to gain skills: a course, an apprenticeship or experience."""

    kind: str
    id: str
    title: str
    weeks: int
    requires: int
    grants: int
    # Which role positions the person must be in to do this (NO_ROLE: not in a paid role,
    # as for volunteering); None means it does not matter.
    in_roles: frozenset[int] | None
    learning: Learning | None = None

    def open_on(self, day: date | None) -> bool:
        return self.learning is None or day is None or self.learning.open_on(day)


@dataclass(frozen=True)
class RoleEntry:
    id: str
    title: str
    rank: int
    requires: int
    family: str


@dataclass(frozen=True)
class Index:
    skill_ids: tuple[str, ...]
    bit: dict[str, int]
    roles: tuple[RoleEntry, ...]
    role_pos: dict[str, int]
    actions: tuple[Action, ...]
    # (group mask, skill mask): holding every skill in the group counts as holding the skill.
    equivalences: tuple[tuple[int, int], ...]
    weeks_to_start_role: int

    def mask(self, skill_ids) -> int:
        out = 0
        for skill_id in skill_ids:
            out |= 1 << self.bit[skill_id]
        return out

    def ids(self, mask: int) -> tuple[str, ...]:
        return tuple(s for i, s in enumerate(self.skill_ids) if mask >> i & 1)

    def close(self, mask: int) -> int:
        """Add every skill that the held ones count as, through equivalences, until nothing changes."""
        changed = True
        while changed:
            changed = False
            for group, skill in self.equivalences:
                if mask & group == group and not mask & skill:
                    mask |= skill
                    changed = True
        return mask


def build_index(catalogue: Catalogue) -> Index:
    """Compile a catalogue into bitmasks and action lists."""
    skill_ids = tuple(s.id for s in catalogue.skills)
    bit = {s: i for i, s in enumerate(skill_ids)}

    def mask(ids) -> int:
        out = 0
        for skill_id in ids:
            out |= 1 << bit[skill_id]
        return out

    roles = tuple(
        RoleEntry(r.id, r.title, band_rank(r.band), mask(r.requires), r.family)
        for r in catalogue.roles
    )
    role_pos = {r.id: i for i, r in enumerate(roles)}
    by_family: dict[str, set[int]] = {}
    for i, role in enumerate(catalogue.roles):
        by_family.setdefault(role.family, set()).add(i)

    actions: list[Action] = []
    for item in catalogue.learning:
        in_roles = None
        if item.needs_role_in:
            in_roles = frozenset().union(*(by_family.get(f, set()) for f in item.needs_role_in))
        actions.append(
            Action(
                item.kind,
                item.id,
                item.name,
                item.weeks,
                mask(item.requires),
                mask(item.grants),
                in_roles,
                item,
            )
        )
    for exp in catalogue.experience:
        if exp.any_role:
            in_roles = frozenset(range(len(roles)))
        elif exp.in_roles:
            in_roles = frozenset(role_pos[r] for r in exp.in_roles)
        else:
            in_roles = frozenset({NO_ROLE})
        actions.append(
            Action("experience", exp.id, exp.name, exp.weeks, 0, mask(exp.grants), in_roles)
        )
    equivalences = tuple(
        (mask(group), 1 << bit[s.id]) for s in catalogue.skills for group in s.met_by
    )
    return Index(
        skill_ids=skill_ids,
        bit=bit,
        roles=roles,
        role_pos=role_pos,
        actions=tuple(actions),
        equivalences=equivalences,
        weeks_to_start_role=catalogue.weeks_to_start_role,
    )
