"""Sharing a plan: view-only links for one person each, and the page they open.

A view-only link is for one person, chosen from a list ("Line manager",
"Careers adviser" ...), stops working after 30 days unless the owner chooses
otherwise, and can be stopped at once. Wrong, expired and stopped links all get
the same "Page not found".
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for

from planner.config import now
from planner.plans import store
from planner.plans.blueprint import bp
from planner.plans.context import load_or_404, mode_args, plan_context
from planner.plans.db import get_db
from planner.plans.forms import FormProblems, read_share
from planner.plans.model import SHARE_DAYS, SHARE_LABELS, Plan
from planner.web.address import external_url
from planner.web.protection import limit

__all__: list[str] = []


def _share_page(token: str, plan: Plan, status: int = 200, **extra):
    context = plan_context(
        plan,
        token=token,
        share_labels=SHARE_LABELS,
        share_days=SHARE_DAYS,
        page_title="Share your plan",
        **extra,
    )
    return render_template("plans/share.html", **context), status


@bp.get("/plans/<token:token>/share")
@limit("PLAN_LIMIT_LOOKUP")
def share(token: str):
    """The view-only links this plan has, and a form to make one."""
    return _share_page(token, load_or_404(token))


@bp.post("/plans/<token:token>/share")
@limit("PLAN_LIMIT_SAVE")
def create_link(token: str):
    """Make a view-only link for one person. It is shown once: only its hash is kept."""
    plan = load_or_404(token)
    try:
        label, days = read_share(request.form)
    except FormProblems as problems:
        return _share_page(token, plan, 400, errors=problems.errors, form=request.form)
    view_token = store.create_share_link(get_db(), token, label, days, now())
    if view_token is None:
        abort(404)
    new_link = external_url("plans.shared", token=view_token)
    return _share_page(
        token,
        load_or_404(token),
        new_link=new_link,
        new_label=SHARE_LABELS[label],
        new_days=days,
    )


@bp.post("/plans/<token:token>/share/<int:link_id>/stop")
@limit("PLAN_LIMIT_SAVE")
def revoke_link(token: str, link_id: int):
    """Stop a view-only link now."""
    load_or_404(token)
    store.revoke_share_link(get_db(), token, link_id)
    return redirect(url_for("plans.share", token=token, **mode_args()), 303)


@bp.get("/shared/<token:token>")
@limit("PLAN_LIMIT_LOOKUP")
def shared(token: str):
    """A plan someone shared with you: read only."""
    plan = store.load_shared_plan(get_db(), token, now())
    if plan is None:
        abort(404)
    return render_template(
        "plans/shared.html", **plan_context(plan, owner=False, page_title="NHS career plan")
    )
