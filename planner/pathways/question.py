"""A question to the route engine: its ids, what the person holds, and when there is no answer."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from planner.pathways.index import NO_ROLE, Index

__all__ = [
    "CONDITIONS",
    "NoRoute",
    "OverBudget",
    "Situation",
    "Start",
    "UnknownRole",
    "UnknownSkill",
    "check_inputs",
    "start_mask",
    "start_of",
    "start_situation",
    "suggest",
]


class UnknownRole(LookupError):
    """A role id that is not in the data; ``suggestions`` holds the nearest known ids."""

    def __init__(self, value: str, suggestions: list[str]):
        self.value = value
        self.suggestions = suggestions
        super().__init__(f"There is no role called {value!r}.")


class UnknownSkill(LookupError):
    """Skill ids that are not in the data, each with the nearest known ids."""

    def __init__(self, suggestions: dict[str, list[str]]):
        self.values = list(suggestions)
        self.suggestions = suggestions
        names = ", ".join(repr(v) for v in self.values)
        super().__init__(f"These skills are not in the list: {names}.")


class NoRoute(Exception):
    """Nothing in the data leads to the target; ``missing`` names what cannot be gained."""

    def __init__(self, target: str, missing: tuple[str, ...], reason: str):
        self.target = target
        self.missing = missing
        self.reason = reason
        super().__init__(reason)


class OverBudget(Exception):
    """A search looked at more possibilities than it was allowed to."""


def suggest(value: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The known ids closest to a mistyped one.

    >>> suggest("admin-team-leed", ["admin-team-lead", "porter"])
    ['admin-team-lead']
    """
    return difflib.get_close_matches(value, list(choices), n=n, cutoff=0.5)


def check_inputs(index: Index, have: Iterable[str], roles: Iterable[str | None]) -> None:
    """Raise UnknownRole or UnknownSkill, with suggestions, for any id not in the data."""
    for role in roles:
        if role is not None and role not in index.role_pos:
            raise UnknownRole(role, suggest(role, index.role_pos))
    unknown = {s: suggest(s, index.bit) for s in have if s not in index.bit}
    if unknown:
        raise UnknownSkill(unknown)


def start_mask(index: Index, have: Iterable[str], current_role: str | None) -> int:
    """What was given, plus what a current job covers, closed under equivalences."""
    mask = index.mask(have)
    if current_role is not None:
        mask |= index.roles[index.role_pos[current_role]].implies
    return index.close(mask)


@dataclass(frozen=True)
class Start:
    """Where a person starts, checked against the data once.

    ``have`` and ``role`` are what they told us; ``held`` is everything counted as held
    (see :func:`start_mask`); ``role_pos`` is the job's position in the index, or
    ``None``. ``tenure`` and ``nhs`` are the weeks they have been in that job and in the
    NHS (0 unless they said: without it we assume they are new). ``conditions`` are what
    they chose to tell us that some ways in and funding ask for (such as ``under-22``).
    """

    have: tuple[str, ...]
    role: str | None
    held: int
    role_pos: int | None
    tenure: int = 0
    nhs: int = 0
    conditions: frozenset[str] = frozenset()


#: What a person may choose to tell us that some ways in and some funding depend on.
CONDITIONS = frozenset({"out-of-work", "under-22", "aged-16-to-30"})


def start_of(
    index: Index,
    have: Iterable[str] | Start,
    current_role: str | None = None,
    weeks_in_role: int = 0,
    weeks_in_nhs: int = 0,
    conditions: Iterable[str] = (),
) -> Start:
    """Check the ids (raising UnknownRole or UnknownSkill) and work out what is held.

    NHS service is at least the time in the current job: nobody is in an NHS job longer
    than they have been in the NHS.
    """
    if isinstance(have, Start):
        return have
    have = tuple(dict.fromkeys(have))
    check_inputs(index, have, [current_role])
    role_pos = None if current_role is None else index.role_pos[current_role]
    tenure = max(0, weeks_in_role) if role_pos is not None else 0
    unknown = set(conditions) - CONDITIONS
    if unknown:
        raise ValueError(f"unknown conditions: {sorted(unknown)}")
    return Start(
        have,
        current_role,
        start_mask(index, have, current_role),
        role_pos,
        tenure,
        max(tenure, max(0, weeks_in_nhs)),
        frozenset(conditions),
    )


class Situation(NamedTuple):
    """Where a person is, as the search sees it: their job (or ``NO_ROLE``), what they hold,
    and the weeks they have been in that job and in the NHS (capped where more cannot count).
    A named tuple: the search makes hundreds of thousands of them."""

    role: int
    held: int
    tenure: int = 0
    nhs: int = 0


def start_situation(index: Index, start: Start) -> Situation:
    """The search's first situation: experience the time already served has earned is held."""
    role = NO_ROLE if start.role_pos is None else start.role_pos
    held = start.held
    for action in index.actions:
        if not action.is_experience or action.where is None:
            continue
        served = start.nhs if action.nhs_service else start.tenure
        if role in action.where and role != NO_ROLE and served >= action.weeks:
            held |= action.grants
    held = index.close(held)
    return Situation(role, held, min(index.tenure_cap, start.tenure), min(index.nhs_cap, start.nhs))
