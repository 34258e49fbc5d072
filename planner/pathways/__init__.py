"""The domain core: reference data model, the career graph and the route engine.

Imports only the standard library and networkx, never Flask. The route search
also has a copy in C (``_regress.c``, loaded by ``accel.py``) that is used
when it has been built.
"""

from planner.pathways.explore import Door, OneStep, apply_now, one_step_away, opens_most_doors
from planner.pathways.graph import build_graph, catalogue_of, leads_into, leads_to
from planner.pathways.model import Catalogue, Route, Step
from planner.pathways.question import NoRoute, Start, UnknownRole, UnknownSkill, start_of
from planner.pathways.routes import find_routes, start_skills

__all__ = [
    "Catalogue",
    "Door",
    "NoRoute",
    "OneStep",
    "Route",
    "Start",
    "Step",
    "UnknownRole",
    "UnknownSkill",
    "apply_now",
    "build_graph",
    "catalogue_of",
    "find_routes",
    "leads_into",
    "leads_to",
    "one_step_away",
    "opens_most_doors",
    "start_of",
    "start_skills",
]
