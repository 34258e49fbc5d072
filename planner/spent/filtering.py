"""DBS filtering: whether a conviction or caution could be left off standard and enhanced checks.

Filtering needs three things: which filtering rule fits (a conviction, an adult
caution, or a caution given under 18), whether the person's own answers allow
it (a specified offence or a prison sentence never is), and the later of the
day it becomes spent and the end of the rule's waiting time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.spent.dates import after_months, cite, day_words, is_typing_mistake, months_words
from planner.spent.periods import spent_date
from planner.spent.records import (
    Condition,
    Conviction,
    FilterAnswer,
    FilterAnswers,
    SpentAnswer,
)
from planner.spent.rules import Outcome, Question, Rule, Rules

__all__ = ["filtering"]


@dataclass(frozen=True)
class _Plan:
    """The filtering rule that fits, its conditions, and when its waiting time ends."""

    rule: Rule
    conditions: tuple[Condition, ...]
    wait_from: date
    wait_text: str


def _plan(c: Conviction, outcome: Outcome, answers: FilterAnswers, rules: Rules) -> _Plan:
    q = rules.questions
    specified = Condition(q["specified_offence"], answers.specified_offence, False)
    if outcome.kind == "caution" and c.under_18:
        return _Plan(rules.filtering["filter_youth_caution"], (), c.convicted_on, "")
    if outcome.kind == "caution":
        months = rules.adult_caution_months
        return _Plan(
            rules.filtering["filter_adult_caution"],
            (specified,),
            after_months(c.convicted_on, months),
            f"{months_words(months)} after the caution",
        )
    custodial = True if outcome.custodial else answers.custodial
    months = rules.conviction_under_18_months if c.under_18 else rules.conviction_adult_months
    return _Plan(
        rules.filtering["filter_conviction"],
        (specified, Condition(q["custodial"], custodial, False)),
        after_months(c.convicted_on, months),
        f"{months_words(months)} after the conviction",
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
    later = f" It will not be filtered before {day_words(not_before)}." if not_before else ""
    return FilterAnswer(
        could_be_filtered=None,
        filtered_from=None,
        undecided=True,
        rule_id=rule.id,
        sources=rule.sources,
        text=f"We cannot tell whether or when this could be filtered. {reason}{later} "
        f"Please check with the {rules.calculator.label} ({rules.calculator.url}) or the "
        f"{rules.helpline.label} ({rules.helpline.url}). {cite(rule.label, rule.sources)}",
        conditions=conditions,
        questions=questions,
        reason=reason,
        not_before=not_before,
        help=rules.help,
    )


def _never_filtered(plan: _Plan, outcome: Outcome, failed: list[Condition]) -> FilterAnswer:
    why = " ".join(
        "It was a prison sentence."
        if f.question.id == "custodial" and outcome.custodial
        else f"You answered 'yes' to: {f.question.text}"
        for f in failed
    )
    rule = plan.rule
    return FilterAnswer(
        could_be_filtered=False,
        filtered_from=None,
        undecided=False,
        rule_id=rule.id,
        sources=rule.sources,
        text=f"This can never be filtered, so standard and enhanced checks always show it. "
        f"{why} {cite(rule.label, rule.sources)}",
        conditions=plan.conditions,
    )


def _never_spent(plan: _Plan, rules: Rules) -> FilterAnswer:
    shown = rules.filtering["unspent_always_shown"]
    return FilterAnswer(
        could_be_filtered=False,
        filtered_from=None,
        undecided=False,
        rule_id=shown.id,
        sources=shown.sources,
        text="This is never spent, so every check always shows it. "
        + cite(shown.label, shown.sources),
        conditions=plan.conditions,
    )


def _spent_day_unknown(plan: _Plan, spent: SpentAnswer, rules: Rules) -> FilterAnswer:
    not_before = max(plan.wait_from, spent.earliest_spent_on or plan.wait_from)
    return _filter_undecided(
        rules,
        plan.rule,
        "Only spent convictions and cautions can be filtered, and we cannot tell when "
        "this becomes spent.",
        conditions=plan.conditions,
        not_before=not_before,
        questions=tuple(cond.question for cond in plan.conditions if cond.answer is None),
    )


def _filtered_from(plan: _Plan, spent_on: date) -> FilterAnswer:
    """Filtered from a known day, or (with questions unanswered) from then if they allow it."""
    rule = plan.rule
    filtered_from = max(plan.wait_from, spent_on)
    if plan.wait_text and filtered_from == plan.wait_from:
        when = f"That is {plan.wait_text}."
    else:
        when = "That is when it becomes spent."
    open_questions = tuple(cond.question for cond in plan.conditions if cond.answer is None)
    if open_questions:
        asks = " ".join(f"{qq.text}" for qq in open_questions)
        return FilterAnswer(
            could_be_filtered=None,
            filtered_from=filtered_from,
            undecided=False,
            rule_id=rule.id,
            sources=rule.sources,
            text=f"It depends on your answers. If the answer to each of these is 'no', it "
            f"could be filtered from standard and enhanced checks from "
            f"{day_words(filtered_from)}. {when} If any answer is 'yes', it is never filtered. "
            f"{asks} {cite(rule.label, rule.sources)}",
            conditions=plan.conditions,
            questions=open_questions,
        )
    return FilterAnswer(
        could_be_filtered=True,
        filtered_from=filtered_from,
        undecided=False,
        rule_id=rule.id,
        sources=rule.sources,
        text=f"It could be filtered from standard and enhanced checks from "
        f"{day_words(filtered_from)}. {when} {cite(rule.label, rule.sources)}",
        conditions=plan.conditions,
    )


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
        When it becomes spent, if already worked out (as
        :func:`planner.spent.combination.assess` does, with the rules about more
        than one conviction). Otherwise it is worked out alone.

    Returns
    -------
    FilterAnswer

    Examples
    --------
    >>> from planner.spent.rules import load_rules
    >>> rules = load_rules()
    >>> fine = Conviction("fine", date(2020, 6, 1), under_18=False)
    >>> no = FilterAnswers(specified_offence=False, custodial=False)
    >>> filtering(fine, rules, no).filtered_from
    datetime.date(2031, 6, 1)
    >>> filtering(fine, rules).could_be_filtered is None  # depends on the questions
    True
    """
    c = conviction
    outcome = rules.outcomes.get(c.outcome)
    spent = spent or spent_date(c, rules)
    if outcome is None:
        return _filter_undecided(
            rules,
            rules.filtering["filter_conviction"],
            "We do not have a rule for what you entered as the outcome.",
        )
    if is_typing_mistake(c.convicted_on):
        return _filter_undecided(
            rules,
            rules.filtering["filter_conviction"],
            f"The date {day_words(c.convicted_on)} looks like a typing mistake.",
        )
    plan = _plan(c, outcome, answers or FilterAnswers(), rules)
    failed = [cond for cond in plan.conditions if cond.met is False]
    if failed:
        return _never_filtered(plan, outcome, failed)
    if spent.never:
        return _never_spent(plan, rules)
    if spent.undecided:
        return _spent_day_unknown(plan, spent, rules)
    assert spent.spent_on is not None
    return _filtered_from(plan, spent.spent_on)
