"""A per-process memo of route answers: the graph never changes, so neither do they.

People reload, go back, tick and untick; advisers revisit the same goals. Most
questions take well under a millisecond, but the hardest can take a few hundred
(or seconds without the C search), so the web layer asks through this cache.
Only public inputs (skill ids, role ids, a date) are keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

import networkx as nx

from planner.pathways import NoRoute, Route, find_routes

CACHE_SIZE = 2048


def make_route_finder(graph: nx.DiGraph):
    """A ``find_routes`` for one graph that remembers its last answers."""

    @lru_cache(maxsize=CACHE_SIZE)
    def _cached(have: frozenset[str], target: str, role: str | None, limit: int, on: date):
        try:
            return tuple(
                find_routes(graph, sorted(have), target, current_role=role, limit=limit, on=on)
            )
        except NoRoute as exc:
            return exc

    def routes(
        have: Iterable[str], target: str, current_role: str | None = None, limit: int = 3, on=None
    ) -> list[Route]:
        """Like find_routes; unknown ids raise at once and are never cached."""
        have = frozenset(have)
        if not _known(graph, have, target, current_role):
            # Unknown ids raise UnknownRole/UnknownSkill here, so bad input never fills the cache.
            return find_routes(
                graph, sorted(have), target, current_role=current_role, limit=limit, on=on
            )
        found = _cached(have, target, current_role, limit, on or date.today())
        if isinstance(found, NoRoute):
            raise found
        return list(found)

    routes.cache_info = _cached.cache_info  # type: ignore[attr-defined]
    return routes


def _known(graph: nx.DiGraph, have: frozenset[str], target: str, role: str | None) -> bool:
    nodes = graph.nodes
    return (
        f"role:{target}" in nodes
        and (role is None or f"role:{role}" in nodes)
        and all(f"skill:{s}" in nodes for s in have)
    )
