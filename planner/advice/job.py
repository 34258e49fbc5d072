"""Advice for one job, as plain data: the functions the job pages, the route page, the spent
checker and the offline pack all call (catalogue and role in, records of words out).

* :func:`record_changes`: what a record can change on the way to the job (its check, the
  declaration form, barred lists and what stays open, licences, driving, computers);
* :func:`when_you_apply`: the way in, in the order it really goes;
* :func:`getting_ready`: the list to print and work through before applying;
* :func:`statement_prompts`: questions to help a person write their own short statement;
* :func:`job_advice`: all of them at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.advice.facts import JobFacts, job_facts, stays_open, with_article
from planner.advice.words import Line, Section, advice_content, fill_lines, fill_sections
from planner.pathways.model import Catalogue, Licence, Role, Source

__all__ = [
    "JobAdvice",
    "RecordChanges",
    "Statement",
    "StatementPrompt",
    "getting_ready",
    "job_advice",
    "record_changes",
    "record_warnings",
    "statement_prompts",
    "when_you_apply",
]


@dataclass(frozen=True)
class RecordChanges:
    """What a record can change for one job: the lines, the jobs a barred list leaves
    open, and the licence to check first (with its own tool)."""

    role: Role
    form: str
    check: str
    lines: tuple[Line, ...]
    stays_open: tuple[Role, ...]
    licence: Licence | None


@dataclass(frozen=True)
class StatementPrompt:
    id: str
    heading: str
    questions: tuple[str, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Statement:
    """Prompts for a person's own statement: never a form to fill in, never kept."""

    intro: tuple[Line, ...]
    prompts: tuple[StatementPrompt, ...]
    tips: tuple[Line, ...]


@dataclass(frozen=True)
class JobAdvice:
    record: RecordChanges
    apply: list[Section]
    ready: list[Section]
    statement: Statement


def _facts(catalogue: Catalogue, role: Role | str) -> JobFacts:
    return job_facts(catalogue, catalogue.role(role) if isinstance(role, str) else role)


def record_changes(catalogue: Catalogue, role: Role | str) -> RecordChanges:
    """What a record can change on the way to this job."""
    facts = _facts(catalogue, role)
    return RecordChanges(
        role=facts.role,
        form=facts.form,
        check=facts.check,
        lines=fill_lines(advice_content()["record"], facts),
        stays_open=tuple(stays_open(catalogue, facts.role)),
        licence=facts.licence,
    )


#: What a person must know before any step towards a job: a licence that a record can stop,
#: and the barred lists that close a job or part of it.
WARNING_TOPICS = ("licence", "barred")


def record_warnings(catalogue: Catalogue, roles: list[Role | str]) -> list[RecordChanges]:
    """For the jobs on a route, only what a record can close: licences and barred lists
    (jobs with neither are left out; each job once)."""
    out: list[RecordChanges] = []
    seen: set[str] = set()
    for role in roles:
        found = record_changes(catalogue, role)
        if found.role.id in seen:
            continue
        seen.add(found.role.id)
        lines = tuple(line for line in found.lines if line.topic in WARNING_TOPICS)
        if lines:
            out.append(
                RecordChanges(
                    found.role, found.form, found.check, lines, found.stays_open, found.licence
                )
            )
    return out


def when_you_apply(catalogue: Catalogue, role: Role | str) -> list[Section]:
    """The way into this job in the real order: application (no question about a record),
    interview, conditional offer, declaration form A or B, the talk after a declaration,
    the DBS check, references and ID, start."""
    return fill_sections(advice_content()["when_you_apply"], _facts(catalogue, role))


def getting_ready(catalogue: Catalogue, role: Role | str) -> list[Section]:
    """What to get ready before applying for this job: ID, a bank account, 3 years of
    history, referees, certificates, a licence the job asks for, and limits to check."""
    return fill_sections(advice_content()["getting_ready"], _facts(catalogue, role))


def statement_prompts(catalogue: Catalogue, role: Role | str) -> Statement:
    """Questions that help a person write their own short statement for this job."""
    facts = _facts(catalogue, role)
    raw = advice_content()["statement"]
    sources = advice_content()["sources"]
    title = facts.role.title.lower()
    job_words = {"job": title, "a_job": with_article(title)}
    return Statement(
        intro=fill_lines(raw["intro"], facts),
        prompts=tuple(
            StatementPrompt(
                id=p["id"],
                heading=p["heading"],
                questions=tuple(q.format_map(job_words) for q in p["questions"]),
                sources=tuple(
                    Source(sources[k]["title"], sources[k].get("url"), sources[k].get("where"))
                    for k in p["sources"]
                ),
            )
            for p in raw["prompts"]
        ),
        tips=fill_lines(raw["tips"], facts),
    )


def job_advice(catalogue: Catalogue, role: Role | str) -> JobAdvice:
    """Everything the planner says about a record for one job (the offline pack uses this)."""
    return JobAdvice(
        record=record_changes(catalogue, role),
        apply=when_you_apply(catalogue, role),
        ready=getting_ready(catalogue, role),
        statement=statement_prompts(catalogue, role),
    )
