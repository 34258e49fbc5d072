"""Sharing a plan (view-only links) and taking it away (print, PDF, calendar, JSON).

A view-only link is for one person, chosen from a list ("Line manager",
"Careers adviser" ...), stops working after 30 days unless the owner chooses
otherwise, and can be stopped at once. Wrong, expired and stopped links all get
the same "Page not found".
"""

from __future__ import annotations

import json

import segno
from flask import Response, abort, redirect, render_template, request, url_for
from markupsafe import Markup

from planner import store
from planner.db import get_db
from planner.plan_export import Handout, plan_calendar, plan_pdf
from planner.plan_forms import FormProblems, read_share
from planner.plan_json import plan_to_json
from planner.plan_model import SHARE_DAYS, SHARE_LABELS, Plan
from planner.plans import (
    bp,
    load_or_404,
    mode_args,
    now,
    plan_context,
    role_title,
    today,
)
from planner.protection import limit

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
    new_link = url_for("plans.shared", token=view_token, _external=True)
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
    return render_template("plans/shared.html", **plan_context(plan, page_title="NHS career plan"))


# --- Take it away ----------------------------------------------------------------------------


def _plan_link(token: str) -> str:
    return url_for("plans.plan", token=token, _external=True)


def _attachment(body: bytes, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/plans/<token:token>/print")
@limit("PLAN_LIMIT_EXPORT")
def print_plan(token: str):
    """The plan on one printable page, with its link as a QR code to take away."""
    plan = load_or_404(token)
    link = _plan_link(token)
    qr = Markup(
        segno.make(link, error="m").svg_inline(scale=3, title="QR code of your plan's link")
    )
    return render_template("plans/print.html", **plan_context(plan, token=token, link=link, qr=qr))


@bp.get("/plans/<token:token>.pdf")
@limit("PLAN_LIMIT_EXPORT")
def pdf(token: str):
    """An A4 handout of the plan, with its link as a QR code."""
    plan = load_or_404(token)
    context = plan_context(plan)
    handout = Handout(
        target_title=role_title(plan.target_role),
        progress=context["progress_line"],
        agreement=context["agreement_line"],
        link=_plan_link(token),
        today=today(),
    )
    return _attachment(plan_pdf(plan, handout), "application/pdf", "nhs-career-plan.pdf")


@bp.get("/plans/<token:token>.ics")
@limit("PLAN_LIMIT_EXPORT")
def calendar(token: str):
    """Review dates and start dates for a calendar app."""
    plan = load_or_404(token)
    body = plan_calendar(plan, role_title(plan.target_role), now())
    return _attachment(body, "text/calendar", "nhs-career-plan.ics")


@bp.get("/plans/<token:token>.json")
@limit("PLAN_LIMIT_EXPORT")
def download(token: str):
    """The whole plan as a file that can be uploaded again to bring it back."""
    plan = load_or_404(token)
    body = json.dumps(plan_to_json(plan, today()), indent=2, ensure_ascii=False).encode()
    return _attachment(body, "application/json", "nhs-career-plan.json")
