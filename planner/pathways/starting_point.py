"""Where a person starts: their answers checked against the data once (an unknown id gets
the nearest known ones), what they hold, how long they have been in their job and in the
NHS, and what they chose to tell us that some ways in ask for."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from planner.pathways.index import Index

__all__ = [
    "CONDITIONS",
    "Start",
    "UnknownRole",
    "UnknownSkill",
    "check_inputs",
    "start_mask",
    "start_of",
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
