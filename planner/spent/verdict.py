"""The answer in a person's own terms: what is spent now, and what a job's check would show.

The page knows the job a person wants, how many weeks their own route takes to
get there, and the jobs they pass on the way. This module turns the rules'
answers (:func:`~planner.spent.shows.shows_on`) into short sentences for each
of those, always naming the check the job itself uses: a job with a standard
check never hears "a basic check will not show it".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from planner.spent.dates import day_words
from planner.spent.records import Assessment, ShowsAnswer
from planner.spent.rules import Rules
from planner.spent.shows import shows_on

__all__ = [
    "Job",
    "check_name",
    "job_sentences",
    "level_id",
    "on_the_way_sentence",
    "spent_sentences",
]


@dataclass(frozen=True)
class Job:
    """A job and when the person could start it on their own route.

    ``level`` is the check level id as the rules file spells it (``enhanced_barred``);
    ``weeks`` is how long their route takes (0: now; ``None``: we have no route), and
    ``in_words`` says it the way the rest of the planner does ("about 5 months").
    """

    title: str
    level: str
    weeks: int | None
    in_words: str = ""


def level_id(dbs_level: str) -> str:
    """The catalogue's level (``enhanced-barred``) as the rules file spells it.

    >>> level_id("enhanced-barred")
    'enhanced_barred'
    """
    return dbs_level.replace("-", "_")


def check_name(label: str) -> str:
    """'Enhanced DBS check' as 'an enhanced check'.

    >>> check_name("Standard DBS check"), check_name("Enhanced DBS check with barred list")
    ('a standard check', 'an enhanced check with barred list')
    """
    name = label.lower().replace("dbs ", "")
    return ("an " if name[:1] in "aeiou" else "a ") + name


def _sentence(answer: ShowsAnswer, level: str, check: str, start: str, future: bool) -> str:
    be, show = ("will be", "will show") if future else ("is", "shows")
    if answer.shows is True:
        return f"{start}, {check} {show} it."
    if answer.shows is False:
        why = "spent" if level == "basic" else "filtered"
        not_show = "will not show" if future else "does not show"
        return f"{start}, this {be} {why}: {check} {not_show} it."
    if answer.questions and not answer.help:
        return f"{start}, whether {check} {show} it depends on your answers to the questions."
    return f"{start}, we cannot tell if {check} {show} it. Ask the Unlock helpline."


def job_sentences(job: Job, a: Assessment, today: date, rules: Rules) -> tuple[str, ...]:
    """What the job's check shows about one entry today, and by the time they could apply."""
    level = rules.check_levels.get(job.level)
    if level is None:
        return ()
    check = check_name(level.label)
    now = shows_on(job.level, a, today, rules)
    sentences = [_sentence(now, job.level, check, "Today", future=False)]
    if job.weeks:
        then = shows_on(job.level, a, today + timedelta(weeks=job.weeks), rules)
        start = f"By the time you could apply for {job.title} in {job.in_words}"
        sentences.append(_sentence(then, job.level, check, start, future=True))
    return tuple(sentences)


def _entries(numbers: Sequence[int]) -> str:
    """'entry 2', 'entries 1 and 3', 'entries 1, 2 and 4'."""
    names = [str(n) for n in numbers]
    if len(names) == 1:
        return f"entry {names[0]}"
    return "entries " + ", ".join(names[:-1]) + " and " + names[-1]


def on_the_way_sentence(
    job: Job, assessments: Sequence[Assessment], today: date, rules: Rules
) -> str | None:
    """One sentence for a job on the route: what its check would show when they get there."""
    level = rules.check_levels.get(job.level)
    if level is None or job.weeks is None:
        return None
    when = today + timedelta(weeks=job.weeks)
    answers = [shows_on(job.level, a, when, rules).shows for a in assessments]
    check = check_name(level.label)
    shown = [n for n, s in enumerate(answers, 1) if s is True]
    unknown = [n for n, s in enumerate(answers, 1) if s is None]
    if len(assessments) == 1:
        said = {True: "will show it", False: "will not show it", None: "may show it"}
        return f"By then, {check} {said[answers[0]]}."
    if not shown and not unknown:
        return f"By then, {check} will not show any of them."
    parts = [f"By then, {check} will show {_entries(shown)}." if shown else ""]
    if unknown:
        parts.append(f"We cannot tell for {_entries(unknown)}.")
    return " ".join(p for p in parts if p)


def spent_sentences(assessments: Sequence[Assessment], today: date) -> tuple[str, ...]:
    """For each entry, in plain words: spent since when, spent on which day, never, or unknown."""
    lines = []
    for a in assessments:
        name = "It" if len(assessments) == 1 else f"Entry {a.index + 1}"
        s = a.spent
        if s.never:
            lines.append(f"{name} can never become spent. Every DBS check will show it.")
        elif s.undecided or s.spent_on is None:
            lines.append(f"We cannot tell when {name.lower()} becomes spent. Ask Unlock.")
        elif s.spent_on <= today:
            lines.append(f"{name} has been spent since {day_words(s.spent_on)}.")
        else:
            lines.append(f"{name} is not spent yet. It becomes spent on {day_words(s.spent_on)}.")
    return tuple(lines)
