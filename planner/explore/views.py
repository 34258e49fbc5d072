"""The explore pages: check what you have, explore jobs, one job, compare jobs, your route.

Each view takes the person's answers (read once per request by
:func:`planner.explore.answers.current_answers`), asks the core, and renders.
A page and its htmx fragment share one URL and one context function;
``planner.web.htmx`` decides which one to send. The blueprint also gives every
template the helpers that carry the answers on (``answers_url``, ``answer_fields``,
``page_answers``, ``this_page_url``).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template, request

from planner.config import today
from planner.explore.answers import (
    STATUSES,
    AnswerError,
    current_answers,
    links_visit,
    page_answers,
    read_role_id,
)
from planner.explore.compare import compare_context, read_jobs
from planner.explore.learning import learning_context
from planner.explore.links import answer_fields, answers_url, this_page_url
from planner.explore.outside import outside_link
from planner.explore.problems import page_problem
from planner.explore.role import role_context
from planner.explore.roles import roles_context
from planner.explore.route import routes_context
from planner.explore.start import options_context, start_form_context
from planner.web.headers import answers_not_kept
from planner.web.htmx import wants_fragment
from planner.web.protection import route_question_limit

__all__ = ["bp"]

bp = Blueprint("explore", __name__)
answers_not_kept(bp)
bp.add_app_template_global(answers_url)
bp.add_app_template_global(answer_fields)
bp.add_app_template_global(page_answers)
bp.add_app_template_global(links_visit)
bp.add_app_template_global(outside_link)
bp.add_app_template_global(this_page_url)


@bp.errorhandler(AnswerError)
def _answer_problem(err: AnswerError):
    """A value in the web address we cannot use: say which, and offer links that mend it."""
    return current_app.handle_http_exception(page_problem(err, _planner()["catalogue"]))


def _planner() -> dict[str, Any]:
    return current_app.extensions["planner"]


def _render(page: str, fragment: str, **context: Any) -> str:
    """The whole page, or only the fragment when htmx asked for one.

    A fragment comes with the header and footer again, swapped out of band: their links
    carry the answers, which the update has just changed.
    """
    if not wants_fragment():
        return render_template(page, as_fragment=False, **context)
    return render_template(fragment, as_fragment=True, **context) + render_template(
        "explore/_site_links.html", **context
    )


@bp.get("/")
def start():
    """Start: pick where you are now, tick what you have, see your options."""
    answers = current_answers()
    return _render(
        "explore/start.html",
        "explore/_options.html",
        nav="start",
        statuses=STATUSES,
        families=_planner()["catalogue"].families,
        **start_form_context(_planner()["catalogue"], answers),
        **options_context(_planner()["graph"], answers, today()),
    )


@bp.get("/roles")
def roles():
    """Explore jobs: each family as a band-by-route grid."""
    answers = current_answers()
    return render_template(
        "explore/roles.html", nav="roles", **roles_context(_planner()["graph"], answers)
    )


@bp.get("/roles/<role_id>")
def role(role_id: str):
    """One job in plain words."""
    checked = read_role_id(_planner()["catalogue"], role_id)
    answers = current_answers()
    return render_template(
        "explore/role.html", nav="roles", **role_context(_planner()["graph"], checked, answers)
    )


@bp.get("/learning")
def learning():
    """Every course, apprenticeship and way in, and which prisons teach."""
    return render_template(
        "explore/learning.html",
        nav="learning",
        page_title="Courses and apprenticeships",
        **learning_context(_planner()["catalogue"]),
    )


@bp.get("/compare")
def compare():
    """Compare up to three jobs side by side."""
    answers = current_answers()
    jobs, asked = read_jobs(_planner()["graph"], request.args.getlist("job"))
    return render_template(
        "explore/compare.html",
        nav="roles",
        **compare_context(_planner()["graph"], jobs, asked, answers),
    )


@bp.get("/route")
@route_question_limit
def route():
    """Your route: up to three ways to the job you choose, as timelines."""
    answers = current_answers()
    return _render(
        "explore/route.html",
        "explore/_routes.html",
        nav="route",
        **routes_context(_planner()["graph"], answers, today(), _planner()["routes"]),
    )
