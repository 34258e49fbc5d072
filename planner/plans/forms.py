"""Read and check what people type into a plan. No Flask: views pass ``request.form`` in.

Each edit page has one reader here. Every problem is collected with the id of
the field it belongs to, so the page can show an error summary that links to
each field. When there is any problem, nothing is saved.

Free text is short and checked for words about the justice system
(:mod:`planner.plans.justice_words`): the plan must never hold details of a conviction.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Protocol

from planner.plans.justice_words import mentions_justice, without_justice_words
from planner.plans.model import (
    AGREED_AS_MAX,
    ITEM_KINDS,
    ITEM_STATUSES,
    NOTE_MAX,
    REVIEW_KINDS,
    SHARE_DAYS,
    SHARE_LABELS,
    SHARE_MAX_DAYS,
    SHARE_PAST_REVIEW_DAYS,
    SUPPORT_MAX,
    TITLE_MAX,
    PlanItem,
    Review,
)
from planner.plans.service import same_role
from planner.typed import date_from_boxes, whole_number
from planner.wording import long_date

__all__ = [
    "ITEM_KINDS_TO_CHOOSE",
    "SIDES",
    "FormProblems",
    "ShareChoice",
    "SideAgreement",
    "clean_text",
    "mentions_justice",
    "read_agreement",
    "read_date",
    "read_item",
    "read_move",
    "read_new_item",
    "read_record_review",
    "read_review",
    "read_share",
    "read_support",
    "share_until",
]

FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)

#: The two sides that agree a plan, as the agreement page names them.
SIDES: dict[str, str] = {"employee": "Employee", "manager": "Line manager"}

#: What a refused text is told, wherever it was typed. It names no one and labels no one.
JUSTICE_MESSAGE = (
    "Take out anything about courts, police, prison or probation from {label}. "
    "The plan only needs your work and learning."
)
#: Said after it when the words without those still say something: they can be saved.
SUGGESTION = ' You could write "{suggestion}". You do not need to say why.'


class _Form(Protocol):
    def get(self, key: str, default: str | None = None) -> str | None: ...


@dataclass
class FormProblems(Exception):
    """Problems keyed by field id, in page order, and wording that would be kept instead."""

    errors: dict[str, str] = field(default_factory=dict)
    #: For a text refused for naming the justice system: the same words without those.
    suggestions: dict[str, str] = field(default_factory=dict)

    def add(self, field_id: str, message: str) -> None:
        self.errors.setdefault(field_id, message)

    def raise_any(self) -> None:
        if self.errors:
            raise self


def clean_text(value: str | None) -> str:
    """Text as typed, with control and invisible format characters gone and spaces tidied.

    Format characters (zero-width spaces, soft hyphens) are dropped, not turned
    into spaces, so a word is never split in two by something nobody can see.

    >>> clean_text("  Ask about\\x00 the  course\\r\\n"), clean_text("co\\u200burse")
    ('Ask about the course', 'course')
    """
    if not value:
        return ""
    value = unicodedata.normalize("NFC", value)
    kept = []
    for c in value:
        category = unicodedata.category(c)
        if category == "Cf":
            continue
        kept.append(" " if category[0] == "C" else c)
    return " ".join("".join(kept).split())


def _text(
    form: _Form, name: str, problems: FormProblems, limit: int, label: str, required=False
) -> str:
    value = clean_text(form.get(name))
    if required and not value:
        problems.add(name, f"Enter {label}")
    elif len(value) > limit:
        problems.add(name, f"{label[0].upper()}{label[1:]} must be {limit} characters or fewer")
    elif mentions_justice(value):
        suggestion = without_justice_words(value)
        offer = SUGGESTION.format(suggestion=suggestion) if suggestion else ""
        problems.add(name, JUSTICE_MESSAGE.format(label=label) + offer)
        if suggestion:
            problems.suggestions[name] = suggestion
    return value[:limit]


def read_date(form: _Form, name: str) -> tuple[date | None, str | None]:
    """A date from the NHS date input (``name-day``, ``name-month``, ``name-year``).

    Returns the date (``None`` when all three boxes are empty) and a problem, if any.

    >>> read_date({"d-day": "31", "d-month": "3", "d-year": "2027"}, "d")
    (datetime.date(2027, 3, 31), None)
    >>> read_date({"d-day": "31", "d-month": "2", "d-year": "2027"}, "d")[1]
    'must be a real date, for example 27 3 2027'
    >>> read_date({}, "d"), read_date({"d-year": "2027"}, "d")[1]
    ((None, None), 'must have a day, a month and a year')
    """
    parts = [clean_text(form.get(f"{name}-{part}")) for part in ("day", "month", "year")]
    if not any(parts):
        return None, None
    if not all(parts):
        return None, "must have a day, a month and a year"
    found = date_from_boxes(*parts)
    if found is None:
        return None, "must be a real date, for example 27 3 2027"
    if not FIRST_DAY <= found <= LAST_DAY:
        return None, f"must be between {FIRST_DAY.year} and {LAST_DAY.year}"
    return found, None


def _date(form: _Form, name: str, problems: FormProblems, label: str, required=False):
    """A date field's value; its problems are filed under the day box, where the summary links."""
    day, problem = read_date(form, name)
    if problem:
        problems.add(f"{name}-day", f"{label} {problem}")
    elif day is None and required:
        problems.add(f"{name}-day", f"Enter {label.lower()}")
    return day


def _choice(form: _Form, name: str, choices, problems: FormProblems, label: str) -> str:
    value = form.get(name) or ""
    if value not in choices:
        problems.add(name, f"Choose {label}")
    return value


# --- One reader per edit page -------------------------------------------------------------------

#: Kinds a person can give a step they add or change; the goal comes from the route.
ITEM_KINDS_TO_CHOOSE = {k: v for k, v in ITEM_KINDS.items() if k != "goal"}


def read_item(item: PlanItem, form: _Form) -> PlanItem:
    """The item page: what to do, when by, how it is going and a note. A goal stays a goal."""
    problems = FormProblems()
    title = _text(form, "title", problems, TITLE_MAX, "what to do", required=True)
    kind = item.kind
    if item.kind != "goal":
        kind = _choice(form, "kind", ITEM_KINDS_TO_CHOOSE, problems, "milestone or action")
    target = _date(form, "target-date", problems, "The target date")
    status = _choice(form, "status", ITEM_STATUSES, problems, "how it is going")
    note = _text(form, "note", problems, NOTE_MAX, "the note")
    problems.raise_any()
    return replace(item, title=title, kind=kind, target_date=target, status=status, note=note)


def read_new_item(form: _Form) -> PlanItem:
    """The add page: a new milestone or action, with a target date if the person has one."""
    problems = FormProblems()
    title = _text(form, "title", problems, TITLE_MAX, "what to do", required=True)
    kind = _choice(form, "kind", ITEM_KINDS_TO_CHOOSE, problems, "milestone or action")
    target = _date(form, "target-date", problems, "The target date")
    problems.raise_any()
    return PlanItem(kind, title, target)


def read_review(form: _Form) -> Review:
    """A review date and what kind of review it is."""
    problems = FormProblems()
    day = _date(form, "review-date", problems, "The review date", required=True)
    kind = _choice(form, "kind", REVIEW_KINDS, problems, "a kind of review")
    problems.raise_any()
    assert day is not None
    return Review(day, kind)


def read_support(form: _Form) -> str:
    """The support the person needs, in their words."""
    problems = FormProblems()
    support = _text(form, "support", problems, SUPPORT_MAX, "the support you need")
    problems.raise_any()
    return support


@dataclass(frozen=True)
class SideAgreement:
    """One side agreeing: which side, the role they name, and the day."""

    side: str
    agreed_as: str
    on: date


def read_agreement(form: _Form, today: date, made_on: date, other_as: dict[str, str]):
    """Which side is agreeing, the role they name and the day (never after today).

    ``other_as`` holds the role each side named before: the other side may not
    name the same one, so one person cannot quietly agree for both.
    """
    problems = FormProblems()
    side = _choice(form, "side", SIDES, problems, "who is agreeing")
    agreed_as = _text(form, "agreed-as", problems, AGREED_AS_MAX, "your role", required=True)
    other = {"employee": "manager", "manager": "employee"}.get(side)
    named = other_as.get(other or "", "")
    if same_role(agreed_as, named):
        problems.add(
            "agreed-as",
            f"The {SIDES[other].lower()} agreed as {named}. Each person names their own role.",
        )
    on = _date(form, "agreed-on", problems, "The date you agreed", required=True)
    if on and on > today:
        problems.add("agreed-on-day", "The date you agreed must be today or in the past")
    elif on and on < made_on:
        problems.add(
            "agreed-on-day",
            f"The date you agreed must be on or after {long_date(made_on)}, when the plan was made",
        )
    problems.raise_any()
    assert on is not None
    return SideAgreement(side, agreed_as, on)


@dataclass(frozen=True)
class ShareChoice:
    """A new view-only link: who it is for (a label from the list) and when it stops."""

    label: str
    until: datetime


def share_until(choice: str, now: datetime, review: date | None) -> datetime | None:
    """When a link chosen to work ``choice`` ("review" or a number of days) stops working.

    "review" is the end of the day a week after the next review, never more than a year away.

    >>> from datetime import UTC
    >>> now = datetime(2026, 12, 3, 10, tzinfo=UTC)
    >>> share_until("review", now, date(2027, 3, 4)).isoformat()
    '2027-03-12T00:00:00+00:00'
    >>> share_until("365", now, None).date(), share_until("review", now, None)
    (datetime.date(2027, 12, 3), None)
    """
    longest = now + timedelta(days=SHARE_MAX_DAYS)
    if choice == "review":
        if review is None:
            return None
        after = review + timedelta(days=SHARE_PAST_REVIEW_DAYS + 1)
        return min(datetime.combine(after, time(0), tzinfo=now.tzinfo), longest)
    days = whole_number(choice, 3)
    return now + timedelta(days=days) if days in SHARE_DAYS else None


def read_share(form: _Form, now: datetime, review: date | None) -> ShareChoice:
    """Who a new view-only link is for and how long it works (until the next review if set)."""
    problems = FormProblems()
    label = _choice(form, "label", SHARE_LABELS, problems, "who the link is for")
    until = share_until(form.get("days") or ("review" if review else "90"), now, review)
    if until is None:
        problems.add("days", "Choose how long the link works")
    problems.raise_any()
    assert until is not None
    return ShareChoice(label, until)


def read_record_review(form: _Form, today: date) -> tuple[date, str, Review | None]:
    """A review recorded: the day it happened, a short note, and the next review if set."""
    problems = FormProblems()
    done_on = _date(form, "done-on", problems, "The date of the review", required=True)
    if done_on and done_on > today:
        problems.add("done-on-day", "The date of the review must be today or in the past")
    note = _text(form, "note", problems, NOTE_MAX, "the note")
    next_day = _date(form, "next-date", problems, "The date of the next review")
    following = None
    if next_day is not None:
        if next_day <= (done_on or today):
            problems.add("next-date-day", "The next review must be after this one")
        kind = _choice(form, "next-kind", REVIEW_KINDS, problems, "a kind of review")
        following = Review(next_day, kind)
    problems.raise_any()
    assert done_on is not None
    return done_on, note, following


def read_move(form: _Form, today: date, first: date) -> int:
    """How many days later the steps not done yet move: to the new date of the first of them."""
    problems = FormProblems()
    new_first = _date(form, "first-date", problems, "The new date", required=True)
    if new_first and new_first < today:
        problems.add("first-date-day", "The new date must be today or later")
    problems.raise_any()
    assert new_first is not None
    return (new_first - first).days
