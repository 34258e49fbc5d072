"""How several convictions and cautions change each other's spent dates.

Each entry starts from its own period (:func:`~planner.spent.periods.spent_date`),
kept as a range (``low`` to ``high``) so that what we cannot know widens the
range instead of being guessed. The rules about more than one conviction are
applied pair by pair until nothing changes; then each entry's range becomes an
answer: a date, never, or "we cannot tell" with the range.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from planner.spent.dates import NEVER, cite, day_words
from planner.spent.filtering import filtering
from planner.spent.periods import spent_by, spent_date, undecided
from planner.spent.records import Assessment, Conviction, FilterAnswers, SpentAnswer
from planner.spent.rules import Outcome, Rules

__all__ = ["assess"]


@dataclass
class _Period:
    """Working state for one entry inside :func:`assess` (local to one call)."""

    low: date  # the rehabilitation period ends no earlier than this
    high: date  # ... and no later than this (NEVER: no known end)
    never: int  # 0 no, 1 maybe, 2 yes (a later never-spent sentence)
    excluded: bool | None  # its own sentence can never be spent
    kind: str | None
    extends: bool | None
    extendable: bool | None


def _start(c: Conviction, own: SpentAnswer, outcome: Outcome | None) -> _Period:
    if outcome is None:
        return _Period(c.convicted_on, NEVER, 1, None, None, None, None)
    if own.never:
        return _Period(NEVER, NEVER, 2, True, outcome.kind, False, False)
    if own.undecided:
        excluded = None if outcome.adult is None else False
        return _Period(
            c.convicted_on,
            NEVER,
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


class _Record:
    """Every entry of one record while the rules about more than one conviction are applied."""

    def __init__(self, convictions: Sequence[Conviction], rules: Rules):
        self.convictions = list(convictions)
        self.rules = rules
        self.owns = [spent_date(c, rules) for c in self.convictions]
        self.outcomes = [rules.outcomes.get(c.outcome) for c in self.convictions]
        self.states = [
            _start(c, o, out)
            for c, o, out in zip(self.convictions, self.owns, self.outcomes, strict=True)
        ]
        # For explanations: (rule id, other entry, certain) per entry.
        self.notes: list[set[tuple[str, int, bool]]] = [set() for _ in self.convictions]

    def settle(self) -> None:
        """Apply the rules to every pair until nothing changes."""
        changed = True
        while changed:
            changed = False
            for i, early in enumerate(self.states):
                if early.kind == "caution" or early.excluded is True:
                    continue
                for j in range(len(self.states)):
                    if self._link(i, j):
                        changed = True

    def _link(self, i: int, j: int) -> bool:
        """Apply the rules to an earlier entry ``i`` and a later one ``j``; True if it changed."""
        early, late = self.states[i], self.states[j]
        later = self.convictions[j]
        if (
            i == j
            or late.kind == "caution"
            or later.convicted_on < self.convictions[i].convicted_on
        ):
            return False
        if later.convicted_on >= early.high:
            return False  # convicted after the earlier one is spent (or surely after)
        sure = (
            later.convicted_on < early.low
            and early.excluded is False
            and early.kind == "conviction"
            and late.kind == "conviction"
        )
        changed = False
        if late.excluded is not False:
            level = 2 if sure and late.excluded is True else 1
            if level > early.never:
                early.never = level
                self.notes[i].add(("later_never_spent", j, level == 2))
                changed = True
            if late.excluded is True:
                return changed
        for target, t, source, s in ((early, i, late, j), (late, j, early, i)):
            if _extend(target, source, sure):
                self.notes[t].add(("drag_through", s, target.low == target.high))
                changed = True
        return changed

    def entry(self, i: int) -> str:
        """An entry as the answers name it: its number, outcome and date."""
        outcome = self.outcomes[i]
        what = outcome.label if outcome else "an outcome we have no rule for"
        return f"entry {i + 1} ({what}, {day_words(self.convictions[i].convicted_on)})"

    def combined(self, i: int) -> SpentAnswer:
        """Entry ``i``'s answer once the other entries are taken into account."""
        own, notes, state = self.owns[i], self.notes[i], self.states[i]
        if not notes or own.never:
            return own
        others = sorted({j for _, j, _ in notes})
        named = ", ".join(self.entry(j) for j in others)
        if own.undecided:
            return replace(own, text=f"{own.text} Other entries may also change this: {named}.")
        if state.never == 2:
            return self._never_answer(i)
        if state.never == 1 or state.low != state.high:
            return self._range_answer(i, named, others)
        if state.low == own.spent_on:
            return own
        return self._dragged_answer(i, named)

    def _never_answer(self, i: int) -> SpentAnswer:
        own = self.owns[i]
        assert own.spent_on is not None
        rule = self.rules.combination["later_never_spent"]
        causes = ", ".join(
            self.entry(j) for rid, j, sure in sorted(self.notes[i]) if rid == rule.id and sure
        )
        return SpentAnswer(
            spent_on=None,
            never=True,
            undecided=False,
            rule_id=rule.id,
            rule_label=rule.label,
            sources=rule.sources + own.sources,
            text=f"This can never become spent. On its own it would be spent on "
            f"{day_words(own.spent_on)}, but {causes} came while it was unspent and can never "
            f"be spent. {rule.text} {cite(rule.label, rule.sources)}",
            caveats=own.caveats,
        )

    def _range_reasons(self, i: int, others: list[int]) -> list[str]:
        reasons = []
        unclear = {
            out.extends_others_note or out.label
            for out in (self.outcomes[j] for j in others)
            if out is not None and out.extends_others is None
        }
        reasons.extend(sorted(unclear))
        if any(self.outcomes[j] is None or self.owns[j].undecided for j in others):
            reasons.append("We cannot tell when another entry becomes spent.")
        if self.states[i].never == 1:
            reasons.append("Another entry might be a sentence that is never spent.")
        return reasons

    def _range_answer(self, i: int, named: str, others: list[int]) -> SpentAnswer:
        own, state = self.owns[i], self.states[i]
        rule = self.rules.combination["drag_through"]
        reasons = self._range_reasons(i, others)
        latest = None if state.never == 1 or state.high == NEVER else state.high
        range_text = f"It will not be spent before {day_words(state.low)}" + (
            f", and it will be spent by {day_words(latest)}." if latest else "."
        )
        return undecided(
            self.rules,
            f"Other entries affect it: {named}. {' '.join(reasons)} {range_text}",
            rule_id=rule.id,
            rule_label=rule.label,
            sources=rule.sources + own.sources,
            earliest=state.low,
            latest=latest,
            caveats=own.caveats,
        )

    def _dragged_answer(self, i: int, named: str) -> SpentAnswer:
        own, state = self.owns[i], self.states[i]
        assert own.spent_on is not None
        rule = self.rules.combination["drag_through"]
        return SpentAnswer(
            spent_on=state.low,
            never=False,
            undecided=False,
            rule_id=rule.id,
            rule_label=rule.label,
            sources=rule.sources + own.sources,
            text=f"This becomes spent on {day_words(state.low)}. On its own it would be spent "
            f"on {day_words(own.spent_on)}, but it is linked with {named}. {rule.text} "
            f"{cite(rule.label, rule.sources)}",
            assumption=own.assumption,
            caveats=own.caveats,
            earliest_spent_on=state.low,
            latest_spent_on=state.low,
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
    * A later summary-only conviction drags like any other: section 6(6), which left
      it out, was taken away on 10 March 2014 (LASPO 2012, section 139(5)(b)).
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
    >>> from planner.spent.rules import load_rules
    >>> rules = load_rules()
    >>> first = Conviction("fine", date(2024, 1, 1), under_18=False)
    >>> second = Conviction("fine", date(2024, 6, 1), under_18=False)
    >>> [a.spent.spent_on for a in assess([first, second], rules, date(2025, 3, 1))]
    [datetime.date(2025, 6, 1), datetime.date(2025, 6, 1)]
    """
    record = _Record(convictions, rules)
    if answers is not None and len(answers) != len(record.convictions):
        raise ValueError("answers must have one entry per conviction")
    record.settle()
    out = []
    for i, c in enumerate(record.convictions):
        combined = record.combined(i)
        spent_today = None if today < rules.effective_from else spent_by(combined, today)
        out.append(
            Assessment(
                index=i,
                conviction=c,
                own=record.owns[i],
                spent=combined,
                filtering=filtering(
                    c, rules, answers[i] if answers is not None else None, combined
                ),
                spent_today=spent_today,
                linked=tuple(sorted({j for _, j, _ in record.notes[i]})),
            )
        )
    return out
