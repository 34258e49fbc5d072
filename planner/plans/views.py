"""Plan pages: save a route as a plan, see and change it, agree it, delete it, upload it.

The edit token in ``/plans/<token>`` is the only key to a plan: there are no
accounts. Any token that opens nothing (wrong, deleted) gets the same "Page
not found" as a mistyped address. The pages that change one part of a plan are in
:mod:`planner.plans.editing`, sharing in :mod:`planner.plans.sharing`, printing and
files in :mod:`planner.plans.downloads`.
"""

from __future__ import annotations

from dataclasses import replace

from flask import abort, current_app, flash, redirect, render_template, request, url_for

from planner.config import now, today
from planner.explore.answers import AnswerError, links_visit, read_answers
from planner.explore.route import route_day
from planner.pathways import NoRoute
from planner.plans import store
from planner.plans.blueprint import bp
from planner.plans.context import (
    catalogue,
    graph,
    keep_link,
    load_or_404,
    mode_args,
    plan_context,
    routes_for,
)
from planner.plans.database import error_summary
from planner.plans.db import get_db
from planner.plans.json_file import (
    ImportProblems,
    other_file_kind,
    plan_from_json,
    read_plan_file,
)
from planner.plans.release_items import new_plan_from_release
from planner.plans.service import new_plan_from_route
from planner.typed import whole_number
from planner.web.errors import PageProblem
from planner.web.protection import limit

__all__: list[str] = []

#: Most uploads are a few kilobytes; a full plan is well under this.
MAX_UPLOAD_BYTES = 64 * 1024

#: What people bring instead of the plan file, and what to do instead.
OTHER_FILES = {
    "pdf": "This is a PDF. It is for printing, so it cannot bring your plan back",
    "calendar": "This is a calendar file. It only has the dates, so it cannot bring your plan back",
    "picture": "This is a picture. We cannot read a plan from a picture",
    "document": "This is a document. It cannot bring your plan back",
}


# --- Create ----------------------------------------------------------------------------------


def _cannot_make(lines: list[str]) -> PageProblem:
    return PageProblem(400, "Sorry, we could not make a plan from that", lines)


@bp.post("/plans")
@limit("PLAN_LIMIT_CREATE")
def create():
    """Turn one of the routes on the route page into a saved plan."""
    try:
        answers = read_answers(request.form, graph(), "from")
    except AnswerError:
        raise _cannot_make(
            ["Something in the form was not on our list.", "Go back and try again."]
        ) from None
    number = whole_number(request.form.get("route", "1"), 1)
    if not answers.to or number is None or not 1 <= number <= 3:
        raise _cannot_make(["Choose a job and a route first, then save it as a plan."])
    # Someone in prison: the route starts at release, as on the route page.
    release = answers.release if catalogue().prison else None
    try:
        found = routes_for(answers.start, answers.to, None, on=route_day(answers, today()))
    except NoRoute:
        raise _cannot_make(["We cannot find a route to that job yet."]) from None
    if number > len(found):
        raise _cannot_make(["That route is no longer there. Go back and choose again."])
    if release:
        new = new_plan_from_release(
            found[number - 1],
            catalogue(),
            answers.to,
            answers.have,
            today(),
            release,
            catalogue().prison,
        )
    else:
        new = new_plan_from_route(
            found[number - 1], catalogue(), answers.to, answers.role, answers.have, today()
        )
    token = store.create_plan(get_db(), new, now())
    flash(
        "Your plan is saved. Keep its link safe: it is the only way back to your plan.", "new-link"
    )
    # The plan's pages carry on the answers of the route it was saved from.
    visit = answers.visit or (links_visit() if answers.adviser else None)
    return redirect(url_for("plans.plan", token=token, **replace(answers, visit=visit).args()), 303)


# --- View and change -------------------------------------------------------------------------


@bp.get("/plans/<token:token>")
@limit("PLAN_LIMIT_LOOKUP")
def plan(token: str):
    """The plan at a glance: progress, next steps, each part with a link to change it."""
    found = load_or_404(token)
    try:
        store.touch_plan(get_db(), token, now().date())
    except store.DatabaseError as err:
        # Only the day it was last used (for retention) was not noted: the plan still shows.
        current_app.logger.warning("A plan's last use was not noted: %s", error_summary(err))
    context = plan_context(found, token=token, form={}, **keep_link(token))
    return render_template("plans/plan.html", **context)


# --- Delete ----------------------------------------------------------------------------------


@bp.get("/plans/<token:token>/delete")
@limit("PLAN_LIMIT_LOOKUP")
def confirm_delete(token: str):
    """Are you sure? Deleting cannot be undone."""
    found = load_or_404(token)
    return render_template("plans/delete.html", **plan_context(found, token=token))


@bp.post("/plans/<token:token>/delete")
@limit("PLAN_LIMIT_SAVE")
def delete(token: str):
    """Delete the plan and every link to it, for good."""
    if not store.delete_plan(get_db(), token):
        abort(404)
    return redirect(url_for("plans.deleted", **mode_args()), 303)


@bp.get("/plans/deleted")
def deleted():
    """Your plan has been deleted."""
    return render_template("plans/deleted.html", page_title="Your plan has been deleted")


# --- Upload a saved file ---------------------------------------------------------------------


@bp.get("/plans/import")
def import_form():
    """Upload a plan file you downloaded before."""
    return render_template("plans/import.html", page_title="Open a saved plan file", errors={})


@bp.post("/plans/import")
@limit("PLAN_LIMIT_CREATE")
def import_plan():
    """Check an uploaded plan file strictly and save it as a new plan."""
    upload = request.files.get("plan")
    problems: list[str] = []
    data = None
    if upload is None or not upload.filename:
        problems = ["Choose the plan file to upload"]
    else:
        raw = upload.read(MAX_UPLOAD_BYTES + 1)
        other = other_file_kind(raw)
        if other:
            problems = [OTHER_FILES[other]]
        elif len(raw) > MAX_UPLOAD_BYTES:
            problems = ["The file is too big to be a plan file"]
        else:
            try:
                data = read_plan_file(raw)
            except ImportProblems as err:
                problems = ["The file is not a plan file from this planner", *err.problems]
    if not problems:
        try:
            new = plan_from_json(data, catalogue())
        except ImportProblems as err:
            problems = ["The file is not a plan file we can use", *err.problems[:10]]
    if problems:
        errors = {"plan": problems[0]}
        return render_template(
            "plans/import.html",
            page_title="Open a saved plan file",
            errors=errors,
            details=problems[1:],
            wrong_file=data is None,  # not a plan file at all: say which file to bring
        ), 400
    token = store.create_plan(get_db(), new, now())
    flash("Your plan is back. It has a new link: keep it safe.", "new-link")
    return redirect(url_for("plans.plan", token=token, **mode_args()), 303)


# --- Working with someone --------------------------------------------------------------------


@bp.get("/working-with-someone")
def adviser():
    """For careers advisers and line managers: build a plan fast beside the person."""
    return render_template("plans/adviser.html", page_title="Working with someone")
