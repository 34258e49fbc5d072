"""The rules file: its records, and reading and checking ``data/rehabilitation_rules.json``.

The Rehabilitation of Offenders Act 1974 (England and Wales, as changed on 28
October 2023) and the DBS filtering rules are kept as data: periods, their
effective dates and their sources. This module reads and checks that file;
:mod:`~planner.spent.periods`, :mod:`~planner.spent.filtering`,
:mod:`~planner.spent.combination` and :mod:`~planner.spent.shows` apply it.

Rules of the package:

* It never guesses. If what was entered is not enough, or the law is unclear for
  the case, the answer says it is undecided, says why, and points to the Unlock
  disclosure calculator and helpline.
* Every answer names its rule (``rule_id``) and its sources.
* It keeps nothing between calls, and never logs, prints or stores what it is given.
  It uses the standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from planner.spent.checking import Reader, read_json

__all__ = [
    "CHECK_LEVEL_IDS",
    "COMBINATION_RULE_IDS",
    "DEFAULT_RULES_PATH",
    "FILTER_RULE_IDS",
    "QUESTION_IDS",
    "CheckLevel",
    "Link",
    "Outcome",
    "Question",
    "Rule",
    "Rules",
    "RulesError",
    "load_rules",
    "parse_rules",
]

DEFAULT_RULES_PATH = Path(__file__).resolve().parents[2] / "data" / "rehabilitation_rules.json"

RUNS_FROM = frozenset({"sentence_end", "conviction", "order_end", "immediately", "paid"})
KINDS = frozenset({"conviction", "caution"})
COMBINATION_RULE_IDS = frozenset(
    {
        "same_conviction_longest",
        "drag_through",
        "later_never_spent",
        "summary_only_counts",
        "cautions_do_not_drag",
    }
)
FILTER_RULE_IDS = frozenset(
    {
        "filter_conviction",
        "filter_adult_caution",
        "filter_youth_caution",
        "unspent_always_shown",
        "each_conviction_on_its_own",
    }
)
QUESTION_IDS = frozenset({"specified_offence", "custodial"})
CHECK_LEVEL_IDS = frozenset({"basic", "standard", "enhanced", "enhanced_barred"})


class RulesError(ValueError):
    """The rules file is not valid; ``problems`` lists each one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("The rules file has problems:\n" + "\n".join(f"  {p}" for p in problems))


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Link:
    """A place to get help, with a plain-English name."""

    label: str
    url: str


@dataclass(frozen=True)
class Question:
    """A yes/no question the person answers for themselves."""

    id: str
    text: str
    help: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Rule:
    """A combination or filtering rule from the rules file."""

    id: str
    label: str
    text: str
    effective_from: date
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """One row of the rehabilitation table: a sentence or other outcome.

    ``adult`` and ``under_18`` are the extra months after the start point named by
    ``runs_from``; ``None`` means it is never spent. ``extends_others`` and
    ``can_be_extended`` say how the drag-through rule treats it (``None``: unclear).
    """

    id: str
    label: str
    hint: str | None
    kind: str
    custodial: bool
    length_over: int | None
    length_up_to: int | None
    adult: int | None
    under_18: int | None
    runs_from: str
    extends_others: bool | None
    can_be_extended: bool | None
    effective_from: date
    sources: tuple[str, ...]
    caveat: str | None = None
    extends_others_note: str | None = None

    def months(self, under_18: bool) -> int | None:
        """The extra months for this age group, or ``None`` if never spent."""
        return self.under_18 if under_18 else self.adult


@dataclass(frozen=True)
class CheckLevel:
    """A level of DBS certificate and what it shows."""

    id: str
    label: str
    shows: str
    note: str | None
    effective_from: date
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Rules:
    """Everything read from the rules file. Build it with :func:`load_rules`."""

    effective_from: date
    scheme_id: str
    scheme_label: str
    scheme_caveat: str | None
    scheme_sources: tuple[str, ...]
    calculator: Link
    helpline: Link
    outcomes: Mapping[str, Outcome]
    combination: Mapping[str, Rule]
    filtering: Mapping[str, Rule]
    filter_applies_from: date
    conviction_adult_months: int
    conviction_under_18_months: int
    adult_caution_months: int
    questions: Mapping[str, Question]
    check_levels: Mapping[str, CheckLevel]

    @property
    def help(self) -> tuple[Link, ...]:
        """The Unlock calculator and helpline, for every undecided answer."""
        return (self.calculator, self.helpline)


# --------------------------------------------------------------------------- loading


def load_rules(path: str | Path = DEFAULT_RULES_PATH) -> Rules:
    """Read and check the rules file.

    Parameters
    ----------
    path : str or Path
        The JSON rules file; by default ``data/rehabilitation_rules.json``.

    Returns
    -------
    Rules

    Raises
    ------
    RulesError
        If the file is missing, is not JSON, or breaks the expected shape.

    Examples
    --------
    >>> rules = load_rules()
    >>> rules.outcomes["fine"].adult, rules.outcomes["fine"].under_18
    (12, 6)
    >>> rules.effective_from
    datetime.date(2023, 10, 28)
    """
    raw, problems = read_json(path)
    if problems:
        raise RulesError(problems)
    return parse_rules(raw)


def _read_links(read: Reader, raw: Mapping[str, Any]) -> dict[str, Link]:
    help_ = read.get(raw, "help", "top", Mapping) or {}
    links = {}
    for key in ("calculator", "helpline"):
        obj = read.get(help_, key, "help", Mapping) or {}
        links[key] = Link(
            read.text(obj, "label", f"help.{key}"), read.text(obj, "url", f"help.{key}")
        )
    return links


def _read_outcome(read: Reader, obj: Any, where: str) -> Outcome:
    length = read.get(obj, "length_months", where, Mapping) or {}
    return Outcome(
        id=read.text(obj, "id", where),
        label=read.text(obj, "label", where),
        hint=read.get(obj, "hint", where, str, optional=True),
        kind=read.text(obj, "kind", where),
        custodial=bool(read.get(obj, "custodial", where, bool)),
        length_over=read.months(length, "over", f"{where}.length_months"),
        length_up_to=read.months(length, "up_to", f"{where}.length_months"),
        adult=read.months(obj, "adult", where),
        under_18=read.months(obj, "under_18", where),
        runs_from=read.text(obj, "runs_from", where),
        extends_others=read.get(obj, "extends_others", where, bool, optional=True),
        can_be_extended=read.get(obj, "can_be_extended", where, bool, optional=True),
        effective_from=read.iso(obj, "effective_from", where),
        sources=read.sources(obj, where),
        caveat=read.get(obj, "caveat", where, str, optional=True),
        extends_others_note=read.get(obj, "extends_others_note", where, str, optional=True),
    )


def _outcome_problems(outcome: Outcome, where: str) -> list[str]:
    problems = []
    if outcome.kind not in KINDS:
        problems.append(f"{where}.kind: must be one of {sorted(KINDS)}")
    if outcome.runs_from not in RUNS_FROM:
        problems.append(f"{where}.runs_from: must be one of {sorted(RUNS_FROM)}")
    if (outcome.adult is None) != (outcome.under_18 is None):
        problems.append(f"{where}: 'adult' and 'under_18' must both be null or both be months")
    elif (
        outcome.adult is not None
        and outcome.under_18 is not None
        and outcome.under_18 > outcome.adult
    ):
        problems.append(f"{where}: the under-18 period is longer than the adult one")
    return problems


def _read_outcomes(read: Reader, raw: Mapping[str, Any]) -> dict[str, Outcome]:
    outcomes: dict[str, Outcome] = {}
    for n, obj in enumerate(read.get(raw, "outcomes", "top", list) or []):
        where = f"outcomes[{n}]"
        outcome = _read_outcome(read, obj, where)
        read.problems.extend(_outcome_problems(outcome, where))
        if outcome.id in outcomes:
            read.problems.append(f"{where}.id: '{outcome.id}' is used twice")
        outcomes[outcome.id] = outcome
    return outcomes


def _read_rule(read: Reader, obj: Any, where: str) -> Rule:
    return Rule(
        id=read.text(obj, "id", where),
        label=read.text(obj, "label", where),
        text=read.text(obj, "text", where),
        effective_from=read.iso(obj, "effective_from", where),
        sources=read.sources(obj, where),
    )


def _read_rules(read: Reader, items: list | None, where: str, wanted: frozenset[str]):
    found = {}
    for n, obj in enumerate(items or []):
        item = _read_rule(read, obj, f"{where}[{n}]")
        found[item.id] = item
    read.missing(found, wanted, where, "rule")
    return found


def _read_questions(read: Reader, raw: Mapping[str, Any]) -> dict[str, Question]:
    questions = {}
    for n, obj in enumerate(read.get(raw, "questions", "top", list) or []):
        where = f"questions[{n}]"
        q = Question(
            id=read.text(obj, "id", where),
            text=read.text(obj, "text", where),
            help=read.get(obj, "help", where, str, optional=True),
            url=read.get(obj, "url", where, str, optional=True),
        )
        questions[q.id] = q
    read.missing(questions, QUESTION_IDS, "questions", "question")
    return questions


def _read_levels(read: Reader, raw: Mapping[str, Any]) -> dict[str, CheckLevel]:
    levels = {}
    for n, obj in enumerate(read.get(raw, "check_levels", "top", list) or []):
        where = f"check_levels[{n}]"
        level = CheckLevel(
            id=read.text(obj, "id", where),
            label=read.text(obj, "label", where),
            shows=read.text(obj, "shows", where),
            note=read.get(obj, "note", where, str, optional=True),
            effective_from=read.iso(obj, "effective_from", where),
            sources=read.sources(obj, where),
        )
        levels[level.id] = level
    read.missing(levels, CHECK_LEVEL_IDS, "check_levels", "level")
    return levels


def parse_rules(raw: Mapping[str, Any]) -> Rules:
    """Check a decoded rules file and build :class:`Rules`; all problems are raised together.

    Parameters
    ----------
    raw : Mapping
        The decoded JSON.

    Returns
    -------
    Rules
    """
    read = Reader()
    scheme = read.get(raw, "scheme", "top", Mapping) or {}
    links = _read_links(read, raw)
    outcomes = _read_outcomes(read, raw)
    combination = _read_rules(
        read,
        read.get(raw, "combination_rules", "top", list),
        "combination_rules",
        COMBINATION_RULE_IDS,
    )
    filt = read.get(raw, "filtering", "top", Mapping) or {}
    filter_rules = _read_rules(
        read, read.get(filt, "rules", "filtering", list), "filtering.rules", FILTER_RULE_IDS
    )
    questions = _read_questions(read, raw)
    levels = _read_levels(read, raw)
    result = Rules(
        effective_from=read.iso(scheme, "effective_from", "scheme"),
        scheme_id=read.text(scheme, "id", "scheme"),
        scheme_label=read.text(scheme, "label", "scheme"),
        scheme_caveat=read.get(scheme, "caveat", "scheme", str, optional=True),
        scheme_sources=read.sources(scheme, "scheme"),
        calculator=links["calculator"],
        helpline=links["helpline"],
        outcomes=MappingProxyType(outcomes),
        combination=MappingProxyType(combination),
        filtering=MappingProxyType(filter_rules),
        filter_applies_from=read.iso(filt, "applies_from", "filtering"),
        conviction_adult_months=read.months(filt, "conviction_adult_months", "filtering") or 0,
        conviction_under_18_months=read.months(filt, "conviction_under_18_months", "filtering")
        or 0,
        adult_caution_months=read.months(filt, "adult_caution_months", "filtering") or 0,
        questions=MappingProxyType(questions),
        check_levels=MappingProxyType(levels),
    )
    if read.problems:
        raise RulesError(read.problems)
    return result
