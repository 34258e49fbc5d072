"""Words and numbers every explore page shows the same way: pay, the DBS check, kinds of step,
the job list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planner.pathways.model import Catalogue, Role, band_rank
from planner.wording import pay_range

__all__ = [
    "KIND_LABELS",
    "DbsWords",
    "band_pay",
    "dbs_words",
    "pay_of",
    "role_choices",
    "roles_in_order",
]

#: Each DBS level as it sits in a sentence: the words before "DBS check" and after it.
_DBS_PHRASES = {
    "basic": ("a basic", ""),
    "standard": ("a standard", ""),
    "enhanced": ("an enhanced", ""),
    "enhanced-barred": ("an enhanced", " with barred lists"),
}


@dataclass(frozen=True)
class DbsWords:
    """The usual DBS check for a job in plain sentences.

    A page writes ``before`` + "DBS check" (linked to its explanation) + ``after``;
    ``short`` is the same without the link, and ``shows`` says what it shows.
    """

    before: str
    after: str
    shows: str

    @property
    def short(self) -> str:
        return f"{self.before} DBS check{self.after}"


def dbs_words(role: Role) -> DbsWords:
    """The usual DBS check for ``role``, with what it shows as the data words it.

    >>> from planner.pathways.testing import tiny_catalogue
    >>> words = dbs_words(tiny_catalogue().role("clerk"))
    >>> words.short, words.shows
    ('a basic DBS check', 'It shows unspent convictions only.')
    """
    before, after = _DBS_PHRASES.get(role.dbs.level, ("a", ""))
    shows = role.dbs.explanation.strip().removeprefix("Shows ")
    # The data words it as a table cell ("Spent and unspent convictions ..."): make it a sentence.
    if shows[:1].isupper() and not shows[1:2].isupper():
        shows = shows[0].lower() + shows[1:]
    return DbsWords(before, after, f"It shows {shows}" if shows else "")


KIND_LABELS = {
    "role": "Job",
    "course": "Course",
    "apprenticeship": "Apprenticeship",
    "experience": "Experience",
}


def band_pay(catalogue: Catalogue, band_id: str) -> str:
    """A band's full-time pay as people read it on a job advert."""
    band = catalogue.band(band_id)
    return pay_range(band.pay_entry, band.pay_top) if band else "Pay not known"


def pay_of(catalogue: Catalogue, role: Role) -> str:
    """A role's pay as people read it on a job advert."""
    return band_pay(catalogue, role.band)


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
