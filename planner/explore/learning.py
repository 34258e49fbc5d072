"""Every course, apprenticeship and way in, in one list: what each gives, what it needs first,
how long it takes, where to find it, and whether prisons teach it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planner.explore.role import Way, way_of
from planner.pathways.model import Catalogue, Skill

__all__ = ["LearningItem", "learning_context"]


@dataclass(frozen=True)
class LearningItem:
    way: Way
    gives: list[Skill]
    needs: list[Skill]


def learning_context(catalogue: Catalogue) -> dict[str, Any]:
    """The ways in, then courses, then apprenticeships, each lowest level first."""
    groups: dict[str, list[LearningItem]] = {"way-in": [], "course": [], "apprenticeship": []}
    for item in sorted(catalogue.learning, key=lambda i: (i.level, i.name)):
        group = "way-in" if item.way_in else item.kind
        groups.setdefault(group, []).append(
            LearningItem(
                way_of(item),
                [catalogue.skill(s) for s in item.grants],
                [catalogue.skill(s) for s in item.requires],
            )
        )
    return {
        "groups": [(group, items) for group, items in groups.items() if items],
        "inside": sum(1 for i in catalogue.learning if i.inside_prison),
    }
