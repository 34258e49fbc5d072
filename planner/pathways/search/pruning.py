"""Which moves are worth looking at, worked out once per job wanted (:class:`Pruning`), and
the moves from a situation (:func:`transitions`).

Learning is for the next job or for the goal; a job that offers nothing another open
job does not is left out; courses done in a job are looked at in one order only.
Leaving a move out is sound only when another move does all it does as fast: the
brute-force test in ``tests/pathways/test_routes.py`` holds the search to that.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

import networkx as nx

from planner.pathways.index import NO_ROLE, Index
from planner.pathways.rules import band_step
from planner.pathways.search.ladder import Onward
from planner.pathways.search.moves import apply_move
from planner.pathways.search.situation import Move, Question, Situation, place_key

__all__ = [
    "Asked",
    "Order",
    "Pruning",
    "asked_of",
    "make_pruning",
    "needed_first",
    "relevant_skills",
    "transitions",
]


@dataclass(frozen=True)
class Order:
    """The last learning move in the current job, for taking commuting moves in one order.

    Courses done in a job add up to the same weeks whatever their order, and waiting for
    experience is never dearer after them, so only one order needs looking at: the one
    where each move could not have come before the one before it. ``rank`` is the last
    move's place in that order (waiting comes after every course) and ``before`` what was
    held just before it.
    """

    rank: int
    before: int


@dataclass
class Pruning:
    """What one search works out once: the skills it tracks, the moves open from each job,
    and which jobs make others pointless (see :func:`make_pruning`)."""

    keep: int
    actions_at: dict[int, list[int]]
    moves_from: dict[int, list[int]]
    better: dict[int, list[int]]
    #: Per job: the skills that can still matter from there on (the rest are let go, so
    #: that routes which differ only in things no later job asks for count as one).
    future: dict[int, int] = field(default_factory=dict)
    #: Per job: sideways or downward moves that can never help from there.
    pointless: dict[int, frozenset[int]] = field(default_factory=dict)
    usable: tuple[int, ...] = ()
    #: Per action: its place in the one order learning in a job is looked at in (waiting
    #: for experience after every course; see :class:`Order`).
    rank: tuple[int, ...] = ()


@dataclass(frozen=True)
class Asked:
    """What one question adds to the pruning worked out for its job: learning that opens after the
    start day, and what an alternative must avoid (as action and job positions).

    The pruning is worked out once per job and shared by every question to it; leaving things out
    only takes moves away, so its pruning stays sound under bans."""

    late: frozenset[int] = frozenset()
    banned_actions: frozenset[int] = frozenset()
    banned_roles: frozenset[int] = frozenset()


def asked_of(question: Question, pruning: Pruning) -> Asked:
    index = question.index
    banned = question.banned
    late = frozenset(
        a
        for a in pruning.usable
        if question.on is not None
        and (learning := index.actions[a].learning) is not None
        and learning.starts_from is not None
        and learning.starts_from > question.on
    )
    if not banned:
        return Asked(late)
    return Asked(
        late,
        frozenset(a for a in pruning.usable if index.actions[a].id in banned),
        frozenset(
            r
            for r in range(len(index.roles))
            if r != question.target and place_key(index, r) in banned
        ),
    )


def needed_first(index: Index, need: int, usable: Collection[int]) -> int:
    """``need`` and what the learning among ``usable`` that gives it asks for first, and so
    on, with every skill that can count towards one of them."""
    changed = True
    while changed:
        before = need
        need = index.equivalences.parts(need)
        for a in usable:
            if index.actions[a].grants & need:
                need |= index.actions[a].requires
        changed = need != before
    return need


def make_pruning(index: Index, target: int, onward: Onward, keep: int) -> Pruning:
    """The moves worth looking at, per job.

    In a job, learning is what a job one move away or the target asks for (and what that
    learning needs first): people learn for the next job or for their goal. A job B is left out of a move when another job A is open too and gives everything B
    gives: the same family and bands, the same time in post, every course, apprenticeship
    and experience B allows, every skill B covers and every move on from B. Taking B
    instead can only cost more (this also drops sideways moves into a job no better than
    the current one, which cost a hiring and the time served).
    """
    usable = [a for a, action in enumerate(index.actions) if action.grants & keep]
    reachable = [r for r in onward if r != NO_ROLE]
    places = [*reachable, NO_ROLE]
    moves_from = {a: [b for b, _ in onward[a]] for a in places}
    prerequisites: dict[int, int] = {}

    def with_prerequisites(need: int) -> int:
        found = prerequisites.get(need)
        if found is None:
            found = prerequisites[need] = needed_first(index, need, usable)
        return found

    goal = index.roles[target].requires
    ahead = _asked_ahead(index, moves_from)
    future = {r: with_prerequisites((goal | ahead[r]) & keep) for r in places}
    # Learning is for the next job or for the goal: in each job, only what a job one move
    # away or the target asks for, and what that learning needs first. Waiting for
    # experience the job earns is always there when it can matter later on: it is how a
    # situation that got somewhere sooner can do all that a later one did (see
    # ``astar._dominated``).
    actions_at = {}
    for r in places:
        need = goal
        for b in moves_from[r]:
            need |= index.roles[b].requires
        need = with_prerequisites(need & keep)
        actions_at[r] = [
            a
            for a in usable
            if (index.actions[a].where is None or r in index.actions[a].where)
            and index.actions[a].grants
            & (future[r] if index.actions[a].is_experience and r != NO_ROLE else need)
        ]

    def gives(r: int) -> tuple:
        """What being in a job offers that can still matter: learning done in it, the
        experience it earns, the skills it covers and the moves on from it."""
        entry = index.roles[r]
        useful = future[r]
        return (
            frozenset(a for a in actions_at[r] if index.actions[a].where is not None),
            frozenset((w, g & useful, n) for w, g, n, _ in index.served[r] if g & useful),
            entry.implies & useful,
            frozenset(moves_from[r]),
            entry.transferable_to,
        )

    offer = {r: gives(r) for r in reachable}

    def offers_all(a: int, b: int) -> bool:
        """Does job ``a`` offer all job ``b`` does (a move from ``a`` to itself aside)?"""
        acts_a, served_a, implies_a, moves_a, transfer_a = offer[a]
        acts_b, served_b, implies_b, moves_b, transfer_b = offer[b]
        return (
            acts_a >= acts_b
            and served_a >= served_b
            and implies_a & implies_b == implies_b
            and moves_a | {a} >= moves_b - {a}
            and transfer_a >= transfer_b
        )

    better: dict[int, list[int]] = {}
    alike: dict[tuple, list[int]] = {}
    for r in reachable:
        e = index.roles[r]
        alike.setdefault((e.family, e.low, e.high, e.min_post, e.apprenticeship), []).append(r)
    for b in reachable:
        if b == target:
            continue
        eb = index.roles[b]
        for a in alike[eb.family, eb.low, eb.high, eb.min_post, eb.apprenticeship]:
            if a == b:
                continue
            if offers_all(a, b):
                same = _but_moves(offer[a]) == _but_moves(offer[b])
                if not same or a < b:
                    better.setdefault(b, []).append(a)
    # Moving sideways or down (not into the target) into a job that offers nothing the
    # current one does not only costs a hiring and the time served: never worth it.
    pointless: dict[int, frozenset[int]] = {}
    for c in reachable:
        here = index.roles[c]
        found = set()
        for r in moves_from[c]:
            there = index.roles[r]
            if r == target or band_step(here.low, here.high, there.low, there.high) == "up":
                continue
            if offers_all(c, r) and there.apprenticeship is None:
                found.add(r)
        pointless[c] = frozenset(found)
    rank = tuple(
        a + len(index.actions) * action.is_experience for a, action in enumerate(index.actions)
    )
    return Pruning(keep, actions_at, moves_from, better, future, pointless, tuple(usable), rank)


def _but_moves(offer: tuple) -> tuple:
    """What a job offers, the moves on from it aside."""
    acts, served, implies, _, transfer = offer
    return acts, served, implies, transfer


def _asked_ahead(index: Index, moves_from: dict[int, list[int]]) -> dict[int, int]:
    """Per job: what every job reachable from it (itself included) asks for. Jobs that can
    reach each other share one answer (strongly connected parts), worked out in one pass."""
    graph = nx.DiGraph()
    graph.add_nodes_from(moves_from)
    graph.add_edges_from((a, b) for a, bs in moves_from.items() for b in bs)
    parts = nx.condensation(graph)
    asks: dict[int, int] = {}
    for part in reversed(list(nx.topological_sort(parts))):
        mask = 0
        for r in parts.nodes[part]["members"]:
            if r != NO_ROLE:
                mask |= index.roles[r].requires
        for later in parts.successors(part):
            mask |= asks[later]
        asks[part] = mask
    return {r: asks[parts.graph["mapping"][r]] for r in moves_from}


def transitions(
    question: Question,
    situation: Situation,
    weeks: int,
    pruning: Pruning,
    order: Order | None = None,
    asked: Asked = Asked(),
) -> Iterator[tuple[Move, Situation, int, Order | None]]:
    """Every move from a situation that gains something, with the situation after it.

    With ``order``, a learning move that could have come before the last one (it needed
    nothing that move gave) and comes first in the order is left out: the same route in
    the other order is looked at instead. Learning that opens later is never left out
    this way, since its place in time matters.
    """
    index = question.index
    actions = index.actions
    keep = pruning.future[situation.role]
    held = situation.held
    rank = pruning.rank

    def skip(first: int, needs: int, *chosen: int) -> bool:
        """Could this come before the last learning move, and come first in the order?"""
        return (
            order is not None
            and rank[first] < order.rank
            and not any(a in asked.late for a in chosen)
            and order.before & needs == needs
        )

    pairable = []
    for a in pruning.actions_at[situation.role]:
        action = actions[a]
        if action.grants & keep & ~held == 0 or a in asked.banned_actions:
            continue
        skipped = skip(a, action.requires, a)
        if skipped and not action.side_by_side:
            continue
        move = ("act", a)
        done = apply_move(question, situation, move, weeks, keep)
        if done is None or done[0].held == held:
            continue
        if action.side_by_side:
            pairable.append(a)
        if not skipped:
            yield move, done[0], done[1], Order(rank[a], held)
    for i, a in enumerate(pairable):
        alone = index.close(held | actions[a].grants)
        for b in pairable[i + 1 :]:
            if actions[b].grants & keep & ~alone == 0:
                continue
            if skip(a, actions[a].requires | actions[b].requires, a, b):
                continue
            move = ("pair", a, b)
            done = apply_move(question, situation, move, weeks, keep)
            if done is not None:
                yield move, done[0], done[1], Order(rank[a], held)
    open_now = [
        r
        for r in pruning.moves_from[situation.role]
        if held & index.roles[r].requires == index.roles[r].requires and r not in asked.banned_roles
    ]
    here = set(open_now) | {situation.role}
    never = pruning.pointless.get(situation.role, frozenset())
    for r in open_now:
        if r in never or any(a in here for a in pruning.better.get(r, ())):
            continue
        done = apply_move(question, situation, ("role", r), weeks, pruning.future[r])
        if done is not None:
            yield ("role", r), done[0], done[1], None


def relevant_skills(index: Index, target: int, roles: Collection[int]) -> int:
    """Skills that can matter on the way to the target: what it and the jobs on the way need,
    what the learning that gives those needs, and the parts of every equivalence for them."""
    need = index.roles[target].requires
    for r in roles:
        need |= index.roles[r].requires
    return needed_first(index, need, range(len(index.actions)))
