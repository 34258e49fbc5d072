"""A compact, bitmask form of the catalogue that the route search runs on.

Skill sets are Python ints (one bit per skill) so that "does this person meet
these requirements?" is a single ``&``. The index is built once with the
graph and never changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.pathways.model import Catalogue, Learning, band_rank

__all__ = [
    "NO_ROLE",
    "UNREACHABLE",
    "Action",
    "Index",
    "RoleClass",
    "RoleKind",
    "bits",
    "build_index",
]

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

    def take(self, tenure: int, working: bool) -> tuple[int, int]:
        """Weeks this takes after ``tenure`` weeks in the job, and the weeks in the job after it.

        Experience only waits for what is left of its time. A course adds its
        weeks to time in the job; out of work, time does not add up anywhere.

        >>> Action("experience", "x", "x", 52, 0, 1, None).take(30, True)
        (22, 52)
        >>> Action("course", "c", "c", 18, 0, 1, None).take(30, True)
        (18, 48)
        """
        if self.kind == "experience":
            return max(0, self.weeks - tenure), max(tenure, self.weeks)
        return self.weeks, tenure + self.weeks if working else 0


def bits(mask: int) -> tuple[int, ...]:
    """Positions of the set bits, lowest first.

    >>> bits(0b1010)
    (1, 3)
    """
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return tuple(out)


@dataclass(frozen=True)
class RoleClass:
    """Roles that are alike for planning: same band, and the same things can be done in them.

    A stint in any of them offers the same moves, so the search treats them as one.
    ``gives`` is every skill a stint here could add, directly or through an equivalence.
    """

    rank: int
    actions: tuple[int, ...]
    gives: int
    kinds: tuple[int, ...]


@dataclass(frozen=True)
class RoleKind:
    """Roles of one class that also need the same things: interchangeable on a route."""

    role_class: int
    rank: int
    requires: int
    roles: tuple[int, ...]
    family: str = ""


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
    # Per skill bit: the group masks that count as it, and the actions that give it.
    groups: tuple[tuple[int, ...], ...] = ()
    grantors: tuple[tuple[int, ...], ...] = ()
    classes: tuple[RoleClass, ...] = ()
    kinds: tuple[RoleKind, ...] = ()
    # Per role position: its kind. The last class and kind stand for "not in a paid role".
    kind_of: tuple[int, ...] = ()
    # Per skill bit: the classes whose stints could add it.
    classes_giving: tuple[tuple[int, ...], ...] = ()
    # Per skill bit: actions and kinds that need it, and the equivalences (positions in
    # ``equivalences``) whose group it is part of.
    needed_by: tuple[tuple[int, ...], ...] = ()
    kinds_needing: tuple[tuple[int, ...], ...] = ()
    in_groups: tuple[tuple[int, ...], ...] = ()
    # Per action: the classes where it can be done because of the job (empty for courses).
    action_classes: tuple[tuple[int, ...], ...] = ()
    # The last day on which some learning opens or stops taking new starts.
    last_date_change: date | None = None

    def dates_change_after(self, day: date) -> bool:
        """Could a route starting on ``day`` meet learning that opens or closes later on?"""
        return self.last_date_change is not None and day < self.last_date_change

    @property
    def none_kind(self) -> int:
        return len(self.kinds) - 1

    @property
    def none_class(self) -> int:
        return len(self.classes) - 1

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
    groups: list[list[int]] = [[] for _ in skill_ids]
    for group, skill in equivalences:
        groups[skill.bit_length() - 1].append(group)
    grantors: list[list[int]] = [[] for _ in skill_ids]
    for a, action in enumerate(actions):
        for b in bits(action.grants):
            grantors[b].append(a)
    classes, kinds, kind_of = _group_roles(roles, actions, equivalences)
    classes_giving: list[list[int]] = [[] for _ in skill_ids]
    action_classes: list[list[int]] = [[] for _ in actions]
    for c, role_class in enumerate(classes):
        for b in bits(role_class.gives):
            classes_giving[b].append(c)
        for a in role_class.actions:
            if actions[a].in_roles is not None:
                action_classes[a].append(c)
    needed_by: list[list[int]] = [[] for _ in skill_ids]
    for a, action in enumerate(actions):
        for b in bits(action.requires):
            needed_by[b].append(a)
    kinds_needing: list[list[int]] = [[] for _ in skill_ids]
    for k, kind in enumerate(kinds):
        for b in bits(kind.requires):
            kinds_needing[b].append(k)
    in_groups: list[list[int]] = [[] for _ in skill_ids]
    for e, (group, _) in enumerate(equivalences):
        for b in bits(group):
            in_groups[b].append(e)
    return Index(
        skill_ids=skill_ids,
        bit=bit,
        roles=roles,
        role_pos=role_pos,
        actions=tuple(actions),
        equivalences=equivalences,
        weeks_to_start_role=catalogue.weeks_to_start_role,
        groups=tuple(map(tuple, groups)),
        grantors=tuple(map(tuple, grantors)),
        classes=classes,
        kinds=kinds,
        kind_of=kind_of,
        classes_giving=tuple(map(tuple, classes_giving)),
        needed_by=tuple(map(tuple, needed_by)),
        kinds_needing=tuple(map(tuple, kinds_needing)),
        in_groups=tuple(map(tuple, in_groups)),
        action_classes=tuple(map(tuple, action_classes)),
        last_date_change=max(
            (d for item in catalogue.learning for d in (item.starts_from, item.starts_until) if d),
            default=None,
        ),
    )


def _group_roles(roles, actions, equivalences):
    """Sort roles into classes (same band, same possible moves) and kinds (also same needs).

    The last class and kind are for someone not in a paid role.
    """
    available: list[list[int]] = [[] for _ in roles]
    anywhere: list[int] = []
    not_working: list[int] = []
    for a, action in enumerate(actions):
        if action.in_roles is None:
            anywhere.append(a)
            continue
        for r in action.in_roles:
            if r == NO_ROLE:
                not_working.append(a)
            else:
                available[r].append(a)
    by_class: dict[tuple, list[int]] = {}
    for r, entry in enumerate(roles):
        moves = tuple(sorted(anywhere + available[r]))
        by_class.setdefault((entry.rank, moves), []).append(r)
    none_moves = tuple(sorted(anywhere + not_working))
    classes: list[RoleClass] = []
    kinds: list[RoleKind] = []
    kind_of = [0] * len(roles)
    for (rank, moves), members in [*by_class.items(), ((-1, none_moves), [])]:
        c = len(classes)
        by_needs: dict[int, list[int]] = {}
        for r in members:
            by_needs.setdefault(roles[r].requires, []).append(r)
        first_kind = len(kinds)
        for requires, same in by_needs.items():
            for r in same:
                kind_of[r] = len(kinds)
            kinds.append(RoleKind(c, rank, requires, tuple(same), roles[same[0]].family))
        if not members:  # not in a paid role: one kind with no roles and no needs
            kinds.append(RoleKind(c, rank, 0, ()))
        gives = 0
        for a in moves:
            gives |= actions[a].grants
        kinds_here = tuple(range(first_kind, len(kinds)))
        classes.append(RoleClass(rank, moves, _upward(gives, equivalences), kinds_here))
    return tuple(classes), tuple(kinds), tuple(kind_of)


def _upward(mask: int, equivalences) -> int:
    """Add every skill that a group touching ``mask`` counts as: what could newly follow."""
    changed = True
    while changed:
        changed = False
        for group, skill in equivalences:
            if group & mask and not skill & mask:
                mask |= skill
                changed = True
    return mask
