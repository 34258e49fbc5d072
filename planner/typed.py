"""Whole numbers and day/month/year dates as people type them into boxes, read without raising.

The spent-date checker and the plan pages both read numbers and dates from
text boxes, so they read them here, in one way. Plain ``int`` and ``date`` are
not safe on what people type: ``int`` takes digits from other scripts ("٣"),
spaces and underscores; ``str.isdigit`` is true for "²", which ``int``
refuses; and ``date`` raises ``OverflowError``, not ``ValueError``, for a
number too big for C (10 digits or more), which was a 500.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["date_from_boxes", "iso_day", "whole_number"]

_DIGITS = re.compile("[0-9]+")


def whole_number(text: str | None, most_digits: int) -> int | None:
    """A whole number written with the digits 0 to 9 only and at most ``most_digits`` of them.

    Anything else (nothing, a sign, a space, "²", "٣", too many digits) is ``None``.

    >>> whole_number("12", 2), whole_number("²", 2), whole_number("123", 2), whole_number("1_0", 3)
    (12, None, None, None)
    >>> whole_number(None, 2), whole_number("-1", 2), whole_number("٣", 2)
    (None, None, None)
    """
    if not text or len(text) > most_digits or not _DIGITS.fullmatch(text):
        return None
    return int(text)


def date_from_boxes(day: str, month: str, year: str) -> date | None:
    """The date the day, month and year boxes make, or ``None`` if they make no real date.

    >>> date_from_boxes("27", "3", "2027"), date_from_boxes("31", "2", "2027")
    (datetime.date(2027, 3, 27), None)
    >>> date_from_boxes("1", "1", "2147483648"), date_from_boxes("1", "1", "0")
    (None, None)
    """
    d, m, y = whole_number(day, 2), whole_number(month, 2), whole_number(year, 4)
    if d is None or m is None or y is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:  # 31 February, month 13, year 0
        return None


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_day(text: str) -> date | None:
    """A day written YYYY-MM-DD, and only so (Python's own reader also takes ``20261201``
    and ``2026-W49-4``); ``None`` for anything else.

    >>> iso_day("2026-12-01"), iso_day("20261201"), iso_day("2026-W49-4"), iso_day("2026-02-30")
    (datetime.date(2026, 12, 1), None, None, None)
    """
    if not _ISO_DAY.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
