"""The realism rules, each written once: how people really move between NHS jobs.

The evidence is in ``data/nhs_bands.json`` (``progression``, each role and each
learning item, with sources) and the research note ``realism.md``:

* one band at a time: a job more than one band above the top of the current job's
  band range is not a route step (:func:`band_step`);
* a move up a band needs the least time in post the adverts ask for
  (:func:`wait_before`; the weeks are data, per family and band);
* careers stay in one family: a move into another family is sideways or down, and only
  into the family of the job the person chose, unless the current job's experience
  counts on the other ladder (an estates admin job is admin work); once in the chosen
  job's family, a route stays in it (:func:`may_move`);
* nobody steps down a band unless that lower job is the one they chose, or they are
  changing to the chosen job's ladder and start again at one of its entry jobs
  (:func:`starts_again`);
* apprenticeships are jobs: each is done in a job that fits it (family, band, duties),
  and an apprentice post comes with its own apprenticeship (:func:`work_places`);
* ways in are for people not in a paid job, and some only for the people they name
  (:func:`can_do`);
* learning is for the next job or for the goal: in a job, a route only takes learning
  that a job one move away or the chosen job asks for (``search.pruning.make_pruning``; inferred:
  this is how advisers plan, and it keeps routes free of courses nobody asked for);
* holding a job covers the everyday skills of the jobs below it in its family
  (:func:`everyday_skills`; inferred, see its docstring).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from planner.pathways.model import Catalogue, band_rank

__all__ = [
    "NO_ROLE",
    "band_step",
    "can_do",
    "everyday_skills",
    "may_move",
    "open_to",
    "starts_again",
    "wait_before",
    "work_places",
]

#: The role position of someone not in a paid job.
NO_ROLE = -1

#: Skill kinds that a job counts as for the jobs below it: everyday skills, not
#: qualifications or experience (those need a certificate or time).
_EVERYDAY_KINDS = frozenset({"skill"})


def band_step(low: int, high: int, to_low: int, to_high: int) -> str:
    """How a move from a job (band ranks ``low``-``high``) to another compares on the ladder.

    ``jump`` (more than one band above the top of the current range), ``up``, ``side``
    or ``down``. Band 8's sub-bands follow the profiles' ranges: 8a-8b to 8c-8d is one step.

    >>> [band_step(2, 2, 3, 3), band_step(2, 2, 4, 4), band_step(8, 9, 10, 11), band_step(3, 3, 2, 2)]
    ['up', 'jump', 'up', 'down']
    """
    if to_low > high + 1:
        return "jump"
    if to_low > low:
        return "up"
    if to_high < low:
        return "down"
    return "side"


def may_move(index, from_pos: int, to_pos: int, target_pos: int) -> bool:
    """May a route move from one job (or from no job) straight into another?

    Requirements and time in post are checked elsewhere; this is the shape of a
    career: one band at a time, no step down except into the chosen job, and a
    change of family only sideways into the chosen job's family (or onto a ladder
    the current job's experience counts on).
    """
    if to_pos == from_pos:
        return False
    if from_pos == NO_ROLE:
        return True
    here, there, target = index.roles[from_pos], index.roles[to_pos], index.roles[target_pos]
    goal = target.family
    if here.family == goal and there.family != goal:
        return False  # nobody leaves the kind of work they chose to come back to it
    step = band_step(here.low, here.high, there.low, there.high)
    if step == "jump":
        return False
    if step == "down" and to_pos != target_pos and not starts_again(here, there, target):
        return False
    if there.family == here.family or there.route in here.transferable_to:
        return True
    return step != "up" and there.family == index.roles[target_pos].family


def starts_again(here, there, target) -> bool:
    """Is a step down from ``here`` into ``there`` a change of work that starts again at an
    entry job of the chosen job's ladder?

    Someone changing to a new kind of work starts at its first jobs: an estates tradesperson
    who wants an admin career takes a band 2 admin job (or an estates admin job, which is
    admin work) and climbs from there; someone moving into a trade starts at an entry job
    on the maintenance ladder, where the trade apprenticeship is done; a cleaning team
    leader who wants to cook starts in the kitchen as a catering assistant. Only onto
    another ladder: nobody steps down the ladder they are on. A route takes such a step
    only when nothing faster leads to the chosen job. Inferred from the sources: careers
    are "typically within a single occupation" and moves between them are exceptions (IFS
    2025); Health Careers names the entry jobs (receptionist, ward clerk and the like for
    admin; catering assistant for kitchens) and says a trade is learnt "typically through
    an apprenticeship" (Step into the NHS: electrician).
    """
    if not there.entry or here.route == there.route:
        return False
    return there.route == target.route or target.route in there.transferable_to


def wait_before(index, from_pos: int, to_pos: int, tenure: int) -> int:
    """Weeks still to spend in the current job before moving up into another job.

    Zero for moves that are not up a band, and from no job (someone from outside
    the NHS is judged on the job's requirements alone). From an apprentice post, the
    apprenticeship is finished first whatever the move. From a job with a range of bands
    (an Estates Manager Higher Level is 8a to 8b), moving above its lowest band needs the
    time in post of every band on the way.
    """
    if from_pos == NO_ROLE:
        return 0
    return max(
        apprenticeship_left(index, from_pos, tenure), post_needed(index, from_pos, to_pos) - tenure
    )


def post_needed(index, from_pos: int, to_pos: int) -> int:
    """The time in post a move up from one job into another asks for (zero if not up)."""
    if from_pos == NO_ROLE:
        return 0
    here, there = index.roles[from_pos], index.roles[to_pos]
    if band_step(here.low, here.high, there.low, there.high) != "up":
        return 0
    # A job with a range of bands stands for posts at each band in it: someone who started
    # at its lowest band has the time in post of each band on the way to count first.
    post = there.min_post
    for band in range(here.low + 1, there.low):
        post += index.post_into.get((here.family, band), 0)
    return post


def apprenticeship_left(index, from_pos: int, tenure: int) -> int:
    """Weeks left of an apprentice post's apprenticeship: a fixed-term job for its
    apprenticeship is finished before any move (zero for any other job)."""
    if from_pos == NO_ROLE or index.roles[from_pos].apprenticeship is None:
        return 0
    return max(0, index.actions[index.roles[from_pos].apprenticeship].weeks - tenure)


def funding_condition(funded_up_to_age: int | None) -> str | None:
    """Who an apprenticeship is funded for, as a condition a person can say they meet.

    Level 7 apprenticeships are funded only for people aged 16 to 21 from 1 January 2026
    (docs/research/realism.md, "Level 7 apprenticeships"; FE Week). Care leavers and people
    with an education, health and care plan stay funded up to 24; the planner does not ask
    about either, so it only offers them to someone who says they are under 22.
    """
    return "under-22" if funded_up_to_age is not None and funded_up_to_age <= 21 else None


def can_do(action, role_pos: int, held: int, day: date | None, conditions: Collection[str]) -> bool:
    """Could a person start this course, apprenticeship, way in or experience now?"""
    if held & action.requires != action.requires or not action.open_on(day):
        return False
    if action.where is not None and role_pos not in action.where:
        return False
    return open_to(action, conditions)


def open_to(action, conditions: Collection[str]) -> bool:
    """Is this open to a person who said these things about themselves? Some ways in and
    funding are only for the people they name (the King's Trust for 16 to 30s, Level 7
    apprenticeships for under-22s); the rest are open to anyone."""
    return action.condition is None or action.condition in conditions


def work_places(catalogue: Catalogue) -> dict[str, frozenset[int] | None]:
    """Where each learning item and kind of experience can be done, as role positions.

    ``NO_ROLE`` stands for out of paid work; ``None`` means anywhere. An apprenticeship is
    done in a job that fits its ``done_in``, never in an apprentice post (which comes with
    its own). A way in is for people not in a paid job.
    """
    positions = {role.id: i for i, role in enumerate(catalogue.roles)}
    out: dict[str, frozenset[int] | None] = {}
    for item in catalogue.learning:
        if item.way_in is not None:
            out[item.id] = frozenset({NO_ROLE})
        elif item.done_in is not None:
            out[item.id] = frozenset(
                i
                for i, role in enumerate(catalogue.roles)
                if role.apprenticeship is None and item.done_in.fits(role)
            )
        else:
            out[item.id] = None
    for exp in catalogue.experience:
        if exp.nhs_service:
            out[exp.id] = frozenset(range(len(catalogue.roles)))
        elif exp.in_roles:
            out[exp.id] = frozenset(positions[r] for r in exp.in_roles)
        else:
            out[exp.id] = frozenset({NO_ROLE})
    return out


def everyday_skills(catalogue: Catalogue) -> dict[str, tuple[str, ...]]:
    """For each job, the everyday skills the jobs below its band in its family ask for, and
    the first-job basics any paid job counts as (``progression.any_job_counts_as``).

    Inferred: someone doing a band 4 admin job uses the teamwork, IT and customer care a
    band 2 admin job asks for every day, so a route never sends them on a course for
    them. Only skills count (not qualifications or experience, which need proof or time).
    Health Careers supports it for admin work: "For any admin role you need a good
    standard of literacy and numeracy".
    """
    kinds = {s.id: s.kind for s in catalogue.skills}
    basics = dict.fromkeys(catalogue.progression.any_job_counts_as)
    out: dict[str, tuple[str, ...]] = {}
    for role in catalogue.roles:
        low = band_rank(role.band)
        found: dict[str, None] = dict(basics)
        for other in catalogue.roles:
            if other.family == role.family and band_rank(other.top) < low:
                found.update((s, None) for s in other.requires if kinds[s] in _EVERYDAY_KINDS)
        out[role.id] = tuple(found)
    return out
