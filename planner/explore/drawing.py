"""A route drawn over time, for the server-drawn SVG on the route page.

Pure geometry: time runs left to right in years from today (with the calendar year
under each mark); the rows are the bands, highest at the top, and "No job yet" at
the bottom for someone not in a job. A line climbs the bands as each new job
starts; courses and apprenticeships are bars in a "Learning" lane under the bands.
The drawing's text alternative (``description``) says the same in words. The
template only draws what this returns. No Flask here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from planner.explore.timeline import Span, spans, years_words
from planner.pathways.model import BAND_ORDER, Catalogue, Role, Route, band_rank
from planner.wording import weeks_in_words

__all__ = ["RouteMap", "draw_route"]

WIDTH = 320
#: The column for the row names ("Band 7", "No job yet", "Learning").
LEFT = 80
RIGHT = 16
TOP = 8
ROW = 26
LANE = 12
#: Room under the plot for the years, the calendar years and the axis name.
AXIS = 52
#: At most this many spaces between marks on the time axis (over 40 units apart at 320 wide,
#: so the calendar years under them never touch).
MARKS = 5
_NOW = "now"
_LEARNING = ("course", "apprenticeship")


@dataclass(frozen=True)
class Row:
    y: float
    label: str


@dataclass(frozen=True)
class Tick:
    x: float
    years: str
    calendar: str


@dataclass(frozen=True)
class Bar:
    """A course or apprenticeship in the learning lane: from ``x`` for ``width``."""

    x: float
    y: float
    width: float
    kind: str


@dataclass(frozen=True)
class Dot:
    """A new job starting: where on the drawing, and whether it is the job wanted."""

    x: float
    y: float
    goal: bool


@dataclass(frozen=True)
class RouteMap:
    width: int
    height: int
    left: float
    right: float
    rows: tuple[Row, ...]
    ticks: tuple[Tick, ...]
    axis_y: float
    path: str
    start: tuple[float, float]
    dots: tuple[Dot, ...]
    bars: tuple[Bar, ...]
    lane_y: float | None
    #: From the least time to the time most people take, on the row of the job wanted.
    range: tuple[float, float, float] | None
    description: str


def _bands(route: Route, catalogue: Catalogue, start_band: str) -> list[str]:
    """Every band from the lowest to the highest on the route, top first (band 1 is closed)."""
    used = {catalogue.role(s.id).band for s in route.steps if s.kind == "role"}
    if start_band != _NOW:
        used.add(start_band)
    ranked = sorted(used, key=band_rank)
    if not ranked:
        return []
    low, high = band_rank(ranked[0]), band_rank(ranked[-1])
    return [b for b in BAND_ORDER[low : high + 1] if b != "1"][::-1]


def _scale(total: int) -> tuple[int, int]:
    """Whole years shown, and years between marks (1, 2, 3, 5 or 10, so marks never crowd).

    >>> _scale(30), _scale(300), _scale(577), _scale(700)
    ((1, 1), (6, 2), (12, 3), (14, 3))
    """
    years = max(1, math.ceil(total / 52))
    return years, next(s for s in (1, 2, 3, 5, 10, 20) if years / s <= MARKS)


def _lanes(items: list[Span]) -> list[int]:
    """A lane for each bar, so bars that overlap in time sit one above the other."""
    ends: list[int] = []
    out = []
    for span in items:
        lane = next((i for i, end in enumerate(ends) if end <= span.begin), len(ends))
        if lane == len(ends):
            ends.append(span.end)
        else:
            ends[lane] = span.end
        out.append(lane)
    return out


def draw_route(
    route: Route, catalogue: Catalogue, current_role: str | None, today: date, before: int = 0
) -> RouteMap:
    """Lay a route out over time and up the bands, from today.

    ``before`` is the weeks from today to the route's first day (for someone in prison, the
    rest of the route after what is done inside): the line stays where the person is until
    then, and every date still counts from today.

    >>> from planner.pathways.testing import tiny_catalogue
    >>> from planner.pathways.model import Route, Step
    >>> steps = (Step("course", "fs-maths-2", "Maths", 10, ()),
    ...          Step("role", "clerk", "Clerk", 8, (), starts_after_weeks=10))
    >>> m = draw_route(Route(18, (), steps, 14), tiny_catalogue(), None, date(2026, 12, 1))
    >>> [r.label for r in m.rows], [t.calendar for t in m.ticks], len(m.bars)
    (['Band 3', 'No job yet'], ['2026', '2027'], 1)
    >>> m.description.splitlines()[0]
    'Now: no NHS job yet.'
    """
    start_role = catalogue.find_role(current_role)
    start_band = start_role.band if start_role else _NOW
    bands = _bands(route, catalogue, start_band)
    labels = [(b, f"Band {b}") for b in bands]
    if start_band == _NOW:
        labels.append((_NOW, "No job yet"))
    y_of = {band: TOP + ROW * (i + 0.5) for i, (band, _) in enumerate(labels)}
    timing = [Span(span.begin + before, span.end + before) for span in spans(route, catalogue)]

    years, step = _scale(route.total_weeks + before)
    right = WIDTH - RIGHT

    def x(weeks: int) -> float:
        return round(LEFT + (right - LEFT) * weeks / (years * 52), 1)

    learning = [
        (s, span) for s, span in zip(route.steps, timing, strict=True) if s.kind in _LEARNING
    ]
    lanes = _lanes([span for _, span in learning])
    lane_top = TOP + ROW * len(labels) + 8
    bars = tuple(
        Bar(x(span.begin), lane_top + LANE * lane, max(3.0, x(span.end) - x(span.begin)), s.kind)
        for (s, span), lane in zip(learning, lanes, strict=True)
    )
    plot_bottom = lane_top + (LANE * (max(lanes) + 1) if lanes else 0)

    path = f"M {x(0)} {y_of[start_band]}"
    dots = []
    last = len(route.steps) - 1
    for n, (s, span) in enumerate(zip(route.steps, timing, strict=True)):
        if s.kind != "role":
            continue
        there = y_of[catalogue.role(s.id).band]
        path += f" H {x(span.end)} V {there}"
        dots.append(Dot(x(span.end), there, goal=n == last))
    least = route.total_weeks_min
    shown_range = None
    if least is not None and least < route.total_weeks and dots:
        shown_range = (x(least + before), x(route.total_weeks + before), dots[-1].y)

    axis_y = plot_bottom + 6
    ticks = tuple(
        Tick(x(n * 52), "Now" if n == 0 else str(n), str(today.year + n))
        for n in range(0, years + 1, step)
    )
    return RouteMap(
        width=WIDTH,
        height=int(axis_y + AXIS),
        left=LEFT,
        right=right,
        rows=tuple(Row(y_of[band], label) for band, label in labels),
        ticks=ticks,
        axis_y=axis_y,
        path=path,
        start=(x(0), y_of[start_band]),
        dots=tuple(dots),
        bars=bars,
        lane_y=lane_top + LANE / 2 if bars else None,
        range=shown_range,
        description=_describe(route, catalogue, start_role, timing, today),
    )


def _describe(
    route: Route, catalogue: Catalogue, start_role: Role | None, timing: list[Span], today: date
) -> str:
    """The drawing in words, one line per job and one for the learning."""
    if start_role is None:
        lines = ["Now: no NHS job yet."]
    else:
        lines = [f"Now: {start_role.title}, band {start_role.band}."]
    for step, span in zip(route.steps, timing, strict=True):
        if step.kind == "role":
            role = catalogue.role(step.id)
            when = years_words(span.end).capitalize()
            year = (today + timedelta(weeks=span.end)).year
            lines.append(f"{when} ({year}): {role.title}, band {role.band}.")
    learning = [
        f"{s.title} ({weeks_in_words(span.end - span.begin)})"
        for s, span in zip(route.steps, timing, strict=True)
        if s.kind in _LEARNING
    ]
    if learning:
        lines.append("Learning on the way: " + "; ".join(learning) + ".")
    return "\n".join(lines)
