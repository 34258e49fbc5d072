"""A development plan: goals, milestones and actions built from a route, agreed and reviewed.

Plain records; the rules that build and change them are in :mod:`planner.plans.service`.
No Flask and no SQL.

The shape follows the source guide's Pathway One: "a clear learning and
development plan" with "goals and milestones", "agreed by the employee and
their line manager" and "updated as part of appraisals, reviews or line manager
check-ins". It holds only what the plan needs: skills and roles from the
catalogue, dates, statuses and short notes. Nothing about the person.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import MISSING, Field, dataclass, field, replace
from datetime import date, datetime
from functools import cache
from typing import Any

__all__ = [
    "AGREED_AS_MAX",
    "ITEM_KINDS",
    "ITEM_STATUSES",
    "MAX_ITEMS",
    "MAX_REVIEWS",
    "MAX_WEEKS",
    "NOTE_MAX",
    "REVIEW_KINDS",
    "ROLE_ID_MAX",
    "SHARE_DAYS",
    "SHARE_LABELS",
    "SHARE_MAX_DAYS",
    "SHARE_PAST_REVIEW_DAYS",
    "STEP_KINDS",
    "SUPPORT_MAX",
    "TITLE_MAX",
    "Agreement",
    "NewPlan",
    "Plan",
    "PlanItem",
    "Progress",
    "Review",
    "Rule",
    "Shape",
    "ShareLink",
    "rule",
    "shapes",
]

#: Goal: where the plan leads. Milestone: a point to reach. Action: something to do.
ITEM_KINDS: dict[str, str] = {"goal": "Goal", "milestone": "Milestone", "action": "Action"}
ITEM_STATUSES: dict[str, str] = {
    "not-started": "Not started",
    "in-progress": "In progress",
    "done": "Done",
}
REVIEW_KINDS: dict[str, str] = {
    "appraisal": "Appraisal",
    "check-in": "Check-in with line manager",
    "review": "Review with a careers adviser",
}
#: Who a view-only link is for: chosen from a list, never a name.
SHARE_LABELS: dict[str, str] = {
    "line-manager": "Line manager",
    "careers-adviser": "Careers adviser",
    "mentor": "Mentor or support worker",
    "someone-else": "Someone else",
}
#: How long a view-only link can work, in days, besides "until the next review".
SHARE_DAYS: tuple[int, ...] = (7, 30, 90, 365)
#: A link "until the next review" works this many days past it, so a review moved by a few
#: days still finds it working.
SHARE_PAST_REVIEW_DAYS = 7
#: The longest any view-only link works: a year.
SHARE_MAX_DAYS = 365

TITLE_MAX = 120
AGREED_AS_MAX = 60
NOTE_MAX = 300
SUPPORT_MAX = 600
#: Role ids are slugs of job titles; the database refuses longer ones.
ROLE_ID_MAX = 100
MAX_ITEMS = 40
MAX_REVIEWS = 12
#: The longest a single step of a plan may take, in weeks.
MAX_WEEKS = 1000
#: What a plan item can come from: the kinds of route step.
STEP_KINDS: tuple[str, ...] = ("course", "apprenticeship", "experience", "role")


@dataclass(frozen=True)
class Rule:
    """What a field may hold. The one place the plan's limits are written down.

    The database's CHECK constraints (:mod:`planner.plans.tables`) and the
    check of an uploaded plan file (:mod:`planner.plans.json_file`) are both
    made from these, so adding a field to a record below is one change
    (plus the migration that ``alembic revision --autogenerate`` writes).

    ``known`` names what an id must be in the catalogue (``role``, ``skill``,
    or ``step`` for the step an item came from). ``in_file`` is ``False`` for
    fields a plan file does not carry as they are; ``file_name`` is the key
    used in the file when it differs from the field's name; ``file_since`` is
    the plan-file format version that first carried it (older files lack it,
    and the field's default is used). ``in_database`` is ``False`` for rules
    the database does not check itself.
    """

    max_length: int | None = None
    required: bool = False
    choices: tuple[str, ...] = ()
    known: str | None = None
    maximum: int | None = None
    max_count: int | None = None
    in_file: bool = True
    file_name: str | None = None
    file_since: int = 1
    in_database: bool = True


def rule(default=MISSING, **limits) -> Any:
    """A dataclass field with a :class:`Rule` attached (``field`` with metadata)."""
    return field(default=default, metadata={"rule": Rule(**limits)})


@dataclass(frozen=True)
class Shape:
    """One field of a record as the store and the plan file see it.

    ``kind`` is ``str``, ``int``, ``date`` or ``datetime``, or ``list`` for a
    tuple of ids; ``records`` is the record type of a tuple of records (items,
    reviews), which are rows of their own tables and lists in a file.
    """

    name: str
    kind: Any
    optional: bool
    rule: Rule
    records: type | None = None


def _shape(f: Field, hint: Any) -> Shape:
    limits = f.metadata.get("rule", Rule())
    args = typing.get_args(hint)
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        (inner,) = [a for a in args if a is not type(None)]
        return replace(_shape(f, inner), optional=True)
    if typing.get_origin(hint) is tuple:
        if dataclasses.is_dataclass(args[0]):
            return Shape(f.name, list, False, limits, records=args[0])
        return Shape(f.name, list, False, limits)
    return Shape(f.name, hint, False, limits)


@cache
def shapes(record: type) -> tuple[Shape, ...]:
    """The fields of a record, with their types and rules, in order.

    >>> [(s.name, s.kind.__name__, s.optional) for s in shapes(Review)]
    [('day', 'date', False), ('kind', 'str', False), ('done_on', 'date', True), ('note', 'str', False)]
    """
    hints = typing.get_type_hints(record)
    return tuple(_shape(f, hints[f.name]) for f in dataclasses.fields(record))


@dataclass(frozen=True)
class PlanItem:
    """One goal, milestone or action.

    ``ref`` is the catalogue id of the route step it came from (a course,
    apprenticeship, experience or role), or ``None`` for one the person added.
    ``weeks`` and ``gains`` say what finishing it is worth: they drive progress.
    """

    kind: str = rule(choices=tuple(ITEM_KINDS))
    title: str = rule(max_length=TITLE_MAX, required=True)
    target_date: date | None = None
    status: str = rule("not-started", choices=tuple(ITEM_STATUSES))
    note: str = rule("", max_length=NOTE_MAX)
    ref: str | None = rule(None, known="step")
    step_kind: str | None = rule(None, choices=STEP_KINDS, in_database=False)
    weeks: int = rule(0, maximum=MAX_WEEKS, in_database=False)
    gains: tuple[str, ...] = rule((), known="skill")


@dataclass(frozen=True)
class Review:
    """A date to look at the plan again: an appraisal, a check-in or an adviser review.

    Once it has happened it is recorded as done (``done_on``) with a short ``note`` of what
    was talked about; the next review is a review of its own.
    """

    day: date = rule(file_name="date")
    kind: str = rule(choices=tuple(REVIEW_KINDS))
    done_on: date | None = rule(None, file_since=3)
    note: str = rule("", max_length=NOTE_MAX, file_since=3)


@dataclass(frozen=True)
class ShareLink:
    """A view-only link: who it is for (a label from a list) and when it stops working."""

    id: int
    label: str
    created_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class NewPlan:
    """What a plan holds, before it has an id or a version.

    ``content_version`` goes up only when what was agreed changes (goals, steps,
    their dates, support): progress updates, and review dates and what was said at
    them, do not need agreeing again.
    A plan file carries agreement as dates and "still current" flags instead.
    ``employee_agreed_as`` and ``manager_agreed_as`` are the role each side
    named when agreeing ("Porter", "Line manager"): never a name.
    """

    target_role: str = rule(max_length=ROLE_ID_MAX, known="role")
    current_role: str | None = rule(max_length=ROLE_ID_MAX, known="role")
    have: tuple[str, ...] = rule(known="skill")
    items: tuple[PlanItem, ...] = rule(max_count=MAX_ITEMS, required=True)
    reviews: tuple[Review, ...] = rule((), max_count=MAX_REVIEWS)
    support: str = rule("", max_length=SUPPORT_MAX)
    content_version: int = rule(1, in_file=False)
    employee_agreed_on: date | None = rule(None, in_file=False)
    employee_agreed_version: int | None = rule(None, in_file=False)
    manager_agreed_on: date | None = rule(None, in_file=False)
    manager_agreed_version: int | None = rule(None, in_file=False)
    employee_agreed_as: str = rule("", max_length=AGREED_AS_MAX, file_since=2)
    manager_agreed_as: str = rule("", max_length=AGREED_AS_MAX, file_since=2)


@dataclass(frozen=True, kw_only=True)
class Plan(NewPlan):
    """A saved plan: what it holds, plus its id, its times and its live view-only links.

    ``version`` goes up on every save and guards against lost edits.
    """

    id: int
    version: int
    created_at: datetime
    updated_at: datetime
    share_links: tuple[ShareLink, ...] = ()


@dataclass(frozen=True)
class Agreement:
    """Where agreement stands. ``state`` is ``agreed``, ``partly``, ``again`` or ``none``."""

    state: str
    employee_on: date | None
    manager_on: date | None
    employee_current: bool
    manager_current: bool


@dataclass(frozen=True)
class Progress:
    """How far along the plan is, by its own steps and dates.

    ``done`` of ``steps`` (the goal is not a step: it is where they lead), the goal's date,
    and how many steps are late (past their date and not done).
    """

    done: int
    steps: int
    reached: bool
    goal_on: date | None
    late: int = 0

    @property
    def percent(self) -> int:
        """The share of the steps done; 100 only when the goal is reached."""
        if self.reached:
            return 100
        return min(99, round(100 * self.done / self.steps)) if self.steps else 0
