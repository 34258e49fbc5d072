"""The career graph: roles, skills and learning joined by what each needs and gives.

Node ids carry their kind as a prefix (``role:admin-team-lead``,
``skill:teamwork``, ``learning:business-administrator``,
``experience:leadership-experience-from-leading-a-team``) and a ``kind``
attribute. The graph is built once, frozen and shared by every request.
"""

from __future__ import annotations

import networkx as nx

from planner.pathways.accel import compile_index
from planner.pathways.index import Index, build_index
from planner.pathways.model import Catalogue, band_rank

__all__ = ["build_graph", "catalogue_of", "index_of", "leads_into", "leads_to"]


def build_graph(catalogue: Catalogue, accelerate: bool = True) -> nx.DiGraph:
    """Build the frozen graph for a catalogue.

    Edges: ``requires`` (skill → role or learning, with ``essential``),
    ``grants`` (learning or experience → skill, with ``weeks``),
    ``gained_in`` (role → experience), ``counts_as`` (skill → skill it is
    equivalent to, as part of group ``group``) and ``progresses_to``
    (role → role one band up in the same family, with ``band_step``).

    With ``accelerate`` (and the C search built) the catalogue is also handed
    to the C route search once, kept as ``graph.graph["fast"]``.

    >>> from planner.pathways.model import Catalogue
    >>> g = build_graph(Catalogue((), (), (), (), ()))
    >>> nx.is_frozen(g)
    True
    """
    index = build_index(catalogue)
    g = nx.DiGraph(catalogue=catalogue, index=index)
    if accelerate:
        g.graph["fast"] = compile_index(index)
    for band in catalogue.bands:
        g.add_node(f"band:{band.id}", kind="band", data=band)
    for skill in catalogue.skills:
        g.add_node(f"skill:{skill.id}", kind="skill", data=skill)
    for skill in catalogue.skills:
        for n, group in enumerate(skill.met_by):
            for member in group:
                g.add_edge(f"skill:{member}", f"skill:{skill.id}", kind="counts_as", group=n)
    for role in catalogue.roles:
        node = f"role:{role.id}"
        g.add_node(node, kind="role", data=role)
        for skill_id in role.requires:
            g.add_edge(f"skill:{skill_id}", node, kind="requires", essential=True)
        for skill_id in role.desirable:
            g.add_edge(f"skill:{skill_id}", node, kind="requires", essential=False)
    for item in catalogue.learning:
        node = f"learning:{item.id}"
        g.add_node(node, kind="learning", data=item)
        for skill_id in item.requires:
            g.add_edge(f"skill:{skill_id}", node, kind="requires", essential=True)
        for skill_id in item.grants:
            g.add_edge(node, f"skill:{skill_id}", kind="grants", weeks=item.weeks)
    for exp in catalogue.experience:
        node = f"experience:{exp.id}"
        g.add_node(node, kind="experience", data=exp)
        for skill_id in exp.grants:
            g.add_edge(node, f"skill:{skill_id}", kind="grants", weeks=exp.weeks)
        roles = catalogue.roles if exp.any_role else [catalogue.role(r) for r in exp.in_roles]
        for role in roles:
            g.add_edge(f"role:{role.id}", node, kind="gained_in")
    by_family_rank: dict[tuple[str, int], list[str]] = {}
    for role in catalogue.roles:
        by_family_rank.setdefault((role.family, band_rank(role.band)), []).append(role.id)
    for role in catalogue.roles:
        for other in by_family_rank.get((role.family, band_rank(role.band) + 1), []):
            g.add_edge(f"role:{role.id}", f"role:{other}", kind="progresses_to", band_step=1)
    return nx.freeze(g)


def catalogue_of(graph: nx.DiGraph) -> Catalogue:
    return graph.graph["catalogue"]


def index_of(graph: nx.DiGraph) -> Index:
    return graph.graph["index"]


def leads_to(graph: nx.DiGraph, role_id: str) -> list[str]:
    """Role ids one band up in the same family: where people often move next."""
    return sorted(
        v.removeprefix("role:")
        for _, v, kind in graph.out_edges(f"role:{role_id}", data="kind")
        if kind == "progresses_to"
    )


def leads_into(graph: nx.DiGraph, role_id: str) -> list[str]:
    """Learning ids that give at least one essential requirement of a role."""
    found: set[str] = set()
    for skill_node, _, essential in graph.in_edges(f"role:{role_id}", data="essential"):
        if not essential:
            continue
        givers = [skill_node] + [u for u, _ in graph.in_edges(skill_node) if u.startswith("skill:")]
        for giver in givers:
            for source, _, kind in graph.in_edges(giver, data="kind"):
                if kind == "grants" and source.startswith("learning:"):
                    found.add(source.removeprefix("learning:"))
    return sorted(found)
