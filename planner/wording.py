"""Numbers and dates in plain words, the way a person would say them."""

from __future__ import annotations

from datetime import date

__all__ = ["long_date", "money", "pay_range", "weeks_in_words"]


def weeks_in_words(weeks: int) -> str:
    """How long something takes, rounded the way people talk, and never far from the dates.

    Weeks up to 2 months, then months; from 2 years, half years. Between 1 and 2 years a
    whole or half year is said as one, and anything else in months: 15 months is not
    "about 1 year" when the plan says March 2028 from December 2026.

    >>> [weeks_in_words(w) for w in (0, 1, 3, 10, 13)]
    ['no extra time', 'about 1 week', 'about 3 weeks', 'about 2 months', 'about 3 months']
    >>> [weeks_in_words(w) for w in (52, 65, 78, 91, 104, 117)]  # doctest: +NORMALIZE_WHITESPACE
    ['about 1 year', 'about 15 months', 'about 1 and a half years', 'about 21 months',
     'about 2 years', 'about 2 and a half years']
    """
    if weeks <= 0:
        return "no extra time"
    if weeks < 8:
        return f"about {weeks} week" + ("s" if weeks != 1 else "")
    months = int(weeks * 12 / 52 + 0.5)
    if months < 12 or (months < 24 and months not in (12, 18)):
        return f"about {months} months"
    halves = int(weeks * 2 / 52 + 0.5)
    years, half = divmod(halves, 2)
    if half:
        return f"about {years} and a half years"
    return f"about {years} year" + ("s" if years != 1 else "")


def money(amount: int) -> str:
    """Pounds with commas.

    >>> money(25272)
    '£25,272'
    """
    return f"£{amount:,}"


def pay_range(entry: int | None, top: int | None) -> str:
    """A band's pay as people read it on a job advert.

    >>> pay_range(25760, 27476)
    '£25,760 to £27,476 a year'
    >>> pay_range(25272, 25272)
    '£25,272 a year'
    """
    if entry is None:
        return "Pay not known"
    if top is None or top == entry:
        return f"{money(entry)} a year"
    return f"{money(entry)} to {money(top)} a year"


def long_date(day: date) -> str:
    """A date as the NHS writes it.

    >>> long_date(date(2027, 7, 1))
    '1 July 2027'
    """
    return f"{day.day} {day:%B %Y}"
