"""Tests for the spent-conviction and DBS filtering rules (planner.spent.rules).

The expected dates here are worked out by hand from the research notes
(shared research data-facts.md §6 and §7), not read from the rules file, so a
wrong number in the file fails a test.
"""

from __future__ import annotations

import importlib
import io
import json
import logging
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.spent.combination import assess
from planner.spent.dates import after_months
from planner.spent.filtering import filtering
from planner.spent.periods import spent_date
from planner.spent.records import Conviction, FilterAnswers
from planner.spent.rules import DEFAULT_RULES_PATH, RulesError, load_rules, parse_rules
from planner.spent.shows import shows_on

#: Every module of the pure rules package (the checks below read each one).
RULE_MODULES = tuple(
    importlib.import_module(f"planner.spent.{name}")
    for name in ("rules", "records", "dates", "periods", "filtering", "combination", "shows")
)

RULES = load_rules()
CALCULATOR = "http://www.disclosurecalculator.org.uk/"
HELPLINE = "https://unlock.org.uk/"
CONV = date(2024, 3, 15)
TODAY = date(2026, 1, 1)
NO = FilterAnswers(specified_offence=False, custodial=False)


def fine(on: date, *, under_18: bool = False) -> Conviction:
    return Conviction("fine", on, under_18=under_18)


def undecided_points_to_unlock(answer) -> None:
    assert answer.undecided
    assert answer.reason
    urls = {link.url for link in answer.help}
    assert {CALCULATOR, HELPLINE} <= urls
    assert CALCULATOR in answer.text


# --------------------------------------------------------------------------- the rules file


def raw_rules() -> dict:
    return json.loads(Path(DEFAULT_RULES_PATH).read_text(encoding="utf-8"))


def every_rule(raw: dict):
    yield "scheme", raw["scheme"]
    for item in raw["outcomes"]:
        yield f"outcome {item['id']}", item
    for item in raw["combination_rules"]:
        yield f"combination {item['id']}", item
    for item in raw["filtering"]["rules"]:
        yield f"filtering {item['id']}", item
    for item in raw["check_levels"]:
        yield f"check level {item['id']}", item


@pytest.mark.parametrize("name,item", list(every_rule(raw_rules())), ids=lambda x: str(x)[:40])
def test_every_rule_has_a_source_and_an_effective_date(name, item):
    assert item["sources"], name
    assert all(s.startswith(("http://", "https://")) for s in item["sources"]), name
    assert date.fromisoformat(item["effective_from"]) <= date(2023, 10, 28), name


def test_every_row_of_the_research_tables_is_in_the_file():
    assert set(RULES.outcomes) == {
        "custody_up_to_1_year",
        "custody_1_to_4_years",
        "custody_over_4_years",
        "custody_over_4_years_serious",
        "custody_life_ipp_extended",
        "community_order",
        "fine",
        "relevant_order",
        "absolute_discharge",
        "compensation_order",
        "motoring_endorsement",
        "conditional_caution",
        "simple_caution",
    }
    for outcome in RULES.outcomes.values():
        assert outcome.effective_from == date(2023, 10, 28)
        assert outcome.label and len(outcome.label) <= 100


def test_a_simple_caution_is_spent_straight_away_with_the_law_as_its_source():
    # The Act, Schedule 2 paragraph 1(1)(b): a caution other than a conditional one is
    # spent "at the time the caution is given"; so no caveat is left for the person.
    assert RULES.outcomes["simple_caution"].caveat is None
    answer = spent_date(Conviction("simple_caution", CONV, False), RULES)
    assert answer.spent_on == CONV and answer.caveats == ()
    assert "https://www.legislation.gov.uk/ukpga/1974/53/schedule/2" in answer.sources


#: Words meant for us, not for the person reading the page (issue 11).
INTERNAL = ("research", "verify", "before release", "re-checked", "the planner", "todo")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_the_rules_file_holds_no_notes_meant_for_us():
    found = [s for s in _strings(raw_rules()) if any(w in s.lower() for w in INTERNAL)]
    assert not found


def test_help_addresses_are_the_unlock_ones():
    assert RULES.calculator.url == CALCULATOR
    assert RULES.helpline.url == HELPLINE


def test_filtering_numbers_match_the_research():
    assert RULES.conviction_adult_months == 11 * 12
    assert RULES.conviction_under_18_months == 66  # 5.5 years
    assert RULES.adult_caution_months == 6 * 12
    assert RULES.filtering["each_conviction_on_its_own"].effective_from == date(2020, 11, 28)


def test_under_18_periods_in_the_file_are_never_longer():
    for outcome in RULES.outcomes.values():
        if outcome.adult is None:
            assert outcome.under_18 is None
        else:
            assert outcome.under_18 is not None and outcome.under_18 <= outcome.adult


def test_a_broken_rules_file_lists_every_problem():
    raw = raw_rules()
    raw["outcomes"][0]["sources"] = []
    raw["outcomes"][1]["under_18"] = 999
    raw["outcomes"][2]["runs_from"] = "whenever"
    del raw["combination_rules"][0]
    with pytest.raises(RulesError) as err:
        parse_rules(raw)
    text = "\n".join(err.value.problems)
    assert "outcomes[0].sources" in text
    assert "under-18 period is longer" in text
    assert "runs_from" in text
    assert "same_conviction_longest" in text


def test_a_missing_rules_file_is_reported(tmp_path):
    with pytest.raises(RulesError, match="file not found"):
        load_rules(tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(RulesError, match="not valid JSON"):
        load_rules(bad)


# --------------------------------------------------------------------------- one row each

# (outcome, under 18, extra input, expected first spent day or None for never)
ROWS = [
    # Custody of 1 year or less: end of sentence + 1 year / + 6 months.
    ("custody_up_to_1_year", False, {"ends_on": date(2024, 9, 14)}, date(2025, 9, 14)),
    ("custody_up_to_1_year", True, {"ends_on": date(2024, 9, 14)}, date(2025, 3, 14)),
    # Custody over 1 year up to 4 years: + 4 years / + 2 years.
    ("custody_1_to_4_years", False, {"ends_on": date(2026, 3, 14)}, date(2030, 3, 14)),
    ("custody_1_to_4_years", True, {"ends_on": date(2026, 3, 14)}, date(2028, 3, 14)),
    # Custody over 4 years, not serious: + 7 years / + 3.5 years.
    ("custody_over_4_years", False, {"ends_on": date(2030, 3, 14)}, date(2037, 3, 14)),
    ("custody_over_4_years", True, {"ends_on": date(2030, 3, 14)}, date(2033, 9, 14)),
    # Custody over 4 years for a Schedule 18 offence, and life/IPP/extended: never.
    ("custody_over_4_years_serious", False, {"length_months": 60}, None),
    ("custody_over_4_years_serious", True, {"length_months": 60}, None),
    ("custody_life_ipp_extended", False, {}, None),
    ("custody_life_ipp_extended", True, {}, None),
    # Community order / youth rehabilitation order: at the end of the order, no buffer.
    ("community_order", False, {"ends_on": date(2025, 3, 14)}, date(2025, 3, 15)),
    ("community_order", True, {"ends_on": date(2025, 3, 14)}, date(2025, 3, 15)),
    # Fine: 1 year from conviction / 6 months.
    ("fine", False, {}, date(2025, 3, 15)),
    ("fine", True, {}, date(2024, 9, 15)),
    # Conditional discharge, bind-over, relevant orders: when the order ends.
    ("relevant_order", False, {"ends_on": date(2025, 3, 14)}, date(2025, 3, 15)),
    ("relevant_order", True, {"ends_on": date(2025, 3, 14)}, date(2025, 3, 15)),
    # Absolute discharge: immediately.
    ("absolute_discharge", False, {}, CONV),
    ("absolute_discharge", True, {}, CONV),
    # Compensation order: when paid in full.
    ("compensation_order", False, {"paid_on": date(2024, 6, 30)}, date(2024, 7, 1)),
    ("compensation_order", True, {"paid_on": date(2024, 6, 30)}, date(2024, 7, 1)),
    # Motoring endorsement: 5 years / 2.5 years.
    ("motoring_endorsement", False, {}, date(2029, 3, 15)),
    ("motoring_endorsement", True, {}, date(2026, 9, 15)),
    # Conditional caution: 3 months.
    ("conditional_caution", False, {}, date(2024, 6, 15)),
    ("conditional_caution", True, {}, date(2024, 6, 15)),
    # Simple caution, youth caution, reprimand, warning: immediately.
    ("simple_caution", False, {}, CONV),
    ("simple_caution", True, {}, CONV),
]


@pytest.mark.parametrize(
    "outcome,under_18,extra,expected",
    ROWS,
    ids=[f"{o}-{'u18' if u else 'adult'}" for o, u, _, _ in ROWS],
)
def test_each_row_of_the_rehabilitation_table(outcome, under_18, extra, expected):
    answer = spent_date(Conviction(outcome, CONV, under_18, **extra), RULES)
    assert not answer.undecided
    assert answer.rule_id == outcome
    assert answer.sources and answer.source == answer.sources[0]
    assert answer.source in answer.text
    if expected is None:
        assert answer.never and answer.spent_on is None
        assert "never" in answer.text
    else:
        assert not answer.never
        assert answer.spent_on == expected
        assert answer.earliest_spent_on == answer.latest_spent_on == expected


def test_custody_length_is_used_when_there_is_no_end_date_and_says_so():
    answer = spent_date(Conviction("custody_up_to_1_year", CONV, False, length_months=6), RULES)
    # 6 months beginning with 15 March 2024 ends on 14 September 2024; + 1 year.
    assert answer.spent_on == date(2025, 9, 14)
    assert answer.assumption and "licence" in answer.assumption
    assert answer.assumption in answer.text


def test_an_end_date_beats_the_length():
    c = Conviction("custody_up_to_1_year", CONV, False, length_months=6, ends_on=date(2025, 1, 1))
    answer = spent_date(c, RULES)
    assert answer.spent_on == date(2026, 1, 1)
    assert answer.assumption is None


def test_an_order_length_is_used_when_there_is_no_end_date():
    answer = spent_date(Conviction("community_order", CONV, False, length_months=12), RULES)
    assert answer.spent_on == date(2025, 3, 15)
    assert answer.assumption


@pytest.mark.parametrize(
    "conviction,expected",
    [
        # 30 months beginning with 31 August 2023: there is no 31 February 2026.
        (Conviction("motoring_endorsement", date(2023, 8, 31), True), date(2026, 3, 1)),
        # A leap day: there is no 29 February 2025.
        (Conviction("fine", date(2024, 2, 29), False), date(2025, 3, 1)),
        (Conviction("fine", date(2024, 12, 31), False), date(2025, 12, 31)),
    ],
)
def test_month_ends_never_give_an_early_date(conviction, expected):
    assert spent_date(conviction, RULES).spent_on == expected


def test_older_convictions_say_the_new_times_count_for_them_too():
    answer = spent_date(fine(date(2015, 1, 1)), RULES)
    assert answer.spent_on == date(2016, 1, 1)
    assert answer.caveats == (RULES.scheme_caveat,)
    assert "from before then too" in RULES.scheme_caveat
    assert "28 October 2023" in answer.text


# --------------------------------------------------------------------------- undecided


@pytest.mark.parametrize(
    "conviction,words",
    [
        (Conviction("not_sure", CONV, False), "a rule for what you entered"),
        (Conviction("hospital_order", CONV, False), "a rule for what you entered"),
        (Conviction("custody_up_to_1_year", CONV, False), "end date"),
        (Conviction("community_order", CONV, True), "end date"),
        (Conviction("relevant_order", CONV, False), "end date"),
        (Conviction("compensation_order", CONV, False), "paid in full"),
        (Conviction("custody_up_to_1_year", CONV, False, length_months=18), "does not fit"),
        (Conviction("custody_1_to_4_years", CONV, False, length_months=12), "does not fit"),
        (Conviction("custody_over_4_years", CONV, False, length_months=48), "does not fit"),
        (Conviction("custody_over_4_years_serious", CONV, False, length_months=24), "not fit"),
        (Conviction("custody_up_to_1_year", CONV, False, length_months=0), "more than 0"),
        (Conviction("custody_over_4_years", CONV, False, length_months=10**6), "typing"),
        (
            Conviction("community_order", CONV, False, ends_on=date(2020, 1, 1)),
            "before the date",
        ),
        (
            Conviction("compensation_order", CONV, False, paid_on=date(2020, 1, 1)),
            "before the date",
        ),
        (Conviction("fine", date(1066, 10, 14), False), "typing"),
        (Conviction("fine", CONV, None), "under 18"),  # type: ignore[arg-type]
    ],
)
def test_not_enough_to_decide_is_undecided_and_points_to_unlock(conviction, words):
    answer = spent_date(conviction, RULES)
    undecided_points_to_unlock(answer)
    assert answer.spent_on is None and not answer.never
    assert words in answer.reason
    assert answer.sources and answer.rule_id


def test_unknown_outcome_is_undecided_everywhere():
    [a] = assess([Conviction("not_sure", CONV, False)], RULES, TODAY)
    undecided_points_to_unlock(a.spent)
    assert a.spent_today is None
    assert a.filtering.undecided and a.filtering.help
    for level in ("basic", "standard", "enhanced"):
        assert shows_on(level, a, TODAY, RULES).shows is None


# --------------------------------------------------------------------------- combination rules


def spent_days(record, today=TODAY):
    return [a.spent for a in assess(record, RULES, today)]


def test_drag_through_keeps_the_earlier_one_unspent_until_the_later_one_is_spent():
    earlier = fine(date(2024, 1, 1))  # alone: 1 January 2025
    later = Conviction(
        "custody_up_to_1_year",
        date(2024, 6, 1),
        False,
        ends_on=date(2024, 11, 30),
    )  # alone: 30 November 2025
    a, b = spent_days([earlier, later])
    assert a.spent_on == b.spent_on == date(2025, 11, 30)
    assert a.rule_id == "drag_through"
    assert "section/6" in a.text
    assert b.rule_id == "custody_up_to_1_year"


def test_drag_through_works_both_ways():
    earlier = Conviction("motoring_endorsement", date(2024, 1, 1), False)  # 1 January 2029
    later = fine(date(2025, 1, 1))  # alone: 1 January 2026
    result = assess([earlier, later], RULES, TODAY)
    # The endorsement's own effect on others is unclear in law, so the later fine is a range.
    assert result[1].spent.undecided
    assert result[1].spent.earliest_spent_on == date(2026, 1, 1)
    assert result[1].spent.latest_spent_on == date(2029, 1, 1)
    # With an earlier fine-like conviction that surely drags, the later one is held.
    earlier = Conviction("community_order", date(2024, 1, 1), False, ends_on=date(2027, 1, 1))
    a, b = spent_days([earlier, later])
    assert a.spent_on == b.spent_on == date(2027, 1, 2)
    assert b.rule_id == "drag_through"


def test_a_conviction_after_the_earlier_one_is_spent_changes_nothing():
    earlier = fine(date(2020, 1, 1))  # spent 1 January 2021
    for later_day in (date(2021, 1, 1), date(2022, 5, 5)):
        a, b = spent_days([earlier, fine(later_day)])
        assert a.spent_on == date(2021, 1, 1)
        assert a.rule_id == "fine"
        assert b.spent_on == later_day.replace(year=later_day.year + 1)


def test_the_last_day_of_the_period_still_counts():
    a, _ = spent_days([fine(date(2020, 1, 1)), fine(date(2020, 12, 31))])
    assert a.spent_on == date(2021, 12, 31)


def test_drag_through_chains_through_an_extended_period():
    first = fine(date(2020, 1, 1))  # alone: 1 January 2021
    second = fine(date(2020, 12, 1))  # alone: 1 December 2021; holds the first until then
    third = fine(date(2021, 6, 1))  # after the first's own end, inside its extended period
    spent = spent_days([first, second, third])
    assert [s.spent_on for s in spent] == [date(2022, 6, 1)] * 3


def test_same_day_convictions_share_the_later_date():
    a, b = spent_days([fine(CONV), Conviction("motoring_endorsement", CONV, False)])
    assert b.spent_on == date(2029, 3, 15)
    # Whether an endorsement drags is unclear, so the fine is a range, not a guess.
    assert a.undecided
    assert (a.earliest_spent_on, a.latest_spent_on) == (date(2025, 3, 15), date(2029, 3, 15))


def test_a_later_summary_only_offence_drags_too():
    # Section 6(6) of the Act left a later summary-only conviction out of drag-through;
    # LASPO 2012 section 139(5)(b) took it away from 10 March 2014. So the court that
    # tried the later offence no longer matters, and the form no longer asks.
    earlier = fine(date(2024, 1, 1))
    later = Conviction("community_order", date(2024, 6, 1), False, ends_on=date(2026, 6, 1))
    a, b = spent_days([earlier, later])
    assert a.spent_on == b.spent_on == date(2026, 6, 2)
    assert a.rule_id == "drag_through"
    assert "summary_only" not in RULES.questions
    rule = RULES.combination["summary_only_counts"]
    assert rule.effective_from == date(2014, 3, 10)
    assert "https://www.legislation.gov.uk/ukpga/2012/10/section/139" in rule.sources


def test_a_later_never_spent_sentence_makes_the_earlier_one_never_spent():
    earlier = fine(date(2024, 1, 1))
    later = Conviction("custody_life_ipp_extended", date(2024, 6, 1), False)
    a, b = spent_days([earlier, later])
    assert a.never and a.rule_id == "later_never_spent"
    assert "section/1" in a.text
    assert b.never


def test_a_never_spent_sentence_after_the_earlier_is_spent_changes_nothing():
    earlier = fine(date(2020, 1, 1))
    later = Conviction("custody_over_4_years_serious", date(2022, 1, 1), False, length_months=72)
    a, _ = spent_days([earlier, later])
    assert a.spent_on == date(2021, 1, 1)


def test_an_earlier_never_spent_conviction_does_not_hold_back_later_ones():
    earlier = Conviction("custody_life_ipp_extended", date(2000, 1, 1), False)
    a, b = spent_days([earlier, fine(date(2024, 1, 1))])
    assert a.never
    assert b.spent_on == date(2025, 1, 1) and b.rule_id == "fine"


@pytest.mark.parametrize("caution", ["simple_caution", "conditional_caution"])
def test_cautions_neither_drag_nor_are_dragged(caution):
    first = Conviction(caution, date(2024, 1, 1), False)
    a, b = spent_days([first, fine(date(2024, 2, 1))])
    assert a.rule_id == caution and b.rule_id == "fine"
    assert b.spent_on == date(2025, 2, 1)
    c, d = spent_days([fine(date(2024, 1, 1)), Conviction(caution, date(2024, 2, 1), False)])
    assert c.spent_on == date(2025, 1, 1) and c.rule_id == "fine"
    assert d.rule_id == caution
    assert RULES.combination["cautions_do_not_drag"].sources


def test_an_order_whose_drag_is_unclear_gives_a_range_not_a_guess():
    earlier = fine(date(2024, 1, 1))
    later = Conviction("relevant_order", date(2024, 6, 1), False, ends_on=date(2026, 6, 1))
    a, b = spent_days([earlier, later])
    undecided_points_to_unlock(a)
    assert (a.earliest_spent_on, a.latest_spent_on) == (date(2025, 1, 1), date(2026, 6, 2))
    assert "6(5)" in a.reason
    assert b.spent_on == date(2026, 6, 2)
    # The order itself can still be held back by a longer conviction.
    c, d = spent_days(
        [
            Conviction("relevant_order", date(2024, 1, 1), False, ends_on=date(2024, 12, 31)),
            fine(date(2024, 6, 1)),
        ]
    )
    assert c.spent_on == d.spent_on == date(2025, 6, 1)


def test_an_undecided_entry_makes_linked_entries_undecided_not_guessed():
    a, b = spent_days([fine(date(2024, 1, 1)), Conviction("not_sure", date(2024, 6, 1), False)])
    undecided_points_to_unlock(a)
    assert a.earliest_spent_on == date(2025, 1, 1)
    assert a.latest_spent_on is None  # the other entry might never be spent
    undecided_points_to_unlock(b)


def test_linked_lists_the_entries_that_change_an_answer():
    result = assess([fine(date(2024, 1, 1)), fine(date(2024, 6, 1))], RULES, TODAY)
    assert result[0].linked == (1,)
    assert result[1].linked == ()
    assert result[0].own.spent_on == date(2025, 1, 1)
    assert result[0].spent.spent_on == date(2025, 6, 1)


def test_spent_today():
    result = assess([fine(date(2024, 1, 1)), fine(date(2025, 6, 1))], RULES, date(2025, 6, 2))
    assert [a.spent_today for a in result] == [True, False]
    [a] = assess([fine(date(2020, 1, 1))], RULES, date(2023, 1, 1))
    assert a.spent_today is None  # before the current rules


def test_answers_must_match_the_convictions():
    with pytest.raises(ValueError):
        assess([fine(CONV)], RULES, TODAY, answers=[NO, NO])


# --------------------------------------------------------------------------- filtering


def test_an_adult_conviction_is_filtered_after_11_years():
    answer = filtering(fine(date(2010, 5, 1)), RULES, NO)
    assert answer.could_be_filtered is True
    assert answer.filtered_from == date(2021, 5, 1)
    assert answer.rule_id == "filter_conviction"
    assert answer.source in answer.text


def test_an_under_18_conviction_is_filtered_after_5_and_a_half_years():
    answer = filtering(fine(date(2010, 5, 1), under_18=True), RULES, NO)
    assert answer.filtered_from == date(2015, 11, 1)


@pytest.mark.parametrize(
    "outcome", ["custody_up_to_1_year", "custody_1_to_4_years", "custody_over_4_years"]
)
def test_a_prison_sentence_including_suspended_is_never_filtered(outcome):
    c = Conviction(outcome, date(2000, 1, 1), False, length_months=None, ends_on=date(2000, 6, 1))
    answer = filtering(c, RULES, FilterAnswers(specified_offence=False))
    assert answer.could_be_filtered is False
    assert "prison" in answer.text


def test_answering_yes_to_a_prison_sentence_stops_filtering():
    answer = filtering(fine(date(2000, 1, 1)), RULES, FilterAnswers(False, custodial=True))
    assert answer.could_be_filtered is False
    assert "suspended" in answer.text


def test_a_specified_offence_is_never_filtered():
    answer = filtering(fine(date(2000, 1, 1)), RULES, FilterAnswers(True, custodial=False))
    assert answer.could_be_filtered is False
    assert "specified offences" in answer.text
    met = {c.question.id: c.met for c in answer.conditions}
    assert met == {"specified_offence": False, "custodial": True}


def test_unanswered_questions_say_what_filtering_depends_on():
    answer = filtering(fine(date(2000, 1, 1)), RULES)
    assert answer.could_be_filtered is None and not answer.undecided
    assert answer.filtered_from == date(2011, 1, 1)
    assert {q.id for q in answer.questions} == {"specified_offence", "custodial"}
    assert "depends" in answer.text
    for q in answer.questions:
        assert q.text.endswith("?") and q.text in answer.text
    assert any("gov.uk" in (q.url or "") for q in answer.questions)


def test_a_conviction_is_only_filtered_once_it_is_spent():
    # Held unspent by drag-through beyond the 11 years.
    old = fine(date(2010, 1, 1))
    result = assess(
        [
            old,
            Conviction(
                "custody_over_4_years",
                date(2010, 6, 1),
                False,
                ends_on=date(2016, 5, 31),
            ),
        ],
        RULES,
        TODAY,
        answers=[NO, None],
    )
    # The fine alone could be filtered from 1 January 2021, but it is unspent until 2023.
    assert result[0].spent.spent_on == date(2023, 5, 31)
    assert result[0].filtering.filtered_from == date(2023, 5, 31)
    assert "spent" in result[0].filtering.text


def test_a_never_spent_conviction_is_never_filtered():
    [a, b] = assess(
        [fine(date(2000, 1, 1)), Conviction("custody_life_ipp_extended", date(2000, 2, 1), False)],
        RULES,
        TODAY,
        answers=[NO, None],
    )
    assert a.spent.never and b.spent.never
    assert a.filtering.could_be_filtered is False
    assert a.filtering.rule_id == "unspent_always_shown"


def test_an_adult_caution_is_filtered_after_6_years():
    caution = Conviction("simple_caution", date(2015, 7, 1), False)
    answer = filtering(caution, RULES, FilterAnswers(specified_offence=False))
    assert answer.rule_id == "filter_adult_caution"
    assert answer.filtered_from == date(2021, 7, 1)
    assert (
        filtering(caution, RULES, FilterAnswers(specified_offence=True)).could_be_filtered is False
    )
    assert [q.id for q in filtering(caution, RULES).questions] == ["specified_offence"]


@pytest.mark.parametrize(
    "caution,expected",
    [("simple_caution", date(2024, 3, 15)), ("conditional_caution", date(2024, 6, 15))],
)
def test_youth_cautions_are_filtered_once_spent(caution, expected):
    answer = filtering(
        Conviction(caution, CONV, True), RULES, FilterAnswers(specified_offence=True)
    )
    assert answer.rule_id == "filter_youth_caution"
    assert answer.could_be_filtered is True
    assert answer.filtered_from == expected
    assert answer.questions == ()


def test_filtering_is_undecided_when_the_spent_date_is_unknown():
    answer = filtering(Conviction("compensation_order", date(2000, 1, 1), False), RULES, NO)
    undecided_points_to_unlock(answer)
    assert answer.not_before == date(2011, 1, 1)


def test_each_conviction_is_filtered_on_its_own():
    # Two old fines years apart: the old multiple-conviction rule would have shown both.
    result = assess(
        [fine(date(2005, 1, 1)), fine(date(2008, 1, 1))], RULES, TODAY, answers=[NO, NO]
    )
    assert [a.filtering.filtered_from for a in result] == [date(2016, 1, 1), date(2019, 1, 1)]
    assert RULES.filtering["each_conviction_on_its_own"].sources


# --------------------------------------------------------------------------- shows_on


def one(conviction, answers=None, today=TODAY):
    [a] = assess([conviction], RULES, today, answers=[answers] if answers else None)
    return a


def test_basic_shows_unspent_only():
    a = one(fine(date(2025, 6, 1)))
    assert shows_on("basic", a, date(2026, 5, 31), RULES).shows is True
    answer = shows_on("basic", a, date(2026, 6, 1), RULES)
    assert answer.shows is False and answer.sources


@pytest.mark.parametrize("level", ["standard", "enhanced", "enhanced_barred"])
def test_standard_and_enhanced_show_everything_not_filtered(level):
    a = one(fine(date(2014, 1, 1)), NO)
    assert shows_on(level, a, date(2024, 12, 31), RULES).shows is True  # spent, not filtered
    assert shows_on(level, a, date(2025, 1, 1), RULES).shows is False  # filtered
    recent = one(fine(date(2025, 6, 1)), NO)
    answer = shows_on(level, recent, date(2025, 7, 1), RULES)
    assert answer.shows is True and answer.rule_id == "unspent_always_shown"


@pytest.mark.parametrize("level", ["enhanced", "enhanced_barred"])
def test_enhanced_answers_mention_police_information(level):
    a = one(fine(date(2000, 1, 1)), NO)
    answer = shows_on(level, a, TODAY, RULES)
    assert answer.shows is False
    assert "police" in answer.note and "chief officer" in answer.note
    assert shows_on("standard", a, TODAY, RULES).note is None


def test_shows_on_says_what_it_depends_on():
    a = one(fine(date(2000, 1, 1)))
    answer = shows_on("standard", a, TODAY, RULES)
    assert answer.shows is None
    assert {q.id for q in answer.questions} == {"specified_offence", "custodial"}
    assert shows_on("basic", a, TODAY, RULES).shows is False


def test_a_prison_sentence_always_shows_on_standard():
    a = one(Conviction("custody_up_to_1_year", date(2000, 1, 1), False, length_months=3))
    assert shows_on("basic", a, TODAY, RULES).shows is False
    assert shows_on("standard", a, TODAY, RULES).shows is True


def test_shows_on_before_the_rules_or_the_conviction():
    a = one(fine(date(2024, 1, 1)))
    answer = shows_on("basic", a, date(2023, 1, 1), RULES)
    assert answer.shows is None and answer.help
    b = one(fine(date(2025, 1, 1)))
    assert shows_on("basic", b, date(2024, 6, 1), RULES).shows is False


def test_shows_on_undecided_points_to_unlock():
    a = one(Conviction("compensation_order", date(2024, 1, 1), False))
    answer = shows_on("basic", a, TODAY, RULES)
    assert answer.shows is None
    assert {link.url for link in answer.help} == {CALCULATOR, HELPLINE}


def test_unknown_check_level_is_an_error():
    with pytest.raises(ValueError):
        shows_on("super", one(fine(CONV)), TODAY, RULES)


# --------------------------------------------------------------------------- purity


def test_it_never_prints_or_logs(caplog):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err), caplog.at_level(logging.DEBUG):
        result = assess(
            [fine(CONV), Conviction("not_sure", CONV, True)], RULES, TODAY, answers=[NO, None]
        )
        for a in result:
            for level in ("basic", "standard", "enhanced"):
                shows_on(level, a, TODAY, RULES)
    assert out.getvalue() == err.getvalue() == ""
    assert caplog.records == []
    for module in RULE_MODULES:
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert "import logging" not in source and "print(" not in source


def test_it_keeps_no_state_between_calls():
    before = {
        (m.__name__, k): repr(v)
        for m in RULE_MODULES
        for k, v in vars(m).items()
        if not callable(v)
    }
    first = assess([fine(CONV)], RULES, TODAY)
    assess([Conviction("custody_life_ipp_extended", CONV, False), fine(CONV)], RULES, TODAY)
    assert assess([fine(CONV)], RULES, TODAY) == first
    after = {
        (m.__name__, k): repr(v)
        for m in RULE_MODULES
        for k, v in vars(m).items()
        if not callable(v)
    }
    assert before == after


# --------------------------------------------------------------------------- properties

OUTCOMES = sorted(RULES.outcomes)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
# Close together, so that convictions often fall inside each other's periods.
close_days = st.dates(min_value=date(2018, 1, 1), max_value=date(2022, 12, 31))


@st.composite
def valid_sentences(draw):
    """A custodial sentence or order with what its row needs, in band."""
    outcome = RULES.outcomes[
        draw(
            st.sampled_from(
                [
                    o
                    for o in OUTCOMES
                    if RULES.outcomes[o].runs_from in ("sentence_end", "order_end")
                ]
            )
        )
    ]
    low = (outcome.length_over or 0) + 1
    high = outcome.length_up_to or 240
    convicted = draw(days)
    if draw(st.booleans()):
        return Conviction(
            outcome.id,
            convicted,
            draw(st.booleans()),
            length_months=draw(st.integers(low, high)),
        )
    return Conviction(
        outcome.id,
        convicted,
        draw(st.booleans()),
        ends_on=convicted + timedelta(days=draw(st.integers(0, 6000))),
    )


@given(valid_sentences())
@settings(max_examples=300, deadline=None)
def test_property_rehabilitation_always_ends_after_the_sentence_ends(c):
    answer = spent_date(c, RULES)
    assert not answer.undecided
    if answer.never:
        return
    if c.ends_on is not None:
        end = c.ends_on
    else:
        end = after_months(c.convicted_on, c.length_months) - timedelta(days=1)
    assert answer.spent_on > end


@st.composite
def any_conviction(draw, on=close_days):
    outcome = draw(st.sampled_from([*OUTCOMES, "not_sure"]))
    convicted = draw(on)
    return Conviction(
        outcome,
        convicted,
        draw(st.booleans()),
        length_months=draw(st.none() | st.integers(1, 120)),
        ends_on=draw(st.none() | st.integers(0, 4000).map(lambda n: convicted + timedelta(n))),
        paid_on=draw(st.none() | st.integers(0, 2000).map(lambda n: convicted + timedelta(n))),
    )


def lower_bound(answer) -> date:
    """The earliest the answer allows it to be spent (date.max for never)."""
    if answer.never:
        return date.max
    if answer.spent_on is not None:
        return answer.spent_on
    return answer.earliest_spent_on or date.min


@given(st.lists(any_conviction(), max_size=5), st.data())
@settings(max_examples=300, deadline=None)
def test_property_a_later_conviction_never_makes_an_earlier_one_spent_sooner(record, data):
    start = max((c.convicted_on for c in record), default=date(1990, 1, 1))
    newest = data.draw(any_conviction(st.dates(min_value=start, max_value=date(2026, 1, 1))))
    before = assess(record, RULES, TODAY)
    after = assess([*record, newest], RULES, TODAY)
    for old, new in zip(before, after, strict=False):
        assert lower_bound(new.spent) >= lower_bound(old.spent)
        if old.spent.never:
            assert new.spent.never
        if not old.spent.undecided and not old.spent.never and not new.spent.undecided:
            assert new.spent.never or new.spent.spent_on >= old.spent.spent_on


@given(any_conviction(days))
@settings(max_examples=300, deadline=None)
def test_property_under_18_periods_are_never_longer_than_adult_ones(c):
    young = spent_date(replace(c, under_18=True), RULES)
    adult = spent_date(replace(c, under_18=False), RULES)
    assert young.undecided == adult.undecided
    if adult.undecided:
        return
    assert lower_bound(young) <= lower_bound(adult)
    if not young.never:
        young_filter = filtering(replace(c, under_18=True), RULES, NO)
        adult_filter = filtering(replace(c, under_18=False), RULES, NO)
        if young_filter.filtered_from and adult_filter.filtered_from:
            assert young_filter.filtered_from <= adult_filter.filtered_from


@given(st.lists(any_conviction(), max_size=4), st.randoms(use_true_random=False))
@settings(max_examples=200, deadline=None)
def test_property_the_order_of_entry_does_not_matter(record, rnd):
    order = list(range(len(record)))
    rnd.shuffle(order)
    plain = assess(record, RULES, TODAY)
    shuffled = assess([record[i] for i in order], RULES, TODAY)
    for position, i in enumerate(order):
        x, y = plain[i].spent, shuffled[position].spent
        assert (x.spent_on, x.never, x.undecided, x.earliest_spent_on, x.latest_spent_on) == (
            y.spent_on,
            y.never,
            y.undecided,
            y.earliest_spent_on,
            y.latest_spent_on,
        )
