"""Taking out of a route the learning it does not need, and walking moves with waits."""

from __future__ import annotations

from planner.pathways.equivalences import bits
from planner.pathways.index import NO_ROLE, Index
from planner.pathways.search.moves import apply_move
from planner.pathways.search.situation import Found, Move, Question, Situation, place_key

__all__ = [
    "fit_the_person",
    "tidy",
    "walk",
]


def tidy(question: Question, found: Found) -> Found:
    """The same route without learning it does not need: each learning move is dropped if the
    route still works without it (waiting in post instead, where it only filled time) and
    takes no longer. The search may pick up extra learning when it fits in time spent in
    post anyway."""
    index = question.index
    moves = list(found.moves)
    weeks = found.weeks
    i = len(moves) - 1
    while i >= 0:
        if moves[i][0] != "role":
            trial = walk(question, moves[:i] + moves[i + 1 :])
            if (
                trial is not None
                and trial[1] <= weeks
                and _learning(index, trial[0]) < _learning(index, moves)
            ):
                moves, weeks = trial
                i = min(i, len(moves))
        i -= 1
    return Found(weeks, len(moves), tuple(moves))


def fit_the_person(question: Question, found: Found) -> Found:
    """The same route through jobs that use what the person already has, where one as fast
    exists: among jobs of the same bands on the way, the one whose essential and desirable
    requirements they bring most of (a man with kitchen work goes through Catering
    Assistant, not Gardener; a qualified electrician through the electrician job), then one
    on the ladder they are on or chose (a security officer aiming at security manager
    supervises security first). Issue 19: "the person's experience and qualifications come first", as
    NHS adverts read them."""
    index = question.index
    # What the person brings: what they told us and what their job asks for, not the
    # everyday skills any job counts as (those fit every job alike).
    have = question.start.held
    ladders = {index.roles[question.target].route}
    if question.start.role != NO_ROLE:
        current = index.roles[question.start.role]
        have &= ~(current.implies & ~current.requires)
        ladders.add(current.route)

    # What they bring in its own right, not only through "counts as" (kitchen work counts as
    # teamwork, but it is Catering Assistant, not Estates Assistant, that asks for kitchen work).
    own = 0
    for pos in bits(have):
        bit = 1 << pos
        if not index.close(have & ~bit) & bit:
            own |= bit

    def fit(role: int) -> tuple[int, int, bool]:
        entry = index.roles[role]
        named = entry.requires | entry.desirable
        return (named & own).bit_count(), (named & have).bit_count(), entry.route in ladders

    moves = list(found.moves)
    weeks = found.weeks
    i = 0
    while i < len(moves):
        move = moves[i]
        if move[0] == "role" and move[1] != question.target:
            here = index.roles[move[1]]
            best = fit(move[1])
            options = sorted(
                (
                    r
                    for r, there in enumerate(index.roles)
                    if (there.low, there.high) == (here.low, here.high)
                    and fit(r) > best
                    and there.id not in question.banned
                    and place_key(index, r) not in question.banned
                ),
                key=lambda r: (tuple(-x for x in fit(r)), index.roles[r].id),
            )
            for r in options:
                trial = walk(question, [*moves[:i], ("role", r), *moves[i + 1 :]])
                if (
                    trial is not None
                    and trial[1] <= weeks
                    and _learning(index, trial[0]) <= _learning(index, moves)
                ):
                    moves, weeks = trial
                    break
        i += 1
    return Found(weeks, len(moves), tuple(moves))


def _learning(index: Index, moves: list[Move]) -> int:
    """How many courses, apprenticeships and ways in a list of moves takes."""
    return sum(
        1 for m in moves if m[0] != "role" for a in m[1:] if not index.actions[a].is_experience
    )


def _waits_for(index: Index, situation: Situation, move: Move) -> list[int]:
    """Experience in the current job that gives what a move still needs, shortest first."""
    if move[0] == "role":
        need = index.roles[move[1]].requires
    else:
        need = 0
        for a in move[1:]:
            need |= index.actions[a].requires
    missing = need & ~situation.held
    found = [
        a
        for a, action in enumerate(index.actions)
        if action.is_experience
        and action.where is not None
        and situation.role in action.where
        and index.close(situation.held | action.grants) & missing
    ]
    return sorted(found, key=lambda a: index.actions[a].weeks)


def walk(question: Question, moves: list[Move]) -> tuple[list[Move], int] | None:
    """Walk a list of moves from the start, waiting in post for experience where a move
    needs it and it has not been earned yet. The moves as walked (waits included) and
    their weeks, or ``None`` if a move is still not allowed or the end is not the target."""
    index = question.index
    situation = question.start
    weeks = 0
    out: list[Move] = []
    for move in moves:
        done = apply_move(question, situation, move, weeks)
        if done is None and situation.role != NO_ROLE:
            for a in _waits_for(index, situation, move):
                if done is not None:
                    break
                waited = apply_move(question, situation, ("act", a), weeks)
                if waited is not None and waited[0].held != situation.held:
                    out.append(("act", a))
                    situation, weeks = waited[0], weeks + waited[1]
                    done = apply_move(question, situation, move, weeks)
        if done is None or (move[0] != "role" and done[0].held == situation.held):
            return None
        out.append(move)
        situation, weeks = done[0], weeks + done[1]
    return (out, weeks) if situation.role == question.target else None
