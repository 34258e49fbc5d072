"""The route search: the fastest realistic routes from where a person is to a job they
want. README.md in this folder explains it in the order to read it; :func:`find_routes`
is the way in."""

from planner.pathways.search.budget import Limits
from planner.pathways.search.no_route import NoRoute
from planner.pathways.search.routes import find_routes, start_skills

__all__ = ["Limits", "NoRoute", "find_routes", "start_skills"]
