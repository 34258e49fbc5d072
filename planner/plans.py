"""Development plans: save a route as a plan, change it, agree it, delete it.

The edit token in ``/plans/<token>`` is the only key to a plan: there are no
accounts. Any token that opens nothing (wrong, deleted) gets the same "Page
not found" as a mistyped address. Sharing, printing and downloads are in
:mod:`planner.plan_links`.

Plan pages are personal: no caching anywhere, not indexed, never logged with
their token (see :mod:`planner.protection` and :mod:`planner.server`).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import networkx as nx
from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.routing import BaseConverter

from planner import store
from planner.db import get_db
from planner.errors import PageProblem
from planner.forms import AnswerError, read_answers
from planner.pathways import NoRoute
from planner.pathways.model import Route
from planner.plan_forms import FormProblems, read_agreement, read_plan_edit, whole_number
from planner.plan_json import ImportProblems, plan_from_json
from planner.plan_model import (
    ITEM_KINDS,
    ITEM_STATUSES,
    NOTE_MAX,
    REVIEW_KINDS,
    SUPPORT_MAX,
    TITLE_MAX,
    Plan,
    agree,
    agreement_of,
    new_plan_from_route,
    progress_of,
)
from planner.protection import limit
from planner.tokens import TOKEN_RE
from planner.wording import long_date, weeks_in_words

__all__ = ["bp", "init_app"]

bp = Blueprint("plans", __name__)

#: Most uploads are a few kilobytes; a full plan is well under this.
MAX_UPLOAD_BYTES = 64 * 1024


class TokenConverter(BaseConverter):
    """Only strings shaped like a token match ``<token:...>``; anything else is a plain 404."""

    regex = TOKEN_RE


# --- Shared helpers (plan_links uses these too) ----------------------------------------------


def graph() -> nx.DiGraph:
    return current_app.extensions["planner"]["graph"]


def catalogue():
    return current_app.extensions["planner"]["catalogue"]


def today() -> date:
    """Today, or the day set in config so tests can pin dates."""
    configured = current_app.config.get("TODAY")
    if isinstance(configured, date):
        return configured
    return date.fromisoformat(configured) if configured else date.today()


def now() -> datetime:
    """Now in UTC; tests move the clock with config ``NOW`` (an ISO string or datetime)."""
    configured = current_app.config.get("NOW")
    if isinstance(configured, datetime):
        return configured
    return datetime.fromisoformat(configured) if configured else datetime.now(UTC)


def adviser_mode() -> bool:
    """Working-with-someone mode: larger print, quick jumps. Carried in the address, not stored."""
    return (request.values.get("adviser") or "") == "1"


def mode_args() -> dict[str, str]:
    return {"adviser": "1"} if adviser_mode() else {}


def routes_for(have, target: str, role: str | None, n: int = 3) -> tuple[Route, ...]:
    """The best routes, through the app's per-process route cache (shared with the route page,
    so saving the route just looked at costs no new search)."""
    finder = current_app.extensions["planner"]["routes"]
    return tuple(finder(have, target, role, limit=n, on=today()))


def role_title(role_id: str | None) -> str:
    if role_id is None:
        return ""
    return next((r.title for r in catalogue().roles if r.id == role_id), role_id)


def load_or_404(token: str) -> Plan:
    plan = store.load_plan(get_db(), token, now())
    if plan is None:
        abort(404)
    return plan


def progress_text(plan: Plan) -> tuple[Any, str]:
    """Progress worked out again from what is done, and a sentence about it."""
    progress = progress_of(plan, lambda have, target, role: routes_for(have, target, role, 1)[0])
    title = role_title(plan.target_role)
    if progress.reached:
        return progress, f"You have reached your goal: {title}."
    if progress.weeks_left is None:
        return progress, f"We cannot work out a route to {title} from what is done so far."
    return progress, (
        f"You are {progress.percent}% of the way to {title}. "
        f"About {weeks_in_words(progress.weeks_left).removeprefix('about ')} to go."
    )


AGREEMENT_WORDS = {
    "agreed": "Agreed by the employee and their line manager.",
    "partly": "Agreed by one person so far. It needs both the employee and line manager.",
    "again": "This plan has changed since it was agreed. It needs agreeing again.",
    "none": "Not agreed yet.",
}


def plan_context(plan: Plan, **extra: Any) -> dict[str, Any]:
    """What every page about one plan shows."""
    progress, progress_line = progress_text(plan)
    agreement = agreement_of(plan)
    return {
        "plan": plan,
        "target_title": role_title(plan.target_role),
        "current_title": role_title(plan.current_role),
        "progress": progress,
        "progress_line": progress_line,
        "agreement": agreement,
        "agreement_line": AGREEMENT_WORDS[agreement.state],
        "item_kinds": ITEM_KINDS,
        "item_statuses": ITEM_STATUSES,
        "review_kinds": REVIEW_KINDS,
        "limits": {"title": TITLE_MAX, "note": NOTE_MAX, "support": SUPPORT_MAX},
        "long_date": long_date,
        "adviser": adviser_mode(),
        "mode_args": mode_args(),
        "today": today(),
        **extra,
    }


def private_headers(response: Response) -> Response:
    """Plan pages are personal: never cached, never indexed, HSTS when on HTTPS."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    if request.is_secure:
        response.headers.setdefault(
            "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
        )
    return response


bp.after_request(private_headers)


# --- Create ----------------------------------------------------------------------------------


def _cannot_make(lines: list[str]) -> PageProblem:
    return PageProblem(400, "Sorry, we could not make a plan from that", lines)


@bp.post("/plans")
@limit("PLAN_LIMIT_CREATE")
def create():
    """Turn one of the routes on the route page into a saved plan."""
    try:
        answers = read_answers(request.form, catalogue(), "from")
    except AnswerError:
        raise _cannot_make(
            ["Something in the form was not on our list.", "Go back and try again."]
        ) from None
    number = whole_number(request.form.get("route", "1"))
    if not answers.to or number is None or not 1 <= number <= 3:
        raise _cannot_make(["Choose a job and a route first, then save it as a plan."])
    try:
        found = routes_for(answers.have, answers.to, answers.role)
    except NoRoute:
        raise _cannot_make(["We cannot find a route to that job yet."]) from None
    if number > len(found):
        raise _cannot_make(["That route is no longer there. Go back and choose again."])
    new = new_plan_from_route(
        found[number - 1], catalogue(), answers.to, answers.role, answers.have, today()
    )
    token = store.create_plan(get_db(), new, now())
    flash(
        "Your plan is saved. Bookmark this page or copy its link: it is the only way back to your plan."
    )
    return redirect(url_for("plans.plan", token=token, **mode_args()), 303)


# --- View and change -------------------------------------------------------------------------


@bp.get("/plans/<token:token>")
@limit("PLAN_LIMIT_LOOKUP")
def plan(token: str):
    """The plan: progress, agreement, and one form to change goals, dates and notes."""
    found = load_or_404(token)
    store.touch_plan(get_db(), token, now().date())
    return render_template("plans/plan.html", **plan_context(found, token=token, form={}))


@bp.post("/plans/<token:token>")
@limit("PLAN_LIMIT_SAVE")
def save(token: str):
    """Save the edit form, unless the plan changed since it was opened."""
    current = load_or_404(token)
    if whole_number(request.form.get("version")) != current.version:
        return _conflict(token, current)
    try:
        edit = read_plan_edit(current, request.form)
    except FormProblems as problems:
        context = plan_context(current, token=token, form=request.form, errors=problems.errors)
        return render_template("plans/plan.html", **context), 400
    return _store(token, edit.plan, edit.action)


@bp.post("/plans/<token:token>/agree")
@limit("PLAN_LIMIT_SAVE")
def agree_plan(token: str):
    """The employee or the line manager marks the plan as agreed, with the date."""
    current = load_or_404(token)
    if whole_number(request.form.get("version")) != current.version:
        return _conflict(token, current)
    try:
        who, day = read_agreement(request.form, today())
    except FormProblems as problems:
        context = plan_context(current, token=token, form=request.form, errors=problems.errors)
        return render_template("plans/plan.html", **context), 400
    return _store(token, agree(current, who, day), "agree")


def _store(token: str, changed: Plan, action: str):
    try:
        store.save_plan(get_db(), token, changed, now())
    except store.StalePlan as stale:
        return _conflict(token, stale.latest)
    except LookupError:
        abort(404)
    anchor = {"add-item": "items", "add-review": "reviews", "agree": "agreement"}.get(action)
    if action.startswith("remove-item") or action.startswith("remove-review"):
        anchor = "items" if "item" in action else "reviews"
    flash("Your changes are saved.")
    return redirect(url_for("plans.plan", token=token, _anchor=anchor, **mode_args()), 303)


def _conflict(token: str, latest: Plan):
    """Show the latest plan and what the person tried to save; overwrite nothing."""
    tried = {
        k: v
        for k, v in request.form.items()
        if k not in ("csrf_token", "version", "action", "adviser") and v.strip()
    }
    context = plan_context(latest, token=token, form={}, conflict=tried)
    return render_template("plans/plan.html", **context), 409


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
        if len(raw) > MAX_UPLOAD_BYTES:
            problems = ["The file is too big to be a plan file"]
        else:
            try:
                data = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                problems = ["The file is not a plan file from this planner"]
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
        ), 400
    token = store.create_plan(get_db(), new, now())
    flash("Your plan is back. It has a new link: bookmark this page or copy its link.")
    return redirect(url_for("plans.plan", token=token, **mode_args()), 303)


# --- Working with someone --------------------------------------------------------------------


@bp.get("/working-with-someone")
def adviser():
    """For careers advisers and line managers: build a plan fast beside the person."""
    return render_template("plans/adviser.html", page_title="Working with someone")


def init_app(app: Flask) -> None:
    """The token converter, then the plan pages and their sharing and download pages."""
    from planner import plan_links  # noqa: F401  (adds its views to bp)

    app.url_map.converters["token"] = TokenConverter
    app.register_blueprint(bp)
