"""Sharing a plan: view-only links for one person each, and the page they open.

A view-only link is for one person, chosen from a list ("Line manager",
"Careers adviser" ...), works until a week after the plan's next review unless the
owner chooses a number of days (up to a year), and can be stopped at once. Wrong,
expired and stopped links all get the same page: the link may have run out, and the
person who sent it can make a new one. It never says whether a plan is there.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for

from planner.config import now, today
from planner.plans import store
from planner.plans.blueprint import bp
from planner.plans.context import load_or_404, mode_args, plan_context
from planner.plans.db import get_db
from planner.plans.forms import FormProblems, read_share, share_until
from planner.plans.model import SHARE_DAYS, SHARE_LABELS, Plan
from planner.plans.service import last_day, next_review
from planner.web.address import external_url
from planner.web.protection import limit

__all__: list[str] = []


def _share_page(token: str, plan: Plan, status: int = 200, **extra):
    review = next_review(plan, today())
    context = plan_context(
        plan,
        token=token,
        share_days=SHARE_DAYS,
        review=review,
        review_until=share_until("review", now(), review.day) if review else None,
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
    review = next_review(plan, today())
    try:
        choice = read_share(request.form, now(), review.day if review else None)
    except FormProblems as problems:
        return _share_page(token, plan, 400, errors=problems.errors, form=request.form)
    view_token = store.create_share_link(get_db(), token, choice.label, choice.until, now())
    if view_token is None:
        abort(404)
    new_link = external_url("plans.shared", token=view_token)
    return _share_page(
        token,
        load_or_404(token),
        new_link=new_link,
        new_label=SHARE_LABELS[choice.label],
        new_until=last_day(choice.until),
    )


@bp.post("/plans/<token:token>/share/<int:link_id>/stop")
@limit("PLAN_LIMIT_SAVE")
def revoke_link(token: str, link_id: int):
    """Stop a view-only link now."""
    load_or_404(token)
    store.revoke_share_link(get_db(), token, link_id)
    return redirect(url_for("plans.share", token=token, **mode_args()), 303)


def _no_such_link():
    """The one answer for a view-only link that opens nothing, whatever the reason.

    Wrong, run out, stopped, or its plan deleted: the page is the same, so it never says
    whether a plan is there.
    """
    html = render_template("plans/shared_gone.html", page_title="This link does not open a plan")
    return html, 404


@bp.get("/shared/<token:token>")
@limit("PLAN_LIMIT_LOOKUP")
def shared(token: str):
    """A plan someone shared with you: read only."""
    plan = store.load_shared_plan(get_db(), token, now())
    until = store.shared_link_until(get_db(), token, now())
    if plan is None or until is None:
        return _no_such_link()
    context = plan_context(
        plan, owner=False, page_title="NHS career plan", link_until=last_day(until)
    )
    return render_template("plans/shared.html", **context)


@bp.get("/shared/<path:anything>")
@limit("PLAN_LIMIT_LOOKUP")
def shared_misread(anything: str):
    """A view-only link cut short or mistyped gets the same answer as any other."""
    return _no_such_link()
