"""When a conviction or caution becomes spent, and whether a DBS check would show it.

This is a pure, table-driven reading of the Rehabilitation of Offenders Act 1974
(England and Wales, as changed on 28 October 2023) and of the DBS filtering rules.
The periods, their effective dates and their sources live in
``data/rehabilitation_rules.json``; this module only applies them.

Rules of the module:

* It never guesses. If what was entered is not enough, or the law is unclear for
  the case, the answer says it is undecided, says why, and points to the Unlock
  disclosure calculator and helpline.
* Every answer names its rule (``rule_id``) and its sources.
* It keeps nothing between calls, and never logs, prints or stores what it is given.
  It uses the standard library only.

Dates follow the Act's "period beginning with a day" wording: a period of 12
months beginning with 3 March 2024 ends on 2 March 2025, so the answer
(``spent_on``) is 3 March 2025, the first whole day on which it is spent.

>>> rules = load_rules()
>>> answer = spent_date(Conviction("fine", date(2024, 3, 3), under_18=False), rules)
>>> answer.spent_on, answer.rule_id
(datetime.date(2025, 3, 3), 'fine')
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

__all__ = [
    "DEFAULT_RULES_PATH",
    "Assessment",
    "CheckLevel",
    "Condition",
    "Conviction",
    "FilterAnswer",
    "FilterAnswers",
    "Link",
    "Outcome",
    "Question",
    "Rule",
    "Rules",
    "RulesError",
    "ShowsAnswer",
    "SpentAnswer",
    "assess",
    "filtering",
    "load_rules",
    "parse_rules",
    "shows_on",
    "spent_date",
]

DEFAULT_RULES_PATH = Path(__file__).resolve().parents[2] / "data" / "rehabilitation_rules.json"

RUNS_FROM = frozenset({"sentence_end", "conviction", "order_end", "immediately", "paid"})
KINDS = frozenset({"conviction", "caution"})
COMBINATION_RULE_IDS = frozenset(
    {
        "same_conviction_longest",
        "drag_through",
        "later_never_spent",
        "summary_only_disregarded",
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
QUESTION_IDS = frozenset({"specified_offence", "custodial", "summary_only"})
CHECK_LEVEL_IDS = frozenset({"basic", "standard", "enhanced", "enhanced_barred"})

# Dates outside this range are treated as typing mistakes, never as answers.
_EARLIEST = date(1900, 1, 1)
_LATEST = date(2200, 12, 31)
# Internal stand-in for "no end": later than any real date.
_NEVER = date.max
_MONTH_NAMES = tuple(calendar.month_name)
_LONGEST_MONTHS = 1200


class RulesError(ValueError):
    """The rules file is not valid; ``problems`` lists each one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("The rules file has problems:\n" + "\n".join(f"  {p}" for p in problems))


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class Link:
    """A place to get help, with a plain-English name."""

    label: str
    url: str


@dataclass(frozen=True)
class Question:
    """A yes/no question the person answers for themselves.

    ``about`` is the position (from 0) of the conviction it is about, when the
    question comes from comparing convictions.
    """

    id: str
    text: str
    help: str | None = None
    url: str | None = None
    about: int | None = None


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
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RulesError([f"file not found: {path}"]) from None
    except json.JSONDecodeError as err:
        raise RulesError([f"line {err.lineno}: not valid JSON ({err.msg})"]) from None
    return parse_rules(raw)


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
    problems: list[str] = []

    def get(obj: Any, key: str, where: str, kind: type | tuple[type, ...], optional=False) -> Any:
        if not isinstance(obj, Mapping) or key not in obj:
            if not optional:
                problems.append(f"{where}: '{key}' is missing")
            return None
        value = obj[key]
        if value is None and optional:
            return None
        if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _tuple(kind)):
            problems.append(f"{where}.{key}: wrong type {type(value).__name__}")
            return None
        return value

    def iso(obj: Any, key: str, where: str) -> date:
        text = get(obj, key, where, str)
        try:
            return date.fromisoformat(text) if text else date.min
        except ValueError:
            problems.append(f"{where}.{key}: not a YYYY-MM-DD date")
            return date.min

    def sources(obj: Any, where: str) -> tuple[str, ...]:
        items = get(obj, "sources", where, list) or []
        good = tuple(
            s for s in items if isinstance(s, str) and s.startswith(("http://", "https://"))
        )
        if not good or len(good) != len(items):
            problems.append(f"{where}.sources: needs at least one web address, all web addresses")
        return good

    def months(obj: Any, key: str, where: str) -> int | None:
        value = get(obj, key, where, int, optional=True)
        if value is not None and value < 0:
            problems.append(f"{where}.{key}: months cannot be negative")
        return value

    def rule(obj: Any, where: str) -> Rule:
        return Rule(
            id=get(obj, "id", where, str) or "",
            label=get(obj, "label", where, str) or "",
            text=get(obj, "text", where, str) or "",
            effective_from=iso(obj, "effective_from", where),
            sources=sources(obj, where),
        )

    scheme = get(raw, "scheme", "top", Mapping) or {}
    help_ = get(raw, "help", "top", Mapping) or {}
    links = {}
    for key in ("calculator", "helpline"):
        obj = get(help_, key, "help", Mapping) or {}
        links[key] = Link(
            get(obj, "label", f"help.{key}", str) or "", get(obj, "url", f"help.{key}", str) or ""
        )

    outcomes: dict[str, Outcome] = {}
    for n, obj in enumerate(get(raw, "outcomes", "top", list) or []):
        where = f"outcomes[{n}]"
        length = get(obj, "length_months", where, Mapping) or {}
        outcome = Outcome(
            id=get(obj, "id", where, str) or "",
            label=get(obj, "label", where, str) or "",
            hint=get(obj, "hint", where, str, optional=True),
            kind=get(obj, "kind", where, str) or "",
            custodial=bool(get(obj, "custodial", where, bool)),
            length_over=months(length, "over", f"{where}.length_months"),
            length_up_to=months(length, "up_to", f"{where}.length_months"),
            adult=months(obj, "adult", where),
            under_18=months(obj, "under_18", where),
            runs_from=get(obj, "runs_from", where, str) or "",
            extends_others=get(obj, "extends_others", where, bool, optional=True),
            can_be_extended=get(obj, "can_be_extended", where, bool, optional=True),
            effective_from=iso(obj, "effective_from", where),
            sources=sources(obj, where),
            caveat=get(obj, "caveat", where, str, optional=True),
            extends_others_note=get(obj, "extends_others_note", where, str, optional=True),
        )
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
        if outcome.id in outcomes:
            problems.append(f"{where}.id: '{outcome.id}' is used twice")
        outcomes[outcome.id] = outcome

    combination = {}
    for n, obj in enumerate(get(raw, "combination_rules", "top", list) or []):
        item = rule(obj, f"combination_rules[{n}]")
        combination[item.id] = item
    for missing in sorted(COMBINATION_RULE_IDS - combination.keys()):
        problems.append(f"combination_rules: rule '{missing}' is missing")

    filt = get(raw, "filtering", "top", Mapping) or {}
    filter_rules = {}
    for n, obj in enumerate(get(filt, "rules", "filtering", list) or []):
        item = rule(obj, f"filtering.rules[{n}]")
        filter_rules[item.id] = item
    for missing in sorted(FILTER_RULE_IDS - filter_rules.keys()):
        problems.append(f"filtering.rules: rule '{missing}' is missing")

    questions = {}
    for n, obj in enumerate(get(raw, "questions", "top", list) or []):
        where = f"questions[{n}]"
        q = Question(
            id=get(obj, "id", where, str) or "",
            text=get(obj, "text", where, str) or "",
            help=get(obj, "help", where, str, optional=True),
            url=get(obj, "url", where, str, optional=True),
        )
        questions[q.id] = q
    for missing in sorted(QUESTION_IDS - questions.keys()):
        problems.append(f"questions: question '{missing}' is missing")

    levels = {}
    for n, obj in enumerate(get(raw, "check_levels", "top", list) or []):
        where = f"check_levels[{n}]"
        level = CheckLevel(
            id=get(obj, "id", where, str) or "",
            label=get(obj, "label", where, str) or "",
            shows=get(obj, "shows", where, str) or "",
            note=get(obj, "note", where, str, optional=True),
            effective_from=iso(obj, "effective_from", where),
            sources=sources(obj, where),
        )
        levels[level.id] = level
    for missing in sorted(CHECK_LEVEL_IDS - levels.keys()):
        problems.append(f"check_levels: level '{missing}' is missing")

    result = Rules(
        effective_from=iso(scheme, "effective_from", "scheme"),
        scheme_id=get(scheme, "id", "scheme", str) or "",
        scheme_label=get(scheme, "label", "scheme", str) or "",
        scheme_caveat=get(scheme, "caveat", "scheme", str, optional=True),
        scheme_sources=sources(scheme, "scheme"),
        calculator=links["calculator"],
        helpline=links["helpline"],
        outcomes=MappingProxyType(outcomes),
        combination=MappingProxyType(combination),
        filtering=MappingProxyType(filter_rules),
        filter_applies_from=iso(filt, "applies_from", "filtering"),
        conviction_adult_months=months(filt, "conviction_adult_months", "filtering") or 0,
        conviction_under_18_months=months(filt, "conviction_under_18_months", "filtering") or 0,
        adult_caution_months=months(filt, "adult_caution_months", "filtering") or 0,
        questions=MappingProxyType(questions),
        check_levels=MappingProxyType(levels),
    )
    if problems:
        raise RulesError(problems)
    return result


def _tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


# --------------------------------------------------------------------------- input and answers


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
    summary_only : bool, optional
        Whether the offence could only be tried in a magistrates' court. Only
        needed when this conviction came while another was unspent.
    """

    outcome: str
    convicted_on: date
    under_18: bool
    length_months: int | None = None
    ends_on: date | None = None
    paid_on: date | None = None
    summary_only: bool | None = None


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
    questions: tuple[Question, ...] = ()
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


# --------------------------------------------------------------------------- dates and words


def _after_months(start: date, months: int) -> date:
    """The first day after a period of ``months`` months beginning with ``start``.

    >>> _after_months(date(2024, 3, 3), 12)
    datetime.date(2025, 3, 3)
    >>> _after_months(date(2024, 1, 31), 1)  # no 31 February: the period ends on 29 February
    datetime.date(2024, 3, 1)
    """
    if months == 0:
        return start
    years, month0 = divmod(start.month - 1 + months, 12)
    year, month = start.year + years, month0 + 1
    last = calendar.monthrange(year, month)[1]
    if start.day <= last:
        return date(year, month, start.day)
    return date(year, month, last) + timedelta(days=1)


def _day(d: date) -> str:
    return f"{d.day} {_MONTH_NAMES[d.month]} {d.year}"


def _duration(months: int) -> str:
    """Months in words.

    >>> _duration(42)
    '3 years and 6 months'
    """
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year" + ("s" if years != 1 else ""))
    if rest or not years:
        parts.append(f"{rest} month" + ("s" if rest != 1 else ""))
    return " and ".join(parts)


def _age(under_18: bool) -> str:
    return "under 18 at the time" if under_18 else "18 or over at the time"


def _cite(rule_label: str, sources: Sequence[str]) -> str:
    return f"Rule: {rule_label}. Source: {sources[0]}"


def _bad_date(d: date | None) -> bool:
    return d is not None and not (_EARLIEST <= d <= _LATEST)


# --------------------------------------------------------------------------- one conviction


def _undecided(
    rules: Rules,
    reason: str,
    *,
    rule_id: str | None = None,
    rule_label: str | None = None,
    sources: tuple[str, ...] | None = None,
    earliest: date | None = None,
    latest: date | None = None,
    questions: tuple[Question, ...] = (),
    caveats: tuple[str, ...] = (),
) -> SpentAnswer:
    rule_id = rule_id or rules.scheme_id
    rule_label = rule_label or rules.scheme_label
    sources = sources or rules.scheme_sources
    text = (
        f"We cannot tell when this becomes spent. {reason} "
        f"Please check with the {rules.calculator.label} ({rules.calculator.url}) "
        f"or the {rules.helpline.label} ({rules.helpline.url}). {_cite(rule_label, sources)}"
    )
    return SpentAnswer(
        spent_on=None,
        never=False,
        undecided=True,
        rule_id=rule_id,
        rule_label=rule_label,
        sources=sources,
        text=text,
        reason=reason,
        caveats=caveats,
        earliest_spent_on=earliest,
        latest_spent_on=latest,
        questions=questions,
        help=rules.help,
    )


def _input_problem(c: Conviction, outcome: Outcome) -> str | None:
    if not isinstance(c.under_18, bool):
        return "We need to know whether you were under 18 on the date of the conviction."
    for d in (c.convicted_on, c.ends_on, c.paid_on):
        if d is not None and _bad_date(d):
            return f"The date {_day(d)} looks like a typing mistake."
    if c.ends_on is not None and c.ends_on < c.convicted_on:
        return "The end date is before the date of the conviction."
    if c.paid_on is not None and c.paid_on < c.convicted_on:
        return "The date it was paid is before the date of the conviction."
    length = c.length_months
    if length is not None:
        if isinstance(length, bool) or not isinstance(length, int) or length <= 0:
            return "The length must be a whole number of months, more than 0."
        if length > _LONGEST_MONTHS:
            return f"A length of {_duration(length)} looks like a typing mistake."
        if outcome.length_over is not None and length <= outcome.length_over:
            return f"A length of {_duration(length)} does not fit '{outcome.label}'."
        if outcome.length_up_to is not None and length > outcome.length_up_to:
            return f"A length of {_duration(length)} does not fit '{outcome.label}'."
    return None


def spent_date(conviction: Conviction, rules: Rules) -> SpentAnswer:
    """When one conviction or caution becomes spent, on its own.

    Other convictions can make this later; use :func:`assess` for a whole record.

    Parameters
    ----------
    conviction : Conviction
    rules : Rules

    Returns
    -------
    SpentAnswer

    Examples
    --------
    >>> rules = load_rules()
    >>> spent_date(Conviction("custody_up_to_1_year", date(2024, 1, 10), under_18=True,
    ...                       ends_on=date(2024, 7, 9)), rules).spent_on
    datetime.date(2025, 1, 9)
    >>> spent_date(Conviction("custody_life_ipp_extended", date(2010, 5, 1), False), rules).never
    True
    >>> spent_date(Conviction("compensation_order", date(2024, 1, 1), False), rules).undecided
    True
    """
    c = conviction
    outcome = rules.outcomes.get(c.outcome)
    if outcome is None:
        return _undecided(rules, "We do not have a rule for what you entered as the outcome.")
    caveats = tuple(x for x in (outcome.caveat,) if x)
    if c.convicted_on < rules.effective_from and rules.scheme_caveat:
        caveats += (rules.scheme_caveat,)
    label = (
        f"{outcome.label} ({_age(c.under_18)})" if isinstance(c.under_18, bool) else outcome.label
    )
    problem = _input_problem(c, outcome)
    if problem:
        return _undecided(
            rules,
            problem,
            rule_id=outcome.id,
            rule_label=label,
            sources=outcome.sources,
            caveats=caveats,
        )
    months = outcome.months(c.under_18)
    if months is None:
        return SpentAnswer(
            spent_on=None,
            never=True,
            undecided=False,
            rule_id=outcome.id,
            rule_label=label,
            sources=outcome.sources,
            text=f"This can never become spent. {_cite(label, outcome.sources)}",
            caveats=caveats,
        )

    assumption = None
    event = "conviction" if outcome.kind == "conviction" else "caution"
    if outcome.runs_from == "immediately":
        spent_on = c.convicted_on
        how = "It was spent straight away."
    elif outcome.runs_from == "conviction":
        spent_on = _after_months(c.convicted_on, months)
        how = f"That is {_duration(months)} after the date of the {event}."
    elif outcome.runs_from == "paid":
        if c.paid_on is None:
            return _undecided(
                rules,
                "It becomes spent when it is paid in full, and we do not know that date. "
                "If it is not paid yet, it is still unspent.",
                rule_id=outcome.id,
                rule_label=label,
                sources=outcome.sources,
                caveats=caveats,
            )
        spent_on = _after_months(c.paid_on + timedelta(days=1), months)
        how = f"You paid it in full on {_day(c.paid_on)}."
    else:  # sentence_end or order_end
        thing = "sentence" if outcome.runs_from == "sentence_end" else "order"
        if c.ends_on is not None:
            last = c.ends_on
        elif c.length_months is not None:
            last = _after_months(c.convicted_on, c.length_months) - timedelta(days=1)
            assumption = (
                f"We took the {thing} to end on {_day(last)}, {_duration(c.length_months)} "
                f"after the date of the conviction. "
                + ("Time on licence is part of the sentence. " if thing == "sentence" else "")
                + f"If you were sentenced on a later day, or the {thing} ended later, "
                f"enter the real end date: it will make this date later."
            )
        else:
            return _undecided(
                rules,
                f"We need the end date of the {thing} or its length.",
                rule_id=outcome.id,
                rule_label=label,
                sources=outcome.sources,
                caveats=caveats,
            )
        if outcome.runs_from == "sentence_end":
            spent_on = _after_months(last, months)
            how = (
                f"That is {_duration(months)} after the sentence ends on {_day(last)}, "
                "including any time on licence."
            )
        else:
            spent_on = _after_months(last + timedelta(days=1), months)
            how = f"The order ends on {_day(last)}." + (
                f" Then there are {_duration(months)} more." if months else ""
            )

    text = f"This becomes spent on {_day(spent_on)}. {how}"
    if assumption:
        text += f" {assumption}"
    if spent_on < rules.effective_from:
        text += (
            f" The rules changed on {_day(rules.effective_from)}. Before then older rules "
            "applied, so it may have become spent on a different day, but no later than "
            f"{_day(rules.effective_from)}."
        )
    text += f" {_cite(label, outcome.sources)}"
    return SpentAnswer(
        spent_on=spent_on,
        never=False,
        undecided=False,
        rule_id=outcome.id,
        rule_label=label,
        sources=outcome.sources,
        text=text,
        assumption=assumption,
        caveats=caveats,
        earliest_spent_on=spent_on,
        latest_spent_on=spent_on,
    )


# --------------------------------------------------------------------------- filtering


def filtering(
    conviction: Conviction,
    rules: Rules,
    answers: FilterAnswers | None = None,
    spent: SpentAnswer | None = None,
) -> FilterAnswer:
    """Whether it could be filtered (left off) standard and enhanced DBS checks, and from when.

    Parameters
    ----------
    conviction : Conviction
    rules : Rules
    answers : FilterAnswers, optional
        The person's answers to the filtering questions. Unanswered questions are
        returned in ``questions`` and the answer says what it depends on.
    spent : SpentAnswer, optional
        When it becomes spent, if already worked out (as :func:`assess` does, with
        the rules about more than one conviction). Otherwise it is worked out alone.

    Returns
    -------
    FilterAnswer

    Examples
    --------
    >>> rules = load_rules()
    >>> fine = Conviction("fine", date(2020, 6, 1), under_18=False)
    >>> no = FilterAnswers(specified_offence=False, custodial=False)
    >>> filtering(fine, rules, no).filtered_from
    datetime.date(2031, 6, 1)
    >>> filtering(fine, rules).could_be_filtered is None  # depends on the questions
    True
    """
    answers = answers or FilterAnswers()
    c = conviction
    outcome = rules.outcomes.get(c.outcome)
    spent = spent or spent_date(c, rules)
    q = rules.questions
    if outcome is None:
        return _filter_undecided(
            rules,
            rules.filtering["filter_conviction"],
            "We do not have a rule for what you entered as the outcome.",
        )
    if _bad_date(c.convicted_on):
        return _filter_undecided(
            rules,
            rules.filtering["filter_conviction"],
            f"The date {_day(c.convicted_on)} looks like a typing mistake.",
        )

    if outcome.kind == "caution" and c.under_18:
        rule = rules.filtering["filter_youth_caution"]
        conditions: tuple[Condition, ...] = ()
        wait_from = c.convicted_on
        wait_text = ""
    elif outcome.kind == "caution":
        rule = rules.filtering["filter_adult_caution"]
        conditions = (Condition(q["specified_offence"], answers.specified_offence, False),)
        wait_from = _after_months(c.convicted_on, rules.adult_caution_months)
        wait_text = f"{_duration(rules.adult_caution_months)} after the caution"
    else:
        rule = rules.filtering["filter_conviction"]
        custodial = True if outcome.custodial else answers.custodial
        conditions = (
            Condition(q["specified_offence"], answers.specified_offence, False),
            Condition(q["custodial"], custodial, False),
        )
        months = rules.conviction_under_18_months if c.under_18 else rules.conviction_adult_months
        wait_from = _after_months(c.convicted_on, months)
        wait_text = f"{_duration(months)} after the conviction"
    sources = rule.sources

    failed = [cond for cond in conditions if cond.met is False]
    if failed:
        why = " ".join(
            "It was a prison sentence."
            if f.question.id == "custodial" and outcome.custodial
            else f"You answered 'yes' to: {f.question.text}"
            for f in failed
        )
        return FilterAnswer(
            could_be_filtered=False,
            filtered_from=None,
            undecided=False,
            rule_id=rule.id,
            sources=sources,
            text=f"This can never be filtered, so standard and enhanced checks always show it. "
            f"{why} {_cite(rule.label, sources)}",
            conditions=conditions,
        )
    if spent.never:
        shown = rules.filtering["unspent_always_shown"]
        return FilterAnswer(
            could_be_filtered=False,
            filtered_from=None,
            undecided=False,
            rule_id=shown.id,
            sources=shown.sources,
            text="This is never spent, so every check always shows it. "
            + _cite(shown.label, shown.sources),
            conditions=conditions,
        )
    if spent.undecided:
        not_before = max(wait_from, spent.earliest_spent_on or wait_from)
        return _filter_undecided(
            rules,
            rule,
            "Only spent convictions and cautions can be filtered, and we cannot tell when "
            "this becomes spent.",
            conditions=conditions,
            not_before=not_before,
            questions=spent.questions
            + tuple(cond.question for cond in conditions if cond.answer is None),
        )

    assert spent.spent_on is not None
    filtered_from = max(wait_from, spent.spent_on)
    if wait_text and filtered_from == wait_from:
        when = f"That is {wait_text}."
    else:
        when = "That is when it becomes spent."
    open_questions = tuple(cond.question for cond in conditions if cond.answer is None)
    if open_questions:
        asks = " ".join(f"{qq.text}" for qq in open_questions)
        return FilterAnswer(
            could_be_filtered=None,
            filtered_from=filtered_from,
            undecided=False,
            rule_id=rule.id,
            sources=sources,
            text=f"It depends on your answers. If the answer to each of these is 'no', it "
            f"could be filtered from standard and enhanced checks from {_day(filtered_from)}. "
            f"{when} If any answer is 'yes', it is never filtered. {asks} "
            f"{_cite(rule.label, sources)}",
            conditions=conditions,
            questions=open_questions,
        )
    return FilterAnswer(
        could_be_filtered=True,
        filtered_from=filtered_from,
        undecided=False,
        rule_id=rule.id,
        sources=sources,
        text=f"It could be filtered from standard and enhanced checks from "
        f"{_day(filtered_from)}. {when} {_cite(rule.label, sources)}",
        conditions=conditions,
    )


def _filter_undecided(
    rules: Rules,
    rule: Rule,
    reason: str,
    *,
    conditions: tuple[Condition, ...] = (),
    not_before: date | None = None,
    questions: tuple[Question, ...] = (),
) -> FilterAnswer:
    later = f" It will not be filtered before {_day(not_before)}." if not_before else ""
    return FilterAnswer(
        could_be_filtered=None,
        filtered_from=None,
        undecided=True,
        rule_id=rule.id,
        sources=rule.sources,
        text=f"We cannot tell whether or when this could be filtered. {reason}{later} "
        f"Please check with the {rules.calculator.label} ({rules.calculator.url}) or the "
        f"{rules.helpline.label} ({rules.helpline.url}). {_cite(rule.label, rule.sources)}",
        conditions=conditions,
        questions=questions,
        reason=reason,
        not_before=not_before,
        help=rules.help,
    )


# --------------------------------------------------------------------------- more than one


@dataclass
class _Period:
    """Working state for one entry inside :func:`assess` (local to one call)."""

    low: date  # the rehabilitation period ends no earlier than this
    high: date  # ... and no later than this (_NEVER: no known end)
    never: int  # 0 no, 1 maybe, 2 yes (a later never-spent sentence)
    excluded: bool | None  # its own sentence can never be spent
    kind: str | None
    extends: bool | None
    extendable: bool | None


def _start(c: Conviction, own: SpentAnswer, outcome: Outcome | None) -> _Period:
    if outcome is None:
        return _Period(c.convicted_on, _NEVER, 1, None, None, None, None)
    if own.never:
        return _Period(_NEVER, _NEVER, 2, True, outcome.kind, False, False)
    if own.undecided:
        excluded = None if outcome.adult is None else False
        return _Period(
            c.convicted_on,
            _NEVER,
            1 if excluded is None else 0,
            excluded,
            outcome.kind,
            outcome.extends_others,
            outcome.can_be_extended,
        )
    assert own.spent_on is not None
    return _Period(
        own.spent_on,
        own.spent_on,
        0,
        False,
        outcome.kind,
        outcome.extends_others,
        outcome.can_be_extended,
    )


def assess(
    convictions: Sequence[Conviction],
    rules: Rules,
    today: date,
    answers: Sequence[FilterAnswers | None] | None = None,
) -> list[Assessment]:
    """Work out every entry in a record, applying the rules about more than one conviction.

    * Drag-through: a conviction while another is unspent keeps both unspent until
      the later of their spent dates (section 6(4) of the Act).
    * A later sentence that is never spent, given while an earlier conviction is
      unspent, makes the earlier one never spent too (section 1(1)(b)). A
      never-spent conviction does not hold back later ones.
    * A later summary-only conviction is left out (section 6(6)); if we do not know
      whether it was summary-only and it matters, the answer is undecided and asks.
    * Cautions neither drag nor are dragged.
    * Where the law is unclear (some orders, section 6(5)), the answer is undecided
      with the range of possible dates.

    Parameters
    ----------
    convictions : sequence of Conviction
    rules : Rules
    today : date
        Used only for ``spent_today``.
    answers : sequence of FilterAnswers, optional
        One per conviction, in the same order, for the filtering questions.

    Returns
    -------
    list of Assessment
        In the same order as ``convictions``.

    Examples
    --------
    >>> rules = load_rules()
    >>> first = Conviction("fine", date(2024, 1, 1), under_18=False)
    >>> second = Conviction("fine", date(2024, 6, 1), under_18=False, summary_only=False)
    >>> [a.spent.spent_on for a in assess([first, second], rules, date(2025, 3, 1))]
    [datetime.date(2025, 6, 1), datetime.date(2025, 6, 1)]
    """
    convictions = list(convictions)
    if answers is not None and len(answers) != len(convictions):
        raise ValueError("answers must have one entry per conviction")
    owns = [spent_date(c, rules) for c in convictions]
    outcomes = [rules.outcomes.get(c.outcome) for c in convictions]
    states = [_start(c, o, out) for c, o, out in zip(convictions, owns, outcomes, strict=True)]
    # For explanations: (rule id, other entry, certain) per entry; questions per entry.
    notes: list[set[tuple[str, int, bool]]] = [set() for _ in convictions]
    asks: list[set[int]] = [set() for _ in convictions]

    changed = True
    while changed:
        changed = False
        for i, early in enumerate(states):
            if early.kind == "caution" or early.excluded is True:
                continue
            for j, late in enumerate(states):
                later = convictions[j]
                if (
                    i == j
                    or late.kind == "caution"
                    or later.convicted_on < convictions[i].convicted_on
                ):
                    continue
                if later.convicted_on >= early.high:
                    continue  # convicted after the earlier one is spent (or surely after)
                sure = (
                    later.convicted_on < early.low
                    and early.excluded is False
                    and early.kind == "conviction"
                    and late.kind == "conviction"
                )
                if late.excluded is not False:
                    level = 2 if sure and late.excluded is True else 1
                    if level > early.never:
                        early.never = level
                        notes[i].add(("later_never_spent", j, level == 2))
                        changed = True
                    if late.excluded is True:
                        continue
                if later.summary_only is True:
                    continue
                if later.summary_only is None:
                    sure = False
                for target, t, source, s in ((early, i, late, j), (late, j, early, i)):
                    if _extend(target, source, sure):
                        notes[t].add(("drag_through", s, target.low == target.high))
                        if later.summary_only is None:
                            asks[t].add(j)
                        changed = True

    out = []
    for i, c in enumerate(convictions):
        combined = _combined(i, convictions, owns, outcomes, states[i], notes[i], asks[i], rules)
        spent_today = None if today < rules.effective_from else _spent_by(combined, today)
        own_answers = answers[i] if answers is not None else None
        out.append(
            Assessment(
                index=i,
                conviction=c,
                own=owns[i],
                spent=combined,
                filtering=filtering(c, rules, own_answers, combined),
                spent_today=spent_today,
                linked=tuple(sorted({j for _, j, _ in notes[i]})),
            )
        )
    return out


def _extend(target: _Period, source: _Period, sure: bool) -> bool:
    """Drag ``target``'s period on to ``source``'s end; returns whether anything changed."""
    if source.extends is False or target.extendable is False:
        return False
    certain = sure and source.extends is True and target.extendable is True
    low = max(target.low, source.low) if certain else target.low
    high = max(target.high, source.high)
    if (low, high) == (target.low, target.high):
        return False
    target.low, target.high = low, high
    return True


def _entry(i: int, convictions: Sequence[Conviction], outcomes: Sequence[Outcome | None]) -> str:
    outcome = outcomes[i]
    what = outcome.label if outcome else "an outcome we have no rule for"
    return f"entry {i + 1} ({what}, {_day(convictions[i].convicted_on)})"


def _combined(
    i: int,
    convictions: Sequence[Conviction],
    owns: Sequence[SpentAnswer],
    outcomes: Sequence[Outcome | None],
    state: _Period,
    notes: set[tuple[str, int, bool]],
    asks: set[int],
    rules: Rules,
) -> SpentAnswer:
    own = owns[i]
    if not notes or own.never:
        return own
    others = sorted({j for _, j, _ in notes})
    named = ", ".join(_entry(j, convictions, outcomes) for j in others)
    if own.undecided:
        return replace(
            own,
            text=f"{own.text} Other entries may also change this: {named}.",
        )
    assert own.spent_on is not None
    own_day = own.spent_on
    if state.never == 2:
        rule = rules.combination["later_never_spent"]
        causes = ", ".join(
            _entry(j, convictions, outcomes)
            for rid, j, sure in sorted(notes)
            if rid == rule.id and sure
        )
        return SpentAnswer(
            spent_on=None,
            never=True,
            undecided=False,
            rule_id=rule.id,
            rule_label=rule.label,
            sources=rule.sources + own.sources,
            text=f"This can never become spent. On its own it would be spent on "
            f"{_day(own_day)}, but {causes} came while it was unspent and can never be "
            f"spent. {rule.text} {_cite(rule.label, rule.sources)}",
            caveats=own.caveats,
        )
    if state.never == 1 or state.low != state.high:
        rule = rules.combination["drag_through"]
        reasons = []
        for j in sorted(asks):
            reasons.append(
                f"It depends on whether the offence in entry {j + 1} could only be tried in "
                "a magistrates' court (a summary-only offence)."
            )
        unclear = sorted(
            {
                (out.extends_others_note or out.label)
                for out in (outcomes[j] for j in others)
                if out is not None and out.extends_others is None
            }
        )
        if unclear:
            reasons.extend(unclear)
        if any(outcomes[j] is None or owns[j].undecided for j in others):
            reasons.append("We cannot tell when another entry becomes spent.")
        if state.never == 1:
            reasons.append("Another entry might be a sentence that is never spent.")
        latest = None if state.never == 1 or state.high == _NEVER else state.high
        range_text = f"It will not be spent before {_day(state.low)}" + (
            f", and it will be spent by {_day(latest)}." if latest else "."
        )
        questions = tuple(replace(rules.questions["summary_only"], about=j) for j in sorted(asks))
        return _undecided(
            rules,
            f"Other entries affect it: {named}. {' '.join(reasons)} {range_text}",
            rule_id=rule.id,
            rule_label=rule.label,
            sources=rule.sources + own.sources,
            earliest=state.low,
            latest=latest,
            questions=questions,
            caveats=own.caveats,
        )
    if state.low == own.spent_on:
        return own
    rule = rules.combination["drag_through"]
    return SpentAnswer(
        spent_on=state.low,
        never=False,
        undecided=False,
        rule_id=rule.id,
        rule_label=rule.label,
        sources=rule.sources + own.sources,
        text=f"This becomes spent on {_day(state.low)}. On its own it would be spent on "
        f"{_day(own_day)}, but it is linked with {named}. {rule.text} "
        f"{_cite(rule.label, rule.sources)}",
        assumption=own.assumption,
        caveats=own.caveats,
        earliest_spent_on=state.low,
        latest_spent_on=state.low,
    )


# --------------------------------------------------------------------------- checks


def _spent_by(spent: SpentAnswer, on_date: date) -> bool | None:
    """Whether it is spent on ``on_date`` (``None``: cannot tell)."""
    if spent.never:
        return False
    if spent.spent_on is not None:
        return on_date >= spent.spent_on
    if spent.earliest_spent_on is not None and on_date < spent.earliest_spent_on:
        return False
    if spent.latest_spent_on is not None and on_date >= spent.latest_spent_on:
        return True
    return None


def shows_on(check_level: str, assessment: Assessment, on_date: date, rules: Rules) -> ShowsAnswer:
    """Would a DBS check at ``check_level`` show this entry on ``on_date``?

    Parameters
    ----------
    check_level : {"basic", "standard", "enhanced", "enhanced_barred"}
    assessment : Assessment
        From :func:`assess`.
    on_date : date
    rules : Rules

    Returns
    -------
    ShowsAnswer
        ``shows`` is ``None`` when we cannot tell; then ``questions`` or ``help`` say
        what would decide it. Enhanced answers always carry the note about police
        information.

    Raises
    ------
    ValueError
        If ``check_level`` is not a level in the rules file.

    Examples
    --------
    >>> rules = load_rules()
    >>> [a] = assess([Conviction("fine", date(2024, 1, 1), False)], rules, date(2025, 6, 1))
    >>> shows_on("basic", a, date(2025, 6, 1), rules).shows
    False
    >>> shows_on("standard", a, date(2025, 6, 1), rules).shows
    True
    """
    level = rules.check_levels.get(check_level)
    if level is None:
        raise ValueError(f"unknown check level: {check_level!r}")
    note = level.note
    c = assessment.conviction
    cite_level = f"{level.label}: {level.shows}"

    def answer(shows: bool | None, text: str, rule_id: str, sources: tuple[str, ...], **kw):
        return ShowsAnswer(
            shows=shows,
            check_level=level.id,
            text=text,
            rule_id=rule_id,
            sources=sources,
            note=note,
            **kw,
        )

    if on_date < max(rules.effective_from, rules.filter_applies_from):
        return answer(
            None,
            f"The rules changed on {_day(rules.effective_from)}, and we only answer for dates "
            f"from then. Please check with the {rules.calculator.label} "
            f"({rules.calculator.url}).",
            rules.scheme_id,
            rules.scheme_sources,
            help=rules.help,
        )
    if on_date < c.convicted_on:
        return answer(
            False,
            "This had not happened yet on that date.",
            level.id,
            level.sources,
        )
    spent = _spent_by(assessment.spent, on_date)
    shown = rules.filtering["unspent_always_shown"]
    if spent is False:
        return answer(
            True,
            f"It is not spent on {_day(on_date)}, so a {level.label.lower()} shows it. "
            f"{cite_level} {_cite(shown.label, shown.sources)}",
            shown.id,
            shown.sources + level.sources,
        )
    if level.id == "basic":
        if spent is None:
            return answer(
                None,
                f"We cannot tell whether it is spent on {_day(on_date)}. "
                + (assessment.spent.reason or ""),
                assessment.spent.rule_id,
                assessment.spent.sources + level.sources,
                questions=assessment.spent.questions,
                help=rules.help,
            )
        return answer(
            False,
            f"It is spent on {_day(on_date)}, so a basic check does not show it. {cite_level}",
            level.id,
            level.sources,
        )

    filt = assessment.filtering
    if filt.could_be_filtered is False:
        return answer(
            True,
            f"A {level.label.lower()} shows it: it can never be filtered. {filt.text}",
            filt.rule_id,
            filt.sources + level.sources,
        )
    if spent is None:
        return answer(
            None,
            f"We cannot tell whether it is spent on {_day(on_date)}, and only spent "
            f"convictions and cautions can be filtered. " + (assessment.spent.reason or ""),
            assessment.spent.rule_id,
            assessment.spent.sources + level.sources,
            questions=assessment.spent.questions,
            help=rules.help,
        )
    if filt.undecided:
        if filt.not_before is not None and on_date < filt.not_before:
            return answer(
                True,
                f"A {level.label.lower()} shows it on {_day(on_date)}: it cannot be filtered "
                f"before {_day(filt.not_before)}. {cite_level}",
                filt.rule_id,
                filt.sources + level.sources,
            )
        return answer(
            None,
            filt.text,
            filt.rule_id,
            filt.sources + level.sources,
            questions=filt.questions,
            help=rules.help,
        )
    assert filt.filtered_from is not None
    if on_date < filt.filtered_from:
        return answer(
            True,
            f"A {level.label.lower()} shows it on {_day(on_date)}. It cannot be filtered before "
            f"{_day(filt.filtered_from)}. {cite_level} {_cite_rule(filt)}",
            filt.rule_id,
            filt.sources + level.sources,
        )
    if filt.could_be_filtered is None:
        return answer(
            None,
            f"On {_day(on_date)} it depends on your answers: if each answer is 'no', a "
            f"{level.label.lower()} does not show it; if any is 'yes', it does. "
            + " ".join(q.text for q in filt.questions),
            filt.rule_id,
            filt.sources + level.sources,
            questions=filt.questions,
        )
    return answer(
        False,
        f"It is filtered, so a {level.label.lower()} does not show it on {_day(on_date)}. "
        f"{cite_level} {_cite_rule(filt)}",
        filt.rule_id,
        filt.sources + level.sources,
    )


def _cite_rule(filt: FilterAnswer) -> str:
    return f"Source: {filt.sources[0]}"
