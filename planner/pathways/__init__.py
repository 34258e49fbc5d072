"""The domain core: the reference data model, the career graph, the realism rules and the
one route search. Imports only the standard library and networkx, never Flask."""

from planner.pathways.graph import build_graph, catalogue_of, leads_into, leads_to
from planner.pathways.model import Catalogue, Route, Step
from planner.pathways.options import Door, OneStep, apply_now, one_step_away, opens_most_doors
from planner.pathways.search import Limits, NoRoute, find_routes, start_skills
from planner.pathways.starting_point import (
    CONDITIONS,
    Start,
    UnknownRole,
    UnknownSkill,
    start_of,
)

__all__ = [
    "CONDITIONS",
    "Catalogue",
    "Door",
    "Limits",
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
