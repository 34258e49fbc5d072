"""Each step of a route in plain words: a one-line summary, and the detail behind it.

The one line says what kind of step it is, what it is and how long it takes
("Course · Functional Skills English Level 2 · about 4 months, part time"). Time is
shown as people live it: a step's full length, and how much of it happens while other
steps go on ("1 year, all of it while you do the job"), never "no extra time" as if it
were free. What a step gives is split from what it only counts as ("counts as a GCSE
English grade 4", never "gives you a GCSE"). No Flask here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from planner.explore.labels import KIND_LABELS, band_pay
from planner.explore.outside import OutsideLink, finder_link, outside_link
from planner.explore.timeline import Span, between_words, month_year, spans, years_words
from planner.pathways.model import (
    Catalogue,
    Experience,
    Learning,
    Role,
    Route,
    Skill,
    Source,
    Step,
    TimeInPost,
    WayIn,
)
from planner.wording import long_date, weeks_in_words

__all__ = ["StepView", "funding_words", "step_views"]


@dataclass(frozen=True)
class StepView:
    """What the route page shows for one step: ``line`` is the time in the one-line summary."""

    number: int
    kind: str
    kind_label: str
    title: str
    line: str
    span: Span
    item: Role | Learning | Experience | TimeInPost | None = None
    role: Role | None = None
    how_long: list[str] = field(default_factory=list)
    gives: list[Skill] = field(default_factory=list)
    counts_as: list[Skill] = field(default_factory=list)
    cost_label: str = "Cost"
    cost: str = ""
    funding: str | None = None
    availability: str | None = None
    when: list[str] = field(default_factory=list)
    in_job: str | None = None
    alternatives: list[Learning] = field(default_factory=list)
    way_in: WayIn | None = None
    find: OutsideLink | None = None
    sources: tuple[Source, ...] = ()


def _short_title(step: Step) -> str:
    """A course's name without the word "course" at its end, for the one-line summary."""
    return step.title.removesuffix(" course") if step.kind == "course" else step.title


def _part_time(item: Any) -> bool:
    # The data has no field for how a course is taught; its summary says "part-time" when the
    # sources do (the guide's "8 to 12 weeks part time").
    return isinstance(item, Learning) and "part-time" in item.summary.lower()


def _overlap(step: Step, working: bool) -> str:
    """What part of a step happens alongside others, as the end of a sentence ('' if none)."""
    if step.overlap_weeks <= 0:
        return ""
    where = "while you do the job" if working else "at the same time as other steps"
    if step.weeks <= 0:
        return f"all of it {where}"
    return f"{weeks_in_words(step.overlap_weeks)} of it {where}"


def _line(step: Step, item: Any, working: bool, beside: bool, rule: TimeInPost | None) -> str:
    """How long, for the one-line summary."""
    if step.kind == "role":
        low = step.weeks_min or step.weeks
        return between_words(low, step.weeks_max or step.weeks) + " to apply and start"
    length = weeks_in_words(step.length)
    if rule is not None:
        length = "at least " + length.removeprefix("about ")
    if beside:
        return f"{length}, side by side with the course above"
    overlap = _overlap(step, working)
    if overlap:
        return f"{length}, {overlap}"
    if step.kind == "apprenticeship":
        return f"{length}, while you work"
    if _part_time(item):
        return f"{length}, part time"
    return length


def _how_long(
    step: Step,
    working_as: Role | None,
    beside: Step | None,
    rule: TimeInPost | None,
    hire_target: int | None = None,
) -> list[str]:
    """Sentences about how long a step takes and how it fits with the others.

    Hiring shows NHS England's target beside the time it takes: a target, not a least."""
    out = []
    if step.kind == "role":
        low, high = step.weeks_min or step.weeks, step.weeks_max or step.weeks
        out.append(f"Getting a job takes {between_words(low, high)}, from applying to starting.")
        if hire_target and hire_target < low:
            target = weeks_in_words(hire_target).removeprefix("about ")
            out.append(f"The NHS aims to make it {target}, but most jobs take longer.")
        return out
    if rule is not None:
        least = weeks_in_words(rule.weeks).removeprefix("about ")
        most = weeks_in_words(rule.typical_weeks).removeprefix("about ")
        out.append(f"Adverts for the next job up ask for at least {least} in a job like this.")
        if rule.typical_weeks > rule.weeks:
            out.append(f"Many ask for {most}.")
        if step.length > rule.weeks:
            out.append(f"On this route it is {weeks_in_words(step.length)}.")
    else:
        out.append(f"It takes {weeks_in_words(step.length)}.")
        if step.weeks_min and step.weeks_max and step.weeks_min != step.weeks_max:
            out.append(
                f"It can take {between_words(step.weeks_min, step.weeks_max)}, "
                "depending on where you do it."
            )
    if beside is not None:
        out.append(
            f"You do it side by side with {beside.title}, so they end at about the same time."
        )
    elif step.overlap_weeks > 0:
        where = f"while you work as {working_as.title}" if working_as else "alongside other steps"
        part = (
            "All of it"
            if step.weeks <= 0
            else f"{weeks_in_words(step.overlap_weeks).capitalize()} of it"
        )
        out.append(f"{part} happens {where}.")
    return out


def funding_words(item: Learning, under_22: bool | None, begin: int) -> str | None:
    """Who pays for an apprenticeship the government funds only for the young.

    ``under_22`` is the person's answer (``None``: not asked or not said); ``begin`` is
    how many weeks from now the step starts.
    """
    age = item.funded_up_to_age
    if age is None:
        return None
    limit = age + 1
    if under_22 is None:
        return (
            f"The government pays for this only for people under {limit}. If you are {limit} "
            "or over, your employer would have to pay."
        )
    if not under_22:
        return (
            f"The government pays for this only for people under {limit}. So your employer "
            "would have to pay."
        )
    said = (
        f"You said you are under {limit}. The government pays if you start before you turn {limit}."
    )
    if begin <= 0:
        return said
    return f"{said} This step starts {years_words(begin)}."


def _when(
    step: Step, item: Any, span: Span, number: int, today: date, now: date | None = None
) -> list[str]:
    """When a step starts and ends, as months from ``today`` (the route's first day, which is
    later than ``now`` for someone whose route starts when they are released)."""
    begins = today + timedelta(weeks=span.begin)
    at_once = begins <= (now or today)
    if step.kind == "role":
        start = month_year(today, span.end)
        apply = (
            "Apply now."
            if number == 1 and at_once
            else f"Apply from about {month_year(today, span.begin)}."
        )
        return [apply, f"You could start about {start}."]
    if step.kind == "experience":
        return [f"You will have this by about {month_year(today, span.end)}."]
    out = [
        "You can start now."
        if span.begin == 0 and at_once
        else f"Start about {month_year(today, span.begin)}."
    ]
    if isinstance(item, Learning):
        if item.starts_from and begins < item.starts_from:
            out.append(f"The first start date is {long_date(item.starts_from)}.")
        if item.starts_until:
            last = long_date(item.starts_until - timedelta(days=1))
            if not item.open_on(begins):
                out.append(f"New starts ended on {last}.")
            else:
                out.append(f"The last start date is {last}.")
    out.append(f"You could finish about {month_year(today, span.end)}.")
    return out


def _cost(catalogue: Catalogue, step: Step, item: Any) -> tuple[str, str]:
    if isinstance(item, Role):
        return "Pay", f"{band_pay(catalogue, item.band)} for full-time work, on band {item.band}."
    if step.kind == "experience":
        if isinstance(item, Experience) and not item.in_roles and not item.nhs_service:
            return "Cost", "Free."
        return "Cost", "Free. You gain this by doing the job."
    if isinstance(item, Learning) and item.cost:
        return "Cost", item.cost if item.cost.endswith(".") else item.cost + "."
    if step.kind == "apprenticeship":
        return "Cost", "Free to you: your employer pays."
    return "Cost", "Ask the college."


def _skills(catalogue: Catalogue, ids: tuple[str, ...]) -> list[Skill]:
    return [catalogue.skill(s) for s in ids if s in catalogue.by_id["skill"]]


def _partner(steps: tuple[Step, ...], n: int) -> Step | None:
    """The course a side-by-side course runs with: the one before it, starting together."""
    step = steps[n]
    if step.kind != "course" or step.weeks or n == 0:
        return None
    before = steps[n - 1]
    same = before.kind == "course" and before.starts_after_weeks == step.starts_after_weeks
    return before if same else None


def step_views(
    catalogue: Catalogue,
    route: Route,
    today: date,
    current_role: str | None = None,
    under_22: bool | None = None,
    now: date | None = None,
) -> list[StepView]:
    """Every step of ``route`` in words, walking it in order to know the job held at each.

    ``today`` is the day the route starts; ``now`` (if later than it is not) is the real day,
    for words like "Apply now" (a route that starts at release does not start now)."""
    holding = catalogue.find_role(current_role)
    rules = catalogue.by_id["time_in_post"]
    views = []
    for n, (step, span) in enumerate(zip(route.steps, spans(route, catalogue), strict=True)):
        item: Any = catalogue.find_role(step.id) if step.kind == "role" else catalogue.item(step.id)
        rule = rules.get(step.id) if step.kind == "experience" else None
        beside = _partner(route.steps, n)
        title = _short_title(step)
        if rule is not None and holding is not None:
            title = f"Time as {holding.title} before moving up a band"
        label = "Way in" if step.way_in else KIND_LABELS.get(step.kind, step.kind)
        cost_label, cost = _cost(catalogue, step, item)
        learning = item if isinstance(item, Learning) else None
        views.append(
            StepView(
                number=n + 1,
                kind=step.kind,
                kind_label=label,
                title=title,
                line=_line(step, item, holding is not None, beside is not None, rule),
                span=span,
                item=item,
                role=item if isinstance(item, Role) else None,
                how_long=_how_long(
                    step, holding, beside, rule, catalogue.progression.hire_weeks_target
                ),
                gives=_skills(catalogue, tuple(g for g in step.gains if g not in step.counts_as)),
                counts_as=_skills(catalogue, step.counts_as),
                cost_label=cost_label,
                cost=cost,
                funding=funding_words(learning, under_22, span.begin) if learning else None,
                availability=learning.availability_note if learning else None,
                when=_when(step, item, span, n + 1, today, now),
                in_job=holding.title if step.kind == "apprenticeship" and holding else None,
                alternatives=[
                    a
                    for a in (catalogue.learning_item(i) for i in learning.alternatives)
                    if a is not None
                ]
                if learning and learning.starts_until
                else [],
                way_in=learning.way_in if learning and step.way_in else None,
                find=_find(step, item),
                sources=_sources(catalogue, step, item),
            )
        )
        if isinstance(item, Role):
            holding = item
    return views


def _find(step: Step, item: Any) -> OutsideLink | None:
    """Where to look for it: NHS Jobs for a job, a finder for a course or apprenticeship.

    A way in has no finder: its "who it is for" says where to ask (a work coach, a trust).
    """
    if isinstance(item, Role):
        return outside_link("nhs-jobs", item.title)
    if step.way_in:
        return None
    return finder_link(item)


def _sources(catalogue: Catalogue, step: Step, item: Any) -> tuple[Source, ...]:
    if step.kind == "role":
        return catalogue.progression.sources
    return getattr(item, "sources", ())
