"""When there is no route: the reason in plain words, and what is missing."""

from __future__ import annotations

from datetime import date, timedelta

import networkx as nx

from planner.pathways.graph import catalogue_of
from planner.pathways.index import NO_ROLE, Action, Index
from planner.pathways.reach import closed_by, obtainable
from planner.pathways.rules import may_move
from planner.pathways.search.situation import Question
from planner.pathways.starting_point import CONDITIONS

__all__ = ["NoRoute", "dead_end", "too_long"]


class NoRoute(Exception):
    """Nothing in the data leads to the target; ``missing`` names what cannot be gained.

    ``kind`` says which reason it is: ``nothing-gives`` (nothing in the planner gives a
    requirement), ``closed`` (only ways closed to this person give it), ``out-of-reach``
    (it is gained only in jobs this person cannot reach), ``shape`` (no move the rules
    allow leads there) or ``too-long`` (the search ran out of its budget). ``nearest`` is
    the job on the target's ladder (or in its family) nearest to it that the person can
    reach, if any: a place to plan to first.
    """

    def __init__(
        self,
        target: str,
        missing: tuple[str, ...],
        reason: str,
        kind: str = "shape",
        nearest: str | None = None,
    ):
        self.target = target
        self.missing = missing
        self.reason = reason
        self.kind = kind
        self.nearest = nearest
        super().__init__(reason)


def too_long(target: str) -> NoRoute:
    """The search ran out of its budget before it found any route."""
    return NoRoute(
        target,
        (),
        "This route is too long for us to work out. Choose a job one or two bands "
        "above where you are now, then plan the next move from there.",
        kind="too-long",
    )


def dead_end(graph: nx.DiGraph, question: Question, target: str) -> NoRoute:
    """Say why nothing leads to the target, naming what is missing and the nearest job the
    person can reach: what nothing gives, what only closed ways give (funding only for
    under-22s, standards that stop taking new starts), what is gained only in jobs the
    person cannot reach from where they are, or the shape of careers."""
    index = question.index
    catalogue = catalogue_of(graph)
    goal = index.roles[index.role_pos[target]]
    requires = goal.requires
    held = question.start.held
    anyone = obtainable(index, held, conditions=CONDITIONS)
    missing = index.ids(requires & ~anyone)
    if missing:
        names = ", ".join(catalogue.skill(m).name for m in missing)
        return NoRoute(
            target, missing, f"Nothing in the planner gives: {names}.", kind="nothing-gives"
        )
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
            kind="closed",
        )
    reached, have = reachable_from(index, question)
    nearest = _nearest(index, reached, question.target)
    there = (
        ""
        if nearest is None
        else (
            f" The nearest job to it that you can reach is {index.roles[nearest].title}: plan a "
            "route there first, then plan from there."
        )
    )
    nearest_id = None if nearest is None else index.roles[nearest].id
    lacking = requires & ~have
    if lacking:
        missing = index.ids(lacking)
        ways = "; ".join(_ways(index, catalogue, lacking, question.target))
        return NoRoute(
            target,
            missing,
            f"{goal.title} asks for things you can only get in jobs you cannot reach from "
            f"where you are: {ways}.{there}",
            kind="out-of-reach",
            nearest=nearest_id,
        )
    return NoRoute(
        target,
        (),
        "We could not find a usual route to this job from where you are. It would need a "
        "step down, a jump of two bands, or a move up into a new kind of work."
        + (
            there
            or " You could plan a route to a lower band job in this area first, then "
            "plan from there."
        ),
        nearest=nearest_id,
    )


def reachable_from(index: Index, question: Question) -> tuple[set[int], int]:
    """The jobs a person could ever reach from where they are under the rules (time aside),
    and everything they could hold working in them."""
    start = question.start.role
    found: set[int] = set() if start == NO_ROLE else {start}
    while True:
        have = obtainable(index, question.start.held, question.conditions, found)
        new = {
            r
            for r, entry in enumerate(index.roles)
            if r not in found
            and have & entry.requires == entry.requires
            and any(may_move(index, a, r, question.target) for a in {start} | found)
        }
        if not new:
            return found, have
        found |= new


def _nearest(index: Index, reached: set[int], target: int) -> int | None:
    """The reachable job nearest the target: on its ladder if any (else in its family), the
    highest band not above the target's."""
    goal = index.roles[target]
    for same in (lambda e: e.route == goal.route, lambda e: e.family == goal.family):
        near = [r for r in reached if same(index.roles[r]) and index.roles[r].low <= goal.low]
        if near:
            return max(near, key=lambda r: (index.roles[r].low, index.roles[r].id))
    return None


def _ways(index: Index, catalogue, lacking: int, target: int) -> list[str]:
    """Each missing requirement with the ways that give it and where they are done."""
    out = []
    for skill in index.ids(lacking):
        bit = 1 << index.bit[skill]
        givers = [a for a in index.actions if a.grants & bit and not a.way_in]
        named = []
        for action in givers[:2]:
            where = "" if action.where is None else _titles(index, action.where - {target}, target)
            title = (
                action.title[0].lower() + action.title[1:] if action.is_experience else action.title
            )
            named.append(title + (f" (done as {where})" if where else ""))
        if not named:
            roles = [r.title for r in index.roles if r.implies & bit and r.entry]
            named = [f"working as {' or '.join(roles[:2])}"] if roles else ["no way we know"]
        out.append(f"{catalogue.skill(skill).name} comes from {' or '.join(named)}")
    return out


def _titles(index: Index, where: frozenset[int], target: int) -> str:
    """Up to two jobs by name, those in the target's family first, then the lowest band."""
    family = index.roles[target].family
    jobs = sorted(
        (index.roles[r].family != family, index.roles[r].low, index.roles[r].title)
        for r in where
        if r != NO_ROLE
    )
    names = [title for *_, title in jobs]
    return " or ".join(names[:2]) + (" and others" if len(names) > 2 else "")


def _why_closed(action: Action, later: date | None) -> str:
    if closed_by(action, later):
        last = action.learning.starts_until - timedelta(days=1)  # type: ignore[union-attr]
        return f"no new starts after {last.day} {last:%B %Y}"
    if action.condition == "under-22":
        return "paid for only for people under 22"
    if action.condition == "aged-16-to-30":
        return "only for people aged 16 to 30"
    return "not open to you now"
