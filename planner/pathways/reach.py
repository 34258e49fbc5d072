"""What could ever be reached, ignoring time: used to check the data and explain dead ends."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from planner.pathways.index import NO_ROLE, Action, Index, build_index
from planner.pathways.model import Catalogue
from planner.pathways.rules import may_move, open_to

__all__ = ["closed_by", "obtainable", "reachable_roles", "unreachable_roles"]


def closed_by(action: Action, day: date | None) -> bool:
    """Has this learning stopped taking new starts by ``day``?"""
    learning = action.learning
    return bool(day and learning and learning.starts_until and day >= learning.starts_until)


def obtainable(
    index: Index,
    held: int,
    conditions: Collection[str] = (),
    roles: Collection[int] | None = None,
    on: date | None = None,
) -> int:
    """Every skill a person could hold from ``held``, in any time, working in ``roles``
    (every job when ``None``) or out of work; with ``on``, only learning that still takes
    new starts on or after that day."""
    places = None if roles is None else {NO_ROLE, *roles}
    held = index.close(held)
    changed = True
    while changed:
        changed = False
        for action in index.actions:
            if action.grants & ~held == 0 or held & action.requires != action.requires:
                continue
            if not open_to(action, conditions):
                continue
            if closed_by(action, on):
                continue
            if places is not None and action.where is not None and not (action.where & places):
                continue
            held = index.close(held | action.grants)
            changed = True
        for r, entry in enumerate(index.roles):
            usable = (places is None or r in places) and held & entry.requires == entry.requires
            if usable and entry.implies & ~held:
                held = index.close(held | entry.implies)
                changed = True
    return held


def reachable_roles(index: Index) -> set[int]:
    """Jobs someone starting with nothing could reach under the rules, in any time.

    A job is reachable when its requirements can be gained working in jobs already
    reachable, and a move into it from one of them (or from no job) is allowed.
    """
    found: set[int] = set()
    changed = True
    while changed:
        changed = False
        held = obtainable(index, 0, ("out-of-work",), found)
        for r, entry in enumerate(index.roles):
            if r in found or held & entry.requires != entry.requires:
                continue
            if any(may_move(index, a, r, r) for a in [NO_ROLE, *found]):
                found.add(r)
                changed = True
    return found


def unreachable_roles(catalogue: Catalogue) -> dict[str, str]:
    """Jobs that no route from nothing can reach, each with why (for the data checks)."""
    index = build_index(catalogue)
    found = reachable_roles(index)
    held = obtainable(index, 0, ("out-of-work",), found)
    out = {}
    for i, entry in enumerate(index.roles):
        if i in found:
            continue
        missing = index.ids(entry.requires & ~held)
        if missing:
            out[entry.id] = f"nothing in the data gives {', '.join(repr(s) for s in missing)}"
        else:
            out[entry.id] = "no job one band below it, in its family, leads to it"
    return out
