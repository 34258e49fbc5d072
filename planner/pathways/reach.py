"""What could ever be reached, ignoring time: used to validate data and explain dead ends."""

from __future__ import annotations

from planner.pathways.index import NO_ROLE, Index, build_index
from planner.pathways.model import Catalogue

__all__ = ["obtainable", "unreachable_roles"]


def obtainable(index: Index, held: int, role: int | None = None) -> tuple[int, frozenset[int]]:
    """Every skill and role a person could get to from ``held`` (and ``role``), in any time.

    Bands are ignored here: this answers "is it possible at all?", not "how?".
    """
    held = index.close(held)
    # Not being in a paid role (for volunteering) is always possible when nothing is known.
    roles: set[int] = {NO_ROLE} if role is None else {role}
    changed = True
    while changed:
        changed = False
        for i, entry in enumerate(index.roles):
            if i not in roles and held & entry.requires == entry.requires:
                roles.add(i)
                changed = True
        for action in index.actions:
            if action.grants & ~held == 0 or held & action.requires != action.requires:
                continue
            if action.in_roles is not None and not (action.in_roles & roles):
                continue
            held = index.close(held | action.grants)
            changed = True
    return held, frozenset(roles)


def unreachable_roles(catalogue: Catalogue) -> dict[str, str]:
    """Roles that no route from nothing can reach, each with the skills nothing can give."""
    index = build_index(catalogue)
    held, roles = obtainable(index, 0)
    out = {}
    for i, entry in enumerate(index.roles):
        if i not in roles:
            missing = ", ".join(repr(s) for s in index.ids(entry.requires & ~held))
            out[entry.id] = f"nothing in the data gives {missing}"
    return out
