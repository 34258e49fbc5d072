"""The one reader of a person's answers: where they are now, what they ticked, the job they want.

All state lives in the web address (or a form), so every answer can be
bookmarked, shared and reached with the back button. :func:`read_answers`
turns the query string into an :class:`Answers` record, checked against the
data once (the core's :func:`~planner.pathways.start_of` does the checking), or
raises :class:`AnswerError` saying which value was wrong and what the nearest
known ids are. The explore pages, plans and the API all read answers here;
:func:`current_answers` reads them once per request, and :func:`page_answers`
gives the page layout the answers to carry on (never an error).

The answers are ``status`` (where the person is now), their current job
(``role``, called ``from`` on the route page and when saving a plan: see
:func:`role_param_for`), the ticked ``have``, the chosen job ``to``, the
``area`` of work they want (a job family id), ``adviser`` (larger print
for someone helping them: ``1`` turns it on, and the pages then carry the key of this
person's visit instead, see :data:`VISIT_KEY`), and three optional answers that change the route:
how long they have been in their job (``time_in_job``) and in the NHS
(``time_in_nhs``), and how old they are (``age``: under 22 changes which
apprenticeships the government pays for; 16 to 30 opens the King's Trust programme).
The older ``under_22=yes`` is still read, as ``age=16-to-21``. Someone in prison says so as
where they are now (``status=in-prison``) and may give the month they expect to be released
(``release_month``, 1 to 12, and ``release_year``): routes then start at release.
"""

from __future__ import annotations

import calendar
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Protocol

import networkx as nx

from planner.config import today
from planner.pathways import Start, UnknownRole, UnknownSkill, catalogue_of, start_of
from planner.pathways.graph import index_of
from planner.pathways.model import Catalogue
from planner.pathways.starting_point import suggest

__all__ = [
    "AGES",
    "ANSWER_NAMES",
    "CHOICES",
    "MAX_HAVE",
    "MAX_VALUE_LENGTH",
    "MONTHS",
    "RELEASE_YEARS",
    "ROLE_PARAMS",
    "STATUSES",
    "TIMES",
    "UNDER_22",
    "VISIT_IN_SESSION",
    "VISIT_KEY",
    "AnswerError",
    "Answers",
    "address_answers",
    "current_answers",
    "given_visit",
    "links_visit",
    "new_visit_key",
    "page_answers",
    "read_answers",
    "read_role_id",
    "release_choices",
    "role_param_for",
    "set_page_answers",
]

#: More ticked boxes than this is not a person using the form.
MAX_HAVE = 200
#: Ids are at most 80 characters; anything much longer is a broken link.
MAX_VALUE_LENGTH = 100

#: Where a person is now: the radio values on the start page, with their labels.
STATUSES: dict[str, str] = {
    "not-working": "I am not working yet",
    "volunteering": "I volunteer or I am on a placement",
    "nhs-role": "I work in the NHS",
    "in-prison": "I am in prison",
}

#: The months a release month can be, as the form shows them (1 is January).
MONTHS: dict[str, str] = {str(n): calendar.month_name[n] for n in range(1, 13)}
#: How many years ahead a release year may be.
RELEASE_YEARS = 15


#: How long someone has been in their job, or in the NHS: the choices, in plain words, and the
#: weeks each one counts as. Each counts as the least it could mean, so we never claim time a
#: person may not have; without an answer we assume they are new (0 weeks).
TIMES: dict[str, tuple[str, int]] = {
    "under-6-months": ("Less than 6 months", 0),
    "6-to-12-months": ("6 months to a year", 26),
    "1-to-2-years": ("1 to 2 years", 52),
    "over-2-years": ("More than 2 years", 104),
}

#: "How old are you?": the answers we take, each with its label and what it tells the
#: route (government funding for Level 7 apprenticeships is for under 22s; the King's Trust
#: programme is for 16 to 30s). No answer is fine: it is never required.
AGES: dict[str, tuple[str, frozenset[str]]] = {
    "16-to-21": ("16 to 21", frozenset({"under-22", "aged-16-to-30"})),
    "22-to-30": ("22 to 30", frozenset({"aged-16-to-30"})),
    "31-or-over": ("31 or over", frozenset()),
}

#: The older "Are you under 22?" answer, still read from saved links: "yes" is 16 to 21.
UNDER_22: dict[str, str] = {"yes": "Yes, I am under 22", "no": "No, I am 22 or over"}

#: The optional questions' answers by name: each value and its label.
CHOICES: dict[str, dict[str, str]] = {
    "time_in_job": {value: label for value, (label, _) in TIMES.items()},
    "time_in_nhs": {value: label for value, (label, _) in TIMES.items()},
    "age": {value: label for value, (label, _) in AGES.items()},
    "under_22": UNDER_22,
}

#: Where a person is now, for the ways in that are only for people out of paid work (someone
#: in prison is out of paid work when they are released, when their route starts).
_OUT_OF_WORK = ("not-working", "volunteering", "in-prison")

#: Every answer's name in a web address (the current job is ``role`` or ``from``).
ANSWER_NAMES: tuple[str, ...] = (
    "status",
    "role",
    "from",
    "have",
    "to",
    "area",
    "adviser",
    "time_in_job",
    "time_in_nhs",
    "age",
    "under_22",
    "release_month",
    "release_year",
)


#: In larger print, the pages of one person's visit carry its key as the ``adviser`` value,
#: so that after "Next person" the last person's pages can be told apart and stay closed
#: (see :mod:`planner.plans.next_person`). Random, and says nothing about anyone.
VISIT_KEY = re.compile(r"[A-Za-z0-9_-]{8}")


#: Where the browser's session keeps the key of the visit going on now.
VISIT_IN_SESSION = "visit"


def new_visit_key() -> str:
    """A fresh key for one person's visit (48 random bits in 8 URL-safe characters)."""
    return secrets.token_urlsafe(6)


#: Pages whose form names the current job ``from`` (next to ``to``); every other page says ``role``.
ROLE_PARAMS: dict[str, str] = {"explore.route": "from", "plans.create": "from"}


def role_param_for(endpoint: str | None) -> str:
    """The name of the current-job argument on the page ``endpoint``."""
    return ROLE_PARAMS.get(endpoint or "", "role")


class _Args(Protocol):
    def getlist(self, key: str) -> list[str]: ...


class AnswerError(ValueError):
    """A value in the web address we cannot use.

    ``kind`` is one of ``too-many``, ``too-long``, ``repeated``, ``unknown-status``,
    ``unknown-area``, ``unknown-choice`` (an optional question's answer we do not know),
    ``unknown-skill`` or ``unknown-role``; ``status`` is the HTTP status to send.
    """

    def __init__(
        self,
        kind: str,
        field_name: str,
        values: tuple[str, ...] = (),
        suggestions: Mapping[str, list[str]] | None = None,
        status: int = 400,
    ):
        self.kind = kind
        self.field = field_name
        self.values = tuple(v[:MAX_VALUE_LENGTH] for v in values)
        self.suggestions = dict(suggestions or {})
        self.status = status
        super().__init__(f"{kind} in {field_name!r}: {', '.join(self.values)}")


@dataclass(frozen=True)
class Answers:
    """What a person told the planner, all of it from the web address."""

    status: str | None = None
    role: str | None = None
    have: tuple[str, ...] = ()
    to: str | None = None
    #: The job family the person is most interested in (an id from the data).
    area: str | None = None
    #: Someone is helping the person (a careers adviser): larger print everywhere.
    adviser: bool = False
    #: In larger print, the key of this person's visit (``None``: turned on with ``adviser=1``).
    visit: str | None = None
    #: How long they have been in their current job, and in the NHS (keys of :data:`TIMES`).
    time_in_job: str | None = None
    time_in_nhs: str | None = None
    #: How old they said they are (a key of :data:`AGES`; ``None``: they did not say).
    age: str | None = None
    #: For someone in prison, the month and year they expect to be released, if they said.
    release_month: int | None = None
    release_year: int | None = None
    #: What the person has, checked once; ``None`` only in hand-made records.
    start: Start | None = None

    @property
    def weeks_in_job(self) -> int:
        """Weeks in the current job that count; 0 (new) unless they said."""
        return TIMES[self.time_in_job][1] if self.time_in_job else 0

    @property
    def weeks_in_nhs(self) -> int:
        """Weeks in the NHS, across all jobs, that count; 0 unless they said."""
        return TIMES[self.time_in_nhs][1] if self.time_in_nhs else 0

    @property
    def under_22(self) -> bool | None:
        """Whether they said they are under 22 (``None``: they did not say how old they are)."""
        return None if self.age is None else "under-22" in AGES[self.age][1]

    @property
    def in_prison(self) -> bool:
        return self.status == "in-prison"

    @property
    def release(self) -> tuple[date, date] | None:
        """The first and last day of the month they expect release, when in prison and said."""
        if not self.in_prison or self.release_month is None or self.release_year is None:
            return None
        last = calendar.monthrange(self.release_year, self.release_month)[1]
        return (
            date(self.release_year, self.release_month, 1),
            date(self.release_year, self.release_month, last),
        )

    @property
    def conditions(self) -> frozenset[str]:
        """What the person told us that some ways in and some funding depend on.

        >>> sorted(Answers(status="not-working", age="16-to-21").conditions)
        ['aged-16-to-30', 'out-of-work', 'under-22']
        >>> sorted(Answers(status="not-working", age="31-or-over").conditions)
        ['out-of-work']
        """
        found = set()
        if self.status in _OUT_OF_WORK:
            found.add("out-of-work")
        if self.age is not None:
            found |= AGES[self.age][1]
        return frozenset(found)

    @property
    def known(self) -> bool:
        """True when the person told us what they have or which job they do."""
        return bool(self.have or self.role)

    def args(self, role_param: str = "role", **changes: Any) -> dict[str, Any]:
        """Query arguments for ``url_for`` that carry these answers to another page.

        A change to ``None`` drops that answer. Empty answers are left out, so
        a person who told us nothing gets a clean address.

        >>> Answers(have=("teamwork",), area="estates", adviser=True).args(to="porter")
        {'have': ['teamwork'], 'to': 'porter', 'area': 'estates', 'adviser': '1'}
        >>> Answers(adviser=True, visit="k3y-k3y_").args()
        {'adviser': 'k3y-k3y_'}
        >>> Answers(role="porter").args("from", role=None)
        {'from': 'porter'}
        >>> Answers(time_in_job="1-to-2-years", age="22-to-30").args()
        {'time_in_job': '1-to-2-years', 'age': '22-to-30'}
        """
        values: dict[str, Any] = {
            "status": self.status,
            role_param: self.role,
            "have": list(self.have),
            "to": self.to,
            "area": self.area,
            "adviser": (self.visit or "1") if self.adviser else None,
            "time_in_job": self.time_in_job,
            "time_in_nhs": self.time_in_nhs,
            "age": self.age,
            "release_month": None if self.release_month is None else str(self.release_month),
            "release_year": None if self.release_year is None else str(self.release_year),
        }
        values.update(changes)
        return {k: v for k, v in values.items() if v not in (None, "", [], ())}

    def cleared(self) -> Answers:
        """No answers at all; adviser mode (and its visit) stays as it was."""
        return Answers(adviser=self.adviser, visit=self.visit)


def _first(args: _Args, name: str, once: bool = False) -> str | None:
    values = [v.strip() for v in args.getlist(name)]
    values = [v for v in values if v]
    if not values:
        return None
    if any(len(v) > MAX_VALUE_LENGTH for v in values):
        raise AnswerError("too-long", name, (values[0],))
    if once and len(values) > 1:
        raise AnswerError("repeated", name, tuple(values[:3]))
    return values[0]


def _adviser(args: _Args) -> bool:
    """Adviser mode is on only with ``adviser=1`` or a visit key; anything else leaves it off."""
    return _visit(args) is not None or "1" in args.getlist("adviser")


def _visit(args: _Args) -> str | None:
    """The visit key the address carries, if it carries one."""
    return next((v for v in args.getlist("adviser") if VISIT_KEY.fullmatch(v)), None)


def given_visit(args: _Args) -> str | None:
    """What the ``adviser`` value says: a visit key, ``"1"`` (larger print turned on), or None."""
    return _visit(args) or ("1" if "1" in args.getlist("adviser") else None)


def _choice(args: _Args, name: str, once: bool) -> str | None:
    """An optional question's answer: one of its :data:`CHOICES`, or ``None`` when not answered."""
    value = _first(args, name, once)
    choices = CHOICES[name]
    if value is not None and value not in choices:
        raise AnswerError("unknown-choice", name, (value,), {value: suggest(value, choices)})
    return value


def release_choices() -> dict[str, dict[str, str]]:
    """The release month's and year's choices (value and label): this year to 15 years on."""
    this_year = today().year
    years = {str(y): str(y) for y in range(this_year, this_year + RELEASE_YEARS + 1)}
    return {"release_month": MONTHS, "release_year": years}


def _release(args: _Args, once: bool) -> tuple[int | None, int | None]:
    """The release month (1 to 12) and year, each optional."""
    found: list[int | None] = []
    for name, choices in release_choices().items():
        value = _first(args, name, once)
        if value is not None and value not in choices:
            raise AnswerError("unknown-choice", name, (value,), {value: suggest(value, choices)})
        found.append(None if value is None else int(value))
    return found[0], found[1]


def _check_role(catalogue: Catalogue, name: str, value: str | None) -> str | None:
    if value is None:
        return None
    known = [r.id for r in catalogue.roles]
    if value not in known:
        raise AnswerError(
            "unknown-role", name, (value,), {value: suggest(value, known)}, status=404
        )
    return value


def read_role_id(catalogue: Catalogue, value: str) -> str:
    """Check a role id from a path such as ``/roles/<id>``."""
    if len(value) > MAX_VALUE_LENGTH:
        raise AnswerError("too-long", "role", (value,), status=404)
    result = _check_role(catalogue, "role", value)
    assert result is not None
    return result


def read_answers(
    args: _Args, graph: nx.DiGraph, role_param: str = "role", once: bool = False
) -> Answers:
    """Parse and check the planner's query string (or form).

    ``role_param`` names the current-role argument: ``role`` on the start
    page (a select), ``from`` on the route page. With ``once``, a value given
    twice is an error rather than the first one winning (the API is strict).
    """
    catalogue = catalogue_of(graph)
    raw_have = args.getlist("have")
    if len(raw_have) > MAX_HAVE:
        raise AnswerError("too-many", "have", (str(len(raw_have)),))
    long = [h for h in raw_have if len(h) > MAX_VALUE_LENGTH]
    if long:
        raise AnswerError("too-long", "have", tuple(long[:3]))
    have = tuple(dict.fromkeys(h.strip() for h in raw_have if h.strip()))

    status = _first(args, "status", once)
    if status is not None and status not in STATUSES:
        raise AnswerError(
            "unknown-status", "status", (status,), {status: suggest(status, STATUSES)}
        )
    role = _first(args, role_param, once)
    to = _check_role(catalogue, "to", _first(args, "to", once))
    area = _first(args, "area", once)
    families = [family_id for family_id, _ in catalogue.families]
    if area is not None and area not in families:
        raise AnswerError("unknown-area", "area", (area,), {area: suggest(area, families)})
    adviser = _adviser(args)
    time_in_job = _choice(args, "time_in_job", once)
    time_in_nhs = _choice(args, "time_in_nhs", once)
    age = _choice(args, "age", once)
    if age is None and _choice(args, "under_22", once) == "yes":
        age = "16-to-21"
    release_month, release_year = _release(args, once)
    if role is not None and status is None:
        status = "nhs-role"
    answers = Answers(
        status=status,
        role=role,
        have=have,
        to=to,
        area=area,
        adviser=adviser,
        visit=_visit(args),
        time_in_job=time_in_job,
        time_in_nhs=time_in_nhs,
        age=age,
        release_month=release_month,
        release_year=release_year,
    )
    try:
        start = start_of(
            index_of(graph),
            have,
            role,
            weeks_in_role=answers.weeks_in_job,
            weeks_in_nhs=answers.weeks_in_nhs,
            conditions=answers.conditions,
        )
    except UnknownSkill as err:
        raise AnswerError("unknown-skill", "have", tuple(err.values), err.suggestions) from None
    except UnknownRole as err:
        raise AnswerError(
            "unknown-role", role_param, (err.value,), {err.value: err.suggestions}, status=404
        ) from None
    return replace(answers, start=start)


def current_answers(role_param: str | None = None) -> Answers:
    """This request's answers from its query string, read and checked once.

    In larger print they always carry a visit key (:func:`links_visit` for ``adviser=1``).
    ``role_param`` defaults to the name this page uses (:func:`role_param_for`).
    """
    from flask import current_app, g, request

    role_param = role_param or role_param_for(request.endpoint)
    cached = g.setdefault("answers", {})
    if role_param not in cached:
        try:
            found = read_answers(
                request.args, current_app.extensions["planner"]["graph"], role_param
            )
        except AnswerError as err:
            cached[role_param] = err
        else:  # larger print turned on with adviser=1: the page's links carry a visit key
            visit = found.visit or (links_visit() if found.adviser else None)
            cached[role_param] = replace(found, visit=visit)
    found = cached[role_param]
    if isinstance(found, AnswerError):
        raise found
    return found


def set_page_answers(answers: Answers) -> None:
    """The answers this request's layout links carry, for a page sent by POST.

    The spent checker's answers ride in its form, not its address; without this its
    menu and footer links after "Check" would drop every tick and the chosen job.
    """
    from flask import g

    g.page_answers = answers


def page_answers() -> Answers:
    """The answers the page layout carries on in its menu and footer links.

    Never raises: on a page whose address holds a value we cannot use (the error
    page explains it), the links carry nothing but adviser mode, so they still work.
    A form sent by POST (a plan being saved) may carry adviser mode too; a page whose
    answers ride in its form (the spent checker's) names them with :func:`set_page_answers`.
    """
    from flask import g, has_request_context

    if not has_request_context():
        return Answers()
    given = g.get("page_answers")
    if given is not None:
        return replace(given, visit=links_visit()) if given.adviser and not given.visit else given
    return address_answers()


def address_answers() -> Answers:
    """The answers this request's address carries, never raising (see :func:`page_answers`).

    In larger print they carry the visit's key (:func:`links_visit` when the address says
    only ``adviser=1``); a form sent by POST may turn larger print on too.
    """
    from flask import has_request_context, request

    if not has_request_context():
        return Answers()
    posted = request.form if request.method == "POST" else {}
    adviser = _adviser(request.args) or bool(posted and _adviser(posted))
    visit = _visit(request.args) or (_visit(posted) if posted else None)
    try:
        found = current_answers()
    except AnswerError:
        found = Answers()
    if adviser:
        return replace(found, adviser=True, visit=visit or links_visit())
    return replace(found, adviser=False, visit=None)


def links_visit() -> str:
    """The visit key for links that turn larger print on, or that carry it on from ``adviser=1``.

    The key this browser's visit already has, or else a new one: it becomes the visit's
    key when a link carrying it is followed (nothing is kept until then).
    """
    from flask import g, session

    if "links_visit" not in g:
        g.links_visit = session.get(VISIT_IN_SESSION) or new_visit_key()
    return g.links_visit
