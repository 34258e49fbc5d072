"""A plan handed over in the shape prison and probation staff use (goals, each with a title, a
target date and steps: the MoJ "Learning and work progress" plan), to print or save, and a
one-page summary a work coach or employment lead can read in a minute."""

from __future__ import annotations

import json

from flask import Response, render_template

from planner.advice.job import record_changes, record_warnings
from planner.config import today
from planner.plans.blueprint import bp
from planner.plans.context import catalogue, load_or_404, plan_context, role_title
from planner.plans.work_progress import work_progress_goals, work_progress_json
from planner.web.protection import limit

__all__: list[str] = []


@bp.get("/plans/<token:token>/learning-and-work")
@limit("PLAN_LIMIT_EXPORT")
def work_progress(token: str):
    """The plan as goals, each with a title, a target date and its steps: to print or save."""
    plan = load_or_404(token)
    return render_template(
        "plans/work_progress.html",
        **plan_context(plan, token=token, goals=work_progress_goals(plan)),
    )


@bp.get("/plans/<token:token>/learning-and-work.json")
@limit("PLAN_LIMIT_EXPORT")
def work_progress_file(token: str):
    """The same goals as a file, named as the MoJ service names them."""
    plan = load_or_404(token)
    body = json.dumps(work_progress_json(plan, role_title(plan.target_role), today()), indent=2)
    response = Response(body.encode(), mimetype="application/json")
    response.headers["Content-Disposition"] = (
        'attachment; filename="learning-and-work-progress.json"'
    )
    return response


@bp.get("/plans/<token:token>/one-page")
@limit("PLAN_LIMIT_EXPORT")
def one_page(token: str):
    """Everything a work coach needs on one page: the aim, progress, goals with dates, the
    next steps, the checks the job asks for, support and the next review."""
    plan = load_or_404(token)
    target = catalogue().find_role(plan.target_role)
    upcoming = sorted((r for r in plan.reviews if r.day >= today()), key=lambda r: r.day)
    return render_template(
        "plans/one_page.html",
        **plan_context(
            plan,
            token=token,
            goals=work_progress_goals(plan),
            record=record_changes(catalogue(), target) if target else None,
            warnings=record_warnings(catalogue(), [target]) if target else [],
            next_review=upcoming[0] if upcoming else None,
        ),
    )
