"""The dates the Act counts in, and the words the answers use for them.

The Act's periods "begin with" a day: a period of 12 months beginning with
3 March 2024 ends on 2 March 2025, so the first whole day after it is
3 March 2025. :func:`after_months` gives that first day.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, timedelta

__all__ = [
    "EARLIEST",
    "LATEST",
    "LONGEST_MONTHS",
    "NEVER",
    "after_months",
    "age_words",
    "cite",
    "day_words",
    "is_typing_mistake",
    "months_words",
]

#: Dates outside this range are treated as typing mistakes, never as answers.
EARLIEST = date(1900, 1, 1)
LATEST = date(2200, 12, 31)
#: Stand-in for "no end" while working out periods: later than any real date.
NEVER = date.max
#: A sentence or order longer than this (100 years) is a typing mistake.
LONGEST_MONTHS = 1200

_MONTH_NAMES = tuple(calendar.month_name)


def after_months(start: date, months: int) -> date:
    """The first day after a period of ``months`` months beginning with ``start``.

    >>> after_months(date(2024, 3, 3), 12)
    datetime.date(2025, 3, 3)
    >>> after_months(date(2024, 1, 31), 1)  # no 31 February: the period ends on 29 February
    datetime.date(2024, 3, 1)
    """
    if months == 0:
        return start
    years, month0 = divmod(start.month - 1 + months, 12)
    year, month = start.year + years, month0 + 1
    last = calendar.monthrange(year, month)[1]
    if start.day <= last:
        return date(year, month, start.day)
    return date(year, month, last) + timedelta(days=1)


def day_words(d: date) -> str:
    """A date as people write it: ``3 March 2025``."""
    return f"{d.day} {_MONTH_NAMES[d.month]} {d.year}"


def months_words(months: int) -> str:
    """Months in words.

    >>> months_words(42)
    '3 years and 6 months'
    """
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year" + ("s" if years != 1 else ""))
    if rest or not years:
        parts.append(f"{rest} month" + ("s" if rest != 1 else ""))
    return " and ".join(parts)


def age_words(under_18: bool) -> str:
    """The age group a period depends on."""
    return "under 18 at the time" if under_18 else "18 or over at the time"


def cite(rule_label: str, sources: Sequence[str]) -> str:
    """The rule and its first source, for the end of an answer's text."""
    return f"Rule: {rule_label}. Source: {sources[0]}"


def is_typing_mistake(d: date | None) -> bool:
    """True for a date too far in the past or future to be real."""
    return d is not None and not (EARLIEST <= d <= LATEST)
