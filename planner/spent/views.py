"""Check when a conviction becomes spent: a form, and the answers, on one page.

The form is sent by POST so nothing typed goes in the web address. What the
person enters is read, answered and forgotten: nothing is stored, logged or put
in a plan, and every response is private (``no-store``). Their planner answers
(the job they want, what they have) arrive in the address on the first visit and
then travel in the form's hidden fields, so the answer can use their own route.
The rules are the pure modules of :mod:`planner.spent`.

Back must never show the browser's "Confirm Form Resubmission" page. With
JavaScript, htmx sends the form and swaps the answer into the page, so no POST
ever becomes a history entry. Without it, the POST redirects to a plain page
(``/check-spent/answer``) and what was typed rides along once in a sealed cookie
(:mod:`planner.spent.handover`), opened and deleted by that page: every history
entry is a plain page, and going back to an answer finds it gone, not an error.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from planner.advice.job import record_changes, when_you_apply
from planner.config import today as today_
from planner.explore.answers import set_page_answers
from planner.explore.route import route_day
from planner.pathways import NoRoute
from planner.pathways.model import Catalogue, Route
from planner.pathways.release import release_timing
from planner.spent.combination import assess
from planner.spent.dates import months_words
from planner.spent.form import (
    MAX_ENTRIES,
    NOT_SURE,
    YES_NO,
    YES_NO_NOT_SURE,
    Carried,
    Filled,
    entry_count,
    entry_title,
    read_carried,
    read_form,
    text_field,
)
from planner.spent.guide import Guide, load_guide
from planner.spent.handover import COOKIE, MAX_SEALED, open_form, seal_form
from planner.spent.rules import Rules, load_rules
from planner.spent.verdict import (
    Job,
    check_name,
    job_sentences,
    level_id,
    on_the_way_sentence,
    spent_sentences,
)
from planner.web.headers import keep_private
from planner.web.htmx import wants_fragment
from planner.web.protection import limit
from planner.wording import long_date, weeks_in_words

__all__ = ["bp"]

bp = Blueprint("spent", __name__)
keep_private(bp)  # never cached, never indexed: error pages too

NACRO = ("Nacro (free advice on criminal records)", "https://www.nacro.org.uk/")
#: How long the sealed form may take to get from the POST to the answer page, in seconds.
HANDOVER_SECONDS = 120


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The rules file, read once per process."""
    return load_rules()


@lru_cache(maxsize=1)
def guide() -> Guide:
    """The plain words and what spent means, read once per process."""
    return load_guide()


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


# --------------------------------------------------------------------------- the person's route


def _catalogue() -> Catalogue:
    return current_app.extensions["planner"]["catalogue"]


def _carried(args) -> Carried:
    catalogue = _catalogue()
    areas = set(catalogue.by_id["family"]) | set(catalogue.by_id["route"])
    return read_carried(args, current_app.extensions["planner"]["graph"], areas)


@dataclass(frozen=True)
class Goal:
    """The job they want, when they could apply on their own route, and jobs on the way."""

    job: Job | None
    on_the_way: tuple[tuple[str, Job], ...] = ()
    no_route: bool = False


def _job(catalogue: Catalogue, role_id: str, weeks: int | None) -> Job | None:
    role = catalogue.find_role(role_id)
    if role is None:
        return None
    words = weeks_in_words(weeks) if weeks else ""
    return Job(role.title, level_id(role.dbs.level), weeks, words)


def _best_route(carried: Carried, today: date) -> Route | None:
    answers = carried.answers
    try:
        found = current_app.extensions["planner"]["routes"](
            answers.start, answers.to, on=route_day(answers, today)
        )
    except NoRoute:
        return None
    return found[0] if found else None


def _goal(carried: Carried, today: date) -> Goal:
    """Their chosen job, and their own best route to it (never a route from nothing)."""
    to = carried.answers.to
    if to is None:
        return Goal(None)
    catalogue = _catalogue()
    best = _best_route(carried, today)
    if best is None:
        return Goal(_job(catalogue, to, None), no_route=True)
    before = 0  # weeks from today to the route's first day
    release = carried.answers.release
    if release and catalogue.prison:  # someone in prison: dated by the one timing rule
        timing = release_timing(best, catalogue, today, release[0], catalogue.prison, release[1])
        best, before = timing.outside, max(0, (timing.outside_from - today).days // 7)
    on_the_way = []
    for step in best.steps:
        if step.kind == "role" and step.id != to:
            job = _job(catalogue, step.id, before + step.starts_after_weeks + step.weeks)
            if job is not None:
                on_the_way.append((step.id, job))
    return Goal(_job(catalogue, to, before + best.total_weeks), tuple(on_the_way))


# --------------------------------------------------------------------------- the page


def _page(carried: Carried, filled: Filled | None, **context: Any) -> str:
    """The whole page: the form (empty, or as typed) and, when given, the answers."""
    r = rules()
    outcomes = {o.id: o.label for o in r.outcomes.values()}
    outcomes[NOT_SURE] = "I am not sure"
    catalogue = _catalogue()
    to = carried.answers.to
    set_page_answers(replace(carried.answers, area=carried.area))
    return render_template(
        "spent/check.html",
        nav="help",
        page_title="Check when a conviction becomes spent",
        rules=r,
        guide=guide(),
        nacro=NACRO,
        outcomes=outcomes,
        questions=r.questions,
        role_choices={
            role.id: role.title for role in sorted(catalogue.roles, key=lambda x: x.title)
        },
        chosen=catalogue.find_role(to),
        carried=carried,
        entries=[e.n for e in filled.entries] if filled else [1],
        titles={e.n: entry_title(e.values, outcomes) for e in filled.entries} if filled else {},
        open_entries=filled.open_entries() if filled else {1},
        values=filled.values() if filled else {},
        errors=filled.errors if filled else {},
        max_entries=MAX_ENTRIES,
        yes_no=YES_NO,
        yes_no_not_sure=YES_NO_NOT_SURE,
        long_date=long_date,
        **({"results": None} | context),
    )


@bp.get("/check-spent")
@_quiet
def check():
    """The warning and an empty form, carrying the person's planner answers from the address."""
    return _page(_carried(request.args), None)


def _results(filled: Filled, carried: Carried, today: date) -> dict[str, Any]:
    """Everything the answer part of the page shows."""
    used = [e for e in filled.entries if e.conviction is not None]
    assessments = assess([e.conviction for e in used], rules(), today, [e.answers for e in used])
    goal = _goal(carried, today)
    cards = [
        {
            "n": n,
            "a": a,
            "outcome": rules().outcomes.get(a.conviction.outcome),
            "filter_rule": rules().filtering.get(a.filtering.rule_id),
            "job": job_sentences(goal.job, a, today, rules()) if goal.job else (),
        }
        for n, a in enumerate(assessments, 1)
    ]
    level = rules().check_levels.get(goal.job.level) if goal.job else None
    catalogue = _catalogue()
    role = catalogue.find_role(carried.answers.to)
    return {
        "next_record": record_changes(catalogue, role) if role else None,
        "next_apply": when_you_apply(catalogue, role) if role else [],
        "results": cards,
        "goal": goal,
        "job_check": check_name(level.label) if level else None,
        "mine": spent_sentences(assessments, today),
        "on_the_way": [
            (role_id, job, on_the_way_sentence(job, assessments, today, rules()))
            for role_id, job in goal.on_the_way
        ],
        "today": today,
    }


def _answer_form(form: MultiDict) -> tuple[str, int]:
    """Read the form; add or remove an entry, or answer it (status 400 with problems)."""
    today = today_()
    carried = _carried(form)
    filled = read_form(form, today, rules())
    if filled.action != "check":
        return _page(carried, filled), 200
    if filled.errors:
        return _page(carried, filled), 400
    return _page(carried, filled, **_results(filled, carried, today)), 200


def _landing(form: MultiDict) -> str:
    """Where the answer page opens: the new entry, the list of entries, or the answers."""
    if text_field(form, "add"):
        return f"entry-{min(MAX_ENTRIES, entry_count(form) + 1)}"
    return "entries" if text_field(form, "remove") else "answers"


@bp.post("/check-spent")
@limit("SPENT_LIMIT")
@_quiet
def answer():
    """Answer in place for htmx; otherwise hand the form over to the answer page, sealed."""
    if wants_fragment():
        return _answer_form(request.form)
    typed = [(k, v) for k, v in request.form.items(multi=True) if k != "csrf_token"]
    sealed = seal_form(typed, current_app.config["SECRET_KEY"], int(time.time()))
    if len(sealed) > MAX_SEALED:
        return _answer_form(request.form)  # too much for one cookie: answer here
    carried = _carried(request.form)
    where = url_for("spent.answered", _anchor=_landing(request.form), **carried.link_args())
    response = redirect(where, 303)
    response.set_cookie(
        COOKIE,
        sealed,
        max_age=HANDOVER_SECONDS,
        path=url_for("spent.answered"),
        secure=request.is_secure,
        httponly=True,
        samesite="Strict",
    )
    return response


@bp.get("/check-spent/answer")
@_quiet
def answered():
    """The answer to a form sent without JavaScript: opened from its cookie once, then gone."""
    token = request.cookies.get(COOKIE, "")
    typed = open_form(token, current_app.config["SECRET_KEY"], int(time.time()), HANDOVER_SECONDS)
    if typed is None:
        body, status = _page(_carried(request.args), None, not_kept=True), 200
    else:
        body, status = _answer_form(MultiDict(typed))
    response = current_app.make_response((body, status))
    response.delete_cookie(COOKIE, path=url_for("spent.answered"))
    return response


@bp.get("/check-spent/how-it-works")
def how_it_works():
    """The rules as a table to work out by hand, for anyone who would rather not type dates
    (and for the offline pack, which cannot run the checker)."""
    return render_template(
        "spent/how_it_works.html",
        page_title="How long until it is spent",
        nav="help",
        rules=rules(),
        guide=guide(),
        nacro=NACRO,
        months_words=months_words,
    )
