"""Where a person inside prison may be starting from: the short list on each job page.

The list is data (``content/pack.json``): no work yet, and each kind of work inside, each
with and without Level 2 English and maths. Each starting point is a set of answers the
route page takes, so its routes come from the same reader and the same search as the app's.
"""

from __future__ import annotations

from dataclasses import dataclass
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

    def args(self, to: str) -> MultiDict[str, str]:
        """The route page's query for the route from here to the job ``to``."""
        pairs = [("status", self.status), *(("have", h) for h in self.have), ("to", to)]
        return MultiDict(pairs)


def pack_words() -> dict[str, Any]:
    """The pack's own words and starting points (``content/pack.json``)."""
    return load_content("pack")


def starting_points(catalogue: Catalogue) -> list[StartingPoint]:
    """Every starting point, in the order the job page lists them.

    >>> from planner.catalogue import load_catalogue
    >>> [s.id for s in starting_points(load_catalogue())][:2]
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
    known = {s.id for s in catalogue.skills}
    unknown = sorted({h for s in found for h in s.have} - known)
    if unknown:
        raise StartsError(
            "content/pack.json names skills the data does not have: " + ", ".join(unknown)
        )
    return found
