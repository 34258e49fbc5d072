"""Lower bounds for the route search, worked out once per question from what the person has.

Two relaxed views of the problem give two bounds on how soon anything could
happen:

* **earliest times**: pretend a person can do every course at once and hold
  every job at once. Then each skill and each kind of job has an earliest
  week it could be reached (the longest chain behind it).
* **landmarks**: the courses every way of getting a skill must pass
  through. Courses are done one after another, so their weeks add up (and
  out of work, time volunteering adds to them too).

The two are joined: no skill is held sooner than its landmarks' weeks, which
makes every earliest time after it later, and closer to the truth. Both are
admissible: no real route is faster. The search (``regress``) takes the
largest of them for each condition with a few cheap lookups.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from planner.pathways.index import NO_ROLE, UNREACHABLE, Index, bits

__all__ = ["Bounds", "Problem", "find_bounds"]


@dataclass(frozen=True)
class Problem:
    """One question, in the index's terms.

    ``start`` is every skill held at the start (closed under equivalences);
    ``usable[a]`` says whether action ``a`` may be used at all (open, not banned).
    """

    index: Index
    start: int
    start_role: int
    target: int
    usable: tuple[bool, ...]

    @property
    def start_kind(self) -> int:
        index = self.index
        return index.none_kind if self.start_role == NO_ROLE else index.kind_of[self.start_role]

    @property
    def floor(self) -> int:
        """The lowest band a route may pass through (no step down from the current job)."""
        return 0 if self.start_role == NO_ROLE else self.index.roles[self.start_role].rank


@dataclass(frozen=True)
class Bounds:
    """Per-question tables the search reads: earliest weeks and landmark courses.

    ``fact_time[b]`` is the earliest week skill ``b`` could be held (0 if held,
    UNREACHABLE if never); ``kind_time[k]`` the earliest week a job of kind
    ``k`` could start; ``class_time[c]`` the earliest for any kind of the class.
    ``landmarks[b]`` is a mask over actions every way to skill ``b`` uses.
    ``actions`` and ``classes`` are the ones that can matter for the target.
    """

    fact_time: list[int]
    kind_time: dict[int, int]
    class_time: dict[int, int]
    target_time: int
    landmarks: dict[int, int]
    weights: tuple[tuple[int, int], ...]
    actions: frozenset[int]
    classes: frozenset[int]

    def landmark_weeks(self, mask: int) -> int:
        """Weeks that every route to all the skills in ``mask`` must spend, one after another."""
        return _landmark_weeks(mask, self.landmarks, self.weights)


def _landmark_weeks(
    mask: int, landmarks: dict[int, int], weights: tuple[tuple[int, int], ...]
) -> int:
    union = 0
    for b in bits(mask):
        union |= landmarks.get(b, 0)
    return _weigh(union, weights)


def _weigh(union: int, weights: tuple[tuple[int, int], ...]) -> int:
    """Courses add up; time out of work volunteering overlaps only with itself."""
    total = longest = 0
    for a in bits(union):
        weeks, kind = weights[a]
        if kind:
            longest = max(longest, weeks)
        else:
            total += weeks
    return total + longest


def find_bounds(problem: Problem) -> Bounds:
    """Relevant moves, earliest times and landmarks for one question.

    Landmarks come first (they only need to know what can be reached at all);
    then the earliest times, with each skill held no sooner than the weeks of
    its landmarks, which sharpens everything that follows from it.
    """
    index = problem.index
    actions, classes = _relevant(problem)
    kinds = [k for c in classes for k in index.classes[c].kinds]
    weights = _weights(problem)
    landmarks = _landmarks(problem, actions, kinds)
    fact_time, kind_time = _earliest(problem, actions, kinds, landmarks, weights)
    class_time = {
        c: min((kind_time.get(k, UNREACHABLE) for k in index.classes[c].kinds), default=UNREACHABLE)
        for c in classes
    }
    target_time = UNREACHABLE
    need = index.roles[problem.target].requires & ~problem.start
    if all(fact_time[b] < UNREACHABLE for b in bits(need)):
        latest = max((fact_time[b] for b in bits(need)), default=0)
        target_time = max(latest, _landmark_weeks(need, landmarks, weights))
        target_time += index.weeks_to_start_role
    return Bounds(
        fact_time,
        kind_time,
        class_time,
        target_time,
        landmarks,
        weights,
        frozenset(actions),
        frozenset(classes),
    )


def _weights(problem: Problem) -> tuple[tuple[int, int], ...]:
    """Per action: (weeks, 1 if it is experience out of work else 0); other experience weighs 0.

    Out of work, courses do not count as time anywhere, so volunteering adds to them.
    """
    from_nowhere = problem.start_role == NO_ROLE
    out = []
    for action in problem.index.actions:
        if action.kind != "experience":
            out.append((action.weeks, 0))
        elif from_nowhere and action.in_roles is not None and NO_ROLE in action.in_roles:
            out.append((action.weeks, 1))
        else:
            out.append((0, 0))
    return tuple(out)


def _relevant(problem: Problem) -> tuple[set[int], set[int]]:
    """Actions and role classes that could help towards the target, found backwards from it."""
    index = problem.index
    start, usable, floor = problem.start, problem.usable, problem.floor
    none_class = index.none_class
    from_nowhere = problem.start_role == NO_ROLE
    seen = index.roles[problem.target].requires & ~start
    actions: set[int] = set()
    classes: set[int] = set()
    action_classes = index.action_classes
    # Courses can be done in the job (or out of work) the person starts in, before moving on.
    home = index.kinds[problem.start_kind].role_class
    classes.add(home)
    for k in index.classes[home].kinds:
        seen |= index.kinds[k].requires & ~start
    todo = list(bits(seen))
    while todo:
        b = todo.pop()
        new = 0
        for group in index.groups[b]:
            new |= group
        for a in index.grantors[b]:
            if a in actions or not usable[a]:
                continue
            actions.add(a)
            new |= index.actions[a].requires
            for c in action_classes[a]:
                role_class = index.classes[c]
                if c in classes or (c == none_class and not from_nowhere):
                    continue
                if c != none_class and role_class.rank < floor:
                    continue
                classes.add(c)
                for k in role_class.kinds:
                    new |= index.kinds[k].requires
        new &= ~start & ~seen
        seen |= new
        todo.extend(bits(new))
    return actions, classes


def _reachable(problem: Problem, actions: set[int], kinds: list[int]) -> tuple[list[int], set[int]]:
    """Every skill and kind of job that could ever be reached, ignoring time.

    Skills come in the order they become reachable, so that a pass over them
    in that order sees most of what each one depends on first.
    """
    index = problem.index
    all_actions = index.actions
    held = problem.start
    open_kinds = {problem.start_kind}
    open_classes = {index.kinds[problem.start_kind].role_class}
    waiting = set(actions)
    shut = [k for k in kinds if k != problem.start_kind]
    order: list[int] = []
    changed = True
    while changed:
        changed = False
        for k in shut:
            if k not in open_kinds and index.kinds[k].requires & ~held == 0:
                open_kinds.add(k)
                open_classes.add(index.kinds[k].role_class)
                changed = True
        for a in list(waiting):
            action = all_actions[a]
            if action.requires & ~held:
                continue
            if action.in_roles is not None and open_classes.isdisjoint(index.action_classes[a]):
                continue
            waiting.discard(a)
            order.extend(bits(action.grants & ~held))
            held |= action.grants
            changed = True
        closed = index.close(held)
        order.extend(bits(closed & ~held))
        held = closed
    return order, open_kinds


def _landmarks(problem: Problem, actions: set[int], kinds: list[int]) -> dict[int, int]:
    """For each reachable skill, the actions every way of getting it must use (as a mask).

    The usual fixpoint: a skill's landmarks are what all its possible sources
    share; a source's are itself plus the landmarks of all it needs, and of
    the job it must be done in.
    """
    index = problem.index
    start = problem.start
    all_actions = index.actions
    skill_bits, open_kinds = _reachable(problem, actions, kinds)
    held = start
    for b in skill_bits:
        held |= 1 << b
    full = (1 << len(all_actions)) - 1
    marks: dict[int, int] = dict.fromkeys(skill_bits, full)
    sources = {
        b: [
            (a, all_actions[a].requires & ~start, all_actions[a].in_roles is not None)
            for a in index.grantors[b]
            if a in actions and all_actions[a].requires & ~held == 0
        ]
        for b in skill_bits
    }
    places = {
        a: [k for c in index.action_classes[a] for k in index.classes[c].kinds if k in open_kinds]
        for b in skill_bits
        for a, _, in_job in sources[b]
        if in_job
    }
    groups = {b: [g & ~start for g in index.groups[b] if g & ~held == 0] for b in skill_bits}
    kind_needs = {k: index.kinds[k].requires & ~start for k in open_kinds}
    kind_needs[problem.start_kind] = 0

    def of(mask: int) -> int:
        out = 0
        while mask:
            low = mask & -mask
            out |= marks[low.bit_length() - 1]
            mask ^= low
        return out

    changed = True
    while changed:
        changed = False
        kind_marks = {k: of(need) for k, need in kind_needs.items()}
        for b in skill_bits:
            shared = full
            for a, needs, in_job in sources[b]:
                mask = of(needs) | 1 << a
                if in_job:
                    place = full
                    for k in places[a]:
                        place &= kind_marks[k]
                    mask |= place
                shared &= mask
            for group in groups[b]:
                shared &= of(group)
            if shared != marks[b]:
                marks[b] = shared
                changed = True
    return marks


def _earliest(
    problem: Problem,
    actions: set[int],
    kinds: list[int],
    landmarks: dict[int, int],
    weights: tuple[tuple[int, int], ...],
):
    """Earliest week for each skill and kind of job, if everything could run side by side.

    A generalised Dijkstra: an action is ready when all it needs is held and
    (for apprenticeships and experience) a job where it can be done has started.
    Each skill is held no sooner than its landmarks' weeks allow, and a job no
    sooner than the landmarks of all it needs, plus the move into it.
    """
    index = problem.index
    start = problem.start
    move = index.weeks_to_start_role
    all_actions = index.actions
    floors = {b: _weigh(mask, weights) for b, mask in landmarks.items()}
    fact_time = [UNREACHABLE] * len(index.skill_ids)
    for b in bits(start):
        fact_time[b] = 0
    kind_time: dict[int, int] = {}
    waiting: dict[int, int] = {}  # action -> how many things it still waits for
    ready_at: dict[int, int] = {}
    heap: list[tuple[int, int, int]] = []
    for a in actions:
        action = all_actions[a]
        waiting[a] = (action.requires & ~start).bit_count() + (action.in_roles is not None)
        ready_at[a] = 0
        if waiting[a] == 0:
            heap.append((action.weeks, 0, a))
    kind_seen: set[int] = set()
    kind_waiting: dict[int, int] = {}
    kind_floor: dict[int, int] = {}
    for k in kinds:
        need = index.kinds[k].requires & ~start
        kind_waiting[k] = need.bit_count()
        kind_floor[k] = _landmark_weeks(need, landmarks, weights) + move
        if kind_waiting[k] == 0:
            heap.append((move, 1, k))
    heap.append((0, 1, problem.start_kind))
    heapq.heapify(heap)
    group_waiting: dict[int, int] = {}  # equivalence -> members of its group not yet held
    needed_by, kinds_needing, in_groups = index.needed_by, index.kinds_needing, index.in_groups
    equivalences = index.equivalences
    push = heapq.heappush

    def count_off(a: int, t: int) -> None:
        if t > ready_at[a]:
            ready_at[a] = t
        waiting[a] -= 1
        if waiting[a] == 0:
            push(heap, (ready_at[a] + all_actions[a].weeks, 0, a))

    def hold(b: int, t: int) -> None:
        fact_time[b] = t
        for a in needed_by[b]:
            if a in waiting:
                count_off(a, t)
        for k in kinds_needing[b]:
            if k in kind_waiting:
                kind_waiting[k] -= 1
                if kind_waiting[k] == 0:
                    push(heap, (max(t + move, kind_floor[k]), 1, k))
        for e in in_groups[b]:
            group, skill_mask = equivalences[e]
            left = group_waiting.get(e)
            if left is None:
                left = (group & ~start).bit_count()
            group_waiting[e] = left - 1
            if left == 1:
                skill = skill_mask.bit_length() - 1
                push(heap, (max(t, floors.get(skill, 0)), 2, skill))

    while heap:
        t, what, x = heapq.heappop(heap)
        if what == 1:  # a job of kind x could start
            if x in kind_time:
                continue
            kind_time[x] = t
            for a in index.classes[index.kinds[x].role_class].actions:
                if a in waiting and a not in kind_seen and all_actions[a].in_roles is not None:
                    kind_seen.add(a)
                    count_off(a, t)
        elif what == 0:  # action x finished: what it gives is held (not before its floor)
            for b in bits(all_actions[x].grants):
                if fact_time[b] <= t:
                    continue
                at = floors.get(b, 0)
                if at > t:
                    push(heap, (at, 2, b))
                else:
                    hold(b, t)
        elif fact_time[x] > t:  # skill x now counts as held
            hold(x, t)
    return fact_time, kind_time
