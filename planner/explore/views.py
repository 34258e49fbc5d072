"""The explore pages: check what you have, explore jobs, one job, your route.

Each view takes the person's answers (read once per request by
:func:`planner.explore.answers.current_answers`), asks the core, and renders.
A page and its htmx fragment share one URL and one context function;
``planner.web.htmx`` decides which one to send.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template

from planner.config import today
from planner.explore.answers import STATUSES, AnswerError, current_answers, read_role_id
from planner.explore.problems import page_problem
from planner.explore.role import role_context
from planner.explore.roles import roles_context
from planner.explore.route import routes_context
from planner.explore.start import options_context, start_form_context
from planner.web.htmx import wants_fragment
from planner.web.protection import limit

__all__ = ["bp"]

bp = Blueprint("explore", __name__)


@bp.errorhandler(AnswerError)
def _answer_problem(err: AnswerError):
    """A value in the web address we cannot use: say which, and offer links that mend it."""
    return current_app.handle_http_exception(page_problem(err, _planner()["catalogue"]))


def _planner() -> dict[str, Any]:
    return current_app.extensions["planner"]


def _render(page: str, fragment: str, **context: Any) -> str:
    """The whole page, or only the fragment when htmx asked for one."""
    partial = wants_fragment()
    return render_template(fragment if partial else page, as_fragment=partial, **context)


@bp.get("/")
def start():
    """Start: pick where you are now, tick what you have, see your options."""
    answers = current_answers("role")
    return _render(
        "explore/start.html",
        "explore/_options.html",
        nav="start",
        statuses=STATUSES,
        **start_form_context(_planner()["catalogue"], answers),
        **options_context(_planner()["graph"], answers, today()),
    )


@bp.get("/roles")
def roles():
    """Explore jobs: each family as a band-by-route grid."""
    answers = current_answers("role")
    return render_template(
        "explore/roles.html", nav="roles", **roles_context(_planner()["graph"], answers)
    )


@bp.get("/roles/<role_id>")
def role(role_id: str):
    """One job in plain words."""
    checked = read_role_id(_planner()["catalogue"], role_id)
    answers = current_answers("role")
    return render_template(
        "explore/role.html", nav="roles", **role_context(_planner()["graph"], checked, answers)
    )


@bp.get("/route")
@limit("ROUTE_LIMIT")
def route():
    """Your route: up to three ways to the job you choose, as timelines."""
    answers = current_answers("from")
    return _render(
        "explore/route.html",
        "explore/_routes.html",
        nav="route",
        **routes_context(_planner()["graph"], answers, today(), _planner()["routes"]),
    )
