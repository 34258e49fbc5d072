"""A plan as a JSON file the person can keep, and the strict check when it comes back.

The download holds exactly what the plan holds: no token, no id, nothing about
the person. An upload must match the format exactly and name only skills,
roles, courses and experience the planner knows; anything else is refused
with a list of what was wrong, and nothing is saved.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from planner.pathways.model import Catalogue
from planner.plans.forms import clean_text, mentions_justice
from planner.plans.model import (
    ITEM_KINDS,
    ITEM_STATUSES,
    MAX_ITEMS,
    MAX_REVIEWS,
    NOTE_MAX,
    REVIEW_KINDS,
    SUPPORT_MAX,
    TITLE_MAX,
    NewPlan,
    Plan,
    PlanItem,
    Review,
)
from planner.plans.service import agreement_of

__all__ = ["FORMAT", "ImportProblems", "plan_from_json", "plan_to_json"]

FORMAT = "nhs-career-plan"
FORMAT_VERSION = 1
MAX_WEEKS = 1000

_TOP = {
    "format",
    "format_version",
    "exported_on",
    "target_role",
    "current_role",
    "have",
    "support",
    "items",
    "reviews",
    "agreement",
}
_ITEM = {"kind", "title", "target_date", "status", "note", "ref", "step_kind", "weeks", "gains"}
_REVIEW = {"date", "kind"}
_AGREEMENT = {"employee_on", "employee_current", "manager_on", "manager_current"}
_STEP_KINDS = ("course", "apprenticeship", "experience", "role")


class ImportProblems(ValueError):
    """Everything wrong with an uploaded plan, each with where it is."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def plan_to_json(plan: Plan, today: date) -> dict[str, Any]:
    """The plan as a plain dict, ready for ``json.dumps``."""
    agreement = agreement_of(plan)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_on": today.isoformat(),
        "target_role": plan.target_role,
        "current_role": plan.current_role,
        "have": list(plan.have),
        "support": plan.support,
        "items": [
            {
                "kind": i.kind,
                "title": i.title,
                "target_date": _iso(i.target_date),
                "status": i.status,
                "note": i.note,
                "ref": i.ref,
                "step_kind": i.step_kind,
                "weeks": i.weeks,
                "gains": list(i.gains),
            }
            for i in plan.items
        ],
        "reviews": [{"date": r.day.isoformat(), "kind": r.kind} for r in plan.reviews],
        "agreement": {
            "employee_on": _iso(plan.employee_agreed_on),
            "employee_current": agreement.employee_current,
            "manager_on": _iso(plan.manager_agreed_on),
            "manager_current": agreement.manager_current,
        },
    }


class _Checker:
    def __init__(self, catalogue: Catalogue):
        self.problems: list[str] = []
        self.skills = {s.id for s in catalogue.skills}
        self.roles = {r.id for r in catalogue.roles}
        self.refs = {
            "course": {x.id for x in catalogue.learning if x.kind == "course"},
            "apprenticeship": {x.id for x in catalogue.learning if x.kind == "apprenticeship"},
            "experience": {x.id for x in catalogue.experience},
            "role": self.roles,
        }

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def keys(self, value: Any, expected: set[str], where: str) -> bool:
        if not isinstance(value, dict):
            self.fail(where, "must be an object")
            return False
        missing, extra = expected - value.keys(), value.keys() - expected
        if missing:
            self.fail(where, f"missing {', '.join(sorted(missing))}")
        if extra:
            self.fail(where, f"unknown {', '.join(sorted(str(k) for k in extra))}")
        return not missing and not extra

    def text(self, value: Any, where: str, limit: int, required: bool = False) -> str:
        if not isinstance(value, str):
            self.fail(where, "must be text")
            return ""
        clean = clean_text(value)
        if len(clean) > limit:
            self.fail(where, f"must be {limit} characters or fewer")
        if required and not clean:
            self.fail(where, "must not be empty")
        if mentions_justice(clean):
            self.fail(where, "must not include details of any conviction")
        return clean

    def day(self, value: Any, where: str, required: bool = False) -> date | None:
        if value is None and not required:
            return None
        try:
            day = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
        except ValueError:
            day = None
        if day is None or not date(2000, 1, 1) <= day <= date(2100, 12, 31):
            self.fail(where, "must be a date like 2027-03-31")
        return day

    def choice(self, value: Any, choices, where: str) -> str:
        if not isinstance(value, str) or value not in choices:
            self.fail(where, f"must be one of {', '.join(choices)}")
            return next(iter(choices))
        return value

    def ids(self, value: Any, known: set[str], where: str, limit: int = 200) -> tuple[str, ...]:
        if not isinstance(value, list) or len(value) > limit:
            self.fail(where, f"must be a list of up to {limit} ids")
            return ()
        good = [v for v in value if isinstance(v, str) and v in known]
        unknown = [v for v in value if not (isinstance(v, str) and v in known)]
        if unknown:
            self.fail(where, f"unknown ids {', '.join(str(u)[:80] for u in unknown[:5])}")
        if len(set(good)) != len(good):
            self.fail(where, "has the same id twice")
        return tuple(good)

    def item(self, value: Any, where: str) -> PlanItem | None:
        if not self.keys(value, _ITEM, where):
            return None
        step_kind = value["step_kind"]
        if step_kind is not None:
            step_kind = self.choice(step_kind, _STEP_KINDS, f"{where}.step_kind")
        ref = value["ref"]
        if ref is not None or step_kind is not None:
            known = self.refs.get(step_kind or "", set())
            if not isinstance(ref, str) or ref not in known:
                self.fail(f"{where}.ref", "must name a known course, job or experience")
        weeks = value["weeks"]
        if not isinstance(weeks, int) or isinstance(weeks, bool) or not 0 <= weeks <= MAX_WEEKS:
            self.fail(f"{where}.weeks", f"must be a whole number from 0 to {MAX_WEEKS}")
            weeks = 0
        return PlanItem(
            kind=self.choice(value["kind"], ITEM_KINDS, f"{where}.kind"),
            title=self.text(value["title"], f"{where}.title", TITLE_MAX, required=True),
            target_date=self.day(value["target_date"], f"{where}.target_date"),
            status=self.choice(value["status"], ITEM_STATUSES, f"{where}.status"),
            note=self.text(value["note"], f"{where}.note", NOTE_MAX),
            ref=ref if isinstance(ref, str) else None,
            step_kind=step_kind,
            weeks=weeks,
            gains=self.ids(value["gains"], self.skills, f"{where}.gains"),
        )


def plan_from_json(data: Any, catalogue: Catalogue) -> NewPlan:
    """Check an uploaded plan against the format and the catalogue. Raises :class:`ImportProblems`."""
    check = _Checker(catalogue)
    if not check.keys(data, _TOP, "plan"):
        raise ImportProblems(check.problems)
    if data["format"] != FORMAT or data["format_version"] != FORMAT_VERSION:
        check.fail("plan", f"is not an {FORMAT} file of version {FORMAT_VERSION}")
    check.day(data["exported_on"], "exported_on", required=True)
    target = data["target_role"]
    if not isinstance(target, str) or target not in check.roles:
        check.fail("target_role", "must name a job in the planner")
    current = data["current_role"]
    if current is not None and (not isinstance(current, str) or current not in check.roles):
        check.fail("current_role", "must name a job in the planner, or be null")
    have = check.ids(data["have"], check.skills, "have")
    support = check.text(data["support"], "support", SUPPORT_MAX)
    items_raw, reviews_raw = data["items"], data["reviews"]
    items: list[PlanItem] = []
    if not isinstance(items_raw, list) or not 1 <= len(items_raw) <= MAX_ITEMS:
        check.fail("items", f"must be a list of 1 to {MAX_ITEMS} items")
    else:
        items = [i for n, v in enumerate(items_raw) if (i := check.item(v, f"items[{n}]"))]
    reviews: list[Review] = []
    if not isinstance(reviews_raw, list) or len(reviews_raw) > MAX_REVIEWS:
        check.fail("reviews", f"must be a list of up to {MAX_REVIEWS} reviews")
    else:
        for n, value in enumerate(reviews_raw):
            if check.keys(value, _REVIEW, f"reviews[{n}]"):
                day = check.day(value["date"], f"reviews[{n}].date", required=True)
                kind = check.choice(value["kind"], REVIEW_KINDS, f"reviews[{n}].kind")
                if day:
                    reviews.append(Review(day, kind))
    agreement = data["agreement"]
    agreed: dict[str, Any] = {}
    if check.keys(agreement, _AGREEMENT, "agreement"):
        for who in ("employee", "manager"):
            agreed[f"{who}_on"] = check.day(agreement[f"{who}_on"], f"agreement.{who}_on")
            current_flag = agreement[f"{who}_current"]
            if not isinstance(current_flag, bool) or (current_flag and not agreed[f"{who}_on"]):
                check.fail(f"agreement.{who}_current", "must be true only with a date")
            agreed[f"{who}_current"] = current_flag is True
    if check.problems:
        raise ImportProblems(check.problems)
    stale = any(agreed[f"{w}_on"] and not agreed[f"{w}_current"] for w in ("employee", "manager"))
    content_version = 2 if stale else 1

    def version(who: str) -> int | None:
        if not agreed[f"{who}_on"]:
            return None
        return content_version if agreed[f"{who}_current"] else content_version - 1

    return NewPlan(
        target_role=target,
        current_role=current,
        have=have,
        items=tuple(items),
        reviews=tuple(reviews),
        support=support,
        content_version=content_version,
        employee_agreed_on=agreed["employee_on"],
        employee_agreed_version=version("employee"),
        manager_agreed_on=agreed["manager_on"],
        manager_agreed_version=version("manager"),
    )
