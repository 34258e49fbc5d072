"""When one conviction or caution becomes spent, on its own.

Dates follow the Act's "period beginning with a day" wording: a period of 12
months beginning with 3 March 2024 ends on 2 March 2025, so the answer
(``spent_on``) is 3 March 2025, the first whole day on which it is spent.
Other convictions can make it later: :func:`planner.spent.combination.assess`
applies those rules.

>>> from planner.spent.rules import load_rules
>>> rules = load_rules()
>>> answer = spent_date(Conviction("fine", date(2024, 3, 3), under_18=False), rules)
>>> answer.spent_on, answer.rule_id
(datetime.date(2025, 3, 3), 'fine')
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from planner.spent.dates import (
    LONGEST_MONTHS,
    after_months,
    age_words,
    cite,
    day_words,
    is_typing_mistake,
    months_words,
)
from planner.spent.records import Conviction, SpentAnswer
from planner.spent.rules import Outcome, Rules

__all__ = ["spent_by", "spent_date", "undecided"]


def undecided(
    rules: Rules,
    reason: str,
    *,
    rule_id: str | None = None,
    rule_label: str | None = None,
    sources: tuple[str, ...] | None = None,
    earliest: date | None = None,
    latest: date | None = None,
    caveats: tuple[str, ...] = (),
) -> SpentAnswer:
    """An answer that says we cannot tell, why, and where to ask (Unlock)."""
    rule_id = rule_id or rules.scheme_id
    rule_label = rule_label or rules.scheme_label
    sources = sources or rules.scheme_sources
    text = (
        f"We cannot tell when this becomes spent. {reason} "
        f"Please check with the {rules.calculator.label} ({rules.calculator.url}) "
        f"or the {rules.helpline.label} ({rules.helpline.url}). {cite(rule_label, sources)}"
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
        help=rules.help,
    )


def _length_problem(length: int | None, outcome: Outcome) -> str | None:
    if length is None:
        return None
    if isinstance(length, bool) or not isinstance(length, int) or length <= 0:
        return "The length must be a whole number of months, more than 0."
    if length > LONGEST_MONTHS:
        return f"A length of {months_words(length)} looks like a typing mistake."
    if outcome.length_over is not None and length <= outcome.length_over:
        return f"A length of {months_words(length)} does not fit '{outcome.label}'."
    if outcome.length_up_to is not None and length > outcome.length_up_to:
        return f"A length of {months_words(length)} does not fit '{outcome.label}'."
    return None


def _input_problem(c: Conviction, outcome: Outcome) -> str | None:
    """Why what was entered cannot be answered, or ``None`` when it can."""
    if not isinstance(c.under_18, bool):
        return "We need to know whether you were under 18 on the date of the conviction."
    for d in (c.convicted_on, c.ends_on, c.paid_on):
        if d is not None and is_typing_mistake(d):
            return f"The date {day_words(d)} looks like a typing mistake."
    if c.ends_on is not None and c.ends_on < c.convicted_on:
        return "The end date is before the date of the conviction."
    if c.paid_on is not None and c.paid_on < c.convicted_on:
        return "The date it was paid is before the date of the conviction."
    return _length_problem(c.length_months, outcome)


@dataclass(frozen=True)
class _Found:
    """The first spent day, how it was reached, and what we assumed to reach it."""

    spent_on: date
    how: str
    assumption: str | None = None


def _from_payment(c: Conviction, months: int) -> _Found | str:
    if c.paid_on is None:
        return (
            "It becomes spent when it is paid in full, and we do not know that date. "
            "If it is not paid yet, it is still unspent."
        )
    return _Found(
        after_months(c.paid_on + timedelta(days=1), months),
        f"You paid it in full on {day_words(c.paid_on)}.",
    )


def _last_day(c: Conviction, thing: str) -> tuple[date, str | None] | str:
    """The last day of the sentence or order, and what we assumed to find it."""
    if c.ends_on is not None:
        return c.ends_on, None
    if c.length_months is None:
        return f"We need the end date of the {thing} or its length."
    last = after_months(c.convicted_on, c.length_months) - timedelta(days=1)
    assumption = (
        f"We took the {thing} to end on {day_words(last)}, {months_words(c.length_months)} "
        f"after the date of the conviction. "
        + ("Time on licence is part of the sentence. " if thing == "sentence" else "")
        + f"If you were sentenced on a later day, or the {thing} ended later, "
        f"enter the real end date: it will make this date later."
    )
    return last, assumption


def _from_end(c: Conviction, outcome: Outcome, months: int) -> _Found | str:
    thing = "sentence" if outcome.runs_from == "sentence_end" else "order"
    found = _last_day(c, thing)
    if isinstance(found, str):
        return found
    last, assumption = found
    if outcome.runs_from == "sentence_end":
        how = (
            f"That is {months_words(months)} after the sentence ends on {day_words(last)}, "
            "including any time on licence."
        )
        return _Found(after_months(last, months), how, assumption)
    how = f"The order ends on {day_words(last)}." + (
        f" Then there are {months_words(months)} more." if months else ""
    )
    return _Found(after_months(last + timedelta(days=1), months), how, assumption)


def _spent_day(c: Conviction, outcome: Outcome, months: int) -> _Found | str:
    """When it becomes spent, or (a string) what we would need to know to say."""
    if outcome.runs_from == "immediately":
        return _Found(c.convicted_on, "It was spent straight away.")
    if outcome.runs_from == "conviction":
        event = "conviction" if outcome.kind == "conviction" else "caution"
        return _Found(
            after_months(c.convicted_on, months),
            f"That is {months_words(months)} after the date of the {event}.",
        )
    if outcome.runs_from == "paid":
        return _from_payment(c, months)
    return _from_end(c, outcome, months)  # sentence_end or order_end


def _spent_text(found: _Found, rules: Rules, label: str, sources: tuple[str, ...]) -> str:
    text = f"This becomes spent on {day_words(found.spent_on)}. {found.how}"
    if found.assumption:
        text += f" {found.assumption}"
    if found.spent_on < rules.effective_from:
        text += (
            f" The rules changed on {day_words(rules.effective_from)}. Before then older rules "
            "applied, so it may have become spent on a different day, but no later than "
            f"{day_words(rules.effective_from)}."
        )
    return text + f" {cite(label, sources)}"


def spent_date(conviction: Conviction, rules: Rules) -> SpentAnswer:
    """When one conviction or caution becomes spent, on its own.

    Other convictions can make this later; use
    :func:`planner.spent.combination.assess` for a whole record.

    Parameters
    ----------
    conviction : Conviction
    rules : Rules

    Returns
    -------
    SpentAnswer

    Examples
    --------
    >>> from planner.spent.rules import load_rules
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
        return undecided(rules, "We do not have a rule for what you entered as the outcome.")
    caveats = tuple(x for x in (outcome.caveat,) if x)
    if c.convicted_on < rules.effective_from and rules.scheme_caveat:
        caveats += (rules.scheme_caveat,)
    label = (
        f"{outcome.label} ({age_words(c.under_18)})"
        if isinstance(c.under_18, bool)
        else outcome.label
    )
    about = {"rule_id": outcome.id, "rule_label": label, "sources": outcome.sources}
    problem = _input_problem(c, outcome)
    if problem:
        return undecided(rules, problem, caveats=caveats, **about)
    months = outcome.months(c.under_18)
    if months is None:
        return SpentAnswer(
            spent_on=None,
            never=True,
            undecided=False,
            text=f"This can never become spent. {cite(label, outcome.sources)}",
            caveats=caveats,
            **about,
        )
    found = _spent_day(c, outcome, months)
    if isinstance(found, str):
        return undecided(rules, found, caveats=caveats, **about)
    return SpentAnswer(
        spent_on=found.spent_on,
        never=False,
        undecided=False,
        text=_spent_text(found, rules, label, outcome.sources),
        assumption=found.assumption,
        caveats=caveats,
        earliest_spent_on=found.spent_on,
        latest_spent_on=found.spent_on,
        **about,
    )


def spent_by(spent: SpentAnswer, on_date: date) -> bool | None:
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
