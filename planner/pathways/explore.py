"""Answers for the "check what you have" panel: what is open now, what is close, what helps most."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import networkx as nx

from planner.pathways.graph import index_of
from planner.pathways.index import NO_ROLE, Action, Index
from planner.pathways.question import Start, start_of

__all__ = ["Door", "OneStep", "apply_now", "one_step_away", "opens_most_doors"]


#: A role counts as "one step away" when it lacks at most this many essential requirements.
MAX_MISSING = 2


@dataclass(frozen=True)
class OneStep:
    """A role that is close: what it still needs, and the quickest move that helps most.

    ``covers`` is the part of ``missing`` that ``via`` gives; when it is all of
    ``missing``, that one move opens the role.
    """

    role: str
    missing: tuple[str, ...]
    via: str
    via_kind: str
    weeks: int
    covers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Door:
    """The learning that opens the most roles, and which ones."""

    learning: str
    weeks: int
    opens: tuple[str, ...]
    helps_with: int


def _setup(graph, have, current_role) -> tuple[Index, int, int | None]:
    """The index, what is held and the job: ``have`` may be a :class:`Start` checked before."""
    index = index_of(graph)
    start = start_of(index, have, current_role)
    return index, start.held, start.role_pos


def _candidates(index: Index, role: int | None) -> list[int]:
    """Roles the person does not hold and could move to without stepping down a band."""
    floor = index.roles[role].rank if role is not None else 0
    return [i for i, r in enumerate(index.roles) if i != role and r.rank >= floor]


def _can_do(action: Action, held: int, role: int | None, day: date | None) -> bool:
    if held & action.requires != action.requires or not action.open_on(day):
        return False
    return action.in_roles is None or (NO_ROLE if role is None else role) in action.in_roles


def apply_now(
    graph: nx.DiGraph, have: Iterable[str] | Start, current_role: str | None = None
) -> list[str]:
    """Role ids whose essential requirements the person already meets, lowest band first.

    >>> from planner.pathways.testing import tiny_graph
    >>> apply_now(tiny_graph(), ["teamwork"])
    ['helper']
    """
    index, held, role = _setup(graph, have, current_role)
    found = [
        i
        for i in _candidates(index, role)
        if held & index.roles[i].requires == index.roles[i].requires
    ]
    return [index.roles[i].id for i in sorted(found, key=lambda i: (index.roles[i].rank, i))]


def one_step_away(
    graph: nx.DiGraph,
    have: Iterable[str] | Start,
    current_role: str | None = None,
    on: date | None = None,
    family: str | None = None,
) -> list[OneStep]:
    """Roles missing one or two essential requirements, with the quickest move that helps most.

    Only roles where something the person could start now gives at least one
    missing requirement are listed; roles that one move opens come first. With
    ``family`` (the area of work the person wants), that family's roles come
    before all others.

    >>> from planner.pathways.testing import tiny_graph
    >>> [(s.role, s.missing, s.via) for s in one_step_away(tiny_graph(), ["teamwork"])]
    [('clerk', ('gcse-maths',), 'fs-maths-2')]
    """
    index, held, role = _setup(graph, have, current_role)
    out = []
    for i in _candidates(index, role):
        need = index.roles[i].requires
        missing = need & ~held
        if not missing or missing.bit_count() > MAX_MISSING:
            continue
        best: tuple[tuple[int, int], Action, int] | None = None
        for action in index.actions:
            if not _can_do(action, held, role, on):
                continue
            covered = index.close(held | action.grants) & missing
            if not covered:
                continue
            score = (covered.bit_count(), -action.weeks)
            if best is None or score > best[0]:
                best = (score, action, covered)
        if best:
            _, action, covered = best
            entry = index.roles[i]
            out.append(
                OneStep(
                    entry.id,
                    index.ids(missing),
                    action.id,
                    action.kind,
                    action.weeks,
                    index.ids(covered),
                )
            )
    return sorted(
        out,
        key=lambda s: (
            family is not None and index.roles[index.role_pos[s.role]].family != family,
            len(s.covers) < len(s.missing),
            s.weeks,
            index.roles[index.role_pos[s.role]].rank,
            s.role,
        ),
    )


def opens_most_doors(
    graph: nx.DiGraph,
    have: Iterable[str] | Start,
    current_role: str | None = None,
    on: date | None = None,
    family: str | None = None,
) -> Door | None:
    """The one course or apprenticeship the person could start that opens the most new roles.

    Ties go to the learning that meets the most missing requirements across
    all roles, then to the shorter one. ``None`` when nothing can be started.
    With ``family`` (the area of work the person wants), roles in that family
    count first: the learning that opens most of them wins, and they are listed
    first in ``opens``.

    >>> from planner.pathways.testing import tiny_graph
    >>> opens_most_doors(tiny_graph(), ["teamwork"]).learning
    'fs-maths-2'
    """
    index, held, role = _setup(graph, have, current_role)
    roles = _candidates(index, role)
    closed = [i for i in roles if held & index.roles[i].requires != index.roles[i].requires]
    # With a family, its roles go first, so they are both counted first and listed first.
    closed.sort(key=lambda i: family is not None and index.roles[i].family != family)
    wanted = [i for i in closed if index.roles[i].family == family]
    best: tuple[tuple[int, ...], Door] | None = None
    for action in index.actions:
        if action.kind == "experience" or not _can_do(action, held, role, on):
            continue
        after = index.close(held | action.grants)
        if after == held:
            continue
        opens = [i for i in closed if after & index.roles[i].requires == index.roles[i].requires]
        helps = sum(((after & ~held) & index.roles[i].requires).bit_count() for i in closed)
        in_family = sum(index.roles[i].family == family for i in opens)
        family_helps = sum(((after & ~held) & index.roles[i].requires).bit_count() for i in wanted)
        score = (in_family, len(opens), family_helps, helps, -action.weeks)
        if best is None or score > best[0]:
            door = Door(action.id, action.weeks, tuple(index.roles[i].id for i in opens), helps)
            best = (score, door)
    return best[1] if best else None
