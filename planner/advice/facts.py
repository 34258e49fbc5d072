"""The facts about one job that decide what a record changes on the way to it.

Each is read from the job's own data (its DBS level, barred lists, licences and what it
asks for), never from anything about the person: the planner says what a job asks and
leaves the person to check privately.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planner.explore.labels import dbs_words
from planner.pathways.model import Catalogue, Licence, LicenceNeed, Role, band_rank

__all__ = [
    "COMPUTER_SKILLS",
    "DRIVING_SKILL",
    "JobFacts",
    "declaration_form",
    "job_facts",
    "stays_open",
    "with_article",
]

#: The skill that stands for a driving licence.
DRIVING_SKILL = "driving-licence"
#: Skills that mean a job is done on a computer (a court order may limit computer use).
COMPUTER_SKILLS = frozenset(
    {"basic-ict-skills", "ms-office-experience", "nhs-computer-systems", "advanced-digital-skills"}
)

#: Declaration form A is for jobs exempt from the Rehabilitation of Offenders Act: those
#: with standard or enhanced checks. Form B is for jobs the Act covers (basic checks).
_FORM_A_LEVELS = frozenset({"standard", "enhanced", "enhanced-barred"})

_LIST_WORDS = {"adults": "adults'", "children": "children's"}


def declaration_form(dbs_level: str) -> str:
    """The NHS model declaration form a job's check level calls for.

    NHS Employers' model forms (Unlock's summary of the guidance): form A for jobs exempted
    from the Rehabilitation of Offenders Act, which is what a standard or enhanced check
    means; form B for jobs covered by the Act, which have a basic check.

    >>> [declaration_form(level) for level in ("basic", "standard", "enhanced-barred")]
    ['B', 'A', 'A']
    """
    return "A" if dbs_level in _FORM_A_LEVELS else "B"


def with_article(name: str) -> str:
    """'a' or 'an' before a name, by how it sounds (an SIA licence, a driving licence).

    >>> with_article("SIA security guard licence"), with_article("driving licence")
    ('an SIA security guard licence', 'a driving licence')
    """
    first = name.split()[0] if name else ""
    spelt = first.isupper() and len(first) > 1  # an acronym is said letter by letter
    vowel_sound = first[:1] in "AEFHILMNORSX" if spelt else first[:1].lower() in "aeiou"
    return f"{'an' if vowel_sound else 'a'} {name}"


@dataclass(frozen=True)
class JobFacts:
    """What a record can change for one job, as facts the words are filled from."""

    role: Role
    form: str
    check: str
    shows: str
    lists: tuple[str, ...]
    closes: str | None
    licence: Licence | None
    need: LicenceNeed | None
    driving: bool
    computer: bool
    qualifications: tuple[str, ...]

    @property
    def barred(self) -> bool:
        return bool(self.lists)

    @property
    def lists_words(self) -> str:
        """'adults'' or 'adults' or children's', as it sits before 'barred list'."""
        return " or ".join(_LIST_WORDS[name] for name in self.lists)


def job_facts(catalogue: Catalogue, role: Role) -> JobFacts:
    """The facts of one job, from its own data."""
    words = dbs_words(role)
    asks = set(role.requires) | set(role.desirable)
    need = role.licences[0] if role.licences else None
    return JobFacts(
        role=role,
        form=declaration_form(role.dbs.level),
        check=words.short,
        shows=words.shows,
        lists=role.barred.lists if role.barred else (),
        closes=role.barred.closes if role.barred else None,
        licence=catalogue.licence(need.licence) if need else None,
        need=need,
        driving=DRIVING_SKILL in asks,
        computer=bool(COMPUTER_SKILLS & asks),
        qualifications=tuple(
            catalogue.skill(s).name
            for s in role.requires
            if catalogue.skill(s).kind == "qualification" and s != DRIVING_SKILL
        ),
    )


def stays_open(catalogue: Catalogue, role: Role) -> list[Role]:
    """Jobs near this one that a barred list does not close: the same family and band, with
    no barred-list check (regulated activity is what a barred person must not do)."""
    if role.barred is None:
        return []
    return sorted(
        (
            other
            for other in catalogue.roles
            if other.id != role.id
            and other.family == role.family
            and band_rank(other.band) == band_rank(role.band)
            and other.barred is None
            and other.dbs.level != "enhanced-barred"
        ),
        key=lambda r: r.title,
    )


def issuer_short(issuer: str) -> str:
    """'the Security Industry Authority (SIA)' as 'the SIA'.

    >>> issuer_short("the Security Industry Authority (SIA)"), issuer_short("the DVLA")
    ('the SIA', 'the DVLA')
    """
    found = re.search(r"\(([^)]+)\)", issuer)
    return f"the {found.group(1)}" if found else issuer
