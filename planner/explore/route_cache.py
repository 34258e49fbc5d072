"""A per-process memo of route answers: the graph never changes, so neither do they.

People reload, go back, tick and untick; advisers revisit the same goals. Most
questions take well under a millisecond, but the hardest can take much longer,
so the web layer asks through this cache. Only public inputs (skill ids, role
ids, a date) are keys, and only after the core has checked them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from functools import lru_cache

import networkx as nx

from planner.config import today
from planner.pathways import NoRoute, Route, Start, find_routes, start_of
from planner.pathways.graph import index_of
from planner.pathways.starting_point import check_inputs

__all__ = ["CACHE_SIZE", "make_route_finder"]

CACHE_SIZE = 2048


def make_route_finder(graph: nx.DiGraph):
    """A ``find_routes`` for one graph that remembers its last answers."""
    index = index_of(graph)

    @lru_cache(maxsize=CACHE_SIZE)
    def _cached(start: Start, target: str, limit: int, on: date):
        try:
            return tuple(find_routes(graph, start, target, limit=limit, on=on))
        except NoRoute as exc:
            return exc

    def routes(
        have: Iterable[str] | Start,
        target: str,
        current_role: str | None = None,
        limit: int = 3,
        on: date | None = None,
    ) -> list[Route]:
        """Like find_routes; unknown ids raise at once, so bad input never fills the cache."""
        start = start_of(index, have, current_role)
        check_inputs(index, (), [target])
        # The whole Start is the key (time in the job and in the NHS, and conditions, change
        # the route); only the order of the ticks does not.
        key = replace(start, have=tuple(sorted(start.have)))
        day = on or today()
        if not index.dates_change_after(day):
            # No course opens or stops taking starts after this day: every later day gives
            # the same routes, so they share one answer (a new date is not a new search).
            day = index.last_date_change or day
        found = _cached(key, target, limit, day)
        if isinstance(found, NoRoute):
            raise found
        return list(found)

    return routes
