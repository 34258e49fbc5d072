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

from dataclasses import dataclass, field
from datetime import date, datetime

__all__ = [
    "AGREED_AS_MAX",
    "ITEM_KINDS",
    "ITEM_STATUSES",
    "MAX_ITEMS",
    "MAX_REVIEWS",
    "NOTE_MAX",
    "REVIEW_KINDS",
    "SHARE_DAYS",
    "SHARE_LABELS",
    "SUPPORT_MAX",
    "TITLE_MAX",
    "Agreement",
    "NewPlan",
    "Plan",
    "PlanItem",
    "Progress",
    "Review",
    "ShareLink",
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
#: How long a view-only link works, in days; the first is the default.
SHARE_DAYS: tuple[int, ...] = (30, 7, 90)

TITLE_MAX = 120
AGREED_AS_MAX = 60
NOTE_MAX = 300
SUPPORT_MAX = 600
MAX_ITEMS = 40
MAX_REVIEWS = 12


@dataclass(frozen=True)
class PlanItem:
    """One goal, milestone or action.

    ``ref`` is the catalogue id of the route step it came from (a course,
    apprenticeship, experience or role), or ``None`` for one the person added.
    ``weeks`` and ``gains`` say what finishing it is worth: they drive progress.
    """

    kind: str
    title: str
    target_date: date | None = None
    status: str = "not-started"
    note: str = ""
    ref: str | None = None
    step_kind: str | None = None
    weeks: int = 0
    gains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Review:
    """A date to look at the plan again: an appraisal, a check-in or an adviser review."""

    day: date
    kind: str


@dataclass(frozen=True)
class ShareLink:
    """A view-only link: who it is for (a label from a list) and when it stops working."""

    id: int
    label: str
    created_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class NewPlan:
    """What a plan starts with, before it has an id or a version."""

    target_role: str
    current_role: str | None
    have: tuple[str, ...]
    items: tuple[PlanItem, ...]
    reviews: tuple[Review, ...] = ()
    support: str = ""
    content_version: int = 1
    employee_agreed_on: date | None = None
    employee_agreed_version: int | None = None
    manager_agreed_on: date | None = None
    manager_agreed_version: int | None = None
    employee_agreed_as: str = ""
    manager_agreed_as: str = ""


@dataclass(frozen=True)
class Plan:
    """A saved plan.

    ``version`` goes up on every save and guards against lost edits.
    ``content_version`` goes up only when what was agreed changes (goals,
    dates, reviews, support): progress updates do not need agreeing again.
    """

    id: int
    version: int
    content_version: int
    created_at: datetime
    updated_at: datetime
    target_role: str
    current_role: str | None
    have: tuple[str, ...]
    items: tuple[PlanItem, ...]
    reviews: tuple[Review, ...] = ()
    support: str = ""
    employee_agreed_on: date | None = None
    employee_agreed_version: int | None = None
    manager_agreed_on: date | None = None
    manager_agreed_version: int | None = None
    #: The role each side named when agreeing ("Porter", "Line manager"): never a name.
    employee_agreed_as: str = ""
    manager_agreed_as: str = ""
    share_links: tuple[ShareLink, ...] = field(default=())


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
    """How far along the route the plan is, worked out again from what is done."""

    percent: int
    weeks_done: int
    weeks_left: int | None
    reached: bool = False
