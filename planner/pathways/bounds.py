"""Lower bounds on the weeks still to go from a situation: the A* heuristic.

Each part is admissible on its own and the search takes the largest: the climb up the
ladder (time in post and hiring), the slowest missing requirement of the target (from
the earliest times), getting a first job when out of work, and, for skills only jobs
give, the way through a job where each is gained.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection
from dataclasses import dataclass, field

from planner.pathways.earliest import earliest_weeks, finish_weeks
from planner.pathways.index import NO_ROLE, bits
from planner.pathways.ladder import entry_times, post_before
from planner.pathways.moves import INFINITY, Question, hire_of, weeks_of
from planner.pathways.question import Situation
from planner.pathways.rules import may_move

__all__ = [
    "Bounds",
    "make_bounds",
]


@dataclass
class Bounds:
    """Lower bounds on the weeks still to go, worked out once per question."""

    question: Question
    climb: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    #: Per skill: the least total weeks of any route that has to gain it (0 if held).
    finish: dict[int, int] = field(default_factory=dict)
    #: Out of work: per skill, the shortest single thing that gives it; and the jobs a
    #: first job could be, each with the weeks from starting it to the target.
    quick: dict[int, int] = field(default_factory=dict)
    first_jobs: list[tuple[int, int]] = field(default_factory=list)
    #: Skills only jobs give (an apprenticeship done in a job, experience, the job itself):
    #: per skill, the ways (weeks, is experience, jobs) and, per job, the least weeks from
    #: just starting it to the target through a job where the skill is gained.
    ways: dict[int, list[tuple[int, bool, frozenset[int]]]] = field(default_factory=dict)
    towards: dict[int, dict[int, int]] = field(default_factory=dict)
    onward: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    anywhere: set[int] = field(default_factory=set)
    cache: dict[tuple[int, int], int] = field(default_factory=dict)
    kept: dict[tuple[int, int, int], int] = field(default_factory=dict)

    def ladder(self, situation: Situation) -> int:
        """Hiring and time in post on the fastest climb to the target, skills aside."""
        if situation.role == self.question.target:
            return 0
        key = (situation.role, situation.tenure)
        found = self.cache.get(key)
        if found is None:
            found = min(
                (
                    max(0, post - situation.tenure) + rest
                    for post, rest in self.climb[situation.role]
                ),
                default=INFINITY,
            )
            self.cache[key] = found
        return found

    def skills(self, situation: Situation, weeks: int) -> int:
        """Weeks still to go for the slowest of the target's requirements still missing."""
        missing = self.question.index.roles[self.question.target].requires & ~situation.held
        if not missing:
            return 0
        latest = max(self.finish.get(b, INFINITY) for b in bits(missing))
        return INFINITY if latest >= INFINITY else max(0, latest - weeks)

    def first_job(self, situation: Situation) -> int:
        """Out of work: getting what a first job asks for (the slowest missing part, the
        rest side by side), being hired, then the climb from that job."""
        if situation.role != NO_ROLE:
            return 0
        best = INFINITY
        index = self.question.index
        for role, rest in self.first_jobs:
            missing = index.roles[role].requires & ~situation.held
            slowest = max((self.quick.get(b, INFINITY) for b in bits(missing)), default=0)
            best = min(best, slowest + rest)
        return best

    def gained(self, situation: Situation) -> int:
        """In a job: for the target's missing requirements that only jobs give, the weeks
        still to go through a job where each is gained (from here, tenure counted)."""
        if situation.role == NO_ROLE:
            return 0
        index = self.question.index
        missing = index.roles[self.question.target].requires & ~situation.held
        return max((self._through(b, situation, 0) for b in bits(missing)), default=0)

    def _through(self, b: int, situation: Situation, depth: int) -> int:
        if situation.held >> b & 1 or b in self.anywhere or depth > 4:
            return 0
        key = (b, situation.role, situation.tenure)
        found = self.kept.get(key)
        if found is not None:
            return found
        c, t = situation.role, situation.tenure
        cap = self.question.index.tenure_cap
        best = INFINITY
        for weeks, is_experience, roles in self.ways.get(b, ()):
            if c in roles:
                length = max(0, weeks - t) if is_experience else weeks
                after = max(t, weeks) if is_experience else t + weeks
                best = min(best, length + self.ladder(Situation(c, 0, min(cap, after))))
        table = self.towards.get(b, {})
        hire = hire_of(self.question)
        for x, post in self.onward.get(c, ()):
            if x in table:
                best = min(best, max(0, post - t) + hire + table[x])
        for group, skill in self.question.index.equivalences:
            if skill >> b & 1:
                through = max(
                    (self._through(m, situation, depth + 1) for m in bits(group)), default=0
                )
                best = min(best, through)
        self.kept[key] = best
        return best

    def __call__(self, situation: Situation, weeks: int) -> int:
        return max(
            self.ladder(situation),
            self.skills(situation, weeks),
            self.first_job(situation),
            self.gained(situation),
        )


def make_bounds(question: Question, dist: dict[int, int], actions: Collection[int]) -> Bounds:
    """Both lower bounds for one question (see :class:`Bounds`)."""
    index = question.index
    hire = hire_of(question)
    bounds = Bounds(question)
    for a in [*dist, NO_ROLE]:
        bounds.climb[a] = [
            (post_before(index, a, b), hire + d)
            for b, d in dist.items()
            if b != a and (a == NO_ROLE or may_move(index, a, b, question.target))
        ]
    times = entry_times(question, dist)
    earliest = earliest_weeks(question, times, actions)
    bounds.finish = finish_weeks(question, bounds.ladder, times, earliest, actions)
    if question.start.role == NO_ROLE:
        bounds.quick = _quick(question, actions)
        bounds.first_jobs = [(b, hire + d) for b, d in dist.items()]
    _gained_tables(question, bounds, dist, actions)
    return bounds


def _gained_tables(
    question: Question, bounds: Bounds, dist: dict[int, int], actions: Collection[int]
) -> None:
    """For each skill only jobs give: the ways to it, and Dijkstra back over the moves
    between jobs from every job where it is gained (see :meth:`Bounds.gained`)."""
    index = question.index
    hire = hire_of(question)
    target = question.target
    roles = [r for r in dist if r != target]
    for a in [*dist, NO_ROLE]:
        bounds.onward[a] = [
            (b, post_before(index, a, b))
            for b in dist
            if b != a and (a == NO_ROLE or may_move(index, a, b, target))
        ]
    sources: dict[int, dict[int, int]] = {}

    def source(b: int, role: int, total: int) -> None:
        found = sources.setdefault(b, {})
        if total < found.get(role, INFINITY):
            found[role] = total

    cap = index.tenure_cap
    for a in actions:
        action = index.actions[a]
        if action.where is None or NO_ROLE in action.where:
            bounds.anywhere.update(bits(action.grants))
            continue
        if action.nhs_service:
            bounds.anywhere.update(bits(action.grants))  # counted by the other bounds
            continue
        weeks = weeks_of(question, action)
        where = frozenset(r for r in action.where if r in dist and r != target)
        for b in bits(action.grants):
            bounds.ways.setdefault(b, []).append((weeks, action.is_experience, where))
        for r in where:
            total = weeks + bounds.ladder(Situation(r, 0, min(cap, weeks)))
            for b in bits(action.grants):
                source(b, r, total)
    for r in roles:
        entry = index.roles[r]
        for b in bits(entry.implies & ~entry.requires):
            source(b, r, dist[r])
            bounds.ways.setdefault(b, [])
        if entry.apprenticeship is not None:
            length = weeks_of(question, index.actions[entry.apprenticeship])
            total = length + bounds.ladder(Situation(r, 0, min(cap, length)))
            for b in bits(index.actions[entry.apprenticeship].grants):
                source(b, r, total)
    before: dict[int, list[tuple[int, int]]] = {}
    for a in dist:
        for b, post in bounds.onward[a]:
            before.setdefault(b, []).append((a, post))
    for b, starts in sources.items():
        # A job that asks for the skill cannot be on the way to gaining it.
        blocked = {r for r in dist if index.roles[r].requires >> b & 1}
        table = {r: d for r, d in starts.items() if r not in blocked}
        heap = [(d, r) for r, d in table.items()]
        heapq.heapify(heap)
        while heap:
            d, x = heapq.heappop(heap)
            if d > table.get(x, INFINITY):
                continue
            for a, post in before.get(x, ()):
                total = d + post + hire
                if a not in blocked and total < table.get(a, INFINITY):
                    table[a] = total
                    heapq.heappush(heap, (total, a))
        bounds.towards[b] = table


def _quick(question: Question, actions: Collection[int]) -> dict[int, int]:
    """Per skill, the fewest weeks of one thing someone out of work could do that gives it
    (through an equivalence, the slowest part of the group)."""
    index = question.index
    quick = {b: 0 for b in bits(question.start.held)}
    for a in actions:
        action = index.actions[a]
        out_of_work = action.where is None or NO_ROLE in action.where
        if not out_of_work or (action.condition and action.condition not in question.conditions):
            continue
        for b in bits(action.grants):
            quick[b] = min(quick.get(b, INFINITY), weeks_of(question, action))
    changed = True
    while changed:
        changed = False
        for group, skill in index.equivalences:
            b = skill.bit_length() - 1
            through = max((quick.get(m, INFINITY) for m in bits(group)), default=0)
            if through < quick.get(b, INFINITY):
                quick[b] = through
                changed = True
    return quick
