"""Lower bounds on the weeks still to go from a situation: the A* heuristic.

Each part is admissible on its own and the search takes the largest: the climb up the
ladder (time in post and hiring), the slowest missing requirement of the target (from
the earliest times), getting a first job when out of work, and, for skills only jobs
give, the way through a job where each is gained.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from planner.pathways.equivalences import bits
from planner.pathways.index import NO_ROLE
from planner.pathways.rules import open_to
from planner.pathways.search.earliest import earliest_weeks, finish_weeks
from planner.pathways.search.ladder import Ladder, Onward, entry_times
from planner.pathways.search.moves import hire_of, weeks_of
from planner.pathways.search.shortest import least_weeks
from planner.pathways.search.situation import INFINITY, Question, Situation

__all__ = [
    "Bounds",
    "Gained",
    "gained_tables",
    "make_bounds",
]


@dataclass
class Gained:
    """For skills only jobs give (an apprenticeship done in a job, experience, the job
    itself): per skill, the ways (weeks, is experience, jobs) and, per job, the least weeks
    from just starting it to the target through a job where the skill is gained. Worked
    out once per job wanted; nothing in it depends on where a person starts."""

    ways: dict[int, list[tuple[int, bool, frozenset[int]]]] = field(default_factory=dict)
    towards: dict[int, dict[int, int]] = field(default_factory=dict)
    onward: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    anywhere: set[int] = field(default_factory=set)
    #: Per skill: the groups of skills (as bit positions) that together count as it.
    groups: dict[int, tuple[tuple[int, ...], ...]] = field(default_factory=dict)
    #: The target's requirements and every skill that counts towards one: all the bound
    #: ever looks at in what is held.
    wanted: int = 0
    #: The part of :meth:`Bounds.gained` for one skill that does not depend on what is held.
    direct: dict[tuple[int, int, int], int] = field(default_factory=dict)


@dataclass
class Bounds:
    """Lower bounds on the weeks still to go for one question. The ladder and the gained
    tables are shared by every question to the same job; the rest depends on the start."""

    question: Question
    shared: Ladder
    tables: Gained
    #: Per skill: the least total weeks of any route that has to gain it (0 if held).
    finish: dict[int, int] = field(default_factory=dict)
    #: Out of work: per skill, the shortest single thing that gives it; and what the jobs a
    #: first job could be ask for, each with the least weeks from starting one to the target.
    quick: dict[int, int] = field(default_factory=dict)
    first_jobs: list[tuple[int, int]] = field(default_factory=list)
    #: Every skill any first job asks for: the only part of what is held it looks at.
    first_wanted: int = 0
    #: Answers already worked out: the same masks come up again and again.
    memo: dict[tuple, int] = field(default_factory=dict)

    def ladder(self, situation: Situation) -> int:
        """Hiring and time in post on the fastest climb to the target, skills aside."""
        return self.shared.weeks(situation.role, situation.tenure, self.question.target)

    def skills(self, situation: Situation, weeks: int) -> int:
        """Weeks still to go for the slowest of the target's requirements still missing."""
        missing = self.question.index.roles[self.question.target].requires & ~situation.held
        if not missing:
            return 0
        latest = self.memo.get(("skills", missing))
        if latest is None:
            latest = max(self.finish.get(b, INFINITY) for b in bits(missing))
            self.memo["skills", missing] = latest
        return INFINITY if latest >= INFINITY else max(0, latest - weeks)

    def first_job(self, situation: Situation) -> int:
        """Out of work: getting what a first job asks for (the slowest missing part, the
        rest side by side), being hired, then the climb from that job."""
        if situation.role != NO_ROLE:
            return 0
        held = situation.held & self.first_wanted
        found = self.memo.get(("first", held))
        if found is not None:
            return found
        best = INFINITY
        for requires, rest in self.first_jobs:  # fastest climb first
            if rest >= best:
                break
            missing = requires & ~held
            slowest = max((self.quick.get(b, INFINITY) for b in bits(missing)), default=0)
            best = min(best, slowest + rest)
        self.memo["first", held] = best
        return best

    def gained(self, situation: Situation) -> int:
        """In a job: for the target's missing requirements that only jobs give, the weeks
        still to go through a job where each is gained (from here, tenure counted)."""
        if situation.role == NO_ROLE:
            return 0
        key = ("gained", situation.role, situation.tenure, situation.held & self.tables.wanted)
        found = self.memo.get(key)
        if found is None:
            index = self.question.index
            missing = index.roles[self.question.target].requires & ~situation.held
            found = max((self._through(b, situation, 0) for b in bits(missing)), default=0)
            self.memo[key] = found
        return found

    def _through(self, b: int, situation: Situation, depth: int) -> int:
        tables = self.tables
        if situation.held >> b & 1 or b in tables.anywhere or depth > 4:
            return 0
        best = self._direct(b, situation.role, situation.tenure)
        # Through an equivalence: every part of the group, so the slowest part still missing.
        for group in tables.groups.get(b, ()):
            through = max((self._through(m, situation, depth + 1) for m in group), default=0)
            best = min(best, through)
        return best

    def _direct(self, b: int, c: int, t: int) -> int:
        tables = self.tables
        key = (b, c, t)
        found = tables.direct.get(key)
        if found is not None:
            return found
        cap = self.question.index.tenure_cap
        target = self.question.target
        best = INFINITY
        for weeks, is_experience, roles in tables.ways.get(b, ()):
            if c in roles:
                length = max(0, weeks - t) if is_experience else weeks
                after = max(t, weeks) if is_experience else t + weeks
                best = min(best, length + self.shared.weeks(c, min(cap, after), target))
        table = tables.towards.get(b, {})
        hire = hire_of(self.question)
        for x, post in tables.onward.get(c, ()):
            if x in table:
                best = min(best, max(0, post - t) + hire + table[x])
        tables.direct[key] = best
        return best

    def cheap(self, situation: Situation, weeks: int) -> int:
        """The bounds that take a look-up or two (the search works out the dear one later)."""
        return max(self.ladder(situation), self.skills(situation, weeks), self.first_job(situation))

    def __call__(self, situation: Situation, weeks: int) -> int:
        return max(self.cheap(situation, weeks), self.gained(situation))


def make_bounds(
    question: Question,
    dist: dict[int, int],
    onward: Onward,
    actions: Collection[int],
    shared: Ladder,
    tables: Gained,
) -> Bounds:
    """The lower bounds for one question (see :class:`Bounds`)."""
    hire = hire_of(question)
    bounds = Bounds(question, shared, tables)
    times = entry_times(question, onward)
    earliest = earliest_weeks(question, times, actions)
    bounds.finish = finish_weeks(question, bounds.ladder, times, earliest, actions)
    if question.start.role == NO_ROLE:
        bounds.quick = _quick(question, actions)
        # Out of work, what is held grows only by what ``quick`` names: a job asking for
        # anything else can never be the first one.
        gettable = question.start.held
        for b in bounds.quick:
            gettable |= 1 << b
        fastest: dict[int, int] = {}
        for b, d in dist.items():
            requires = question.index.roles[b].requires
            if requires & ~gettable:
                continue
            fastest[requires] = min(fastest.get(requires, INFINITY), hire + d)
        bounds.first_jobs = sorted(fastest.items(), key=lambda pair: pair[1])
        for requires in fastest:
            bounds.first_wanted |= requires
    return bounds


def gained_tables(
    question: Question,
    shared: Ladder,
    dist: dict[int, int],
    onward: Onward,
    actions: Collection[int],
) -> Gained:
    """For each skill only jobs give: the ways to it, and Dijkstra back over the moves
    between jobs from every job where it is gained (see :meth:`Bounds.gained`)."""
    index = question.index
    tables = Gained(groups=index.equivalences.groups)

    def ladder(role: int, tenure: int) -> int:
        return shared.weeks(role, tenure, question.target)

    hire = hire_of(question)
    target = question.target
    roles = [r for r in dist if r != target]
    tables.onward = onward
    # Only the target's requirements are ever asked about, and the skills that count as them.
    tables.wanted = index.equivalences.parts(index.roles[target].requires)
    wanted = set(bits(tables.wanted))
    sources: dict[int, dict[int, int]] = {}

    def source(b: int, role: int, total: int) -> None:
        found = sources.setdefault(b, {})
        if total < found.get(role, INFINITY):
            found[role] = total

    cap = index.tenure_cap
    for a in actions:
        action = index.actions[a]
        if action.where is None:
            tables.anywhere.update(bits(action.grants))
            continue
        if NO_ROLE in action.where:
            continue  # only out of work: nobody in a job gets it this way
        if action.nhs_service:
            tables.anywhere.update(bits(action.grants))  # counted by the other bounds
            continue
        weeks = weeks_of(question, action)
        where = frozenset(r for r in action.where if r in dist and r != target)
        for b in bits(action.grants):
            tables.ways.setdefault(b, []).append((weeks, action.is_experience, where))
        for r in where:
            total = weeks + ladder(r, min(cap, weeks))
            for b in bits(action.grants):
                source(b, r, total)
    for r in roles:
        entry = index.roles[r]
        for b in bits(entry.implies & ~entry.requires):
            source(b, r, dist[r])
            tables.ways.setdefault(b, [])
        if entry.apprenticeship is not None:
            length = weeks_of(question, index.actions[entry.apprenticeship])
            total = length + ladder(r, min(cap, length))
            for b in bits(index.actions[entry.apprenticeship].grants):
                source(b, r, total)
    before: dict[int, list[tuple[int, int]]] = {}
    for a in dist:
        for b, post in tables.onward[a]:
            before.setdefault(b, []).append((a, post))
    for b, starts in sources.items():
        if b not in wanted:
            continue
        # A job that asks for the skill cannot be on the way to gaining it.
        blocked = {r for r in dist if index.roles[r].requires >> b & 1}
        tables.towards[b] = least_weeks(
            starts, lambda x: ((a, post + hire) for a, post in before.get(x, ())), blocked
        )
    return tables


def _quick(question: Question, actions: Collection[int]) -> dict[int, int]:
    """Per skill, the fewest weeks of one thing someone out of work could do that gives it
    (through an equivalence, the slowest part of the group)."""
    index = question.index
    quick = {b: 0 for b in bits(question.start.held)}
    for a in actions:
        action = index.actions[a]
        out_of_work = action.where is None or NO_ROLE in action.where
        if not out_of_work or not open_to(action, question.conditions):
            continue
        for b in bits(action.grants):
            quick[b] = min(quick.get(b, INFINITY), weeks_of(question, action))
    index.equivalences.settle(quick)
    return quick
