"""Explore jobs: each family of jobs as a grid of routes by band."""

from __future__ import annotations

from functools import partial
from typing import Any

import networkx as nx

from planner.explore.answers import Answers
from planner.explore.labels import pay_of
from planner.pathways import apply_now, catalogue_of
from planner.pathways.model import band_rank

__all__ = ["roles_context"]


def roles_context(graph: nx.DiGraph, answers: Answers) -> dict[str, Any]:
    """The band-by-route grid for each family of jobs."""
    catalogue = catalogue_of(graph)
    families = []
    for family_id, family_name in catalogue.families:
        roles = [r for r in catalogue.roles if r.family == family_id]
        if not roles:
            continue
        bands = sorted({r.band for r in roles}, key=band_rank)
        rows = []
        for route_id, route_name, route_family in catalogue.routes:
            if route_family != family_id:
                continue
            cells = [[r for r in roles if r.route == route_id and r.band == b] for b in bands]
            if any(cells):
                rows.append({"id": route_id, "name": route_name, "cells": cells})
        families.append(
            {
                "id": family_id,
                "name": family_name,
                "bands": [catalogue.band(b) or b for b in bands],
                "rows": rows,
            }
        )
    open_now = set(apply_now(graph, answers.start)) if answers.have or answers.role else set()
    return {
        "families": families,
        "open_now": open_now,
        "answers": answers,
        "pay": partial(pay_of, catalogue),
    }
