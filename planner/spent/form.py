"""Reading the spent-date form: what was typed, what it means, and what is wrong with it.

The form arrives as a mapping of field names to strings (Flask's
``request.form``). Each conviction or caution is one entry, ``c1-...`` to
``c10-...``; the person adds them one at a time ("Add another") and can remove
any, with every other value kept, all without JavaScript. Every value is read
at most once, cut to :data:`MAX_VALUE` characters, and kept only to fill the
form in again; nothing here logs or stores it.

The person's answers from the rest of the planner (where they are now, what
they have, the job they want, the area of work) come in the web address on the
first visit and then ride along as hidden fields: :func:`read_carried` reads
them, leaving out (with a plain line for the page) any it does not know.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx
from werkzeug.datastructures import MultiDict

from planner.explore.answers import (
    ANSWER_NAMES,
    MAX_VALUE_LENGTH,
    AnswerError,
    Answers,
    read_answers,
)
from planner.spent.dates import LONGEST_MONTHS
from planner.spent.records import Conviction, FilterAnswers
from planner.spent.rules import Rules
from planner.typed import date_from_boxes, whole_number
from planner.wording import long_date

__all__ = [
    "MAX_ENTRIES",
    "MAX_VALUE",
    "NOT_SURE",
    "YES_NO",
    "YES_NO_NOT_SURE",
    "Carried",
    "Entry",
    "Filled",
    "entry_title",
    "read_carried",
    "read_entry",
    "read_form",
    "text_field",
]

#: How many convictions or cautions one check takes (Unlock's helpline is there for more).
MAX_ENTRIES = 10
#: The choice for "I do not know which outcome it was": the rules then say "we cannot tell".
NOT_SURE = "not_sure"
YES_NO = {"yes": "Yes", "no": "No"}
YES_NO_NOT_SURE = {"yes": "Yes", "no": "No", "not-sure": "I am not sure"}
#: Longer values than this are never read (they are typing mistakes or attacks).
MAX_VALUE = 40
#: The radio questions whose answers only refine the result (none is required).
QUESTIONS = ("specified_offence", "custodial")


@dataclass
class Entry:
    """One conviction or caution as typed, and as read."""

    n: int
    values: dict[str, str] = field(default_factory=dict)
    conviction: Conviction | None = None
    answers: FilterAnswers | None = None


def text_field(form: Mapping[str, Any], name: str) -> str:
    """One value from the form, trimmed and cut short; anything that is not text is empty."""
    value = form.get(name, "")
    return value.strip()[:MAX_VALUE] if isinstance(value, str) else ""


#: The fields of one entry, as ``c<n>-<name>`` on the form.
FIELDS = (
    "outcome",
    "date-day",
    "date-month",
    "date-year",
    "under18",
    "length",
    "end-day",
    "end-month",
    "end-year",
    *QUESTIONS,
)


def typed_values(form: Mapping[str, Any], n: int) -> dict[str, str]:
    """Entry ``n`` as typed, by field name without its ``c<n>-`` prefix."""
    return {name: text_field(form, f"c{n}-{name}") for name in FIELDS}


def is_empty(values: Mapping[str, str]) -> bool:
    """Nothing typed or chosen, apart from the optional yes/no questions."""
    return not any(v for k, v in values.items() if k not in QUESTIONS)


def read_date(values: Mapping[str, str], prefix: str) -> tuple[date | None, str | None]:
    """A day/month/year date: (the date or None, a problem or None)."""
    parts = {k: values.get(f"{prefix}-{k}", "") for k in ("day", "month", "year")}
    if not any(parts.values()):
        return None, None
    if not all(parts.values()):
        return None, "must have a day, a month and a year"
    found = date_from_boxes(parts["day"], parts["month"], parts["year"])
    if found is None or not 1900 <= found.year <= 2200:
        return None, "must be a real date, like 27 3 2024"
    return found, None


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


@dataclass
class _Typed:
    """An entry's two dates, read."""

    convicted_on: date | None
    date_problem: str | None
    ends_on: date | None
    end_problem: str | None


def _typed(values: Mapping[str, str]) -> _Typed:
    return _Typed(*read_date(values, "date"), *read_date(values, "end"))


def _date_errors(t: _Typed, p: str, which: str, today: date, errors: dict[str, str]) -> None:
    if t.date_problem:
        errors[f"{p}-date-day"] = f"The date{which} {t.date_problem}"
    elif t.convicted_on is None:
        errors[f"{p}-date-day"] = f"Enter the date of the conviction or caution{which}"
    elif t.convicted_on > today:
        errors[f"{p}-date-day"] = f"The date{which} must be today or in the past"
    if t.end_problem:
        errors[f"{p}-end-day"] = f"The end date{which} {t.end_problem}"
    elif t.ends_on and t.convicted_on and t.ends_on < t.convicted_on:
        errors[f"{p}-end-day"] = f"The end date{which} must be after the date of the conviction"


def _read_length(v: dict[str, str], p: str, which: str, errors: dict[str, str]) -> int | None:
    if not v["length"]:
        return None
    length = whole_number(v["length"], 4)
    if length is None or not 1 <= length <= LONGEST_MONTHS:
        errors[f"{p}-length"] = f"The length{which} must be a whole number of months, like 6"
        return None
    return length


def _outcome_error(v: dict[str, str], p: str, which: str, rules: Rules, errors) -> None:
    """An unknown outcome is cleared (so the form shows none chosen) and reported."""
    if v["outcome"] not in rules.outcomes and v["outcome"] != NOT_SURE:
        v["outcome"] = ""
        errors[f"{p}-outcome"] = f"Choose what the court or police gave you{which}"


def _answer_errors(v: dict[str, str], p: str, which: str, errors) -> None:
    """Unknown yes/no answers are cleared; only the age question must be answered."""
    if v["under18"] not in YES_NO:
        v["under18"] = ""
        errors[f"{p}-under18"] = f"Say if you were under 18 at the time{which}"
    for name in QUESTIONS:
        if v[name] not in YES_NO_NOT_SURE:
            v[name] = ""


def read_entry(
    values: dict[str, str], n: int, today: date, rules: Rules, errors: dict[str, str]
) -> Entry:
    """Read entry ``n`` from its typed values; problems go into ``errors`` by the field to fix.

    Unknown choices are cleared in ``values`` so the form shows them unset.
    """
    p = f"c{n}"
    t = _typed(values)
    entry = Entry(n, values)
    v = entry.values
    which = "" if n == 1 else f" for entry {n}"
    _outcome_error(v, p, which, rules, errors)
    _date_errors(t, p, which, today, errors)
    length = _read_length(v, p, which, errors)
    _answer_errors(v, p, which, errors)
    if any(key.startswith(f"{p}-") for key in errors):
        return entry
    assert t.convicted_on is not None
    paid = v["outcome"] == "compensation_order"
    entry.conviction = Conviction(
        outcome=v["outcome"],
        convicted_on=t.convicted_on,
        under_18=v["under18"] == "yes",
        length_months=length,
        ends_on=None if paid else t.ends_on,
        paid_on=t.ends_on if paid else None,
    )
    entry.answers = FilterAnswers(
        specified_offence=_yes_no(v["specified_offence"]), custodial=_yes_no(v["custodial"])
    )
    return entry


def entry_title(values: Mapping[str, str], outcome_labels: Mapping[str, str]) -> str:
    """An entry as its summary line says it: 'Fine, 1 June 2020', or as much as was typed."""
    parts = [outcome_labels.get(values.get("outcome", ""), "")]
    when, _ = read_date(values, "date")
    parts.append(long_date(when) if when else "")
    return ", ".join(p for p in parts if p) or "nothing entered yet"


# --------------------------------------------------------------------------- the whole form

_ENTRY_FIELD = re.compile(r"c([0-9]{1,2})-")


@dataclass
class Filled:
    """The form as typed: its entries in order, what the person asked for, and any problems.

    ``action`` is ``check`` (answer it), ``add`` (one more empty entry) or ``remove``
    (one entry taken out, the rest renumbered); only ``check`` reports problems.
    """

    entries: list[Entry]
    action: str
    errors: dict[str, str]

    def open_entries(self) -> set[int]:
        """The entries to show open: any with a problem, and any not filled in yet."""
        return {
            e.n
            for e in self.entries
            if is_empty(e.values) or any(k.startswith(f"c{e.n}-") for k in self.errors)
        }

    def values(self) -> dict[str, str]:
        """Every typed value by its field name, to fill the form in again."""
        return {f"c{e.n}-{k}": v for e in self.entries for k, v in e.values.items()}


def entry_count(form: Mapping[str, Any]) -> int:
    """How many entries the form holds: as declared, or as far as anything was typed."""
    declared = whole_number(text_field(form, "entries"), 2) or 1
    typed = [
        int(match.group(1))
        for name in form
        if (match := _ENTRY_FIELD.match(name)) and text_field(form, name)
    ]
    return max(1, min(MAX_ENTRIES, max([declared, *typed])))


def _removed(form: Mapping[str, Any], count: int) -> int | None:
    n = whole_number(text_field(form, "remove"), 2)
    return n if n is not None and 1 <= n <= count and count > 1 else None


def read_form(form: Mapping[str, Any], today: date, rules: Rules) -> Filled:
    """Read every entry; add or remove one if asked, else check them all.

    When checking, empty extra entries are left out and the rest numbered again,
    so the answers and the form always use the same numbers.
    """
    typed = [typed_values(form, n) for n in range(1, entry_count(form) + 1)]
    removed = _removed(form, len(typed))
    if removed is not None:
        del typed[removed - 1]
        return Filled([Entry(n, v) for n, v in enumerate(typed, 1)], "remove", {})
    if text_field(form, "add"):
        if len(typed) < MAX_ENTRIES:
            typed.append({})
        return Filled([Entry(n, v) for n, v in enumerate(typed, 1)], "add", {})
    kept = [v for i, v in enumerate(typed) if i == 0 or not is_empty(v)]
    errors: dict[str, str] = {}
    entries = [read_entry(v, n, today, rules, errors) for n, v in enumerate(kept, 1)]
    return Filled(entries, "check", errors)


# --------------------------------------------------------------------------- carried answers

#: What "we left it out" says for each answer we could not use.
_LEFT_OUT = {
    "status": "We left out where you are now, because we could not read it.",
    "role": "We left out the job you do now, because we do not know it.",
    "have": "We left out some things you have, because we do not know them.",
    "to": "We left out the job you want, because we do not know it. You can choose one below.",
    "area": "We left out the area of work in your link, because we do not know it.",
    "other": "We left out part of your link, because we could not read it.",
}


@dataclass(frozen=True)
class Carried:
    """The person's planner answers, checked, and a plain line for each one left out."""

    answers: Answers
    role_param: str
    area: str | None
    left_out: tuple[str, ...]

    def hidden_fields(self) -> list[tuple[str, str]]:
        """The answers as hidden fields (the job they want has its own box on the form)."""
        args = self.answers.args(self.role_param, to=None, area=self.area)
        return [
            (k, v)
            for k, value in args.items()
            for v in (value if isinstance(value, list) else [value])
        ]

    def link_args(self, role_param: str = "role") -> dict[str, Any]:
        """Query arguments that carry the answers to another page of the planner."""
        return self.answers.args(role_param, area=self.area)


def _drop(values: MultiDict, err: AnswerError) -> None:
    """Take out what made ``read_answers`` fail, so the rest can still be used."""
    name = err.field
    if name == "have" and err.kind == "unknown-skill":
        bad = set(err.values)
        kept = [h for h in values.getlist("have") if h.strip()[:MAX_VALUE_LENGTH] not in bad]
        values.setlist("have", kept)
    elif name == "have" and err.kind == "too-long":
        values.setlist("have", [h for h in values.getlist("have") if len(h) <= MAX_VALUE_LENGTH])
    else:
        values.poplist(name)


def read_carried(args: MultiDict, graph: nx.DiGraph, areas: Collection[str]) -> Carried:
    """Read the planner's answers from a query string or form, leaving out what we do not know.

    Never raises for bad input: each unknown value is dropped and named in ``left_out``.
    """
    role_param = "from" if text_field(args, "from") else "role"
    values = MultiDict([(k, v) for k in ANSWER_NAMES if k != "area" for v in args.getlist(k)])
    left_out: list[str] = []
    for _ in range(len(_LEFT_OUT) + 1):
        try:
            answers = read_answers(values, graph, role_param)
            break
        except AnswerError as err:
            field = "role" if err.field in ("role", "from") else err.field
            line = _LEFT_OUT.get(field, _LEFT_OUT["other"])
            if line not in left_out:
                left_out.append(line)
            _drop(values, err)
    else:  # cannot happen: each round takes something out; still, never fail the page
        answers = read_answers(MultiDict(), graph, role_param)
    area = text_field(args, "area") or None
    if area is not None and area not in areas:
        left_out.append(_LEFT_OUT["area"])
        area = None
    return Carried(answers, role_param, area, tuple(left_out))
