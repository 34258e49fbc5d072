"""What each move does and costs: the only place this is worked out.

:func:`apply_move` gives the situation after a move and the weeks it took; the search,
the brute-force check in the tests and the replay that turns moves into steps all use it.
"""

from __future__ import annotations

from datetime import date, timedelta

from planner.pathways.index import NO_ROLE, Action, Index
from planner.pathways.rules import can_do, may_move, wait_before
from planner.pathways.search.situation import Move, Question, Situation

__all__ = [
    "apply_move",
    "hire_of",
    "opening_wait",
    "weeks_of",
]


def _day(question: Question, weeks: int) -> date | None:
    return None if question.on is None else question.on + timedelta(weeks=weeks)


def weeks_of(question: Question, action: Action) -> int:
    return action.weeks_min if question.durations == "min" else action.weeks


def hire_of(question: Question) -> int:
    index = question.index
    return index.hire_weeks_min if question.durations == "min" else index.hire_weeks


def opening_wait(action: Action, day: date | None) -> int:
    """Whole weeks until learning that has not opened yet takes its first starts."""
    learning = action.learning
    if day is None or learning is None or not learning.starts_from or day >= learning.starts_from:
        return 0
    return -(-(learning.starts_from - day).days // 7)


def _after(index: Index, situation: Situation, weeks: int) -> tuple[int, int]:
    """Time in the job and in the NHS after ``weeks`` more (out of work, neither grows)."""
    if situation.role == NO_ROLE:
        return 0, situation.nhs
    return (
        min(index.tenure_cap, situation.tenure + weeks),
        min(index.nhs_cap, situation.nhs + weeks),
    )


def _action_cost(
    question: Question, situation: Situation, action: Action, weeks: int
) -> int | None:
    """Weeks an action adds from here, or ``None`` if it cannot be started (or ever open)."""
    wait, start_day = 0, None
    if action.dated and question.on is not None:
        day = _day(question, weeks)
        wait = opening_wait(action, day)
        start_day = day + timedelta(weeks=wait)  # type: ignore[operator]
    if not can_do(action, situation.role, situation.held, start_day, question.conditions):
        return None
    if action.is_experience:
        have = situation.nhs if action.nhs_service else situation.tenure
        return max(0, weeks_of(question, action) - have)
    return wait + weeks_of(question, action)


def apply_move(
    question: Question, situation: Situation, move: Move, weeks: int, keep: int = -1
) -> tuple[Situation, int, tuple[tuple[str, int], ...]] | None:
    """The situation after one move, the weeks it took, and what those weeks were made of
    (``wait``, ``hire`` and ``apprenticeship`` for a move into a job; the action otherwise).

    ``None`` if the move is not allowed. ``keep`` masks the skills a search tracks.
    """
    index = question.index
    if move[0] == "role":
        return _take_role(question, situation, move[1], weeks, keep)
    cost = 0
    grants = 0
    parts: tuple[tuple[str, int], ...] = ()
    for a in move[1:]:
        action = index.actions[a]
        weeks_here = _action_cost(question, situation, action, weeks)
        if weeks_here is None:
            return None
        cost = max(cost, weeks_here)
        grants |= action.grants
        parts += (("act", weeks_here),)
    tenure, nhs = _after(index, situation, cost)
    held = index.accrue(situation.role, index.close(situation.held | grants), tenure, nhs) & keep
    return Situation(situation.role, held, tenure, nhs), cost, parts


def _take_role(
    question: Question, situation: Situation, role: int, weeks: int, keep: int
) -> tuple[Situation, int, tuple[tuple[str, int], ...]] | None:
    index = question.index
    entry = index.roles[role]
    if situation.held & entry.requires != entry.requires:
        return None
    if not may_move(index, situation.role, role, question.target):
        return None
    wait = wait_before(index, situation.role, role, situation.tenure)
    hire = hire_of(question)
    apprentice_post = entry.apprenticeship is not None and role != question.target
    if apprentice_post:
        # An apprentice post is only advertised once its apprenticeship takes new starts:
        # applying takes that much longer.
        apprenticeship = index.actions[entry.apprenticeship]  # type: ignore[index]
        hire += opening_wait(apprenticeship, _day(question, weeks + wait + hire))
    cost = wait + hire
    parts: tuple[tuple[str, int], ...] = (("wait", wait), ("hire", hire))
    # The wait and the hiring are spent in the job before: they count there first.
    tenure, nhs = _after(index, situation, cost)
    held = index.accrue(situation.role, situation.held, tenure, nhs)
    held = index.close(held | entry.implies) & keep
    tenure = 0
    if apprentice_post:
        # An apprentice post is a fixed-term job that comes with its apprenticeship.
        if not apprenticeship.open_on(_day(question, weeks + cost)):
            return None
        length = weeks_of(question, apprenticeship)
        cost += length
        parts += (("apprenticeship", length),)
        tenure = min(index.tenure_cap, length)
        nhs = min(index.nhs_cap, nhs + length)
        held = index.accrue(role, index.close(held | apprenticeship.grants), tenure, nhs) & keep
    return Situation(role, held, tenure, nhs), cost, parts
