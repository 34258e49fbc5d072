"""When each skill could be held at the earliest, and the least total weeks of a route
that has to gain it: two lower bounds for the search, worked out once per question.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import timedelta

from planner.pathways.equivalences import bits
from planner.pathways.index import NO_ROLE, Action
from planner.pathways.rules import open_to
from planner.pathways.search.moves import hire_of, opening_wait, weeks_of
from planner.pathways.search.situation import INFINITY, Question, Situation

__all__ = [
    "earliest_weeks",
    "finish_weeks",
    "start_window",
]


def start_window(question: Question, action: Action, begin: int) -> int | None:
    """The earliest week learning could start at or after ``begin``, or ``None`` if it
    stops taking new starts before then (dates are ignored when the question has none)."""
    learning = action.learning
    if question.on is None or learning is None:
        return begin
    day = question.on + timedelta(weeks=begin)
    if learning.starts_until and day >= learning.starts_until:
        return None
    return begin + opening_wait(action, day)


def earliest_weeks(
    question: Question, times: dict[int, int], actions: Collection[int]
) -> dict[int, int]:
    """The earliest week each skill could be held: everything side by side, learning done in
    a job no sooner than that job could be started, jobs taken once their needs are met."""
    index = question.index
    start = question.start
    first_job = min(times.values(), default=INFINITY)
    earliest = {b: 0 for b in bits(start.held)}

    def when(mask: int) -> int:
        return max((earliest.get(b, INFINITY) for b in bits(mask)), default=0)

    started: dict[int, int] = {}

    def in_job(where: frozenset[int], weeks: int) -> int:
        """Weeks until ``weeks`` of time in one of these jobs could be done."""
        best = INFINITY
        for r in where:
            if r in started:
                served = start.tenure if r == start.role else 0
                best = min(best, started[r] + max(0, weeks - served))
        return best

    changed = True
    while changed:
        changed = False
        started = {r: entered(question, times, r, when) for r in times}
        updates: list[tuple[int, int]] = []
        for a in actions:
            action = index.actions[a]
            if not open_to(action, question.conditions):
                continue
            begin = when(action.requires)
            if begin >= INFINITY:
                continue
            length = weeks_of(question, action)
            if action.nhs_service:
                served = start.nhs if start.role != NO_ROLE else 0
                end = max(begin, first_job) + max(0, length - served)
            elif action.is_experience:
                end = (
                    max(begin, in_job(action.where, length))
                    if NO_ROLE not in action.where
                    else begin + length
                )
            else:
                if action.where is not None and NO_ROLE not in action.where:
                    begin = max(begin, in_job(action.where, 0))
                elif action.where is not None and start.role != NO_ROLE:
                    begin = INFINITY
                opens = start_window(question, action, begin) if begin < INFINITY else None
                end = INFINITY if opens is None else opens + length
            if end < INFINITY:
                updates += [(b, end) for b in bits(action.grants)]
        for r, begin in started.items():
            entry = index.roles[r]
            if begin >= INFINITY:
                continue
            updates += [(b, begin) for b in bits(entry.implies & ~entry.requires)]
            if entry.apprenticeship is not None:
                apprenticeship = index.actions[entry.apprenticeship]
                done = begin + weeks_of(question, apprenticeship)
                updates += [(b, done) for b in bits(apprenticeship.grants)]
        for b, t in updates:
            if t < earliest.get(b, INFINITY):
                earliest[b] = t
                changed = True
        changed = index.equivalences.settle(earliest) or changed
    return earliest


def entered(
    question: Question, times: dict[int, int], role: int, when: Callable[[int], int]
) -> int:
    """The earliest week a job could be started: no sooner than the ladder allows, and no
    sooner than a hiring after everything it asks for could be held."""
    if role == question.start.role:
        return times[role]
    need = when(question.index.roles[role].requires)
    return INFINITY if need >= INFINITY else max(times[role], need + hire_of(question))


def finish_weeks(
    question: Question,
    ladder: Callable[[Situation], int],
    times: dict[int, int],
    earliest: dict[int, int],
    actions: Collection[int],
) -> dict[int, int]:
    """Per skill, the least total weeks of a route that gains it on the way to the target.

    Learning done in a job holds the person in that job: a degree apprenticeship of four
    years in a band 4 job means the climb from band 4 starts after it. So each way to a skill
    counts its earliest end in a job and the climb from that job on; a course can be done
    anywhere, so it only adds the hiring for the last move. A skill met through an
    equivalence needs every part of the group.
    """
    index = question.index
    start = question.start
    hire = hire_of(question)
    target = question.target
    cap = index.tenure_cap

    def when(mask: int) -> int:
        return max((earliest.get(b, INFINITY) for b in bits(mask)), default=0)

    def climb(role: int, tenure: int) -> int:
        return ladder(Situation(role, 0, min(cap, tenure)))

    direct: dict[int, int] = {}

    def offer(grants: int, total: int) -> None:
        for b in bits(grants):
            if total < direct.get(b, INFINITY):
                direct[b] = total

    for a in actions:
        action = index.actions[a]
        if not open_to(action, question.conditions):
            continue
        begin = when(action.requires)
        if begin >= INFINITY:
            continue
        length = weeks_of(question, action)
        if action.where is None or action.nhs_service or NO_ROLE in action.where:
            offer(action.grants, max(when(action.grants), begin + length) + hire)
            continue
        best = INFINITY
        for r in action.where:
            if r == target or r not in times:
                continue
            started = entered(question, times, r, when)
            if started >= INFINITY:
                continue
            served = start.tenure if r == start.role else 0
            if action.is_experience:
                end = max(begin, started + max(0, length - served))
                after = max(length, served)
            else:
                opens = start_window(question, action, max(begin, started))
                if opens is None:
                    continue
                end = opens + length
                after = served + length
            best = min(best, end + climb(r, after))
        offer(action.grants, best)
    for r in times:
        entry = index.roles[r]
        begin = entered(question, times, r, when)
        if r == target or begin >= INFINITY:
            continue
        # A job's own requirements are held before it: only its everyday skills come with it.
        offer(
            entry.implies & ~entry.requires,
            begin + climb(r, start.tenure if r == start.role else 0),
        )
        if entry.apprenticeship is not None and r != start.role:
            length = weeks_of(question, index.actions[entry.apprenticeship])
            offer(index.actions[entry.apprenticeship].grants, begin + length + climb(r, length))
    finish = {b: 0 for b in bits(start.held)}
    for b, total in direct.items():
        finish.setdefault(b, total)
    index.equivalences.settle(finish)
    return finish
