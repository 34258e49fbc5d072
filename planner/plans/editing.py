"""One page for each part of a plan: a goal, milestone or action, a review date, support, agreement.

Every edit page works the same way (:func:`_edit`): GET shows the form, POST
checks the version the form was opened at, reads the form with its reader in
:mod:`planner.plans.forms`, and saves, or shows the problems with nothing saved.
A form opened before someone else saved gets a 409: the latest plan, and what
the person tried to save, so nothing is lost and nothing is overwritten.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from planner.config import now, today
from planner.plans import store
from planner.plans.blueprint import bp
from planner.plans.context import keep_link, load_or_404, mode_args, plan_context
from planner.plans.db import get_db
from planner.plans.forms import (
    SIDES,
    FormProblems,
    read_agreement,
    read_item,
    read_move,
    read_new_item,
    read_record_review,
    read_review,
    read_support,
)
from planner.plans.model import (
    ITEM_KINDS,
    ITEM_STATUSES,
    MAX_ITEMS,
    MAX_REVIEWS,
    REVIEW_KINDS,
    Plan,
    PlanItem,
    Review,
)
from planner.plans.service import (
    REVIEW_EVERY_WEEKS,
    add_item,
    agree,
    change_item,
    change_review,
    move_open_steps,
    record_review,
    with_content,
)
from planner.typed import whole_number
from planner.web.protection import limit

__all__: list[str] = []

#: Field names people see, for the list of what they tried to save after a conflict.
_LABELS = {
    "title": "What to do",
    "kind": "Kind",
    "target-date": "Target date",
    "status": "Status",
    "note": "Note",
    "review-date": "Date",
    "support": "Support needed",
    "side": "Agreeing as",
    "agreed-as": "Role",
    "agreed-on": "Date agreed",
    "done-on": "Date of the review",
    "next-date": "Date of the next review",
    "first-date": "New date",
}
_SHOWN = {"kind": {**ITEM_KINDS, **REVIEW_KINDS}, "status": ITEM_STATUSES, "side": SIDES}


@dataclass(frozen=True)
class EditPage:
    """An edit page: its template and title, what it shows, and how a form changes the plan.

    ``shows(plan)`` returns what the template needs, or ``None`` when the part is
    not there (a removed item): the page is then "Page not found". ``change(plan,
    form)`` returns the changed plan or raises :class:`FormProblems`.
    """

    template: str
    title: str
    shows: Callable[[Plan], dict[str, Any] | None]
    change: Callable[[Plan, Any], Plan]
    saved: Callable[[Plan], str] = lambda _plan: "Your changes are saved."
    anchor: str = "items"
    extra: dict[str, Any] = field(default_factory=dict)


def _page(token: str, page: EditPage, plan: Plan, status: int = 200, **extra: Any):
    shown = page.shows(plan)
    if shown is None:  # the part went away (another tab removed it): show the plan itself
        context = plan_context(plan, token=token, form={}, **keep_link(token), **extra)
        return render_template("plans/plan.html", **context), status if status != 200 else 404
    context = plan_context(
        plan, token=token, page_title=page.title, heading=page.title, **page.extra, **shown
    )
    context.update({"form": {}, "errors": {}, "suggestions": {}, **extra})
    if context["errors"]:
        context["page_title"] = f"Error: {page.title}"
    return render_template(page.template, **context), status


def _tried() -> list[tuple[str, str]]:
    """What the person tried to save, in words, for the conflict message."""
    form = request.form
    tried = []
    for name, label in _LABELS.items():
        if name in (
            "target-date",
            "review-date",
            "agreed-on",
            "done-on",
            "next-date",
            "first-date",
        ):
            value = " ".join(form.get(f"{name}-{p}", "").strip() for p in ("day", "month", "year"))
        else:
            value = _SHOWN.get(name, {}).get(form.get(name, ""), form.get(name, ""))
        if value.strip():
            tried.append((label, value.strip()[:600]))
    return tried


def _edit(token: str, page: EditPage):
    """Show the page (GET) or save its form (POST), never overwriting a newer save."""
    plan = load_or_404(token)
    if request.method == "GET":
        if page.shows(plan) is None:
            abort(404)
        return _page(token, page, plan)
    if whole_number(request.form.get("version"), 12) != plan.version:
        return _page(token, page, plan, 409, conflict=_tried())
    if page.shows(plan) is None:
        abort(404)
    try:
        changed = page.change(plan, request.form)
    except FormProblems as problems:
        return _page(
            token,
            page,
            plan,
            400,
            errors=problems.errors,
            suggestions=problems.suggestions,
            form=request.form,
        )
    try:
        store.save_plan(get_db(), token, changed, now())
    except store.StalePlan as stale:
        return _page(token, page, stale.latest, 409, conflict=_tried())
    except LookupError:
        abort(404)
    flash(page.saved(changed))
    return redirect(url_for("plans.plan", token=token, _anchor=page.anchor, **mode_args()), 303)


def _two_ways(rule: str, endpoint: str, make: Callable[..., EditPage]) -> None:
    """GET and POST for one edit page, each with its own rate limit.

    Each view gets its own name first: the rate limiter tells views apart by name.
    """
    for method, name, limit_name in (
        ("GET", endpoint, "PLAN_LIMIT_LOOKUP"),
        ("POST", f"save_{endpoint}", "PLAN_LIMIT_SAVE"),
    ):

        def view(token: str, **where: int):
            return _edit(token, make(**where))

        view.__name__ = view.__qualname__ = name
        view.__doc__ = make.__doc__
        bp.add_url_rule(rule, name, limit(limit_name)(view), methods=[method])


# --- The pages ------------------------------------------------------------------------------------


def _item_at(plan: Plan, n: int):
    return plan.items[n] if 0 <= n < len(plan.items) else None


def item_page(n: int) -> EditPage:
    """Change one goal, milestone or action: words, target date, status, note."""

    def shows(plan: Plan):
        item = _item_at(plan, n)
        return None if item is None else {"n": n, "item": item}

    def change(plan: Plan, form) -> Plan:
        return change_item(plan, n, read_item(plan.items[n], form))

    return EditPage("plans/item.html", "Change a step in your plan", shows, change)


def remove_item_page(n: int) -> EditPage:
    """Are you sure? Remove one milestone or action (the goal stays)."""

    def shows(plan: Plan):
        item = _item_at(plan, n)
        return None if item is None or item.kind == "goal" else {"n": n, "item": item}

    def removed(plan: Plan) -> str:
        return "That step is removed from your plan."

    return EditPage(
        "plans/remove.html",
        "Remove a step from your plan",
        shows,
        lambda plan, _form: change_item(plan, n, None),
        removed,
    )


def new_item_page() -> EditPage:
    """Add a milestone or action of the person's own."""

    def change(plan: Plan, form) -> Plan:
        if len(plan.items) >= MAX_ITEMS:
            raise FormProblems({"title": f"A plan can have up to {MAX_ITEMS} steps"})
        return add_item(plan, read_new_item(form))

    return EditPage("plans/new_item.html", "Add a step to your plan", lambda _p: {}, change)


def _review_at(plan: Plan, n: int) -> Review | None:
    return plan.reviews[n] if 0 <= n < len(plan.reviews) else None


def review_page(n: int) -> EditPage:
    """Change or remove one review date."""

    def shows(plan: Plan):
        review = _review_at(plan, n)
        return None if review is None else {"n": n, "review": review}

    def change(plan: Plan, form) -> Plan:
        if form.get("action") == "remove":
            return change_review(plan, n, None)
        changed = read_review(form)  # a new day or kind; what was recorded at it stays
        return change_review(plan, n, replace(plan.reviews[n], day=changed.day, kind=changed.kind))

    return EditPage("plans/review.html", "Change a review date", shows, change, anchor="reviews")


def new_review_page() -> EditPage:
    """Add a review date: an appraisal, a check-in or a review with an adviser."""

    def change(plan: Plan, form) -> Plan:
        if len(plan.reviews) >= MAX_REVIEWS:
            raise FormProblems(
                {"review-date-day": f"A plan can have up to {MAX_REVIEWS} review dates"}
            )
        return change_review(plan, None, read_review(form))

    return EditPage(
        "plans/review.html", "Add a review date", lambda _p: {"n": None}, change, anchor="reviews"
    )


def record_review_page(n: int) -> EditPage:
    """Record a review that has happened, with a short note, and set the next one."""

    def shows(plan: Plan):
        review = _review_at(plan, n)
        if review is None:
            return None
        happened = min(review.day, today())
        return {
            "n": n,
            "review": review,
            "done_on_default": happened,
            "next_default": happened + timedelta(weeks=REVIEW_EVERY_WEEKS),
        }

    def change(plan: Plan, form) -> Plan:
        if len(plan.reviews) >= MAX_REVIEWS and form.get("next-date-day"):
            raise FormProblems(
                {"next-date-day": f"A plan can have up to {MAX_REVIEWS} review dates"}
            )
        done_on, note, following = read_record_review(form, today())
        return record_review(plan, n, done_on, note, following)

    return EditPage(
        "plans/record_review.html",
        "Record the review",
        shows,
        change,
        lambda _plan: "The review is recorded.",
        anchor="reviews",
    )


def move_page() -> EditPage:
    """Move the steps not done yet to later dates, all by the same amount."""

    def first_open(plan: Plan) -> PlanItem | None:
        dated = [i for i in plan.items if i.status != "done" and i.target_date is not None]
        return min(dated, key=lambda i: (i.kind == "goal", i.target_date), default=None)

    def shows(plan: Plan):
        first = first_open(plan)
        if first is None:
            return None
        return {"first": first, "suggested": today() + timedelta(weeks=2)}

    def change(plan: Plan, form) -> Plan:
        first = first_open(plan)
        assert first is not None and first.target_date is not None
        return move_open_steps(plan, read_move(form, today(), first.target_date))

    return EditPage(
        "plans/move.html",
        "Move the steps not done yet",
        shows,
        change,
        lambda _plan: "The steps are moved to new dates. The plan needs agreeing again.",
    )


def support_page() -> EditPage:
    """The support the person needs to follow the plan."""

    def change(plan: Plan, form) -> Plan:
        return with_content(plan, support=read_support(form))

    return EditPage(
        "plans/support.html", "Support you need", lambda _p: {}, change, anchor="support-needed"
    )


def agree_page() -> EditPage:
    """The employee or the line manager agrees to the plan, naming their role."""

    def change(plan: Plan, form) -> Plan:
        named = {"employee": plan.employee_agreed_as, "manager": plan.manager_agreed_as}
        answer = read_agreement(form, today(), plan.created_at.date(), named)
        return agree(plan, answer.side, answer.on, answer.agreed_as)

    def saved(plan: Plan) -> str:
        return "Your agreement is saved."

    return EditPage(
        "plans/agree.html",
        "Agree the plan",
        lambda _p: {"sides": SIDES},
        change,
        saved,
        anchor="agreement",
    )


_two_ways("/plans/<token:token>/items/<int:n>", "item", item_page)
_two_ways("/plans/<token:token>/items/<int:n>/remove", "remove_item", remove_item_page)
_two_ways("/plans/<token:token>/items/new", "new_item", new_item_page)
_two_ways("/plans/<token:token>/reviews/<int:n>", "review", review_page)
_two_ways("/plans/<token:token>/reviews/new", "new_review", new_review_page)
_two_ways("/plans/<token:token>/reviews/<int:n>/record", "record_review", record_review_page)
_two_ways("/plans/<token:token>/move", "move", move_page)
_two_ways("/plans/<token:token>/support", "support", support_page)
_two_ways("/plans/<token:token>/agree", "agree", agree_page)
