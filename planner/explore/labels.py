"""Words and numbers every explore page shows the same way: pay, kinds of step, the job list."""

from __future__ import annotations

from typing import Any

from planner.pathways.model import Catalogue, Role, band_rank
from planner.wording import pay_range

__all__ = ["DBS_NAMES", "KIND_LABELS", "pay_of", "role_choices", "roles_in_order"]

DBS_NAMES = {
    "basic": "Basic check",
    "standard": "Standard check",
    "enhanced": "Enhanced check",
    "enhanced-barred": "Enhanced check with barred lists",
}

KIND_LABELS = {
    "role": "Job",
    "course": "Course",
    "apprenticeship": "Apprenticeship",
    "experience": "Experience",
}


def pay_of(catalogue: Catalogue, role: Role) -> str:
    """A role's pay as people read it on a job advert."""
    band = catalogue.band(role.band)
    return pay_range(band.pay_entry, band.pay_top) if band else "Pay not known"


def roles_in_order(catalogue: Catalogue) -> list[Role]:
    """Families in the data's order, then lowest band first, then by title."""
    families = [f for f, _ in catalogue.families]
    return sorted(
        catalogue.roles,
        key=lambda r: (
            families.index(r.family) if r.family in families else 99,
            band_rank(r.band),
            r.title,
        ),
    )


def role_choices(catalogue: Catalogue, first: str) -> list[dict[str, Any]]:
    """Select options for a role: lowest band first within each family of jobs."""
    items = [{"value": "", "text": first}]
    items += [
        {"value": r.id, "text": f"{r.title} (band {r.band})"} for r in roles_in_order(catalogue)
    ]
    return items
