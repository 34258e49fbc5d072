"""Turning the moves a search found into the steps a person reads.

Each step has its full length, what overlaps it and what it "counts as"; experience
earned just by time in a job shows as its own step at its full length, adding no weeks
of its own. Moves are walked forward with :func:`apply_move`, the search's own rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from planner.pathways.index import NO_ROLE, Index
from planner.pathways.model import Route, Step
from planner.pathways.rules import apprenticeship_left, band_step, post_needed
from planner.pathways.search.moves import apply_move
from planner.pathways.search.situation import Found, Question, Situation
from planner.pathways.search.tidy import walk

__all__ = ["replay"]


def replay(question: Question, found: Found, best_effort: bool = False) -> Route:
    """Turn the moves a search found into steps, with the range of the total."""
    steps = _needed_only(question.index, _steps(question, found.moves))
    total = sum(s.weeks for s in steps)
    return Route(
        total_weeks=total,
        start=question.index.ids(question.start.held),
        steps=tuple(steps),
        total_weeks_min=min(total, _least_weeks(question, found.moves)),
        best_effort=best_effort,
    )


def _needed_only(index: Index, steps: list[Step]) -> list[Step]:
    """Leave out experience that comes with time and that no later step asks for.

    Experience is earned by time in a job whatever else a route does (a year as a porter is a
    year of NHS service), but a person reads each step as something to do: "Six months working
    in a kitchen" on the way to a facilities team leader job is noise. Experience that adds
    weeks of its own is kept: the route waits for it because something needs it.
    """
    needed = 0
    kept: list[Step] = []
    for step in reversed(steps):
        gains = index.mask(step.gains)
        incidental = step.kind == "experience" and step.weeks == 0 and step.id in index.action_pos
        if incidental and not gains & needed:
            continue
        kept.append(step)
        if step.kind == "role":
            needed |= index.roles[index.role_pos[step.id]].requires
        elif step.id in index.action_pos:
            needed |= index.actions[index.action_pos[step.id]].requires
    return kept[::-1]


def _least_weeks(question: Question, moves: Iterable[tuple]) -> int:
    """The same route if hiring and every course took the least time sources give.

    Experience still takes its full time: where a job needs experience that the quicker
    route has not earned yet, the person waits for it in the job before.
    """
    walked = walk(replace(question, durations="min"), list(moves))
    return walked[1] if walked else sum(s.weeks for s in _steps(question, moves))


def _steps(question: Question, moves: Iterable[tuple]) -> list[Step]:
    """Walk the moves forward with :func:`apply_move` (the search's own rules and costs).

    Experience earned just by time in a job shows as its own step, at its full length,
    adding no weeks of its own: it happens while the person does the other steps.
    """
    index = question.index
    out: list[Step] = []
    situation = question.start
    elapsed = 0
    for move in moves:
        done = apply_move(question, situation, move, elapsed)
        if done is None:  # the search only finds allowed moves
            raise AssertionError(f"a found move is not allowed: {move}")
        after, cost, parts = done
        if move[0] == "role":
            out += _role_steps(index, situation, after, move[1], dict(parts), elapsed)
        else:
            steps, held = _action_steps(index, situation, move[1:], parts, elapsed)
            out += steps
            out += _earned(
                index,
                situation,
                held,
                after.held,
                (situation.tenure, situation.nhs),
                (after.tenure, after.nhs),
                situation.role,
                elapsed,
            )
        elapsed += cost
        situation = after
    return out


def _gains(index: Index, before: int, after: int, direct: int) -> tuple[tuple, tuple]:
    gained = after & ~before
    return index.ids(gained), index.ids(gained & ~direct)


def _earned(
    index: Index,
    before: Situation,
    held: int,
    final: int,
    served: tuple[int, int],
    served_after: tuple[int, int],
    role: int,
    elapsed: int,
) -> list[Step]:
    """Experience whose time ran out during a move: one step each, at its full length,
    dated when its time was up. ``held`` is what was held without it, ``final`` with it."""
    if role == NO_ROLE or final == held:
        return []
    out = []
    for weeks, _, in_nhs, a in index.served[role]:
        was, now = (served[1], served_after[1]) if in_nhs else (served[0], served_after[0])
        action = index.actions[a]
        if not was < weeks <= now or not index.close(held | action.grants) & ~held:
            continue
        reach = index.close(held | action.grants)
        gains, counts_as = _gains(index, held, reach, action.grants)
        out.append(
            Step(
                kind=action.kind,
                id=action.id,
                title=action.title,
                weeks=0,
                gains=gains,
                starts_after_weeks=max(0, elapsed - was),
                counts_as=counts_as,
                full_weeks=weeks,
                weeks_min=action.weeks_min,
                weeks_max=action.weeks_max,
            )
        )
        held = reach
    return out


def _action_steps(
    index: Index, before: Situation, chosen: tuple, parts: tuple, elapsed: int
) -> tuple[list[Step], int]:
    """One step per action; side-by-side courses start together and the longer one counts.
    Returns the steps and what they hold together (earned experience aside)."""
    longest = max(weeks for _, weeks in parts)
    order = sorted(range(len(chosen)), key=lambda i: -parts[i][1])
    out = []
    held = before.held
    for n, i in enumerate(order):
        action = index.actions[chosen[i]]
        reach = index.close(held | action.grants)
        gains, counts_as = _gains(index, held, reach, action.grants)
        own = action.weeks if action.is_experience else parts[i][1]
        out.append(
            Step(
                kind=action.kind,
                id=action.id,
                title=action.title,
                weeks=longest if n == 0 else 0,
                gains=gains,
                starts_after_weeks=elapsed,
                counts_as=counts_as,
                full_weeks=own,
                weeks_min=action.weeks_min,
                weeks_max=action.weeks_max,
                way_in=action.way_in,
            )
        )
        held = reach
    return out, held


def _role_steps(
    index: Index, before: Situation, after: Situation, role: int, lengths: dict, elapsed: int
) -> list[Step]:
    """Time in post still to do (if moving up), experience earned while waiting and being
    hired, applying and starting, and an apprentice post's own apprenticeship."""
    entry = index.roles[role]
    out = []
    wait = lengths["wait"]
    # From an apprentice post, the first part of the wait is finishing its apprenticeship:
    # that shows as the apprenticeship's own step (below), the rest as time in post.
    finish = apprenticeship_left(index, before.role, before.tenure)
    if entry.post_rule and (wait > finish or _moves_up(index, before.role, role)):
        out.append(
            Step(
                kind="experience",
                id=entry.post_rule,
                title="Time in your job before moving up a band",
                weeks=wait - finish,
                gains=(),
                starts_after_weeks=elapsed + finish,
                full_weeks=post_needed(index, before.role, role),
            )
        )
    spent = wait + lengths["hire"]
    tenure = min(index.tenure_cap, before.tenure + spent) if before.role != NO_ROLE else 0
    nhs = min(index.nhs_cap, before.nhs + spent) if before.role != NO_ROLE else before.nhs
    held = before.held
    if before.role != NO_ROLE:
        earned = index.accrue(before.role, held, tenure, nhs)
        steps = _earned(
            index,
            before,
            held,
            earned,
            (before.tenure, before.nhs),
            (tenure, nhs),
            before.role,
            elapsed,
        )
        if finish:
            done = index.actions[index.roles[before.role].apprenticeship].id  # type: ignore[index]
            first = [
                replace(s, weeks=finish, starts_after_weeks=elapsed) for s in steps if s.id == done
            ]
            out = first + out + [s for s in steps if s.id != done]
        else:
            out += steps
        held = earned
    elapsed += wait
    implied = index.close(held | entry.implies)
    gains, counts_as = _gains(index, held, implied, entry.implies)
    out.append(
        Step(
            kind="role",
            id=entry.id,
            title=entry.title,
            weeks=lengths["hire"],
            gains=gains,
            starts_after_weeks=elapsed,
            counts_as=counts_as,
            weeks_min=index.hire_weeks_min,
            weeks_max=index.hire_weeks,
        )
    )
    if "apprenticeship" in lengths:
        action = index.actions[entry.apprenticeship]  # type: ignore[index]
        reach = index.close(implied | action.grants)
        gains, counts_as = _gains(index, implied, reach, action.grants)
        start = elapsed + lengths["hire"]
        out.append(
            Step(
                kind="apprenticeship",
                id=action.id,
                title=action.title,
                weeks=lengths["apprenticeship"],
                gains=gains,
                starts_after_weeks=start,
                counts_as=counts_as,
                weeks_min=action.weeks_min,
                weeks_max=action.weeks_max,
            )
        )
        fresh = Situation(role, reach, 0, nhs)
        out += _earned(
            index, fresh, reach, after.held, (0, nhs), (after.tenure, after.nhs), role, start
        )
    return out


def _moves_up(index: Index, here: int, there: int) -> bool:
    if here == NO_ROLE:
        return False
    a, b = index.roles[here], index.roles[there]
    return band_step(a.low, a.high, b.low, b.high) == "up"
