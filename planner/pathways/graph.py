"""The career graph: roles, skills and learning joined by what each needs and gives.

Node ids carry their kind as a prefix (``role:admin-team-lead``,
``skill:teamwork``, ``learning:business-administrator``,
``experience:leadership-experience-from-leading-a-team``) and a ``kind``
attribute. The graph is built once, frozen and shared by every request.
"""

from __future__ import annotations

import networkx as nx

from planner.pathways.index import Index, build_index
from planner.pathways.model import Catalogue, band_rank
from planner.pathways.rules import band_step, work_places

__all__ = ["build_graph", "catalogue_of", "index_of", "leads_into", "leads_to"]


def build_graph(catalogue: Catalogue) -> nx.DiGraph:
    """Build the frozen graph for a catalogue.

    Edges: ``requires`` (skill → role or learning, with ``essential``),
    ``grants`` (learning or experience → skill, with ``weeks``),
    ``gained_in`` (role → experience or apprenticeship done in that job),
    ``counts_as`` (skill → skill it is equivalent to, as part of group ``group``)
    and ``progresses_to`` (role → role one band up in the same family, or in a family
    its experience counts in: the moves up the rules allow).

    >>> from planner.pathways.model import Catalogue
    >>> g = build_graph(Catalogue((), (), (), (), ()))
    >>> nx.is_frozen(g)
    True
    """
    index = build_index(catalogue)
    g = nx.DiGraph(catalogue=catalogue, index=index)
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
    places = work_places(catalogue)
    for exp in catalogue.experience:
        node = f"experience:{exp.id}"
        g.add_node(node, kind="experience", data=exp)
        for skill_id in exp.grants:
            g.add_edge(node, f"skill:{skill_id}", kind="grants", weeks=exp.weeks)
    for item_id, where in places.items():
        prefix = "learning" if catalogue.learning_item(item_id) else "experience"
        for pos in sorted(where or ()):
            if pos >= 0:
                g.add_edge(
                    f"role:{catalogue.roles[pos].id}", f"{prefix}:{item_id}", kind="gained_in"
                )
    for role in catalogue.roles:
        for other in catalogue.roles:
            same = other.family == role.family or other.route in role.transferable_to
            step = band_step(
                band_rank(role.band),
                band_rank(role.top),
                band_rank(other.band),
                band_rank(other.top),
            )
            if same and step == "up":
                g.add_edge(f"role:{role.id}", f"role:{other.id}", kind="progresses_to")
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
