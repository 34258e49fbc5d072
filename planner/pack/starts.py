"""Where a person inside prison may be starting from: the short list on each job page.

The list is data (``content/pack.json``): no work yet, and each kind of work inside, each
with and without Level 2 English and maths. Each starting point is a set of answers the
route page takes, so its routes come from the same reader and the same search as the app's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from werkzeug.datastructures import MultiDict

from planner.help.content import load_content
from planner.pathways.model import Catalogue

__all__ = ["StartingPoint", "StartsError", "pack_words", "starting_points"]


class StartsError(ValueError):
    """The pack's starting points name a skill the data does not have."""


@dataclass(frozen=True)
class StartingPoint:
    """One starting point: its id (part of file names), its words and its answers."""

    id: str
    label: str
    status: str
    have: tuple[str, ...]
    #: For someone in prison: the month and year they expect to be released.
    release: tuple[int, int] | None = None

    def args(self, to: str) -> MultiDict[str, str]:
        """The route page's query for the route from here to the job ``to``."""
        pairs = [("status", self.status), *(("have", h) for h in self.have), ("to", to)]
        if self.release:
            pairs += [
                ("release_month", str(self.release[0])),
                ("release_year", str(self.release[1])),
            ]
        return MultiDict(pairs)

    @property
    def key(self) -> tuple:
        """What tells this starting point's answers apart from every other's."""
        return answers_key(self.status, self.have, self.release)


def answers_key(status: str | None, have: Any, release: tuple[int, int] | None) -> tuple:
    """Answers as the pack tells starting points apart (the order of ticks does not matter)."""
    return status, tuple(sorted(have or ())), release


def _months_on(day: date, months: int) -> tuple[int, int]:
    """The month and year ``months`` after ``day``'s month.

    >>> _months_on(date(2026, 12, 1), 6)
    (6, 2027)
    """
    index = day.year * 12 + day.month - 1 + months
    return index % 12 + 1, index // 12


def pack_words() -> dict[str, Any]:
    """The pack's own words and starting points (``content/pack.json``)."""
    return load_content("pack")


def starting_points(catalogue: Catalogue, made_on: date) -> list[StartingPoint]:
    """Every starting point, in the order the job page lists them. Release months count
    from ``made_on``, the day the pack is made.

    >>> from planner.catalogue import load_catalogue
    >>> [s.id for s in starting_points(load_catalogue(), date(2026, 12, 1))][:2]
    ['no-work', 'no-work-english-maths']
    """
    words = pack_words()
    status = words["status"]
    both = words["english_and_maths"]
    kinds = [{**words["no_work"], "have": []}, *words["work_inside"]]
    found = []
    for kind in kinds:
        have = tuple(kind["have"])
        found.append(StartingPoint(kind["id"], kind["label"], status, have))
        found.append(
            StartingPoint(
                f"{kind['id']}-{both['id']}",
                f"{kind['label']}, {both['with']}",
                status,
                have + tuple(both["have"]),
            )
        )
    for inside in words["in_prison"]:
        found.append(
            StartingPoint(
                inside["id"],
                inside["label"],
                inside["status"],
                (),
                _months_on(made_on, inside["release_in_months"]),
            )
        )
    known = {s.id for s in catalogue.skills}
    unknown = sorted({h for s in found for h in s.have} - known)
    if unknown:
        raise StartsError(
            "content/pack.json names skills the data does not have: " + ", ".join(unknown)
        )
    return found
