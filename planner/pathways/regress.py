"""Exact route search that works backwards from the job a person wants.

Searching forwards from what someone has tries every course they could take.
Searching backwards only ever asks "what would have to be true just before
this?", so every step it considers is one the goal needs. A node is a
*condition*:

* ``(STINT, c, need, tenure)``: in a job of class ``c``, having been there at
  least ``tenure`` weeks, and holding every skill in ``need``;
* ``(START, k, need)``: just starting a job of kind ``k``, holding ``need``.

Going back over a course takes its weeks and swaps what it gives for what it
needs; going back over experience asks for more time in the job; going back
over a move into a job asks for that job's needs at the end of the job before.
Skills the person already has are never asked for. The search is A* with the
lower bounds from :mod:`planner.pathways.bounds`, so the first route it
finishes is a fastest one; it may carry on for a few more (alternatives).

Time in a job is the same thing as time spent since starting it, because
courses done while in a job count as time in it. A condition that asks for
``tenure`` weeks is met at the start of the job by waiting that long, which a
route shows as the weeks of its experience steps.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass

from planner.pathways.bounds import Bounds, Problem
from planner.pathways.index import NO_ROLE, UNREACHABLE, bits
from planner.pathways.question import OverBudget

__all__ = ["GOAL_ROLE", "Found", "Limits", "find_back", "search_back"]

STINT, START, GOAL = 0, 1, 2
#: The ``role`` move into the person's target job.
GOAL_ROLE = -2


@dataclass
class Limits:
    """How far a search may go; the caller may change these between routes.

    ``weight`` above 1 makes the search greedier: faster, and its first route at
    most ``weight`` times as long as the best. ``keep`` is how many labels that
    do different things may reach each condition: 1 finds one route; more
    find alternatives too.
    """

    cutoff: int = UNREACHABLE - 1
    budget: int | None = None
    weight: float = 1.0
    keep: int = 1
    expanded: int = 0


@dataclass(frozen=True)
class Found:
    """A route as the moves in order: ``("act", action)`` or ``("role", kind or GOAL_ROLE)``.

    ``what`` is a mask of what the route does (its actions, and the band and
    family of each job on the way), for telling alternatives apart.
    """

    weeks: int
    moves: tuple[tuple[str, int], ...]
    what: int


def search_back(problem: Problem, bounds: Bounds, limits: Limits) -> Iterator[Found]:
    """Yield routes to the target, fastest first, until the caller stops asking.

    The first route yielded is a fastest one (with ``limits.weight`` 1). Later
    ones are the next best routes the search still holds: each condition keeps
    up to ``limits.keep`` ways on to the goal, and only those that do something
    different from a cheaper one already kept. Routes longer than
    ``limits.cutoff`` weeks are not looked for. Raises :class:`OverBudget`
    once ``limits.expanded`` passes ``limits.budget``.
    """
    index = problem.index
    start = problem.start
    start_kind = problem.start_kind
    move = index.weeks_to_start_role
    actions = index.actions
    classes = index.classes
    kinds = index.kinds
    groups = index.groups
    classes_giving = index.classes_giving
    usable_actions = bounds.actions
    usable_classes = bounds.classes
    fact_time = bounds.fact_time
    kind_time = bounds.kind_time
    class_time = bounds.class_time
    landmark_weeks = bounds.landmark_weeks
    none_class = index.none_class
    target_role = problem.target
    start_class = kinds[start_kind].role_class
    # Kinds a stint can be in: reachable, and with a role other than the target itself.
    stint_kinds = {
        k for k in kind_time if k == index.none_kind or set(kinds[k].roles) - {target_role}
    }
    stint_moves = {
        c: tuple(a for a in classes[c].actions if a in usable_actions) for c in usable_classes
    }
    gives = {c: classes[c].gives for c in usable_classes}
    kind_needs = {k: kinds[k].requires & ~start for k in kind_time}
    # Per set of needed skills: (the latest earliest week among them, their landmark weeks).
    # Many conditions share the same needs, so each set is worked out once.
    need_memo: dict[int, tuple[int, int]] = {0: (0, 0)}

    def need_bounds(need: int) -> tuple[int, int]:
        found = need_memo.get(need)
        if found is None:
            worst = 0
            for b in bits(need):
                t = fact_time[b]
                if t > worst:
                    worst = t
            found = need_memo[need] = (worst, landmark_weeks(need))
        return found

    def stint_bound(c: int, need: int, tenure: int) -> int:
        latest, learning = need_bounds(need)
        h = class_time[c] + tenure
        if latest > h:
            h = latest
        if c != start_class:
            learning += move
        if learning > h:
            h = learning
        # Skills this job cannot give must be held before starting it.
        before = need & ~gives[c]
        if before:
            if c == none_class:
                return UNREACHABLE
            earlier = need_bounds(before)[0] + move + tenure
            if earlier > h:
                h = earlier
        return h

    def start_bound(k: int, need: int) -> int:
        if k == start_kind:
            return need_bounds(need)[0]
        latest, learning = need_bounds(need | kind_needs[k])
        return max(latest, kind_time[k], learning + move)

    keep = limits.keep
    n_actions = len(actions)
    places: dict[tuple[int, str], int] = {}
    place_bit = {
        k: 1 << (n_actions + places.setdefault((kinds[k].rank, kinds[k].family), len(places)))
        for k in kind_time
    }
    # Settled labels per class (stints) and per kind (starts): (need, tenure, weeks, what).
    # ``what`` is a mask of the moves from there to the goal, so that routes which do
    # something different can each keep a label.
    settled: dict[tuple[int, int], list[tuple[int, int, int, int]]] = {}
    links: dict[int, tuple[int | None, tuple | None]] = {}  # label -> (next label, move)
    counter = 0
    # (priority, -g, tiebreak, g, node, what, next label, move, priority is exact)
    root = (START, GOAL_ROLE, 0)
    heap: list = [(bounds.target_time, 0, 0, 0, root, 0, None, None, True)]
    weight = limits.weight
    exact_weight = weight == 1.0

    def push(f: float, g: int, node: tuple, what: int, nxt: int, step) -> None:
        nonlocal counter
        counter += 1
        heapq.heappush(heap, (f, -g, counter, g, node, what, nxt, step, False))

    def seed(f: float, g: int, need: int, into: int, what: int, nxt: int) -> None:
        """The job before a move into kind ``into`` (or the target, GOAL_ROLE)."""
        rank = None if into == GOAL_ROLE else kinds[into].rank
        if into != GOAL_ROLE:
            what |= place_bit[into]
        if need == 0 and _can_start_from(problem, into, rank, start_class):
            push(f, g + move, (GOAL,), what, nxt, ("role", into))
        into_class = None if rank is None else kinds[into].role_class
        candidates: set[int] = set()
        for b in bits(need):
            candidates.update(classes_giving[b])
        for c in sorted(candidates):
            if c not in usable_classes or c == into_class:
                continue
            if rank is not None and classes[c].rank > rank:
                continue
            push(f, g + move, (STINT, c, need, 0), what, nxt, ("role", into))

    def beaten(key: tuple[int, int], need: int, tenure: int, g: int, what: int) -> bool:
        """Is there already a label as good that does no more, or ``keep`` labels as good?"""
        done = settled.get(key)
        if done is None:
            settled[key] = done = []
        better = 0
        for need2, tenure2, g2, what2 in done:
            if g2 <= g and tenure2 <= tenure and need2 & ~need == 0:
                if what2 & ~what == 0:
                    return True
                better += 1
                if better >= keep:
                    return True
        done.append((need, tenure, g, what))
        return False

    while heap:
        f, _, _, g, node, what, nxt, step, exact = heapq.heappop(heap)
        if f > limits.cutoff * weight:
            return
        kind = node[0]
        if not exact:
            if kind == STINT:
                h = stint_bound(node[1], node[2], node[3])
            elif kind == START:
                h = start_bound(node[1], node[2])
            else:
                h = 0
            if h >= UNREACHABLE or g + h > limits.cutoff:
                continue
            priority = g + h if exact_weight else g + weight * h
            if priority > f:
                counter += 1
                heapq.heappush(heap, (priority, -g, counter, g, node, what, nxt, step, True))
                continue
        if kind == GOAL:
            moves = [step]
            at = nxt
            while at is not None:
                at, step_there = links[at]
                moves.append(step_there)
            yield Found(
                g, tuple(m for m in moves if m is not None and m[0] in ("act", "role")), what
            )
            continue
        limits.expanded += 1
        if limits.budget is not None and limits.expanded > limits.budget:
            raise OverBudget
        counter += 1
        label = counter
        if kind == START:
            _, k, need = node
            if beaten((START, k), need, 0, g, what):
                continue
            links[label] = (nxt, step)
            if k == start_kind and need == 0:
                push(f, g, (GOAL,), what, label, None)
                continue
            if k == index.none_kind:
                continue  # nobody moves back to being out of work
            if k == GOAL_ROLE:
                seed(f, g, index.roles[target_role].requires & ~start, GOAL_ROLE, what, label)
            else:
                seed(f, g, (need | kinds[k].requires) & ~start, k, what, label)
            continue
        _, c, need, tenure = node
        if beaten((STINT, c), need, tenure, g, what):
            continue
        links[label] = (nxt, step)
        for k in classes[c].kinds:
            if k in stint_kinds:
                push(f, g + tenure, (START, k, need), what, label, None)
        for b in bits(need):
            low = 1 << b
            for group in groups[b]:
                after = ((need & ~low) | group) & ~start
                push(f, g, (STINT, c, after, tenure), what, label, None)
        not_working = c == none_class
        for a in stint_moves[c]:
            action = actions[a]
            if not action.grants & need:
                continue
            did = what | 1 << a
            if action.kind == "experience":
                new_tenure = tenure if tenure > action.weeks else action.weeks
                push(f, g, (STINT, c, need & ~action.grants, new_tenure), did, label, ("act", a))
            elif not_working:
                # Out of work, courses do not add up to time anywhere: nothing may wait on them.
                if tenure == 0:
                    after = ((need & ~action.grants) | action.requires) & ~start
                    push(f, g + action.weeks, (STINT, c, after, 0), did, label, ("act", a))
            else:
                after = ((need & ~action.grants) | action.requires) & ~start
                left = tenure - action.weeks
                push(
                    f,
                    g + action.weeks,
                    (STINT, c, after, left if left > 0 else 0),
                    did,
                    label,
                    ("act", a),
                )


#: An alternative route may take at most twice the best route's weeks, or a year more.
ALTERNATIVE_SLACK_WEEKS = 52
#: Conditions the exact search may look at before a greedier search takes over.
EXACT_BUDGET = 60_000
#: The greedier search: at most this many times the best route's weeks.
FALLBACK_WEIGHT = 1.5
FALLBACK_BUDGET = 60_000
#: Extra conditions looked at, after the best route, to find alternatives: at least this
#: many, or as many as the best route took.
ALTERNATIVE_BUDGET = 200


def find_back(
    problem: Problem,
    bounds: Bounds,
    limit: int,
    exact_budget: int = EXACT_BUDGET,
    fallback_budget: int = FALLBACK_BUDGET,
) -> list[Found]:
    """The best route, then up to ``limit - 1`` alternatives that each do something different.

    The best route is exact unless the exact search runs out of room; then a
    greedier one is used. An alternative is kept unless it does everything an
    earlier route does (and more). Raises :class:`OverBudget` if even the
    greedier search runs out of room.
    """
    if bounds.target_time >= UNREACHABLE:
        return []
    limits = Limits(budget=exact_budget, keep=limit)
    search = search_back(problem, bounds, limits)
    try:
        first = next(search, None)
    except OverBudget:
        limits = Limits(budget=fallback_budget, weight=FALLBACK_WEIGHT, keep=limit)
        search = search_back(problem, bounds, limits)
        first = next(search, None)
    if first is None:
        return []
    found = [first]
    limits.cutoff = max(2 * first.weeks, first.weeks + ALTERNATIVE_SLACK_WEEKS)
    limits.budget = limits.expanded + max(ALTERNATIVE_BUDGET, limits.expanded)
    while len(found) < limit:
        try:
            more = next(search, None)
        except OverBudget:
            break
        if more is None:
            break
        if not any(more.what & earlier.what == earlier.what for earlier in found):
            found.append(more)
    return found


def _can_start_from(problem: Problem, into: int, rank: int | None, start_class: int) -> bool:
    """Could the person move from where they are now straight into ``into``?"""
    if rank is None or problem.start_role == NO_ROLE:
        return True
    index = problem.index
    return rank >= problem.floor and index.kinds[into].role_class != start_class
