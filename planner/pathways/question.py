"""A question to the route engine: its ids, what the person holds, and when there is no answer."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from planner.pathways.index import Index

__all__ = [
    "NoRoute",
    "OverBudget",
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
    """What was given, plus what a current role implies, closed under equivalences."""
    mask = index.mask(have)
    if current_role is not None:
        mask |= index.roles[index.role_pos[current_role]].requires
    return index.close(mask)


@dataclass(frozen=True)
class Start:
    """Where a person starts, checked against the data once: what they have and the job they do.

    ``held`` is the mask of everything counted as held (see :func:`start_mask`);
    ``role_pos`` is the job's position in the index, or ``None``.
    """

    have: tuple[str, ...]
    role: str | None
    held: int
    role_pos: int | None


def start_of(index: Index, have: Iterable[str], current_role: str | None = None) -> Start:
    """Check the ids (raising UnknownRole or UnknownSkill) and work out what is held."""
    if isinstance(have, Start):
        return have
    have = tuple(dict.fromkeys(have))
    check_inputs(index, have, [current_role])
    role_pos = None if current_role is None else index.role_pos[current_role]
    return Start(have, current_role, start_mask(index, have, current_role), role_pos)
