"""When each part of a route can happen for someone in prison: the timing rule, written once.

A route for someone in prison is found as if it starts on the day they are released (so every
date that depends on the calendar, such as the last start of a funded apprenticeship, is
checked on that day). This rule then moves to before release what can truly be done inside,
and dates the help prisons give, so that no step is dated before it can happen:

* a course of the route that prisons teach (``Learning.inside_prison``) is done inside, from
  today, when what it needs is held by then and it finishes before release; the route after
  release is then shorter by the time that course added to it (``Step.weeks``);
* ROTL (release on temporary licence, day release to work) is for people within
  ``rotl_within_weeks`` of release and takes ``rotl_setup_weeks`` to set up (so not for
  someone released sooner than that);
* the Employment Hub and the prison work coach see people ``hub_weeks_before_release``;
* a basic bank account can be opened in a window before release (``banking_weeks_before_release``);
* the first job application may go in from inside, once the hub helps, but only so early that
  the job (after the usual time to be hired) starts after release.

Everything after is the rest of the route, its weeks counted from the day it starts. The
numbers are data with their sources (``data/nhs_bands.json``: ``prison``). Both the route page
and the offline pack call :func:`release_timing`; nothing else works these dates out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from planner.pathways.model import Catalogue, PrisonTimes, Route, Step

__all__ = ["Moment", "ReleaseTiming", "release_timing"]

#: On the same day, the order a person meets things in.
_ORDER = {"course": 0, "rotl": 1, "bank": 2, "hub": 3, "apply": 4}


@dataclass(frozen=True)
class Moment:
    """Something to do before release, with its dates.

    ``kind`` is ``course`` (a step of the route done inside; ``ref`` is its id), ``rotl``,
    ``hub`` (the Employment Hub and prison work coach), ``bank`` or ``apply`` (the first job
    application, sent from inside; ``ref`` is the job's id). ``end`` is ``None`` for a moment
    with no end of its own.
    """

    kind: str
    begin: date
    end: date | None = None
    ref: str | None = None


@dataclass(frozen=True)
class ReleaseTiming:
    """A route for someone in prison, split at release.

    ``inside`` is dated before release, soonest first; ``inside_steps`` are the positions of
    the route's steps done inside. ``outside`` is the rest of the route, its weeks counted
    from ``outside_from`` (before release only when it opens with an application sent from
    inside). ``first_start`` is the day the first job starts: never before ``release``.
    """

    release: date
    inside: tuple[Moment, ...]
    inside_steps: tuple[int, ...]
    outside: Route
    outside_from: date
    first_start: date | None


def _weeks(a: date, b: date) -> int:
    """Whole weeks from ``a`` to ``b`` (none if ``b`` is not after ``a``)."""
    return max(0, (b - a).days // 7)


def _on(day: date, weeks: int) -> date:
    return day + timedelta(weeks=weeks)


def _inside_courses(
    route: Route, catalogue: Catalogue, weeks_inside: int
) -> list[tuple[int, int, int]]:
    """The route's courses that can be done inside, as (step position, begin, end) in weeks
    from today: taught in prisons, needing only what is held by then, done before release
    (two courses that may run side by side do)."""
    held = set(route.start)
    moved: list[tuple[int, int, int]] = []
    clock = 0
    together: tuple[int, int] | None = None  # the last course that may run side by side
    for n, step in enumerate(route.steps):
        item = catalogue.learning_item(step.id) if step.kind == "course" else None
        if item is None or item.inside_prison is None or item.way_in:
            continue
        if not set(item.requires) <= held:
            continue
        begin = together[0] if together and item.side_by_side else clock
        end = begin + step.length
        if end > weeks_inside:
            continue
        moved.append((n, begin, end))
        held |= set(step.gains)
        clock = max(clock, end)
        together = (begin, end) if item.side_by_side and together is None else None
    return moved


def _rest(route: Route, moved: set[int]) -> Route:
    """The route without the steps done inside: each step starts earlier by the time that the
    moved steps before it added (``Step.weeks``), and its weeks count from its own first step."""
    gone = [route.steps[n] for n in moved]
    saved = sum(step.weeks for step in gone)
    steps: list[Step] = []
    for n, step in enumerate(route.steps):
        if n in moved:
            continue
        earlier = sum(g.weeks for g in gone if g.starts_after_weeks < step.starts_after_weeks)
        steps.append(replace(step, starts_after_weeks=max(0, step.starts_after_weeks - earlier)))
    shift = min((s.starts_after_weeks for s in steps), default=0)
    steps = [replace(s, starts_after_weeks=s.starts_after_weeks - shift) for s in steps]
    least = route.total_weeks_min
    cut = saved + shift
    return replace(
        route,
        steps=tuple(steps),
        total_weeks=max(0, route.total_weeks - cut),
        total_weeks_min=None if least is None else max(0, least - cut),
    )


def release_timing(
    route: Route,
    catalogue: Catalogue,
    today: date,
    release: date,
    prison: PrisonTimes,
    released_by: date | None = None,
) -> ReleaseTiming:
    """Split a route found from ``release`` into what can be done inside and what follows.

    A release known only to the month is ``release`` (its first day: what is done inside
    ends by then) and ``released_by`` (its last day: a job starts after it).

    >>> from planner.pathways.testing import tiny_catalogue
    >>> from planner.pathways.model import PrisonTimes, Route, Step
    >>> route = Route(14, (), (Step("role", "clerk", "Clerk", 14, ()),))
    >>> times = PrisonTimes(104, (8, 10), 12)
    >>> t = release_timing(route, tiny_catalogue(), date(2027, 1, 4), date(2027, 9, 6), times)
    >>> [m.kind for m in t.inside], t.outside_from, t.first_start
    (['rotl', 'hub', 'apply'], datetime.date(2027, 6, 14), datetime.date(2027, 9, 20))
    """
    release = max(release, today)
    released_by = max(released_by or release, release)
    weeks_inside = _weeks(today, release)
    moved = _inside_courses(route, catalogue, weeks_inside)
    outside = _rest(route, {n for n, _, _ in moved})
    inside = [
        Moment("course", _on(today, begin), _on(today, end), route.steps[n].id)
        for n, begin, end in moved
    ]
    courses_end = _on(today, max((end for _, _, end in moved), default=0))

    set_up = _on(today, prison.rotl_setup_weeks[1])
    if weeks_inside <= prison.rotl_within_weeks:
        if set_up <= release:  # too close to release, ROTL could not start before it
            inside.append(Moment("rotl", today, set_up))
    else:
        inside.append(Moment("rotl", _on(release, -prison.rotl_within_weeks)))
    hub = max(today, _on(release, -prison.hub_weeks_before_release))
    inside.append(Moment("hub", hub))
    if prison.banking_weeks_before_release:
        first, last = (_on(release, -w) for w in reversed(prison.banking_weeks_before_release))
        if last >= today:
            inside.append(Moment("bank", max(first, today), last))

    outside_from = release
    first_role = next((s for s in outside.steps if s.kind == "role"), None)
    if outside.steps and outside.steps[0].kind == "role":
        # The first step is applying for a job: send it from inside, with the hub's help,
        # early enough to start soon after release and never so early it starts before.
        hire = outside.steps[0].weeks
        outside_from = max(hub, courses_end, _on(released_by, -hire))
        outside_from = min(outside_from, release)
        inside.append(Moment("apply", outside_from, ref=outside.steps[0].id))
    first_start = None
    if first_role is not None:
        end = first_role.starts_after_weeks + first_role.weeks
        first_start = max(released_by, _on(outside_from, end))
    return ReleaseTiming(
        release=release,
        inside=tuple(sorted(inside, key=lambda m: (m.begin, _ORDER[m.kind]))),
        inside_steps=tuple(n for n, _, _ in moved),
        outside=outside,
        outside_from=outside_from,
        first_start=first_start,
    )
