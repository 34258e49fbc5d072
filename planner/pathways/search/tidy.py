"""Taking out of a route the learning it does not need, and walking moves with waits."""

from __future__ import annotations

from planner.pathways.index import NO_ROLE, Index
from planner.pathways.search.moves import apply_move
from planner.pathways.search.situation import Found, Move, Question, Situation

__all__ = [
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
