"""The options a person has now, for the "check what you have" panel: what is open now,
what is close, what helps most.

They use the same rules as the route search (:mod:`planner.pathways.rules`): a job is
open now only if the move into it is one the rules allow today, time in post included.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import networkx as nx

from planner.pathways.graph import index_of
from planner.pathways.index import NO_ROLE, Action, Index
from planner.pathways.rules import can_do, may_move, wait_before
from planner.pathways.search.situation import Situation, start_situation
from planner.pathways.starting_point import Start, start_of

__all__ = ["Door", "OneStep", "apply_now", "one_step_away", "opens_most_doors"]


#: A job counts as "one step away" when it lacks at most this many essential requirements.
MAX_MISSING = 2


@dataclass(frozen=True)
class OneStep:
    """A job that is close: what it still needs, and the quickest move that helps most.

    ``covers`` is the part of ``missing`` that ``via`` gives; when it is all of
    ``missing``, that one move opens the job. ``via_kind`` is ``time`` when what is
    missing is time in the current job before moving up.
    """

    role: str
    missing: tuple[str, ...]
    via: str
    via_kind: str
    weeks: int
    covers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Door:
    """The learning that opens the most jobs, and which ones."""

    learning: str
    weeks: int
    opens: tuple[str, ...]


def _setup(graph, have, current_role) -> tuple[Index, Situation, Start]:
    """The index and where the person starts: ``have`` may be a :class:`Start` checked before."""
    index = index_of(graph)
    start = start_of(index, have, current_role)
    return index, start_situation(index, start), start


def _candidates(index: Index, situation: Situation, family: str | None) -> list[int]:
    """Jobs the person does not hold, not below their band, that the rules let them move into
    (any job, if they have none), in the family they want first when they said one."""
    here = situation.role
    floor = index.roles[here].low if here != NO_ROLE else 0
    out = [
        i
        for i, r in enumerate(index.roles)
        if i != here and r.low >= floor and may_move(index, here, i, i)
    ]
    if family is not None:
        out.sort(key=lambda i: index.roles[i].family != family)
    return out


def _meets(index: Index, held: int, role: int) -> bool:
    need = index.roles[role].requires
    return held & need == need


def _can_start(index: Index, action: Action, situation: Situation, start: Start, on) -> bool:
    return can_do(action, situation.role, situation.held, on, start.conditions)


def apply_now(
    graph: nx.DiGraph,
    have: Iterable[str] | Start,
    current_role: str | None = None,
    family: str | None = None,
) -> list[str]:
    """Job ids the person could apply for today, lowest band first (their family first).

    >>> from planner.pathways.testing import tiny_graph
    >>> apply_now(tiny_graph(), ["teamwork"])
    ['helper']
    """
    index, situation, _ = _setup(graph, have, current_role)
    found = [
        i
        for i in _candidates(index, situation, None)
        if _meets(index, situation.held, i)
        and wait_before(index, situation.role, i, situation.tenure) == 0
    ]
    return [
        index.roles[i].id
        for i in sorted(
            found,
            key=lambda i: (
                family is not None and index.roles[i].family != family,
                index.roles[i].low,
                i,
            ),
        )
    ]


def one_step_away(
    graph: nx.DiGraph,
    have: Iterable[str] | Start,
    current_role: str | None = None,
    on: date | None = None,
    family: str | None = None,
) -> list[OneStep]:
    """Jobs missing one or two essential requirements, or only time in the current job,
    each with the quickest move that helps most.

    >>> from planner.pathways.testing import tiny_graph
    >>> [(s.role, s.missing, s.via) for s in one_step_away(tiny_graph(), ["teamwork"])]
    [('clerk', ('gcse-maths',), 'fs-maths-2')]
    """
    index, situation, start = _setup(graph, have, current_role)
    held = situation.held
    out = []
    for i in _candidates(index, situation, family):
        entry = index.roles[i]
        missing = entry.requires & ~held
        wait = wait_before(index, situation.role, i, situation.tenure)
        if not missing:
            if wait:
                out.append(OneStep(entry.id, (), entry.post_rule or "", "time", wait))
            continue
        if missing.bit_count() > MAX_MISSING:
            continue
        best: tuple[tuple[int, int], Action, int] | None = None
        for action in index.actions:
            if not _can_start(index, action, situation, start, on):
                continue
            covered = index.close(held | action.grants) & missing
            if not covered:
                continue
            score = (covered.bit_count(), -action.weeks)
            if best is None or score > best[0]:
                best = (score, action, covered)
        if best:
            _, action, covered = best
            out.append(
                OneStep(
                    entry.id,
                    index.ids(missing),
                    action.id,
                    action.kind,
                    max(action.weeks, wait),
                    index.ids(covered),
                )
            )
    return sorted(
        out,
        key=lambda s: (
            family is not None and index.roles[index.role_pos[s.role]].family != family,
            len(s.covers) < len(s.missing),
            s.weeks,
            index.roles[index.role_pos[s.role]].low,
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
    """The one course or apprenticeship the person could start that opens the most new jobs
    (in the family they want, when they said one).

    Ties go to the learning that meets the most missing requirements, then to the shorter
    one. ``None`` when nothing can be started.

    >>> from planner.pathways.testing import tiny_graph
    >>> opens_most_doors(tiny_graph(), ["teamwork"]).learning
    'fs-maths-2'
    """
    index, situation, start = _setup(graph, have, current_role)
    held = situation.held
    roles = [
        i
        for i in _candidates(index, situation, family)
        if family is None or index.roles[i].family == family
    ]
    closed = [i for i in roles if not _meets(index, held, i)]
    best: tuple[tuple[int, int, int], Door] | None = None
    for action in index.actions:
        if action.is_experience or not _can_start(index, action, situation, start, on):
            continue
        after = index.close(held | action.grants)
        if after == held:
            continue
        opens = [i for i in closed if _meets(index, after, i)]
        helps = sum(((after & ~held) & index.roles[i].requires).bit_count() for i in closed)
        score = (len(opens), helps, -action.weeks)
        if best is None or score > best[0]:
            best = (score, Door(action.id, action.weeks, tuple(index.roles[i].id for i in opens)))
    return best[1] if best else None
