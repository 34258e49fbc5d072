"""What a DBS check at one level shows about one entry on one date.

A basic check shows what is unspent. Standard and enhanced checks show
everything that is not filtered, and only spent entries can be filtered.
"""

from __future__ import annotations

from datetime import date

from planner.spent.dates import cite, day_words
from planner.spent.periods import spent_by
from planner.spent.records import Assessment, FilterAnswer, ShowsAnswer
from planner.spent.rules import CheckLevel, Rules

__all__ = ["shows_on"]


def _shows(level: CheckLevel, shows: bool | None, text: str, rule_id: str, sources, **kw):
    return ShowsAnswer(
        shows=shows,
        check_level=level.id,
        text=text,
        rule_id=rule_id,
        sources=sources,
        note=level.note,
        **kw,
    )


def _cite_rule(filt: FilterAnswer) -> str:
    return f"Source: {filt.sources[0]}"


def _cannot_tell_if_spent(
    level: CheckLevel, a: Assessment, on_date: date, rules: Rules, why: str
) -> ShowsAnswer:
    return _shows(
        level,
        None,
        f"We cannot tell whether it is spent on {day_words(on_date)}{why}" + (a.spent.reason or ""),
        a.spent.rule_id,
        a.spent.sources + level.sources,
        help=rules.help,
    )


def _basic(level: CheckLevel, a: Assessment, on_date: date, rules: Rules, spent) -> ShowsAnswer:
    """A basic check on a day the entry is spent, or may be."""
    if spent is None:
        return _cannot_tell_if_spent(level, a, on_date, rules, ". ")
    return _shows(
        level,
        False,
        f"It is spent on {day_words(on_date)}, so a basic check does not show it. "
        f"{level.label}: {level.shows}",
        level.id,
        level.sources,
    )


def _by_filter(level: CheckLevel, filt: FilterAnswer, shows: bool | None, text: str, **kw):
    """An answer that rests on the filtering rule (and on what the level shows)."""
    return _shows(level, shows, text, filt.rule_id, filt.sources + level.sources, **kw)


def _filter_unclear(level: CheckLevel, filt: FilterAnswer, on_date: date, rules: Rules):
    """Filtering is undecided: shown before its earliest day, "cannot tell" after."""
    if filt.not_before is not None and on_date < filt.not_before:
        return _by_filter(
            level,
            filt,
            True,
            f"A {level.label.lower()} shows it on {day_words(on_date)}: it cannot be filtered "
            f"before {day_words(filt.not_before)}. {level.label}: {level.shows}",
        )
    return _by_filter(level, filt, None, filt.text, questions=filt.questions, help=rules.help)


def _filter_known(level: CheckLevel, filt: FilterAnswer, on_date: date) -> ShowsAnswer:
    """Filtering has a day: shown before it; after it, filtered (or it depends on answers)."""
    assert filt.filtered_from is not None
    name = level.label.lower()
    cite_level = f"{level.label}: {level.shows}"
    if on_date < filt.filtered_from:
        return _by_filter(
            level,
            filt,
            True,
            f"A {name} shows it on {day_words(on_date)}. It cannot be filtered before "
            f"{day_words(filt.filtered_from)}. {cite_level} {_cite_rule(filt)}",
        )
    if filt.could_be_filtered is None:
        return _by_filter(
            level,
            filt,
            None,
            f"On {day_words(on_date)} it depends on your answers: if each answer is 'no', a "
            f"{name} does not show it; if any is 'yes', it does. "
            + " ".join(q.text for q in filt.questions),
            questions=filt.questions,
        )
    return _by_filter(
        level,
        filt,
        False,
        f"It is filtered, so a {name} does not show it on {day_words(on_date)}. "
        f"{cite_level} {_cite_rule(filt)}",
    )


def _filtered_levels(
    level: CheckLevel, a: Assessment, on_date: date, rules: Rules, spent
) -> ShowsAnswer:
    """A standard or enhanced check on a day the entry is spent, or may be."""
    filt = a.filtering
    if filt.could_be_filtered is False:
        text = f"A {level.label.lower()} shows it: it can never be filtered. {filt.text}"
        return _by_filter(level, filt, True, text)
    if spent is None:
        why = ", and only spent convictions and cautions can be filtered. "
        return _cannot_tell_if_spent(level, a, on_date, rules, why)
    if filt.undecided:
        return _filter_unclear(level, filt, on_date, rules)
    return _filter_known(level, filt, on_date)


def shows_on(check_level: str, assessment: Assessment, on_date: date, rules: Rules) -> ShowsAnswer:
    """Would a DBS check at ``check_level`` show this entry on ``on_date``?

    Parameters
    ----------
    check_level : {"basic", "standard", "enhanced", "enhanced_barred"}
    assessment : Assessment
        From :func:`planner.spent.combination.assess`.
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
    >>> from planner.spent.combination import assess
    >>> from planner.spent.records import Conviction
    >>> from planner.spent.rules import load_rules
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
    if on_date < max(rules.effective_from, rules.filter_applies_from):
        return _shows(
            level,
            None,
            f"The rules changed on {day_words(rules.effective_from)}, and we only answer for "
            f"dates from then. Please check with the {rules.calculator.label} "
            f"({rules.calculator.url}).",
            rules.scheme_id,
            rules.scheme_sources,
            help=rules.help,
        )
    if on_date < assessment.conviction.convicted_on:
        return _shows(
            level, False, "This had not happened yet on that date.", level.id, level.sources
        )
    spent = spent_by(assessment.spent, on_date)
    if spent is False:
        shown = rules.filtering["unspent_always_shown"]
        return _shows(
            level,
            True,
            f"It is not spent on {day_words(on_date)}, so a {level.label.lower()} shows it. "
            f"{level.label}: {level.shows} {cite(shown.label, shown.sources)}",
            shown.id,
            shown.sources + level.sources,
        )
    if level.id == "basic":
        return _basic(level, assessment, on_date, rules, spent)
    return _filtered_levels(level, assessment, on_date, rules, spent)
