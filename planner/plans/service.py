"""The rules of a plan: build one from a route, agree it, and work out progress.

Pure functions over the records in :mod:`planner.plans.model`; no Flask and no SQL.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta

from planner.explore.timeline import spans
from planner.pathways.model import Catalogue, Route, Step
from planner.plans.model import Agreement, NewPlan, Plan, PlanItem, Progress, Review

__all__ = [
    "REVIEW_EVERY_WEEKS",
    "add_item",
    "agree",
    "agreement_of",
    "change_item",
    "change_review",
    "content_fingerprint",
    "due_reviews",
    "held_now",
    "is_late",
    "items_from_route",
    "last_day",
    "move_open_steps",
    "new_plan_from_route",
    "next_items",
    "next_review",
    "progress_of",
    "record_review",
    "same_role",
    "with_article",
    "with_content",
]

# --- Building a plan from a route ------------------------------------------------------------

#: How far apart reviews are, unless people choose otherwise: the first is this far from the
#: day the plan is made, and each review recorded suggests the next this far on (a quarter).
REVIEW_EVERY_WEEKS = 13

_LEVEL = re.compile(r"\s+(Level \d)$")


def _short(name: str) -> str:
    """A course name without the word "course" on the end."""
    return name[: -len(" course")] if name.endswith(" course") else name


def _apprenticeship(name: str) -> str:
    """'Business Administrator apprenticeship Level 3' -> '... apprenticeship (Level 3)'."""
    return _LEVEL.sub(r" (\1)", name)


def _on(today: date, weeks: int) -> date:
    return today + timedelta(weeks=weeks)


def with_article(title: str) -> str:
    """A job's title as said after "start as": "a Porter", "an Admin Team Lead"."""
    return ("an " if title[:1].lower() in "aeiou" else "a ") + title


def _step_items(step: Step, start: date, end: date, is_target: bool) -> list[PlanItem]:
    # A wait no catalogue rule names (finishing an apprentice post's apprenticeship first)
    # has no id: the item then names no step, as one the person added would not.
    common = {"ref": step.id, "step_kind": step.kind} if step.id else {}
    done_it = {"weeks": step.weeks, "gains": tuple(step.gains), **common}
    if step.kind == "course":
        name = _short(step.title)
        return [
            PlanItem("action", f"Enrol on {name}", start, **common),
            PlanItem("milestone", f"Finish {name}", end, **done_it),
        ]
    if step.kind == "apprenticeship":
        name = _apprenticeship(step.title)
        return [
            PlanItem("action", f"Apply for the {name}", start, **common),
            PlanItem("milestone", f"Finish the {name}", end, **done_it),
        ]
    if step.kind == "experience":
        return [
            PlanItem(
                "milestone",
                f"Gain experience: {step.title[:1].lower()}{step.title[1:]}",
                end,
                **done_it,
            )
        ]
    # a role: apply, then start. The target role's start is the plan's goal.
    apply = PlanItem("action", f"Apply for {with_article(step.title)} job", start, **common)
    if is_target:
        return [apply]
    return [apply, PlanItem("milestone", f"Start as {with_article(step.title)}", end, **done_it)]


def items_from_route(
    route: Route, target_title: str, today: date, catalogue: Catalogue
) -> tuple[PlanItem, ...]:
    """Goals, milestones and actions for every step of a route, with target dates.

    The dates come from the route's own calendar (:func:`~planner.explore.timeline.spans`),
    the one the route page draws, so the plan and the route page never disagree.

    >>> from planner.pathways.model import Route, Step
    >>> from planner.pathways.testing import tiny_catalogue
    >>> route = Route(26, (), (
    ...     Step("course", "fs-maths-2", "Functional Skills maths Level 2 course", 18, ("m2",)),
    ...     Step("role", "clerk", "Clerk", 8, ("clerk-skills",), starts_after_weeks=18),
    ... ))
    >>> items = items_from_route(route, "Clerk", date(2027, 1, 4), tiny_catalogue())
    >>> [(i.kind, i.title) for i in items]  # doctest: +NORMALIZE_WHITESPACE
    [('goal', 'Start as a Clerk'), ('action', 'Enrol on Functional Skills maths Level 2'),
     ('milestone', 'Finish Functional Skills maths Level 2'), ('action', 'Apply for a Clerk job')]
    """
    items: list[PlanItem] = []
    steps = route.steps
    for n, (step, span) in enumerate(zip(steps, spans(route, catalogue), strict=True)):
        items += _step_items(
            step,
            _on(today, span.begin),
            _on(today, span.end),
            is_target=n == len(steps) - 1 and step.kind == "role",
        )
    last = steps[-1] if steps and steps[-1].kind == "role" else None
    goal = PlanItem(
        "goal",
        f"Start as {with_article(target_title)}",
        today + timedelta(weeks=route.total_weeks),
        "done" if not steps else "not-started",
        ref=last.id if last else None,
        step_kind="role" if last else None,
        weeks=last.weeks if last else 0,
        gains=tuple(last.gains) if last else (),
    )
    return (goal, *items)


def new_plan_from_route(
    route: Route,
    catalogue: Catalogue,
    target_role: str,
    current_role: str | None,
    have: Iterable[str],
    today: date,
) -> NewPlan:
    """A plan for one of the routes the planner found, with a first review in 3 months:
    a check-in with a line manager for someone in a job, or else (no line manager yet)
    a review with a careers adviser."""
    title = catalogue.role(target_role).title
    first_review = "check-in" if current_role else "review"
    return NewPlan(
        target_role=target_role,
        current_role=current_role,
        have=tuple(dict.fromkeys(have)),
        items=items_from_route(route, title, today, catalogue),
        reviews=(Review(today + timedelta(weeks=REVIEW_EVERY_WEEKS), first_review),),
    )


# --- Agreement ---------------------------------------------------------------------------------


def content_fingerprint(target_role: str, items: Iterable[PlanItem], support: str) -> str:
    """A hash of what the employee and line manager agree to: the goal, the steps and their
    dates, and the support.

    Statuses and notes are left out: recording progress does not undo an agreement. So are
    review dates and what was said at them: holding a review and setting the next one is
    part of following the agreed plan, not a change to it.
    """
    agreed = {
        "target": target_role,
        "items": [[i.kind, i.title, i.target_date and i.target_date.isoformat()] for i in items],
        "support": support,
    }
    return hashlib.sha256(json.dumps(agreed, sort_keys=True).encode()).hexdigest()


def with_content(
    plan: Plan,
    *,
    items: tuple[PlanItem, ...] | None = None,
    reviews: tuple[Review, ...] | None = None,
    support: str | None = None,
) -> Plan:
    """The plan with new items, reviews or support; ``content_version`` moves if agreed parts did."""
    changed = replace(
        plan,
        items=plan.items if items is None else items,
        reviews=plan.reviews if reviews is None else reviews,
        support=plan.support if support is None else support,
    )
    before = content_fingerprint(plan.target_role, plan.items, plan.support)
    after = content_fingerprint(changed.target_role, changed.items, changed.support)
    if before != after:
        changed = replace(changed, content_version=plan.content_version + 1)
    return changed


def agree(plan: Plan, who: str, on: date, agreed_as: str = "") -> Plan:
    """Mark the plan as agreed by ``employee`` or ``manager`` on a date, as it stands now.

    ``agreed_as`` is the role that side named ("Porter", "Line manager"), shown beside the date.
    """
    if who not in ("employee", "manager"):
        raise ValueError(f"who must be 'employee' or 'manager', not {who!r}")
    return replace(
        plan,
        **{
            f"{who}_agreed_on": on,
            f"{who}_agreed_version": plan.content_version,
            f"{who}_agreed_as": agreed_as,
        },
    )


def same_role(one: str, other: str) -> bool:
    """Whether both sides named the same role: one person may not quietly agree for both.

    >>> same_role("Porter", "porter"), same_role("Porter", "Line manager"), same_role("", "")
    (True, False, False)
    """
    return bool(one and other) and one.casefold() == other.casefold()


def agreement_of(plan: Plan) -> Agreement:
    """Who has agreed to the plan as it is now, and whether a change needs agreeing again."""
    employee_now = plan.employee_agreed_version == plan.content_version
    manager_now = plan.manager_agreed_version == plan.content_version
    ever = plan.employee_agreed_on is not None or plan.manager_agreed_on is not None
    if employee_now and manager_now:
        state = "agreed"
    elif ever and (
        (plan.employee_agreed_on and not employee_now)
        or (plan.manager_agreed_on and not manager_now)
    ):
        state = "again"
    elif employee_now or manager_now:
        state = "partly"
    else:
        state = "none"
    return Agreement(
        state, plan.employee_agreed_on, plan.manager_agreed_on, employee_now, manager_now
    )


# --- Progress ----------------------------------------------------------------------------------


def held_now(plan: Plan) -> tuple[tuple[str, ...], str | None]:
    """Skills held and the role held once everything marked done is counted."""
    have = list(plan.have)
    role = plan.current_role
    for item in plan.items:
        if item.status != "done" or item.kind == "action":
            continue
        have += [g for g in item.gains if g not in have]
        if item.step_kind == "role" and item.ref:
            role = item.ref
    return tuple(have), role


def is_late(item: PlanItem, today: date) -> bool:
    """A step (or the goal) past its target date and not done."""
    return item.status != "done" and item.target_date is not None and item.target_date < today


def progress_of(plan: Plan, today: date) -> Progress:
    """How far along the plan is, by its own steps and dates: never a new guess at a route.

    Every step counts once done, an action as much as a milestone, so the first thing done
    shows. The goal is reached when it is marked done, or a job marked done is the goal.
    """
    steps = [item for item in plan.items if item.kind != "goal"]
    goal = next((item for item in plan.items if item.kind == "goal"), None)
    reached = (goal is not None and goal.status == "done") or held_now(plan)[1] == plan.target_role
    return Progress(
        done=sum(item.status == "done" for item in steps),
        steps=len(steps),
        reached=reached,
        goal_on=goal.target_date if goal else None,
        late=sum(is_late(item, today) for item in steps),
    )


# --- What is next, and changing one item ---------------------------------------------------------


def next_items(plan: Plan, n: int = 3) -> tuple[tuple[int, PlanItem], ...]:
    """The plan's own next steps: items not done yet, soonest target date first.

    The one answer to "what is next" on every page and handout, so the summary can
    never disagree with the list. Items are returned with their place in the plan.
    The goal comes last: it is where the steps lead, not a step.
    """
    open_items = [(i, item) for i, item in enumerate(plan.items) if item.status != "done"]

    def soonest(entry: tuple[int, PlanItem]):
        place, item = entry
        return (item.kind == "goal", item.target_date is None, item.target_date or date.min, place)

    return tuple(sorted(open_items, key=soonest)[:n])


def change_item(plan: Plan, place: int, item: PlanItem | None) -> Plan:
    """The plan with one item changed (or removed, with ``None``). The goal cannot be removed."""
    items = list(plan.items)
    if item is None:
        if items[place].kind == "goal":
            raise ValueError("the goal cannot be removed")
        items.pop(place)
    else:
        items[place] = item
    return with_content(plan, items=tuple(items))


def add_item(plan: Plan, item: PlanItem) -> Plan:
    """The plan with a new item at the end of the list."""
    return with_content(plan, items=(*plan.items, item))


def move_open_steps(plan: Plan, days: int) -> Plan:
    """Every step not done yet, and the goal if not reached, moved ``days`` later.

    They all move by the same amount, so the plan keeps its order and the time between its
    steps. New dates are a change to what was agreed: the plan needs agreeing again.
    """
    later = timedelta(days=days)
    items = tuple(
        replace(item, target_date=item.target_date + later)
        if item.status != "done" and item.target_date is not None
        else item
        for item in plan.items
    )
    return with_content(plan, items=items)


def change_review(plan: Plan, place: int | None, review: Review | None) -> Plan:
    """The plan with a review date added (``place`` None), changed or removed; soonest first."""
    reviews = list(plan.reviews)
    if place is None:
        reviews.append(review)
    elif review is None:
        reviews.pop(place)
    else:
        reviews[place] = review
    kept = sorted((r for r in reviews if r is not None), key=lambda r: r.day)
    return with_content(plan, reviews=tuple(kept))


# --- Reviews -----------------------------------------------------------------------------------


def due_reviews(plan: Plan, today: date) -> tuple[tuple[int, Review], ...]:
    """Reviews whose day has come and that are not recorded yet, with their places."""
    return tuple((n, r) for n, r in enumerate(plan.reviews) if r.done_on is None and r.day <= today)


def last_day(until: datetime) -> date:
    """The last day a link that stops at ``until`` still works (midnight belongs to the day before).

    >>> from datetime import UTC
    >>> last_day(datetime(2027, 3, 12, tzinfo=UTC)), last_day(datetime(2027, 3, 12, 9, tzinfo=UTC))
    (datetime.date(2027, 3, 11), datetime.date(2027, 3, 12))
    """
    return (until - timedelta(microseconds=1)).date()


def next_review(plan: Plan, today: date) -> Review | None:
    """The next review still to come (today's counts), if one is set."""
    return next((r for r in plan.reviews if r.done_on is None and r.day >= today), None)


def record_review(
    plan: Plan, place: int, done_on: date, note: str, following: Review | None
) -> Plan:
    """The review at ``place`` marked done on a day with a short note, and the next one set.

    Reviews are not part of what was agreed (:func:`content_fingerprint`), so this never
    undoes an agreement.
    """
    reviews = list(plan.reviews)
    reviews[place] = replace(reviews[place], done_on=done_on, note=note)
    if following is not None:
        reviews.append(following)
    return with_content(plan, reviews=tuple(sorted(reviews, key=lambda r: r.day)))
