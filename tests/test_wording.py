"""Durations in words agree with the dates they stand for."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from planner.wording import weeks_in_words

_WORDS = re.compile(r"about (\d+)( and a half)? (week|month|year)s?$")


def _months_said(words: str) -> float:
    number, half, unit = _WORDS.fullmatch(words).groups()
    amount = int(number) + (0.5 if half else 0)
    return {"week": amount * 12 / 52, "month": amount, "year": amount * 12}[unit]


@given(st.integers(min_value=1, max_value=520))
def test_a_duration_in_words_is_never_far_from_the_months_it_stands_for(weeks):
    months = weeks * 12 / 52
    said = _months_said(weeks_in_words(weeks))
    # Within half a month up to 2 years (15 months is not "about 1 year"), and then within
    # a quarter year, the most a half year's rounding can be off.
    assert abs(said - months) <= (0.6 if months < 23.5 else 3.1), weeks_in_words(weeks)
