"""Check when a conviction becomes spent: a form, and the answers, on one page.

The form is sent by POST so nothing goes in the web address. What the person
enters is read, answered and forgotten: nothing is stored, logged, put in a
cookie or in a plan, and the answer page is never cached (``no-store``). The
rules come from the pure modules of :mod:`planner.spent`.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request
from werkzeug.exceptions import HTTPException

from planner.config import today as today_
from planner.pathways import NoRoute
from planner.spent.combination import assess
from planner.spent.form import (
    ENTRIES,
    NOT_SURE,
    YES_NO,
    YES_NO_NOT_SURE,
    read_entry,
    text_field,
)
from planner.spent.records import Assessment
from planner.spent.rules import Rules, load_rules
from planner.spent.shows import shows_on
from planner.web.headers import keep_private
from planner.wording import long_date, weeks_in_words

__all__ = ["bp"]

bp = Blueprint("spent", __name__)
keep_private(bp)  # never cached, never indexed: error pages too

NACRO = ("Nacro (free advice on criminal records)", "https://www.nacro.org.uk/")


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The rules file, read once per process."""
    return load_rules()


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


def _where_it_failed(err: BaseException) -> str:
    """The kind of error and the code it passed through: no message, no values."""
    frames = traceback.extract_tb(err.__traceback__)[-4:]
    places = " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
    return f"{type(err).__name__} at {places}"


def _quiet(view: Callable[..., Any]) -> Callable[..., Any]:
    """Run a view so that, whatever fails, nothing the person typed reaches a log.

    An error's message and its traceback can hold the values being worked on
    (``int('²')`` names the '²'). So an error here is logged only by its kind and
    the lines of code it passed through, and the person gets the calm 500 page.
    The 500 is raised after the ``except`` block, so it carries no link to the
    first error for any later handler to print.
    """

    @wraps(view)
    def quiet_view(*args: Any, **kwargs: Any) -> Any:
        try:
            return view(*args, **kwargs)
        except HTTPException:
            raise  # a refusal with our own words (400, 413, ...), not a failure
        except Exception as err:
            where = _where_it_failed(err)
        current_app.logger.error(
            "The spent-date check failed: %s. What was typed is never logged.", where
        )
        abort(500)

    return quiet_view


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
@_quiet
def check():
    """The warning and an empty form."""
    return _page(values={}, errors={}, results=None, role=None)


@bp.post("/check-spent")
@_quiet
def answer():
    """Read the form, answer it, and forget it."""
    form = request.form
    today = today_()
    errors: dict[str, str] = {}
    entries = [read_entry(form, n, today, rules(), errors) for n in range(1, ENTRIES + 1)]
    values = {f"c{e.n}-{k}": x for e in entries for k, x in e.values.items()}
    role_id = text_field(form, "role")
    role = _roles().get(role_id)
    values["role"] = role_id if role else ""
    if errors:
        return _page(values=values, errors=errors, results=None, role=None), 400
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
    return _page(values=values, errors={}, results=results, role=role, today=today)
