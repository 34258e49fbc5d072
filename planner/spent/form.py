"""Reading the spent-date form: what was typed, what it means, and what is wrong with it.

The form arrives as a mapping of field names to strings (Flask's
``request.form``). Each conviction or caution is one entry, ``c1-...`` to
``c3-...``. Every value is read at most once, cut to :data:`MAX_VALUE`
characters, and kept only to fill the form in again; nothing here logs or
stores it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from planner.spent.dates import LONGEST_MONTHS
from planner.spent.records import Conviction, FilterAnswers
from planner.spent.rules import Rules

__all__ = [
    "ENTRIES",
    "MAX_VALUE",
    "NOT_SURE",
    "YES_NO",
    "YES_NO_NOT_SURE",
    "Entry",
    "read_entry",
    "text_field",
]

#: How many convictions or cautions the form takes.
ENTRIES = 3
#: The choice for "I do not know which outcome it was": the rules then say "we cannot tell".
NOT_SURE = "not_sure"
YES_NO = {"yes": "Yes", "no": "No"}
YES_NO_NOT_SURE = {"yes": "Yes", "no": "No", "not-sure": "I am not sure"}
#: Longer values than this are never read (they are typing mistakes or attacks).
MAX_VALUE = 40
#: The radio questions whose answers only refine the result (none is required).
QUESTIONS = ("specified_offence", "custodial")


@dataclass
class Entry:
    """One conviction or caution as typed, and as read."""

    n: int
    values: dict[str, str] = field(default_factory=dict)
    conviction: Conviction | None = None
    answers: FilterAnswers | None = None


def text_field(form: Mapping[str, Any], name: str) -> str:
    """One value from the form, trimmed and cut short; anything that is not text is empty."""
    value = form.get(name, "")
    return value.strip()[:MAX_VALUE] if isinstance(value, str) else ""


_DIGITS = re.compile("[0-9]+")


def whole_number(text: str, most_digits: int) -> int | None:
    """A whole number written with the digits 0 to 9 only, or ``None``.

    ``str.isdigit`` is true for "²" and "①", which ``int`` refuses, and ``int``
    takes digits from other scripts, spaces and underscores; so only plain digits
    are read, and never so many that a date cannot hold them.

    >>> whole_number("12", 2), whole_number("²", 2), whole_number("123", 2), whole_number("1_0", 3)
    (12, None, None, None)
    """
    if len(text) > most_digits or not _DIGITS.fullmatch(text):
        return None
    return int(text)


def read_date(
    form: Mapping[str, Any], prefix: str
) -> tuple[dict[str, str], date | None, str | None]:
    """A day/month/year date: (typed values, the date or None, a problem or None)."""
    parts = {k: text_field(form, f"{prefix}-{k}") for k in ("day", "month", "year")}
    if not any(parts.values()):
        return parts, None, None
    if not all(parts.values()):
        return parts, None, "must have a day, a month and a year"
    day, month = whole_number(parts["day"], 2), whole_number(parts["month"], 2)
    year = whole_number(parts["year"], 4)
    try:
        if day is None or month is None or year is None or not 1900 <= year <= 2200:
            raise ValueError
        return parts, date(year, month, day), None
    except ValueError:
        return parts, None, "must be a real date, like 27 3 2024"


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


@dataclass
class _Typed:
    """An entry's typed values with its two dates read."""

    values: dict[str, str]
    convicted_on: date | None
    date_problem: str | None
    ends_on: date | None
    end_problem: str | None


def _typed(form: Mapping[str, Any], p: str) -> _Typed:
    values = {
        name: text_field(form, f"{p}-{name}")
        for name in ("outcome", "length", "under18", *QUESTIONS)
    }
    when, convicted_on, date_problem = read_date(form, f"{p}-date")
    end, ends_on, end_problem = read_date(form, f"{p}-end")
    values.update({f"date-{k}": x for k, x in when.items()})
    values.update({f"end-{k}": x for k, x in end.items()})
    return _Typed(values, convicted_on, date_problem, ends_on, end_problem)


def _date_errors(t: _Typed, p: str, which: str, today: date, errors: dict[str, str]) -> None:
    if t.date_problem:
        errors[f"{p}-date-day"] = f"The date{which} {t.date_problem}"
    elif t.convicted_on is None:
        errors[f"{p}-date-day"] = f"Enter the date of the conviction or caution{which}"
    elif t.convicted_on > today:
        errors[f"{p}-date-day"] = f"The date{which} must be today or in the past"
    if t.end_problem:
        errors[f"{p}-end-day"] = f"The end date{which} {t.end_problem}"
    elif t.ends_on and t.convicted_on and t.ends_on < t.convicted_on:
        errors[f"{p}-end-day"] = f"The end date{which} must be after the date of the conviction"


def _read_length(v: dict[str, str], p: str, which: str, errors: dict[str, str]) -> int | None:
    if not v["length"]:
        return None
    length = whole_number(v["length"], 4)
    if length is None or not 1 <= length <= LONGEST_MONTHS:
        errors[f"{p}-length"] = f"The length{which} must be a whole number of months, like 6"
        return None
    return length


def _outcome_error(v: dict[str, str], p: str, which: str, rules: Rules, errors) -> None:
    """An unknown outcome is cleared (so the form shows none chosen) and reported."""
    if v["outcome"] not in rules.outcomes and v["outcome"] != NOT_SURE:
        v["outcome"] = ""
        errors[f"{p}-outcome"] = f"Choose what the court or police gave you{which}"


def _answer_errors(v: dict[str, str], p: str, which: str, errors) -> None:
    """Unknown yes/no answers are cleared; only the age question must be answered."""
    if v["under18"] not in YES_NO:
        v["under18"] = ""
        errors[f"{p}-under18"] = f"Say if you were under 18 at the time{which}"
    for name in QUESTIONS:
        if v[name] not in YES_NO_NOT_SURE:
            v[name] = ""


def read_entry(
    form: Mapping[str, Any], n: int, today: date, rules: Rules, errors: dict[str, str]
) -> Entry:
    """Read entry ``n``; problems go into ``errors`` keyed by the field to fix."""
    p = f"c{n}"
    t = _typed(form, p)
    entry = Entry(n, t.values)
    v = entry.values
    typed = any(x for k, x in v.items() if k not in ("specified_offence", "custodial"))
    if n > 1 and not typed:
        return entry  # an empty extra entry is fine
    which = "" if n == 1 else f" for entry {n}"
    _outcome_error(v, p, which, rules, errors)
    _date_errors(t, p, which, today, errors)
    length = _read_length(v, p, which, errors)
    _answer_errors(v, p, which, errors)
    if any(key.startswith(f"{p}-") for key in errors):
        return entry
    assert t.convicted_on is not None
    paid = v["outcome"] == "compensation_order"
    entry.conviction = Conviction(
        outcome=v["outcome"],
        convicted_on=t.convicted_on,
        under_18=v["under18"] == "yes",
        length_months=length,
        ends_on=None if paid else t.ends_on,
        paid_on=t.ends_on if paid else None,
    )
    entry.answers = FilterAnswers(
        specified_offence=_yes_no(v["specified_offence"]), custodial=_yes_no(v["custodial"])
    )
    return entry
