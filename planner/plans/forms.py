"""Read and check what people type into a plan. No Flask: views pass ``request.form`` in.

Every problem is collected with the id of the field it belongs to, so the page
can show an error summary that links to each field. When there is any
problem, nothing is saved.

Free text is short and checked for words about the justice system: the plan
must never hold details of a conviction (see the privacy page, templates/help/privacy.html).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Protocol

from planner.plans.model import (
    ITEM_KINDS,
    ITEM_STATUSES,
    MAX_ITEMS,
    MAX_REVIEWS,
    NOTE_MAX,
    REVIEW_KINDS,
    SHARE_DAYS,
    SHARE_LABELS,
    SUPPORT_MAX,
    TITLE_MAX,
    Plan,
    PlanItem,
    Review,
)
from planner.plans.service import with_content

__all__ = [
    "FormProblems",
    "PlanEdit",
    "clean_text",
    "mentions_justice",
    "read_agreement",
    "read_day",
    "read_plan_edit",
    "read_share",
    "whole_number",
]

FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)

#: Words that point to a conviction or the justice system. A note with one is not saved.
_JUSTICE = re.compile(
    r"\b(convict\w*|offen[cs]es?|offender\w*|offending|criminal\w*|prison\w*|jail\w*|gaol"
    r"|probation\w*|parole\w*|custod\w*|sentenced|inmate\w*|licence conditions?|hmp)\b",
    re.IGNORECASE,
)


class _Form(Protocol):
    def get(self, key: str, default: str | None = None) -> str | None: ...


@dataclass
class FormProblems(Exception):
    """Problems keyed by field id, in page order."""

    errors: dict[str, str] = field(default_factory=dict)

    def add(self, field_id: str, message: str) -> None:
        self.errors.setdefault(field_id, message)


def clean_text(value: str | None) -> str:
    """Text as typed, with control characters gone and spaces tidied.

    >>> clean_text("  Ask about\\x00 the  course\\r\\n")
    'Ask about the course'
    """
    if not value:
        return ""
    value = unicodedata.normalize("NFC", value)
    value = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in value)
    return " ".join(value.split())


def whole_number(value: str | None) -> int | None:
    """A whole number written with the digits 0 to 9, or ``None``.

    ``str.isdigit`` alone is not enough: it accepts "¹" and "²", which ``int`` refuses.

    >>> whole_number("12"), whole_number("¹"), whole_number("-1"), whole_number(None)
    (12, None, None, None)
    """
    if not value or len(value) > 12 or not value.isascii() or not value.isdigit():
        return None
    return int(value)


def mentions_justice(text: str) -> bool:
    """True when text mentions convictions, offences, prison or probation.

    >>> mentions_justice("Ask my manager about the course"), mentions_justice("On probation")
    (False, True)
    """
    return bool(_JUSTICE.search(text))


def _text(
    form: _Form, name: str, problems: FormProblems, limit: int, label: str, required=False
) -> str:
    value = clean_text(form.get(name))
    if required and not value:
        problems.add(name, f"Enter {label}")
    elif len(value) > limit:
        problems.add(name, f"{label[0].upper()}{label[1:]} must be {limit} characters or fewer")
    elif mentions_justice(value):
        problems.add(
            name,
            f"Take out anything about convictions, courts, prison or probation from {label}. "
            "The plan must not include details of any conviction.",
        )
    return value[:limit]


def read_day(value: str | None) -> date | None:
    """A date from a date box (``2027-03-31``) or as people type it (``31/3/2027``).

    >>> read_day("2027-03-31"), read_day("31/3/2027"), read_day("")
    (datetime.date(2027, 3, 31), datetime.date(2027, 3, 31), None)
    """
    value = clean_text(value)
    if not value:
        return None
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    uk = re.fullmatch(r"(\d{1,2})[/. -](\d{1,2})[/. -](\d{4})", value)
    if iso:
        y, m, d = (int(p) for p in iso.groups())
    elif uk:
        d, m, y = (int(p) for p in uk.groups())
    else:
        raise ValueError(value)
    day = date(y, m, d)
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(value)
    return day


def _day(form: _Form, name: str, problems: FormProblems, label: str, required=False):
    try:
        day = read_day(form.get(name))
    except ValueError:
        problems.add(name, f"{label} must be a real date, for example 31/3/2027")
        return None
    if day is None and required:
        problems.add(name, f"Enter {label.lower()}")
    return day


def _choice(form: _Form, name: str, choices, problems: FormProblems, label: str, default=None):
    value = form.get(name) or default
    if value not in choices:
        problems.add(name, f"Choose {label}")
        return default
    return value


@dataclass(frozen=True)
class PlanEdit:
    """The plan as the edit form wants it, and what the person asked for."""

    plan: Plan
    action: str


def read_plan_edit(plan: Plan, form: _Form) -> PlanEdit:
    """Apply the edit form to a plan. Raises :class:`FormProblems`; never saves.

    ``action`` is ``save``, ``add-item``, ``remove-item-N``, ``add-review`` or
    ``remove-review-N``. Edits in the other boxes are kept whichever button was used.
    """
    problems = FormProblems()
    action = form.get("action") or "save"
    items: list[PlanItem] = []
    for n, item in enumerate(plan.items):
        p = f"item-{n}-"
        if form.get(p + "title") is None:  # a form from before an item was added elsewhere
            items.append(item)
            continue
        items.append(
            replace(
                item,
                title=_text(form, p + "title", problems, TITLE_MAX, "what to do", required=True),
                target_date=_day(form, p + "date", problems, "The target date"),
                status=_choice(
                    form, p + "status", ITEM_STATUSES, problems, "a status", item.status
                ),
                note=_text(form, p + "note", problems, NOTE_MAX, "the note"),
            )
        )
    reviews: list[Review] = []
    for n, review in enumerate(plan.reviews):
        p = f"review-{n}-"
        if form.get(p + "date") is None:
            reviews.append(review)
            continue
        day = _day(form, p + "date", problems, "The review date", required=True)
        kind = _choice(form, p + "kind", REVIEW_KINDS, problems, "a kind of review", review.kind)
        reviews.append(Review(day or review.day, kind))
    support = plan.support
    if form.get("support") is not None:
        support = _text(form, "support", problems, SUPPORT_MAX, "the support you need")

    if action.startswith("remove-item-"):
        index = _index(action, len(items))
        if index is not None and items[index].kind != "goal":
            items.pop(index)
    elif action.startswith("remove-review-"):
        index = _index(action, len(reviews))
        if index is not None:
            reviews.pop(index)
    new_title = clean_text(form.get("new-title"))
    if action == "add-item" or new_title:
        if len(items) >= MAX_ITEMS:
            problems.add("new-title", f"A plan can have up to {MAX_ITEMS} goals and actions")
        title = _text(form, "new-title", problems, TITLE_MAX, "what to do", required=True)
        kind = _choice(
            form, "new-kind", ITEM_KINDS, problems, "goal, milestone or action", "action"
        )
        day = _day(form, "new-date", problems, "The target date")
        items.append(PlanItem(kind or "action", title, day))
    if action == "add-review" or clean_text(form.get("new-review-date")):
        if len(reviews) >= MAX_REVIEWS:
            problems.add("new-review-date", f"A plan can have up to {MAX_REVIEWS} review dates")
        day = _day(form, "new-review-date", problems, "The review date", required=True)
        kind = _choice(
            form, "new-review-kind", REVIEW_KINDS, problems, "a kind of review", "check-in"
        )
        if day:
            reviews.append(Review(day, kind or "check-in"))
    if problems.errors:
        raise problems
    reviews.sort(key=lambda r: r.day)
    changed = with_content(plan, items=tuple(items), reviews=tuple(reviews), support=support)
    return PlanEdit(changed, action)


def _index(action: str, length: int) -> int | None:
    index = whole_number(action.rsplit("-", 1)[-1])
    return index if index is not None and index < length else None


def read_agreement(form: _Form, today: date) -> tuple[str, date]:
    """Who is agreeing (``employee`` or ``manager``) and on what day (today if left empty)."""
    problems = FormProblems()
    who = _choice(form, "who", ("employee", "manager"), problems, "who is agreeing")
    day = _day(form, "agreed-on", problems, "The date") or today
    if problems.errors:
        raise problems
    return who, day


def read_share(form: _Form) -> tuple[str, int]:
    """Who a new view-only link is for (a label from the list) and how many days it works."""
    problems = FormProblems()
    label = _choice(form, "label", SHARE_LABELS, problems, "who the link is for")
    days = whole_number(form.get("days") or str(SHARE_DAYS[0]))
    if days not in SHARE_DAYS:
        problems.add("days", "Choose how long the link works")
    if problems.errors:
        raise problems
    return label, days or SHARE_DAYS[0]
