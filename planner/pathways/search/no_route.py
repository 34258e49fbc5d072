"""When there is no route: the reason in plain words, and what is missing."""

from __future__ import annotations

from datetime import date, timedelta

import networkx as nx

from planner.pathways.graph import catalogue_of
from planner.pathways.index import Action
from planner.pathways.reach import closed_by, obtainable
from planner.pathways.search.situation import Question
from planner.pathways.starting_point import CONDITIONS

__all__ = ["NoRoute", "dead_end", "too_long"]


class NoRoute(Exception):
    """Nothing in the data leads to the target; ``missing`` names what cannot be gained."""

    def __init__(self, target: str, missing: tuple[str, ...], reason: str):
        self.target = target
        self.missing = missing
        self.reason = reason
        super().__init__(reason)


def too_long(target: str) -> NoRoute:
    """The search ran out of its budget before it found any route."""
    return NoRoute(
        target,
        (),
        "This route is too long for us to work out. Choose a job one or two bands "
        "above where you are now, then plan the next move from there.",
    )


def dead_end(graph: nx.DiGraph, question: Question, target: str) -> NoRoute:
    """Say why nothing leads to the target: what nothing gives, what only closed ways give
    (funding only for under-22s, standards that stop taking new starts), or the shape of
    careers."""
    index = question.index
    catalogue = catalogue_of(graph)
    requires = index.roles[index.role_pos[target]].requires
    held = question.start.held
    anyone = obtainable(index, held, conditions=CONDITIONS)
    missing = index.ids(requires & ~anyone)
    if missing:
        names = ", ".join(catalogue.skill(m).name for m in missing)
        return NoRoute(target, missing, f"Nothing in the planner gives: {names}.")
    # Learning done in another job starts no sooner than a hiring from now.
    later = None if question.on is None else question.on + timedelta(weeks=index.hire_weeks)
    yours = obtainable(index, held, conditions=question.conditions, on=later)
    if requires & ~yours:
        missing = index.ids(requires & ~yours)
        closed = [
            f"{action.title} ({_why_closed(action, later)})"
            for action in index.actions
            if action.grants & requires & ~yours
        ]
        names = ", ".join(catalogue.skill(m).name for m in missing)
        return NoRoute(
            target,
            missing,
            f"This job asks for: {names}. The only ways we know to get it are not open to "
            f"you now: {'; '.join(closed)}.",
        )
    return NoRoute(
        target,
        (),
        "We could not find a usual route to this job from where you are. It would need a "
        "step down, a jump of two bands, or a move up into a new kind of work. You could "
        "plan a route to a lower band job in this area first, then plan from there.",
    )


def _why_closed(action: Action, later: date | None) -> str:
    if closed_by(action, later):
        last = action.learning.starts_until - timedelta(days=1)  # type: ignore[union-attr]
        return f"no new starts after {last.day} {last:%B %Y}"
    if action.condition == "under-22":
        return "paid for only for people under 22"
    if action.condition == "aged-16-to-30":
        return "only for people aged 16 to 30"
    return "not open to you now"
