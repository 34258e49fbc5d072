"""The ladder of jobs, skills aside: the moves between jobs a route to one job may make,
and how long hiring and time in post take to climb from each job to the target
(backwards, :func:`climbing_table` and :class:`Ladder`) and from where the person is to
each job (forwards, :func:`entry_times`). Both are lower bounds for the search.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

from planner.pathways.index import NO_ROLE, Index
from planner.pathways.rules import may_move, may_move_towards, wait_before
from planner.pathways.search.moves import hire_of
from planner.pathways.search.shortest import least_weeks
from planner.pathways.search.situation import INFINITY, Question

__all__ = [
    "GoalMoves",
    "JobWeeks",
    "Ladder",
    "Onward",
    "climbing_table",
    "entry_times",
    "goal_moves",
    "goal_of",
    "make_ladder",
    "moves_down_into",
    "onward_moves",
    "post_before",
]


@dataclass(frozen=True)
class GoalMoves:
    """The moves between jobs the rules allow on a route to any job of one family and
    ladder, with the time in post each asks for from just starting (:func:`goal_moves`):
    worked out once per ladder and shared by every job on it, so the moves are never stored
    per job. Only a move down into the chosen job itself differs from job to job."""

    #: Per job: the jobs it may move on to (in job order) and the time in post each asks for.
    onward: dict[int, tuple[tuple[int, ...], tuple[int, ...]]]
    #: Per job: the jobs that may move into it, and the time in post each asks for.
    into: dict[int, tuple[tuple[int, ...], tuple[int, ...]]]


def goal_of(index: Index, target: int) -> tuple[str, str]:
    """The family and ladder of a job: what the moves towards it depend on."""
    entry = index.roles[target]
    return entry.family, entry.route


def goal_moves(index: Index, goal: tuple[str, str]) -> GoalMoves:
    """The moves for routes to jobs of the family and ladder ``goal``, from the index's store
    or worked out now. Only jobs of its own family, or whose experience counts on its
    ladder, can lead into a job outside the goal's family; into that family, any job may
    move (sideways, or down into the chosen job: those are added per job, see
    :class:`Onward`)."""
    found = index.moves_by_goal.get(goal)
    if found is not None:
        return found
    family = goal[0]
    everyone = range(len(index.roles))
    onward: dict[int, tuple[list[int], list[int]]] = {}
    into = {}
    for b, there in enumerate(index.roles):
        if there.family == family:
            candidates: Iterable[int] = everyone
        else:
            candidates = (*index.by_family[there.family], *index.counts_on[there.route])
        froms = [a for a in candidates if may_move_towards(index, a, b, goal, False)]
        posts = [post_before(index, a, b) for a in froms]
        into[b] = (tuple(froms), tuple(posts))
        for a, post in zip(froms, posts, strict=True):
            jobs, waits = onward.setdefault(a, ([], []))
            jobs.append(b)
            waits.append(post)
    found = GoalMoves({a: (tuple(j), tuple(w)) for a, (j, w) in onward.items()}, into)
    index.moves_by_goal[goal] = found
    return found


def moves_down_into(index: Index, target: int, moves: GoalMoves) -> dict[int, int]:
    """The jobs a route may step down from straight into ``target`` (the chosen job), each
    with the time in post the move asks for: the moves only this job adds to its ladder's."""
    shared = set(moves.into[target][0])
    return {
        a: post_before(index, a, target)
        for a in range(len(index.roles))
        if a not in shared and may_move(index, a, target, target)
    }


@dataclass(frozen=True)
class Onward:
    """The moves among the jobs on some way to one job, forwards: ``onward[a]`` lists the
    jobs a route may move on to from job ``a`` (or from ``NO_ROLE``), in job order, each
    with the time in post the move asks for from just starting ``a``. Worked out when asked
    from the ladder's moves (:class:`GoalMoves`), so nothing per move is kept per job."""

    moves: GoalMoves
    target: int
    #: The jobs from which the target can be reached, in job order, and the same as a byte
    #: per job position (1 if reachable): a look-up in a move's inner loop.
    reachable: tuple[int, ...]
    inside: bytes
    index: Index

    def __getitem__(self, a: int) -> list[tuple[int, int]]:
        if a == NO_ROLE:
            return [(b, 0) for b in self.reachable]
        if not self.inside[a]:
            raise KeyError(a)
        jobs, posts = self.moves.onward.get(a, ((), ()))
        inside = self.inside
        out = [(b, post) for b, post in zip(jobs, posts, strict=True) if inside[b]]
        if self._down(a):
            down = post_before(self.index, a, self.target)
            out.insert(bisect.bisect(out, (self.target, -1)), (self.target, down))
        return out

    def _down(self, a: int) -> bool:
        """Is a -> target a move the target adds to its ladder's (a step down into it)?"""
        index, target = self.index, self.target
        return may_move(index, a, target, target) and not may_move_towards(
            index, a, target, goal_of(index, target), False
        )

    def get(self, a: int, default: list[tuple[int, int]] | tuple = ()) -> list | tuple:
        try:
            return self[a]
        except (KeyError, IndexError):
            return default

    def __contains__(self, a: object) -> bool:
        return a == NO_ROLE or (isinstance(a, int) and 0 <= a < len(self.inside) and self.inside[a])

    def __iter__(self) -> Iterator[int]:
        yield from self.reachable
        yield NO_ROLE

    def items(self) -> Iterator[tuple[int, list[tuple[int, int]]]]:
        for a in self:
            yield a, self[a]


def onward_moves(index: Index, target: int, dist: Mapping[int, int]) -> Onward:
    """The moves among the jobs on some way to the target (those in ``dist``)."""
    moves = goal_moves(index, goal_of(index, target))
    reachable = tuple(dist)
    inside = bytearray(len(index.roles))
    for r in reachable:
        inside[r] = 1
    return Onward(moves, target, reachable, bytes(inside), index)


class JobWeeks(Mapping[int, int]):
    """Weeks by job, for the jobs that have them: a dict's reading, kept as one tuple by job
    position of interned numbers (a thousand jobs' tables are kept at once)."""

    __slots__ = ("_jobs", "_weeks")

    def __init__(self, index: Index, weeks: Mapping[int, int]):
        self._jobs = index.intern(tuple(range(len(index.roles))))
        self._weeks = tuple(index.intern(weeks.get(r, INFINITY)) for r in self._jobs)

    def __getitem__(self, job: int) -> int:
        found = self._weeks[job] if 0 <= job < len(self._weeks) else INFINITY
        if found >= INFINITY:
            raise KeyError(job)
        return found

    def __contains__(self, job: object) -> bool:
        return isinstance(job, int) and 0 <= job < len(self._weeks) and self._weeks[job] < INFINITY

    def __iter__(self) -> Iterator[int]:
        return (r for r, weeks in zip(self._jobs, self._weeks, strict=True) if weeks < INFINITY)

    def __len__(self) -> int:
        return sum(1 for weeks in self._weeks if weeks < INFINITY)


def climbing_table(question: Question) -> JobWeeks:
    """Least weeks from just starting each job to starting the target, skills aside:
    back from the target over the moves the rules allow."""
    index = question.index
    hire = hire_of(question)
    target = question.target
    moves = goal_moves(index, goal_of(index, target))
    down = moves_down_into(index, target, moves)

    def into(b: int) -> Iterator[tuple[int, int]]:
        froms, posts = moves.into[b]
        for a, post in zip(froms, posts, strict=True):
            yield a, post + hire
        if b == target:
            for a, post in down.items():
                yield a, post + hire

    return JobWeeks(index, least_weeks({target: 0}, into))


def post_before(index: Index, a: int, b: int) -> int:
    """Time in post a move from just starting job ``a`` into job ``b`` asks for."""
    return 0 if a == NO_ROLE else wait_before(index, a, b, 0)


def entry_times(question: Question, onward: Onward, banned: Collection[int] = ()) -> dict[int, int]:
    """Least weeks from the start to starting each job, skills aside: forward from where the
    person is over the moves the rules allow (time in post, less what is served, and hiring),
    never into a ``banned`` job."""
    hire = hire_of(question)
    start = question.start

    def moves(a: int) -> Iterable[tuple[int, int]]:
        served = start.tenure if a == start.role else 0
        return ((b, max(0, post - served) + hire) for b, post in onward[a])

    times = least_weeks({start.role: 0}, moves, frozenset(banned) - {start.role})
    times.pop(NO_ROLE, None)
    return times


@dataclass(frozen=True)
class Ladder:
    """The climb to one job, skills aside, shared by every question to it: per job, for each
    time in post a move on asks for, the fewest weeks from that move to the target (moves
    asking the same time in post differ only in that, so only the best is kept)."""

    #: By job position, ``NO_ROLE`` (-1) last: ``(time in post, weeks from there)`` pairs.
    climb: tuple[tuple[tuple[int, int], ...], ...]

    def weeks(self, role: int, tenure: int, target: int) -> int:
        """Hiring and time in post on the fastest climb from a job to the target."""
        if role == target:
            return 0
        return min(
            (max(0, post - tenure) + rest for post, rest in self.climb[role]), default=INFINITY
        )

    def weeks_gaining(self, role: int, tenure: int, length: int, hire: int, target: int) -> int:
        """The fastest climb from a job to the target that first earns experience asking
        ``length`` weeks in post there. The wait and the hiring for the move on are spent in
        the job (:func:`~planner.pathways.search.moves.apply_move`), so its last ``hire``
        weeks can be served while being hired for the next job: only the rest adds weeks."""
        more = max(0, length - tenure - hire)
        return more + self.weeks(role, tenure + more, target)


def make_ladder(question: Question, dist: Mapping[int, int], onward: Onward) -> Ladder:
    """The climb table for the question's job (nothing in it depends on the start)."""
    index = question.index
    hire = hire_of(question)
    climb: list[tuple[tuple[int, int], ...]] = [()] * (len(index.roles) + 1)
    for a, moves in onward.items():
        best: dict[int, int] = {}
        for b, post in moves:
            best[post] = min(best.get(post, INFINITY), hire + dist[b])
        climb[a] = index.intern(tuple(sorted(best.items())))
    return Ladder(tuple(climb))
