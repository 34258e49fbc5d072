"""Blueprint "advice": for one job, the list to get ready before applying (to print), and
private help with writing a statement.

Both pages take the job from the path and the person's answers from the address, like every
job page. Neither has a form that sends anything: what a person writes on the statement page
stays in their browser, so it can never reach the server, a log or the database. The
statement page is private (``no-store``), so Back and history never bring it back from a cache.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template

from planner.advice.job import getting_ready, record_changes, statement_prompts, when_you_apply
from planner.explore.answers import AnswerError, current_answers, read_role_id
from planner.explore.problems import page_problem
from planner.web.headers import private

__all__ = ["bp"]

bp = Blueprint("advice", __name__)


@bp.errorhandler(AnswerError)
def _answer_problem(err: AnswerError):
    """A value in the address we cannot use: say which, and offer links that mend it."""
    return current_app.handle_http_exception(page_problem(err, _catalogue()))


def _catalogue():
    return current_app.extensions["planner"]["catalogue"]


def _job(role_id: str) -> dict[str, Any]:
    catalogue = _catalogue()
    role = catalogue.role(read_role_id(catalogue, role_id))
    return {"role": role, "answers": current_answers(), "nav": "roles"}


@bp.get("/roles/<role_id>/getting-ready")
def ready(role_id: str):
    """Getting ready to apply: ID, a bank account, 3 years of history, referees,
    certificates, any licence, and limits to check; made to print."""
    job = _job(role_id)
    catalogue = _catalogue()
    return render_template(
        "advice/ready.html",
        page_title=f"Getting ready to apply: {job['role'].title}",
        sections=getting_ready(catalogue, job["role"]),
        record=record_changes(catalogue, job["role"]),
        apply=when_you_apply(catalogue, job["role"]),
        **job,
    )


@bp.get("/roles/<role_id>/your-statement")
def statement(role_id: str):
    """Questions to help write your own short statement: on screen and in print, never kept."""
    job = _job(role_id)
    response = current_app.make_response(
        render_template(
            "advice/statement.html",
            page_title="Write your own statement",
            statement=statement_prompts(_catalogue(), job["role"]),
            **job,
        )
    )
    return private(response)
