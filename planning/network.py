"""The partner network as a graph: organisations, projects and the seven dimensions, with who works
with whom through which project, organisations with no project, dimensions no organisation works
on, and the balance of sectors against what the plan's projects need.

Seed 001 (building partner networks) reads a network with graph theory: organisations are nodes,
working together is a tie. The layout comes from networkx (a force-directed layout, seeded so the
same network is drawn the same way on the projector, the screen and in the document).
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from planning import catalogue, partners, projects
from planning.participants import SECTORS
from planning.store import Store

LAYOUT_SEED = 11
# Budget sources and the sector a project drawing on them needs among its partners or as lead
# (criteria.py checks the same for local and private money; government money needs an agency).
SOURCE_SECTOR = {"provincial": "government", "cluster": "government", "ministry": "government",
                 "local": "local", "private": "private", "boi": "private"}
# The national criteria ask for participation of citizens, government and the private sector
# (data/criteria.csv, item 7): the plan needs at least one organisation of each.
REQUIRED_SECTORS = ("government", "private", "civil")


@dataclass(frozen=True)
class Node:
    id: str              # "o:<partner id>", "p:<project id>", "d:<dimension code>"
    kind: str            # organisation, project, dimension
    label: str           # user text for organisations and projects: escape where shown
    sector: str | None   # organisations only
    number: int          # O1.., P1.., or 0 for dimensions (they are named by their code)
    x: float = 0.0
    y: float = 0.0
    isolated: bool = False

    @property
    def tag(self) -> str:
        """A short mark for pictures where Thai labels cannot be drawn."""
        return {"organisation": f"O{self.number}", "project": f"P{self.number}"}.get(self.kind, self.id[2:])


@dataclass(frozen=True)
class Collaboration:
    a: partners.Partner
    b: partners.Partner
    projects: tuple[str, ...]   # project names


@dataclass(frozen=True)
class SectorBalance:
    sector: str
    organisations: int          # in the partner list
    projects_with: int          # projects with an organisation of this sector (lead or partner)
    projects_needing: int       # projects whose budget sources call for this sector
    missing: int                # projects that need it and have none
    required: bool              # the criteria ask for this sector


@dataclass(frozen=True)
class Network:
    nodes: list[Node]
    edges: list[tuple[str, str, str]]     # (node, node, "lead" | "partner" | "dimension")
    collaborations: list[Collaboration]
    isolated: list[partners.Partner]      # organisations with no project
    lonely_dimensions: list[str]          # dimensions with projects or not, but no organisation
    balance: list[SectorBalance]

    def node(self, node_id: str) -> Node:
        return next(n for n in self.nodes if n.id == node_id)


def _sectors_of(q: projects.Project, by_id: dict) -> set[str]:
    """Sectors a project has: its chosen organisations' and the sectors of names typed in."""
    found = {by_id[x].sector for x in ((q.lead_partner_id,) if q.lead_partner_id else ()) + q.partner_ids
             if x in by_id}
    return found | {s for s, names in q.partners.items() if names}


def build(store: Store, workshop_id: str, lang: str = "th") -> Network:
    orgs = partners.list_partners(store, workshop_id)
    plan = projects.list_projects(store, workshop_id)
    by_id = {p.id: p for p in orgs}
    graph = nx.Graph()
    nodes: dict[str, Node] = {}
    for n, p in enumerate(orgs, start=1):
        nodes[f"o:{p.id}"] = Node(f"o:{p.id}", "organisation", p.name(lang), p.sector, n)
    for n, q in enumerate(plan, start=1):
        nodes[f"p:{q.id}"] = Node(f"p:{q.id}", "project", q.name, None, n)
    for code, d in catalogue.dimensions().items():
        nodes[f"d:{code}"] = Node(f"d:{code}", "dimension", d.name(lang), None, 0)
    graph.add_nodes_from(nodes)
    edges = []
    for q in plan:
        for code in q.dimensions:
            edges.append((f"p:{q.id}", f"d:{code}", "dimension"))
        if q.lead_partner_id in by_id:
            edges.append((f"o:{q.lead_partner_id}", f"p:{q.id}", "lead"))
        edges += [(f"o:{x}", f"p:{q.id}", "partner") for x in q.partner_ids if x in by_id]
    graph.add_edges_from((a, b) for a, b, _ in edges)

    members: dict[str, list[str]] = {}
    for q in plan:
        mine = [x for x in ((q.lead_partner_id,) if q.lead_partner_id else ()) + q.partner_ids if x in by_id]
        members[q.id] = list(dict.fromkeys(mine))
    pairs: dict[tuple[str, str], list[str]] = {}
    for q in plan:
        ids = members[q.id]
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                pairs.setdefault(tuple(sorted((a, b))), []).append(q.name)
    collaborations = [Collaboration(by_id[a], by_id[b], tuple(names)) for (a, b), names in pairs.items()]

    isolated = [p for p in orgs if graph.degree(f"o:{p.id}") == 0]
    dims_with_org = {code for q in plan if members[q.id] for code in q.dimensions}
    lonely = [code for code in catalogue.dimensions() if code not in dims_with_org]

    positions = layout(graph)
    placed = []
    for node_id, node in nodes.items():
        x, y = positions.get(node_id, (0.0, 0.0))
        isolated_here = (node.kind == "organisation" and graph.degree(node_id) == 0) or \
                        (node.kind == "dimension" and node_id[2:] in lonely)
        placed.append(Node(node.id, node.kind, node.label, node.sector, node.number, float(x), float(y),
                           isolated_here))
    return Network(placed, edges, collaborations, isolated, lonely, balance(orgs, plan))


def layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions, the same every time: each group of connected nodes gets its own force-directed
    (Fruchterman-Reingold) layout in a box sized to it, the groups side by side, largest first, and
    nodes with no tie in a row underneath, so a few loose nodes do not squeeze the network into a
    corner. networkx solves groups of 500 and more with scipy, which is not installed: those are
    laid out on a circle."""
    if len(graph) == 0:
        return {}
    loose = sorted((n for n in graph if graph.degree(n) == 0), key=str)
    groups = sorted((sorted(c, key=str) for c in nx.connected_components(graph) if len(c) > 1),
                    key=lambda c: (-len(c), c[0]))
    pos: dict[str, tuple[float, float]] = {}
    x = 0.0
    tallest = 0.0
    for members in groups:
        sub = graph.subgraph(members)
        if len(sub) >= 500:
            raw = nx.circular_layout(sub)
        else:
            raw = nx.spring_layout(sub, k=1.8 / len(sub) ** 0.5, seed=LAYOUT_SEED, iterations=150)
        size = len(sub) ** 0.5          # a group's box grows with the square root of its nodes
        xs, ys = [float(v[0]) for v in raw.values()], [float(v[1]) for v in raw.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        for key, v in raw.items():
            pos[key] = (x + (float(v[0]) - min(xs)) / span * size, (float(v[1]) - min(ys)) / span * size)
        x += size + 0.8
        tallest = max(tallest, size)
    width = max(x - 0.8, 1.0)
    step = width / max(len(loose) - 1, 1) if len(loose) > 1 else 0.0
    for n, key in enumerate(loose):
        pos[key] = ((n * step) if len(loose) > 1 else width / 2, -1.0)
    return pos


def balance(orgs: list[partners.Partner], plan: list[projects.Project]) -> list[SectorBalance]:
    by_id = {p.id: p for p in orgs}
    out = []
    for sector in SECTORS:
        needing = [q for q in plan if any(SOURCE_SECTOR.get(s) == sector for s in q.sources)]
        having = [q for q in plan if sector in _sectors_of(q, by_id)]
        missing = [q for q in needing if q not in having]
        out.append(SectorBalance(sector, sum(p.sector == sector for p in orgs), len(having), len(needing),
                                 len(missing), sector in REQUIRED_SECTORS))
    return out
