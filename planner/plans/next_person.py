"""'Next person' on a shared computer: the last person's pages stay closed, even by Back.

In larger print (working with someone) every page carries the key of one person's visit
as its ``adviser`` value (:data:`~planner.explore.answers.VISIT_KEY`), and the browser
keeps the key of the visit now going on in its session cookie. "Next person" starts a
new visit. From then on any page of an earlier visit, reached by Back, from the history
list or by a form left open, shows "This page is closed" and nothing of that person:
every page in larger print is ``no-store``, so the browser must ask for it again and
cannot show a copy. What a page cannot do is take addresses out of the browser's history
list, so the "Next person" page says first of all to close the window.

A page with a key but no visit in the browser (another browser, a new session) takes the
key as its visit. Nothing here stores anything about the person: a key is random.
"""

from __future__ import annotations

from flask import Response, redirect, render_template, request, session, url_for

from planner.explore.answers import (
    VISIT_IN_SESSION,
    Answers,
    given_visit,
    links_visit,
    new_visit_key,
    page_answers,
    set_page_answers,
)
from planner.explore.links import this_page_url
from planner.plans.blueprint import bp
from planner.web.headers import private
from planner.web.htmx import refresh_page, wants_fragment

__all__: list[str] = []

#: Pages that judge the visit themselves, or carry none.
_EXEMPT = frozenset({"plans.next_person", "static"})


def _visit_asked() -> str | None:
    """The visit key a request carries (a form's before its address's), if any."""
    posted = given_visit(request.form) if request.method == "POST" else None
    found = posted or given_visit(request.args)
    return found if found and found != "1" else None


def _closed() -> Response:
    """'This page is closed': nothing of the page asked for, and what to do now."""
    set_page_answers(Answers(adviser=True, visit=session[VISIT_IN_SESSION]))
    if wants_fragment():  # htmx asked: load the whole page again, which is then closed too
        return refresh_page(Response(status=204))
    html = render_template(
        "plans/next_person.html",
        closed=True,
        page_title="This page is closed",
        leave_larger_print=url_for("explore.start"),  # never the closed page's own address
    )
    return Response(html, status=403)


@bp.before_app_request
def keep_earlier_visits_closed() -> Response | None:
    """Refuse any page of a visit before the one going on in this browser.

    A page asked for with ``adviser=1`` (larger print turned on by a typed or saved address)
    is sent on to the same page with the visit's key, so no page of a person's visit is
    left in the history under an address that a later visit would still open.
    """
    if request.endpoint in _EXEMPT or request.endpoint is None:
        return None
    if request.method in ("GET", "HEAD") and given_visit(request.args) == "1":
        return redirect(this_page_url(adviser=links_visit()), 303)
    asked = _visit_asked()
    if asked is None:
        return None
    held = session.get(VISIT_IN_SESSION)
    if held is None:
        session[VISIT_IN_SESSION] = asked
        return None
    return None if asked == held else _closed()


@bp.after_app_request
def never_keep_a_copy(response: Response) -> Response:
    """Pages in larger print are never stored, so Back asks the server and cannot show a copy."""
    if request.endpoint not in _EXEMPT and page_answers().adviser:
        private(response)
    return response


@bp.get("/next-person")
def next_person():
    """Close this person's visit and say to close the window; then start with nothing ticked.

    Opened again (from history), it starts no newer visit than the one going on.
    """
    asked = given_visit(request.args)
    held = session.get(VISIT_IN_SESSION)
    if held is None or asked in (None, "1", held):
        session.clear()
        held = session[VISIT_IN_SESSION] = new_visit_key()
    set_page_answers(Answers(adviser=True, visit=held))
    return render_template(
        "plans/next_person.html", closed=False, page_title="Close this window now"
    )
