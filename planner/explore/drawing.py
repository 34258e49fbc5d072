"""Where each step of a route sits on the band ladder, for the server-drawn SVG.

Pure geometry: columns are bands (plus "Now" for someone not in a job yet),
rows are steps in order. Courses and experience keep the band the person is
on; a new job moves them to its band. The template draws what this returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.pathways.model import BAND_ORDER, Catalogue, Route, band_rank

__all__ = ["RouteMap", "draw_route"]

WIDTH = 320
PAD = 16
HEADER = 34
ROW = 40
RADIUS = 12
_NOW = "now"


@dataclass(frozen=True)
class Column:
    x: float
    label: str


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    number: int
    kind: str
    title: str
    last: bool


@dataclass(frozen=True)
class RouteMap:
    width: int
    height: int
    columns: tuple[Column, ...]
    points: tuple[Point, ...]
    start: tuple[float, float]
    path: str


def _columns(bands: list[str], short: bool) -> list[tuple[str, str]]:
    out = []
    for band in bands:
        if band == _NOW:
            out.append((band, "Now"))
        else:
            out.append((band, band if short else f"Band {band}"))
    return out


def draw_route(route: Route, catalogue: Catalogue, current_role: str | None) -> RouteMap:
    """Lay a route out on the band ladder.

    >>> from planner.pathways.testing import tiny_catalogue
    >>> from planner.pathways.model import Route, Step
    >>> steps = (Step("course", "fs-maths-2", "Maths", 1, ()), Step("role", "clerk", "C", 8, ()))
    >>> r = Route(9, (), steps)
    >>> m = draw_route(r, tiny_catalogue(), None)
    >>> [c.label for c in m.columns], [p.number for p in m.points]
    (['Now', 'Band 3'], [1, 2])
    """
    start_band = catalogue.role(current_role).band if current_role else _NOW
    bands_used = {catalogue.role(s.id).band for s in route.steps if s.kind == "role"}
    if start_band != _NOW:
        bands_used.add(start_band)
    ranked = sorted(bands_used, key=band_rank)
    if ranked:
        low, high = band_rank(ranked[0]), band_rank(ranked[-1])
        ladder = [b for b in BAND_ORDER[low : high + 1] if b != "1"]
    else:
        ladder = []
    bands = ([_NOW] if start_band == _NOW else []) + ladder
    columns = _columns(bands, short=len(bands) > 5)
    span = (WIDTH - 2 * PAD) / max(len(columns), 1)
    x_of = {band: PAD + span * (i + 0.5) for i, (band, _) in enumerate(columns)}

    here = start_band
    start = (x_of[here], HEADER + ROW / 2)
    points = []
    for n, step in enumerate(route.steps, start=1):
        if step.kind == "role":
            here = catalogue.role(step.id).band
        points.append(
            Point(
                x=x_of[here],
                y=HEADER + ROW * (n + 0.5),
                number=n,
                kind=step.kind,
                title=step.title,
                last=n == len(route.steps),
            )
        )
    path = "M {:.1f} {:.1f}".format(*start) + "".join(f" L {p.x:.1f} {p.y:.1f}" for p in points)
    height = int(HEADER + ROW * (len(points) + 1) + 4)
    return RouteMap(
        width=WIDTH,
        height=height,
        columns=tuple(Column(x_of[band], label) for band, label in columns),
        points=tuple(points),
        start=start,
        path=path,
    )
