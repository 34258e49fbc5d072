"""Explore: the start page, the jobs, one job, and the route to a chosen job (blueprint "explore").

``answers`` is the one parser of a person's answers (shared with plans and the
API), ``contexts`` works out what each page area shows, ``drawing`` lays a
route out for its picture, and ``route_cache`` remembers answers per process.
"""

from __future__ import annotations

from planner.explore.views import bp

__all__ = ["bp"]
