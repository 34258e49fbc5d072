"""Find the fastest realistic routes from what a person has now to a role they want.

The search is A* over states (skills held, role held, weeks in that role).
The moves follow the source guide's principles:

* a course can be done by anyone who meets its entry needs, alongside a job
  or not; time spent on it while in a job also counts as time in that job;
* an apprenticeship is a job: it can only be done while working in its family
  ("place then train");
* experience needs time in a role (or, for foundation skills, volunteering);
* taking a role needs its essential requirements and never steps down a
  band, unless that role is the one the person chose.

Every move costs weeks; the best route has the fewest weeks in total.
"""

from __future__ import annotations

import difflib
import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import networkx as nx

from planner.pathways.graph import index_of
from planner.pathways.index import UNREACHABLE, Index
from planner.pathways.model import Route, Step
from planner.pathways.reach import obtainable

__all__ = [
    "NoRoute",
    "UnknownRole",
    "UnknownSkill",
    "find_routes",
    "start_skills",
    "suggest",
]

_NO_ROLE = -1


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


def suggest(value: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The known ids closest to a mistyped one.

    >>> suggest("admin-team-leed", ["admin-team-lead", "porter"])
    ['admin-team-lead']
    """
    return difflib.get_close_matches(value, list(choices), n=n, cutoff=0.5)


def _check_inputs(index: Index, have: Iterable[str], roles: Iterable[str | None]) -> None:
    for role in roles:
        if role is not None and role not in index.role_pos:
            raise UnknownRole(role, suggest(role, index.role_pos))
    unknown = {s: suggest(s, index.bit) for s in have if s not in index.bit}
    if unknown:
        raise UnknownSkill(unknown)


def _start_mask(index: Index, have: Iterable[str], current_role: str | None) -> int:
    mask = index.mask(have)
    if current_role is not None:
        mask |= index.roles[index.role_pos[current_role]].requires
    return index.close(mask)


def start_skills(graph: nx.DiGraph, have: Iterable[str], current_role: str | None = None):
    """Everything counted as held: what was given, what a current role implies, and equivalences.

    >>> from planner.pathways.testing import tiny_graph
    >>> start_skills(tiny_graph(), ["fs-maths-2"])
    ('fs-maths-2', 'gcse-maths')
    """
    index = index_of(graph)
    have = list(have)
    _check_inputs(index, have, [current_role])
    return index.ids(_start_mask(index, have, current_role))


@dataclass(frozen=True)
class _Query:
    index: Index
    target: int
    target_requires: int
    start_rank: int
    day0: int | None
    actions: tuple[int, ...]
    roles: tuple[int, ...]


def _relevant(index: Index, held: int, target: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Actions and roles that could matter for reaching the target from ``held``."""
    need = index.roles[target].requires & ~held
    roles = {target}
    actions: set[int] = set()
    changed = True
    while changed:
        changed = False
        before = (need, len(actions), len(roles))
        for group, skill in index.equivalences:
            if need & skill:
                need |= group & ~held
        for i, action in enumerate(index.actions):
            if i not in actions and action.grants & need:
                actions.add(i)
                need |= action.requires & ~held
                if action.in_roles is not None:
                    roles |= action.in_roles
        for r in roles:
            need |= index.roles[r].requires & ~held
        changed = before != (need, len(actions), len(roles))
    return tuple(sorted(actions)), tuple(sorted(roles))


def _heuristic(q: _Query, held: int, role: int) -> int:
    missing = q.target_requires & ~held
    h = 0
    while missing:
        low = missing & -missing
        h = max(h, q.index.bounds[low.bit_length() - 1])
        missing ^= low
    return h + (0 if role == q.target else q.index.weeks_to_start_role)


def _open(q: _Query, action_pos: int, weeks_so_far: int) -> bool:
    learning = q.index.actions[action_pos].learning
    if learning is None or q.day0 is None:
        return True
    return learning.open_on(date.fromordinal(q.day0) + timedelta(weeks=weeks_so_far))


_State = tuple[int, int, int]  # held skills, role position (or -1), weeks in that role


def _search(q: _Query, start: _State, banned: frozenset[int]) -> list[tuple[int, int, int]] | None:
    """A* search; returns the moves as (move id, weeks, weeks before it) or None."""
    index = q.index
    n_actions = len(index.actions)
    cap = index.max_experience_weeks
    best: dict[_State, int] = {start: 0}
    parent: dict[_State, tuple[_State, int, int]] = {}
    frontier = [(_heuristic(q, start[0], start[1]), 0, start)]
    while frontier:
        _, g, state = heapq.heappop(frontier)
        if g > best.get(state, g):
            continue
        held, role, tenure = state
        if role == q.target:
            return _unwind(parent, state, best)
        moves: list[tuple[int, int, _State]] = []
        for a in q.actions:
            if a in banned:
                continue
            action = index.actions[a]
            if not action.grants & ~held or held & action.requires != action.requires:
                continue
            if action.in_roles is not None and role not in action.in_roles:
                continue
            if not _open(q, a, g):
                continue
            if action.kind == "experience":
                weeks = max(0, action.weeks - tenure)
                new_tenure = max(tenure, action.weeks)
            else:
                weeks = action.weeks
                new_tenure = tenure + weeks if role != _NO_ROLE else 0
            new_state = (index.close(held | action.grants), role, min(new_tenure, cap))
            moves.append((a, weeks, new_state))
        rank = index.roles[role].rank if role != _NO_ROLE else q.start_rank
        for r in q.roles:
            entry = index.roles[r]
            if r == role or n_actions + r in banned or held & entry.requires != entry.requires:
                continue
            if entry.rank < rank and r != q.target:
                continue
            moves.append((n_actions + r, index.weeks_to_start_role, (held, r, 0)))
        for move, weeks, new_state in moves:
            cost = g + weeks
            if cost < best.get(new_state, 10**9):
                best[new_state] = cost
                parent[new_state] = (state, move, weeks)
                f = cost + _heuristic(q, new_state[0], new_state[1])
                if f >= UNREACHABLE:
                    continue
                heapq.heappush(frontier, (f, cost, new_state))
    return None


def _unwind(parent, state, best) -> list[tuple[int, int, int]]:
    moves = []
    while state in parent:
        prev, move, weeks = parent[state]
        moves.append((move, weeks, best[prev]))
        state = prev
    return moves[::-1]


def _to_route(q: _Query, start_mask: int, moves: list[tuple[int, int, int]]) -> Route:
    index = q.index
    n_actions = len(index.actions)
    held = start_mask
    steps = []
    for move, weeks, before in moves:
        if move >= n_actions:
            entry = index.roles[move - n_actions]
            steps.append(Step("role", entry.id, entry.title, weeks, (), before))
            continue
        action = index.actions[move]
        after = index.close(held | action.grants)
        steps.append(
            Step(action.kind, action.id, action.title, weeks, index.ids(after & ~held), before)
        )
        held = after
    return Route(sum(s.weeks for s in steps), index.ids(start_mask), tuple(steps))


def _explain_dead_end(q: _Query, start: _State, target_id: str) -> NoRoute:
    held, roles = obtainable(q.index, start[0], None if start[1] == _NO_ROLE else start[1])
    missing = q.index.ids(q.target_requires & ~held)
    if missing:
        names = ", ".join(missing)
        return NoRoute(target_id, missing, f"Nothing in the data gives: {names}.")
    return NoRoute(
        target_id,
        (),
        "Every route to this role needs a move to a lower band first. "
        "Choose a role at a lower band as your goal to see that route.",
    )


def find_routes(
    graph: nx.DiGraph,
    have: Iterable[str],
    target: str,
    current_role: str | None = None,
    limit: int = 3,
    on: date | None = None,
) -> list[Route]:
    """The best routes from what a person has to a target role, fewest weeks first.

    Parameters
    ----------
    graph : the frozen graph from :func:`build_graph`.
    have : skill ids the person has now.
    target : the role id they want.
    current_role : the role id they are in now, if any. Its essential
        requirements count as held.
    limit : how many routes at most. Alternatives differ in what they do,
        not just in the order they do it.
    on : the day the person starts. Learning that takes no new starts on the
        day a step would begin is left out. ``None`` ignores dates.

    Returns
    -------
    list of Route, best first. An empty step list means the person is
    already in the target role; a single ``role`` step means "you can apply now".

    Raises
    ------
    UnknownRole, UnknownSkill : an id is not in the data.
    NoRoute : nothing in the data leads there; ``missing`` says what is lacking.

    Examples
    --------
    >>> from planner.pathways.testing import tiny_graph
    >>> [s.id for s in find_routes(tiny_graph(), ["teamwork"], "clerk")[0].steps]
    ['fs-maths-2', 'clerk']
    """
    index = index_of(graph)
    have = list(have)
    _check_inputs(index, have, [target, current_role])
    start_mask = _start_mask(index, have, current_role)
    target_pos = index.role_pos[target]
    role_pos = _NO_ROLE if current_role is None else index.role_pos[current_role]
    if role_pos == target_pos:
        return [Route(0, index.ids(start_mask), ())]
    actions, roles = _relevant(index, start_mask, target_pos)
    q = _Query(
        index=index,
        target=target_pos,
        target_requires=index.roles[target_pos].requires,
        start_rank=index.roles[role_pos].rank if role_pos != _NO_ROLE else 0,
        day0=on.toordinal() if on else None,
        actions=actions,
        roles=roles,
    )
    start: _State = (start_mask, role_pos, 0)
    first = _search(q, start, frozenset())
    if first is None:
        raise _explain_dead_end(q, start, target)
    return _alternatives(q, start, start_mask, first, limit)


def _alternatives(q: _Query, start: _State, start_mask: int, first, limit: int) -> list[Route]:
    """Yen-style alternatives: ban one move of a chosen route at a time, keep the distinct ones."""
    chosen = [(frozenset(), first)]
    signatures = [frozenset(m for m, _, _ in first)]
    tried: set[frozenset[int]] = {frozenset()}
    pool: list[tuple[int, int, frozenset[int], list]] = []
    counter = 0
    final = len(q.index.actions) + q.target
    while len(chosen) < limit:
        bans, moves = chosen[-1]
        for move, _, _ in moves:
            if move == final:
                continue
            new_bans = bans | {move}
            if new_bans in tried:
                continue
            tried.add(new_bans)
            found = _search(q, start, new_bans)
            if found is not None:
                counter += 1
                heapq.heappush(pool, (sum(w for _, w, _ in found), counter, new_bans, found))
        while pool:
            _, _, bans, moves = heapq.heappop(pool)
            sig = frozenset(m for m, _, _ in moves)
            if any(sig >= other for other in signatures):
                continue
            chosen.append((bans, moves))
            signatures.append(sig)
            break
        else:
            break
    return [_to_route(q, start_mask, moves) for _, moves in chosen]
