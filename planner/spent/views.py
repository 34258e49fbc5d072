"""Check when a conviction becomes spent: a form, and the answers, on one page.

The form is sent by POST so nothing goes in the web address. What the person
enters is read, answered and forgotten: nothing is stored, logged, put in a
cookie or in a plan, and the answer page is never cached (``no-store``). The
rules come from :mod:`planner.spent.rules`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from flask import Blueprint, Response, current_app, make_response, render_template, request

from planner.config import today as today_
from planner.pathways import NoRoute
from planner.spent.rules import (
    Assessment,
    Conviction,
    FilterAnswers,
    Rules,
    assess,
    load_rules,
    shows_on,
)
from planner.web.headers import private
from planner.web.protection import limit
from planner.wording import long_date, weeks_in_words

__all__ = ["bp"]

bp = Blueprint("spent", __name__)

#: How many convictions or cautions the form takes.
ENTRIES = 3
#: The choice for "I do not know which outcome it was": the rules then say "we cannot tell".
NOT_SURE = "not_sure"
YES_NO = {"yes": "Yes", "no": "No"}
YES_NO_NOT_SURE = {"yes": "Yes", "no": "No", "not-sure": "I am not sure"}
#: Longer values than this are never read (they are typing mistakes or attacks).
MAX_VALUE = 40
NACRO = ("Nacro (free advice on criminal records)", "https://www.nacro.org.uk/")


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The rules file, read once per process."""
    return load_rules()


@dataclass
class Entry:
    """One conviction or caution as typed, and as read."""

    n: int
    values: dict[str, str] = field(default_factory=dict)
    conviction: Conviction | None = None
    answers: FilterAnswers | None = None


def _get(form, name: str) -> str:
    value = form.get(name, "")
    return value.strip()[:MAX_VALUE] if isinstance(value, str) else ""


def _read_date(form, prefix: str) -> tuple[dict[str, str], date | None, str | None]:
    """A day/month/year date: (typed values, the date or None, a problem or None)."""
    parts = {k: _get(form, f"{prefix}-{k}") for k in ("day", "month", "year")}
    if not any(parts.values()):
        return parts, None, None
    if not all(parts.values()):
        return parts, None, "must have a day, a month and a year"
    try:
        day, month, year = (int(parts[k]) for k in ("day", "month", "year"))
        if not 1900 <= year <= 2200:
            raise ValueError
        return parts, date(year, month, day), None
    except ValueError:
        return parts, None, "must be a real date, like 27 3 2024"


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _read_entry(form, n: int, today: date, errors: dict[str, str]) -> Entry:
    p = f"c{n}"
    entry = Entry(n)
    v = entry.values
    for name in ("outcome", "length", "under18", "specified_offence", "custodial", "summary_only"):
        v[name] = _get(form, f"{p}-{name}")
    when, convicted_on, when_problem = _read_date(form, f"{p}-date")
    end, ends_on, end_problem = _read_date(form, f"{p}-end")
    v.update({f"date-{k}": x for k, x in when.items()})
    v.update({f"end-{k}": x for k, x in end.items()})
    typed = any(x for k, x in v.items() if k not in ("specified_offence", "custodial"))
    if n > 1 and not typed:
        return entry  # an empty extra entry is fine
    which = "" if n == 1 else f" for entry {n}"
    outcomes = rules().outcomes
    if v["outcome"] not in outcomes and v["outcome"] != NOT_SURE:
        v["outcome"] = ""
        errors[f"{p}-outcome"] = f"Choose what the court or police gave you{which}"
    if when_problem:
        errors[f"{p}-date-day"] = f"The date{which} {when_problem}"
    elif convicted_on is None:
        errors[f"{p}-date-day"] = f"Enter the date of the conviction or caution{which}"
    elif convicted_on > today:
        errors[f"{p}-date-day"] = f"The date{which} must be today or in the past"
    if end_problem:
        errors[f"{p}-end-day"] = f"The end date{which} {end_problem}"
    elif ends_on and convicted_on and ends_on < convicted_on:
        errors[f"{p}-end-day"] = f"The end date{which} must be after the date of the conviction"
    length = None
    if v["length"]:
        if not v["length"].isdigit() or not 1 <= int(v["length"]) <= 1200:
            errors[f"{p}-length"] = f"The length{which} must be a whole number of months, like 6"
        else:
            length = int(v["length"])
    if v["under18"] not in YES_NO:
        v["under18"] = ""
        errors[f"{p}-under18"] = f"Say if you were under 18 at the time{which}"
    for name in ("specified_offence", "custodial", "summary_only"):
        if v[name] not in YES_NO_NOT_SURE:
            v[name] = ""
    if any(key.startswith(f"{p}-") for key in errors):
        return entry
    assert convicted_on is not None
    paid = v["outcome"] == "compensation_order"
    entry.conviction = Conviction(
        outcome=v["outcome"],
        convicted_on=convicted_on,
        under_18=v["under18"] == "yes",
        length_months=length,
        ends_on=None if paid else ends_on,
        paid_on=ends_on if paid else None,
        summary_only=_yes_no(v["summary_only"]),
    )
    entry.answers = FilterAnswers(
        specified_offence=_yes_no(v["specified_offence"]), custodial=_yes_no(v["custodial"])
    )
    return entry


def _roles() -> dict[str, Any]:
    catalogue = current_app.extensions["planner"]["catalogue"]
    return {r.id: r for r in sorted(catalogue.roles, key=lambda r: r.title)}


def _role_answer(role, assessment: Assessment, today: date) -> dict[str, Any]:
    """What a check for this job would show, today and when you could apply."""
    level = role.dbs.level.replace("-", "_")
    if level not in rules().check_levels:
        return {"sentences": []}
    check = _check_name(rules().check_levels[level].label)
    today_answer = shows_on(level, assessment, today, rules())
    sentences = [_shows_sentence(today_answer, level, check, "Today", future=False)]
    try:
        best = current_app.extensions["planner"]["routes"]([], role.id)[0]
    except (NoRoute, IndexError):
        best = None
    if best is not None and best.total_weeks > 0:
        when = today + timedelta(weeks=best.total_weeks)
        answer = shows_on(level, assessment, when, rules())
        start = (
            f"By the time you could apply for {role.title} in {weeks_in_words(best.total_weeks)}"
        )
        sentences.append(_shows_sentence(answer, level, check, start, future=True))
    return {"check": check, "sentences": sentences}


def _check_name(label: str) -> str:
    """'Enhanced DBS check' as 'an enhanced check'."""
    name = label.lower().replace("dbs ", "")
    return ("an " if name[:1] in "aeiou" else "a ") + name


def _shows_sentence(answer, level: str, check: str, start: str, future: bool) -> str:
    be, show = ("will be", "will show") if future else ("is", "shows")
    if answer.shows is True:
        return f"{start}, {check} {show} it."
    if answer.shows is False:
        why = "spent" if level == "basic" else "filtered"
        return f"{start}, this {be} {why}: {check} {'will not show' if future else 'does not show'} it."
    if answer.questions and not answer.help:
        return f"{start}, whether {check} {show} it depends on your answers to the questions."
    return f"{start}, we cannot tell if {check} {show} it. Ask the Unlock helpline."


def _no_store(html: str, status: int = 200) -> Response:
    return private(make_response(html, status))


def _page(**context: Any) -> str:
    r = rules()
    outcomes = {o.id: o.label for o in r.outcomes.values()}
    outcomes[NOT_SURE] = "I am not sure"
    return render_template(
        "spent/check.html",
        nav="help",
        page_title="Check when a conviction becomes spent",
        rules=r,
        nacro=NACRO,
        outcomes=outcomes,
        hints={o.id: o.hint for o in r.outcomes.values()},
        questions=r.questions,
        role_choices={r.id: r.title for r in _roles().values()},
        entries=ENTRIES,
        yes_no=YES_NO,
        yes_no_not_sure=YES_NO_NOT_SURE,
        long_date=long_date,
        **context,
    )


@bp.get("/check-spent")
def check():
    """The warning and an empty form."""
    return _no_store(_page(values={}, errors={}, results=None, role=None))


@bp.post("/check-spent")
@limit("SPENT_LIMIT")
def answer():
    """Read the form, answer it, and forget it."""
    form = request.form
    today = today_()
    errors: dict[str, str] = {}
    entries = [_read_entry(form, n, today, errors) for n in range(1, ENTRIES + 1)]
    values = {f"c{e.n}-{k}": x for e in entries for k, x in e.values.items()}
    role_id = _get(form, "role")
    role = _roles().get(role_id)
    values["role"] = role_id if role else ""
    if errors:
        return _no_store(_page(values=values, errors=errors, results=None, role=None), 400)
    used = [e for e in entries if e.conviction is not None]
    assessments = assess([e.conviction for e in used], rules(), today, [e.answers for e in used])
    results = []
    for e, a in zip(used, assessments, strict=True):
        results.append(
            {
                "n": e.n,
                "a": a,
                "outcome": rules().outcomes.get(a.conviction.outcome),
                "filter_rule": rules().filtering.get(a.filtering.rule_id),
                "role": _role_answer(role, a, today) if role else None,
            }
        )
    return _no_store(_page(values=values, errors={}, results=results, role=role, today=today), 200)
