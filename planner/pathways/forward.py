"""The forward route search, for questions where dates matter.

Most questions are answered by the backward search in :mod:`regress`. That
search cannot know on which date each step would begin, so when a course or
apprenticeship opens or stops taking new starts after the chosen day, this
search is used instead: it walks forward from what the person has, so it
always knows the date.

It is A* over states (skills held, role held, weeks in that role), with the
same rules as the backward search:

* a course can be done by anyone who meets its entry needs, alongside a job
  or not; time spent on it while in a job also counts as time in that job;
* an apprenticeship is a job: it can only be done while working in its family
  ("place then train");
* experience needs time in a role (or, for foundation skills, volunteering);
* taking a role needs its essential requirements and never steps down a
  band, unless that role is the one the person chose.

Hard questions run out of room for the exact search; then greedier searches
are tried, each at most a set factor slower than the best route.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date, timedelta

from planner.pathways.index import NO_ROLE, UNREACHABLE, Index, bits
from planner.pathways.question import OverBudget

__all__ = ["forward_moves"]

_NO_ROLE = NO_ROLE
#: An alternative route may take at most twice the best route's weeks, or a year more.
ALTERNATIVE_SLACK_WEEKS = 52
#: States the exact search may expand before it gives way to a greedier one. Small
#: catalogues (and the tests' brute-force comparisons) stay well under this.
EXACT_BUDGET = 1500
#: Greedier searches tried in turn after that: each at most ``weight`` times the best.
FALLBACK_WEIGHTS = (2.0, 5.0, 20.0)
#: The last, greediest search may look at this many states before giving up.
LAST_BUDGET = 6000
#: Alternatives are looked for greedily (at most this times the best way round a banned
#: move), with this many expansions each, and this many searches in all.
ALTERNATIVE_WEIGHT = 2.0
ALTERNATIVE_BUDGET = 400
ALTERNATIVE_SEARCHES = 8


@dataclass(frozen=True)
class _Query:
    index: Index
    target: int
    target_requires: int
    start_rank: int
    day0: int | None
    actions: tuple[int, ...]
    roles: tuple[int, ...]
    # Only these skill bits can change what the search does; the rest are masked out of states.
    keep: int
    # Per role position (and -1 for none): the longest relevant experience that role can give,
    # so time in a role beyond it need not be told apart.
    tenure_cap: dict[int, int]
    # Per role position: the relevant moves that need that role.
    enabled_by: dict[int, tuple[int, ...]]
    relaxed: tuple
    h_cache: dict[tuple[int, int, int], int]


def _relevant(index: Index, held: int, target: int) -> tuple[set[int], set[int], int]:
    """Actions and roles that could matter for reaching the target, and the skill bits they use."""
    need = index.roles[target].requires & ~held
    uses = index.roles[target].requires
    roles = {target}
    actions: set[int] = set()
    changed = True
    while changed:
        before = (need, len(actions), len(roles))
        for group, skill in index.equivalences:
            if need & skill:
                need |= group & ~held
                uses |= group
        for i, action in enumerate(index.actions):
            if i not in actions and action.grants & need:
                actions.add(i)
                need |= action.requires & ~held
                uses |= action.requires
                if action.in_roles is not None:
                    roles |= action.in_roles - {_NO_ROLE}
        for r in roles:
            need |= index.roles[r].requires & ~held
            uses |= index.roles[r].requires
        changed = before != (need, len(actions), len(roles))
    return actions, roles, need | uses


def _drop_dominated_roles(
    index: Index, actions: set[int], roles: set[int], target: int
) -> set[int]:
    """Leave out stepping-stone roles that another role beats on every count.

    Role A beats role B when A is no harder to get (needs a subset of B's
    requirements), is no higher a band (so it closes off no later moves), and
    opens every move B opens. Any route through B works through A at the same cost.
    """
    opens = {
        r: frozenset(
            a
            for a in actions
            if (index.actions[a].in_roles or ()) and r in index.actions[a].in_roles
        )
        for r in roles
    }
    kept = set()
    for b in roles:
        if b == target:
            kept.add(b)
            continue
        rb = index.roles[b]
        beaten = False
        for a in roles:
            if a in (b, target):
                continue
            ra = index.roles[a]
            at_least = (
                ra.requires & rb.requires == ra.requires
                and ra.rank <= rb.rank
                and opens[a] >= opens[b]
            )
            same = (ra.requires, ra.rank, opens[a]) == (rb.requires, rb.rank, opens[b])
            if at_least and (not same or a < b):
                beaten = True
                break
        if not beaten:
            kept.add(b)
    return kept


def _tenure_caps(index: Index, actions: set[int], roles: set[int]) -> dict[int, int]:
    caps = dict.fromkeys([*roles, _NO_ROLE], 0)
    for a in actions:
        action = index.actions[a]
        if action.kind != "experience":
            continue
        for r in action.in_roles or ():
            if r in caps:
                caps[r] = max(caps[r], action.weeks)
    return caps


def _relaxed_moves(index: Index, actions: tuple[int, ...]):
    """Moves as (weeks, needed bits, given bits, roles it needs) for the heuristic's relaxed problem.

    The relaxation forgets that roles need skills and that moves take turns,
    except that every move's own weeks still pass. Equivalences are moves of
    0 weeks from their group to their skill. For experience ``roles`` is the
    set of role positions it can be earned in; for learning it
    is left out (``False``), which only makes the bound lower.
    """
    moves = []
    for a in actions:
        action = index.actions[a]
        roles = action.in_roles if action.kind == "experience" else False
        moves.append((action.weeks, bits(action.requires), bits(action.grants), roles))
    for group, skill in index.equivalences:
        moves.append((0, bits(group), bits(skill), False))
    return tuple(moves)


def _heuristic(q: _Query, held: int, role: int, tenure: int) -> int:
    """A lower bound on the weeks still needed (h_max over a relaxed problem).

    It is the costliest single missing requirement, counting the chain of
    learning behind it, plus the move into the target role. Experience costs
    what is left of its time if the person is in a role that gives it, and
    otherwise a move into such a role plus all of its time. Admissible because
    every route must at least get that one requirement, one move after another.
    """
    missing = q.target_requires & ~held
    role_weeks = 0 if role == q.target else q.index.weeks_to_start_role
    if not missing:
        return role_weeks
    key = (held, role, tenure)
    h = q.h_cache.get(key)
    if h is None:
        move_in = q.index.weeks_to_start_role
        cost = dict.fromkeys(bits(held), 0)
        changed = True
        while changed:
            changed = False
            for weeks, needs, gives, roles in q.relaxed:
                pre = 0
                for b in needs:
                    c = cost.get(b)
                    if c is None:
                        break
                    pre = max(pre, c)
                else:
                    if roles is False:
                        total = pre + weeks
                    elif role in roles:
                        total = pre + max(0, weeks - tenure)
                    else:
                        total = pre + move_in + weeks
                    for b in gives:
                        if total < cost.get(b, UNREACHABLE):
                            cost[b] = total
                            changed = True
        h = max(cost.get(b, UNREACHABLE) for b in bits(missing))
        q.h_cache[key] = h
    return h + role_weeks


def _open(q: _Query, action_pos: int, weeks_so_far: int) -> bool:
    learning = q.index.actions[action_pos].learning
    if learning is None or q.day0 is None:
        return True
    return learning.open_on(date.fromordinal(q.day0) + timedelta(weeks=weeks_so_far))


_State = tuple[int, int, int]  # held skills, role position (or -1), weeks in that role


def _search(
    q: _Query,
    start: _State,
    banned: frozenset[int],
    cutoff: int = UNREACHABLE - 1,
    weight: float = 1.0,
    budget: int | None = None,
) -> list[tuple[int, int, int]] | None:
    """A* search; returns the moves as (move id, weeks, weeks before it) or None.

    Routes longer than ``cutoff`` weeks are not looked for. With ``weight`` above
    1 the search is greedier: faster, and at most ``weight`` times the best.
    Raises :class:`OverBudget` after ``budget`` expansions.
    """
    index = q.index
    n_actions = len(index.actions)
    best: dict[_State, int] = {start: 0}
    fronts: dict[tuple[int, int], list[tuple[int, int]]] = {start[:2]: [(start[2], 0)]}
    parent: dict[_State, tuple[_State, int, int]] = {}
    frontier = [(_heuristic(q, *start), 0, start)]
    expanded = 0
    while frontier:
        _, g, state = heapq.heappop(frontier)
        if g > best.get(state, g):
            continue
        expanded += 1
        if budget is not None and expanded > budget:
            raise OverBudget
        held, role, tenure = state
        if role == q.target:
            return _unwind(parent, state, best)
        moves: list[tuple[int, int, _State]] = []
        for a in q.actions:
            if a in banned:
                continue
            action = index.actions[a]
            if not action.grants & q.keep & ~held or held & action.requires != action.requires:
                continue
            if action.in_roles is not None and role not in action.in_roles:
                continue
            if not _open(q, a, g):
                continue
            weeks, new_tenure = action.take(tenure, role != _NO_ROLE)
            new_held = index.close(held | action.grants) & q.keep
            new_state = (new_held, role, min(new_tenure, q.tenure_cap.get(role, 0)))
            moves.append((a, weeks, new_state))
        rank = index.roles[role].rank if role != _NO_ROLE else q.start_rank
        for r in q.roles:
            entry = index.roles[r]
            if r == role or n_actions + r in banned or held & entry.requires != entry.requires:
                continue
            if r != q.target and (entry.rank < rank or not _opens_something(q, r, role, held)):
                continue
            moves.append((n_actions + r, index.weeks_to_start_role, (held, r, 0)))
        for move, weeks, new_state in moves:
            cost = g + weeks
            # Same skills and role, but no more time in the role for no less cost: never better.
            front = fronts.setdefault(new_state[:2], [])
            if any(t >= new_state[2] and c <= cost for t, c in front):
                continue
            front.append((new_state[2], cost))
            if cost < best.get(new_state, 10**9):
                best[new_state] = cost
                parent[new_state] = (state, move, weeks)
                h = _heuristic(q, *new_state)
                f = cost + weight * h
                if cost + h > cutoff:
                    continue
                heapq.heappush(frontier, (f, cost, new_state))
    return None


def _opens_something(q: _Query, new_role: int, role: int, held: int) -> bool:
    """Would moving to ``new_role`` let the person do a useful move they cannot do now?

    A stepping-stone role is only worth its weeks if it does: any later move
    from it could be made from the current role just as well.
    """
    for a in q.enabled_by[new_role]:
        action = q.index.actions[a]
        if role in action.in_roles:
            continue
        if action.grants & q.keep & ~held:
            return True
    return False


def _unwind(parent, state, best) -> list[tuple[int, int, int]]:
    moves = []
    while state in parent:
        prev, move, weeks = parent[state]
        moves.append((move, weeks, best[prev]))
        state = prev
    return moves[::-1]


def forward_moves(
    index: Index, start: int, role_pos: int, target_pos: int, limit: int, on: date | None
) -> list[list[tuple[str, int]]] | None:
    """Up to ``limit`` routes as moves ``("act", action)`` or ``("role", role)``, best first.

    ``None`` when no route exists. Raises :class:`OverBudget` when even the
    greediest search runs out of room.
    """
    actions, roles, keep = _relevant(index, start, target_pos)
    roles = _drop_dominated_roles(index, actions, roles, target_pos)
    q = _Query(
        index=index,
        target=target_pos,
        target_requires=index.roles[target_pos].requires,
        start_rank=index.roles[role_pos].rank if role_pos != _NO_ROLE else 0,
        day0=on.toordinal() if on else None,
        actions=tuple(sorted(actions)),
        roles=tuple(sorted(roles)),
        keep=keep,
        tenure_cap=_tenure_caps(index, actions, roles | {role_pos}),
        enabled_by={
            r: tuple(a for a in sorted(actions) if r in (index.actions[a].in_roles or ()))
            for r in roles
        },
        relaxed=_relaxed_moves(index, tuple(sorted(actions))),
        h_cache={},
    )
    state: _State = (start & keep, role_pos, 0)
    first = _best_route(q, state)
    if first is None:
        return None
    n_actions = len(index.actions)
    return [
        [("act", m) if m < n_actions else ("role", m - n_actions) for m, _, _ in moves]
        for moves in _alternatives(q, state, first, limit)
    ]


def _best_route(q: _Query, start: _State) -> list[tuple[int, int, int]] | None:
    """Exact A* when the problem is small enough; otherwise weighted A*, greedier each time.

    Raises :class:`OverBudget` if even the greediest search runs out of room.
    """
    try:
        return _search(q, start, frozenset(), budget=EXACT_BUDGET)
    except OverBudget:
        pass
    for weight in FALLBACK_WEIGHTS[:-1]:
        try:
            return _search(q, start, frozenset(), weight=weight, budget=EXACT_BUDGET)
        except OverBudget:
            continue
    return _search(q, start, frozenset(), weight=FALLBACK_WEIGHTS[-1], budget=LAST_BUDGET)


def _alternatives(q: _Query, start: _State, first, limit: int) -> list[list]:
    """Yen-style alternatives: ban one move of a chosen route at a time, keep the distinct ones.

    Alternatives far slower than the best are not worth showing (or searching for).
    """
    n_actions = len(q.index.actions)

    def signature(moves) -> frozenset:
        """What a route does: its learning and experience, and the kinds of job it passes through.

        Two routes that differ only in which of two similar jobs (same band and
        family) they pass through are not different enough to show both.
        """
        out = set()
        for move, _, _ in moves:
            if move < n_actions:
                out.add(move)
            else:
                entry = q.index.roles[move - n_actions]
                out.add((entry.rank, entry.family))
        return frozenset(out)

    chosen = [(frozenset(), first)]
    signatures = [signature(first)]
    tried: set[frozenset[int]] = {frozenset()}
    pool: list[tuple[int, int, frozenset[int], list]] = []
    counter = 0
    final = len(q.index.actions) + q.target
    best_weeks = sum(w for _, w, _ in first)
    cutoff = max(2 * best_weeks, best_weeks + ALTERNATIVE_SLACK_WEEKS)
    while len(chosen) < limit:
        bans, moves = chosen[-1]
        for move, _, _ in moves:
            if move == final:
                continue
            new_bans = bans | {move}
            if new_bans in tried:
                continue
            tried.add(new_bans)
            if len(tried) > ALTERNATIVE_SEARCHES:
                break
            try:
                found = _search(q, start, new_bans, cutoff, ALTERNATIVE_WEIGHT, ALTERNATIVE_BUDGET)
            except OverBudget:
                found = None
            if found is not None:
                counter += 1
                heapq.heappush(pool, (sum(w for _, w, _ in found), counter, new_bans, found))
        while pool:
            _, _, bans, moves = heapq.heappop(pool)
            sig = signature(moves)
            if any(sig >= other for other in signatures):
                continue
            chosen.append((bans, moves))
            signatures.append(sig)
            break
        else:
            break
    found = [moves for _, moves in chosen]
    return found[:1] + sorted(found[1:], key=lambda moves: sum(w for _, w, _ in moves))
