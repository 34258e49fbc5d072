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
from threading import Lock

import networkx as nx

from planner.config import today
from planner.pathways import NoRoute, Route, Start, find_routes, start_of
from planner.pathways.graph import index_of
from planner.pathways.starting_point import check_inputs

__all__ = ["CACHE_SIZE", "make_route_finder"]

CACHE_SIZE = 2048


def _search(graph: nx.DiGraph, start: Start, target: str, limit: int, on: date):
    try:
        return tuple(find_routes(graph, start, target, limit=limit, on=on))
    except NoRoute as exc:
        return exc


def _in_a_slot(*question):
    """The search, in a slot of the running app's cap on searches at once
    (:mod:`planner.web.slots`); outside an app (the command line), here and now."""
    from flask import current_app, has_app_context

    slots = current_app.extensions["planner"].get("search_slots") if has_app_context() else None
    return slots.run(_search, *question) if slots is not None else _search(*question)


def make_route_finder(graph: nx.DiGraph):
    """A ``find_routes`` for one graph that remembers its last answers.

    Each search runs in a slot of the app's cap on searches at once; an answer
    already kept needs none.
    """
    index = index_of(graph)

    @lru_cache(maxsize=CACHE_SIZE)
    def _cached(start: Start, target: str, limit: int, on: date):
        return _in_a_slot(graph, start, target, limit, on)

    # People asking the same new question at once (a class, a link shared in a group) wait for
    # one search instead of each taking a place in the cap on searches at once.
    asking: dict[tuple, list] = {}  # question -> [its lock, how many ask it now]
    asking_guard = Lock()

    def _once(*question):
        with asking_guard:
            entry = asking.setdefault(question, [Lock(), 0])
            entry[1] += 1
        try:
            with entry[0]:
                return _cached(*question)
        finally:
            with asking_guard:
                entry[1] -= 1
                if not entry[1]:
                    del asking[question]

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
        # A route starts today at the soonest: a day in the past is asked as today (each past
        # day was a search, and a place in the cache, of its own).
        day = max(on or today(), today())
        if not index.dates_change_after(day):
            # No course opens or stops taking starts after this day: every later day gives
            # the same routes, so they share one answer (a new date is not a new search).
            day = index.last_date_change or day
        found = _once(key, target, limit, day)
        if isinstance(found, NoRoute):
            raise found
        return list(found)

    routes.cache_info = _cached.cache_info  # type: ignore[attr-defined]
    return routes
