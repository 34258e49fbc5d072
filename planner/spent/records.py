"""What a person enters about a conviction or caution, and the answers the rules give.

These records carry no behaviour beyond small properties, so every module of the
package can share them without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.spent.rules import Link, Question

__all__ = [
    "Assessment",
    "Condition",
    "Conviction",
    "FilterAnswer",
    "FilterAnswers",
    "ShowsAnswer",
    "SpentAnswer",
]


@dataclass(frozen=True)
class Conviction:
    """The minimum the rules need about one conviction or caution.

    Parameters
    ----------
    outcome : str
        An outcome id from the rules file, such as ``"fine"``. Anything else
        (for example ``"not_sure"``) gives an undecided answer.
    convicted_on : date
        The date of the conviction (for a caution, the date it was given).
    under_18 : bool
        Whether the person was under 18 on that date.
    length_months : int, optional
        The length of a prison sentence or order, in months.
    ends_on : date, optional
        The last day of the sentence (including any time on licence) or order.
        Better than ``length_months`` when known.
    paid_on : date, optional
        For a compensation order: the day it was paid in full.
    """

    outcome: str
    convicted_on: date
    under_18: bool
    length_months: int | None = None
    ends_on: date | None = None
    paid_on: date | None = None


@dataclass(frozen=True)
class SpentAnswer:
    """When something becomes spent, or that it never does, or that we cannot tell.

    ``spent_on`` is the first whole day on which it is spent. When ``undecided``
    is true, ``reason`` says why and ``help`` points to Unlock; ``earliest_spent_on``
    and ``latest_spent_on`` give the range when one is known (a ``latest_spent_on``
    of ``None`` then means it might never be spent on what was entered).
    """

    spent_on: date | None
    never: bool
    undecided: bool
    rule_id: str
    rule_label: str
    sources: tuple[str, ...]
    text: str
    reason: str | None = None
    assumption: str | None = None
    caveats: tuple[str, ...] = ()
    earliest_spent_on: date | None = None
    latest_spent_on: date | None = None
    help: tuple[Link, ...] = ()

    @property
    def source(self) -> str:
        """The first source, for places with room for only one."""
        return self.sources[0]


@dataclass(frozen=True)
class FilterAnswers:
    """The person's own answers to the filtering questions (``None``: not answered)."""

    specified_offence: bool | None = None
    custodial: bool | None = None


@dataclass(frozen=True)
class Condition:
    """One condition of a filtering rule, as a question with the answer that allows filtering."""

    question: Question
    answer: bool | None
    needed: bool

    @property
    def met(self) -> bool | None:
        """Whether the condition holds; ``None`` while the question is unanswered."""
        return None if self.answer is None else self.answer == self.needed


@dataclass(frozen=True)
class FilterAnswer:
    """Whether a conviction or caution could be filtered from standard and enhanced checks.

    ``could_be_filtered`` is ``True`` (from ``filtered_from``), ``False`` (never), or
    ``None``. With ``None`` and ``undecided`` false, it depends on the unanswered
    ``questions``: if the answers allow it, it would be filtered from ``filtered_from``.
    With ``undecided`` true we cannot tell; it is not filtered before ``not_before``.
    """

    could_be_filtered: bool | None
    filtered_from: date | None
    undecided: bool
    rule_id: str
    sources: tuple[str, ...]
    text: str
    conditions: tuple[Condition, ...] = ()
    questions: tuple[Question, ...] = ()
    reason: str | None = None
    not_before: date | None = None
    help: tuple[Link, ...] = ()

    @property
    def source(self) -> str:
        """The first source."""
        return self.sources[0]


@dataclass(frozen=True)
class Assessment:
    """One conviction or caution, looked at alongside the others.

    ``own`` is the answer for it alone; ``spent`` applies the rules about more than
    one conviction. ``linked`` lists the other entries (positions from 0) that
    change, or may change, this one.
    """

    index: int
    conviction: Conviction
    own: SpentAnswer
    spent: SpentAnswer
    filtering: FilterAnswer
    spent_today: bool | None
    linked: tuple[int, ...] = ()


@dataclass(frozen=True)
class ShowsAnswer:
    """Whether a check at one level would show this on a date (``None``: cannot tell)."""

    shows: bool | None
    check_level: str
    text: str
    rule_id: str
    sources: tuple[str, ...]
    note: str | None = None
    questions: tuple[Question, ...] = ()
    help: tuple[Link, ...] = ()

    @property
    def source(self) -> str:
        """The first source."""
        return self.sources[0]
