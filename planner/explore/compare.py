"""Compare up to three jobs side by side, as NHS Health Careers does: pay, band, what each
needs, the DBS check and where it leads, marked against what the person has."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from planner.explore.answers import MAX_VALUE_LENGTH, AnswerError, Answers, read_role_id
from planner.explore.labels import DbsWords, dbs_words, pay_of, role_choices
from planner.explore.role import Requirement, open_now, requirements
from planner.pathways import catalogue_of, leads_to
from planner.pathways.model import Role

__all__ = ["MAX_JOBS", "compare_context", "read_jobs"]

#: How many jobs fit side by side (NHS Health Careers compares three too).
MAX_JOBS = 3
#: Only this many values are read: more is not a person choosing jobs.
_MAX_VALUES = 50


def read_jobs(graph: nx.DiGraph, values: list[str]) -> tuple[list[str], int]:
    """The job ids to compare (each checked, repeats dropped) and how many were asked for.

    Unknown ids raise :class:`AnswerError` like any other answer we cannot use.
    """
    catalogue = catalogue_of(graph)
    chosen: list[str] = []
    for value in (v.strip() for v in values[:_MAX_VALUES]):
        if not value:
            continue
        if len(value) > MAX_VALUE_LENGTH:
            raise AnswerError("too-long", "job", (value,))
        try:
            role_id = read_role_id(catalogue, value)
        except AnswerError as err:
            raise AnswerError(
                "unknown-role", "job", err.values, err.suggestions, status=404
            ) from None
        if role_id not in chosen:
            chosen.append(role_id)
    return chosen[:MAX_JOBS], len(chosen)


@dataclass(frozen=True)
class Column:
    """One job in the comparison."""

    role: Role
    family_name: str
    pay: str
    can_apply: bool | None
    needs: list[Requirement]
    helps: list[Requirement]
    dbs: DbsWords
    leads_to: list[Role]


def compare_context(
    graph: nx.DiGraph, job_ids: list[str], asked: int, answers: Answers
) -> dict[str, Any]:
    """The jobs side by side, and the form to choose them."""
    catalogue = catalogue_of(graph)
    can_apply = open_now(graph, answers)
    columns = [
        Column(
            role=(role := catalogue.role(job_id)),
            family_name=catalogue.family_name(role.family),
            pay=pay_of(catalogue, role),
            can_apply=(job_id in can_apply) if answers.known else None,
            needs=requirements(graph, role.requires, answers),
            helps=requirements(graph, role.desirable, answers),
            dbs=dbs_words(role),
            leads_to=[catalogue.role(r) for r in leads_to(graph, role.id)],
        )
        for job_id in job_ids
    ]
    return {
        "columns": columns,
        "asked": asked,
        "max_jobs": MAX_JOBS,
        "job_items": role_choices(catalogue, "Choose a job"),
        "answers": answers,
    }
