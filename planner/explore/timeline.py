"""When each step of a route happens, in weeks from today, and how long things take in words.

The engine gives each step the time it adds to the route (``weeks``), its own length
(``length``) and a start (``starts_after_weeks``). The route page, its drawing and
its summary all need the same calendar of the route, so it is worked out here once.
No Flask here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from planner.pathways.model import Catalogue, Route, Step
from planner.wording import weeks_in_words

__all__ = ["Span", "between_words", "month_year", "spans", "years_words"]


def between_words(low: int, high: int) -> str:
    """A range of time the way people say it.

    >>> between_words(156, 182)
    'about 3 to 3 and a half years'
    >>> between_words(8, 14), between_words(44, 52), between_words(52, 52)
    ('about 2 to 3 months', 'about 10 months to 1 year', 'about 1 year')
    >>> between_words(78, 104), between_words(0, 14)
    ('about 1 and a half to 2 years', 'about 3 months')
    """
    low, high = sorted((low, high))
    top = weeks_in_words(high)
    if low <= 0:
        return top
    bottom = weeks_in_words(low)
    if bottom == top:
        return top
    first, last = bottom.removeprefix("about ").split(), top.removeprefix("about ").split()
    if first[-1].rstrip("s") == last[-1].rstrip("s"):
        first = first[:-1]
    return f"about {' '.join(first)} to {' '.join(last)}"


def years_words(weeks: int) -> str:
    """How far from now, for the jobs on the way: "in about 2 years", or "now"."""
    return "now" if weeks <= 0 else "in " + weeks_in_words(weeks)


def month_year(today: date, weeks: int) -> str:
    """The month and year ``weeks`` from ``today``.

    >>> month_year(date(2026, 12, 1), 18)
    'April 2027'
    """
    return f"{today + timedelta(weeks=weeks):%B %Y}"


@dataclass(frozen=True)
class Span:
    """When a step happens, in weeks from today: it ``begin``s and is done at ``end``."""

    begin: int
    end: int


def _span(step: Step, post_rule: bool) -> Span:
    """Where the engine puts a step in time.

    A step that adds weeks ends when those weeks are over. A step that adds none ran
    alongside others: experience gained just by time in a job started its clock at
    ``starts_after_weeks``; time in post before moving up (which adds none when it was
    served already) is over by the step after it.
    """
    if step.weeks or post_rule:
        end = step.starts_after_weeks + step.weeks
        return Span(max(0, end - step.length), end)
    return Span(step.starts_after_weeks, step.starts_after_weeks + step.length)


def spans(route: Route, catalogue: Catalogue) -> list[Span]:
    """The begin and end of every step of ``route``, in weeks from today.

    >>> from planner.pathways.testing import tiny_catalogue
    >>> steps = (Step("course", "fs-maths-2", "Maths", 10, ()), Step("role", "clerk", "C", 8, (),
    ...     starts_after_weeks=10))
    >>> spans(Route(18, (), steps), tiny_catalogue())
    [Span(begin=0, end=10), Span(begin=10, end=18)]
    """
    rules = catalogue.by_id["time_in_post"]
    return [_span(step, step.kind == "experience" and step.id in rules) for step in route.steps]
