"""Explore jobs: each family of jobs as a ladder, one row per band and one column per route.

Bands run down the page and routes across it, so a family is never wider than
its few routes (three at most) and the table fits a screen of any width.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from planner.explore.answers import Answers
from planner.explore.labels import band_pay
from planner.explore.role import open_now
from planner.pathways import catalogue_of
from planner.pathways.model import band_rank

__all__ = ["roles_context"]


def roles_context(graph: nx.DiGraph, answers: Answers) -> dict[str, Any]:
    """The band-by-route ladder of each family; the family the person wants comes first."""
    catalogue = catalogue_of(graph)
    families = []
    for family_id, family_name in catalogue.families:
        roles = [r for r in catalogue.roles if r.family == family_id]
        if not roles:
            continue
        routes = [
            (route_id, route_name)
            for route_id, route_name, route_family in catalogue.routes
            if route_family == family_id and any(r.route == route_id for r in roles)
        ]
        rows = []
        for band_id in sorted({r.band for r in roles}, key=band_rank):
            rows.append(
                {
                    "band": band_id,
                    "pay": band_pay(catalogue, band_id),
                    "cells": [
                        sorted(
                            (r for r in roles if r.route == route_id and r.band == band_id),
                            key=lambda r: r.title,
                        )
                        for route_id, _ in routes
                    ],
                }
            )
        families.append({"id": family_id, "name": family_name, "routes": routes, "rows": rows})
    families.sort(key=lambda f: answers.area is not None and f["id"] != answers.area)
    return {"families": families, "open_now": open_now(graph, answers), "answers": answers}
