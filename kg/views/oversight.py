"""The oversight network: agencies only, joined by the oversight edges of the projection
(supervises, evaluates, receives_report, guides, leads, audits, approves), each agency on the
row of its level (national above province above prefecture above county above township),
from its jurisdiction's depth in the places graph or, for an agency of no known jurisdiction,
from the shape of its name (central bodies such as 国务院 or 司法部 are named without a place:
``data/gazetteers/agency_levels.tsv``).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("p", type="jurisdiction", label="广东省"); g.add_node("c", type="jurisdiction", label="清远市")
>>> _ = g.add_edge("c", "p", relation="within")
>>> g.add_node("a", type="agency", label="广东省人民政府", jurisdiction="p")
>>> g.add_node("b", type="agency", label="清远市人民政府", jurisdiction="c")
>>> g.add_node("n", type="agency", label="司法部")
>>> g.add_node("r", type="report", label="报告")
>>> _ = g.add_edge("a", "b", key="evaluates", relation="evaluates", evidence=["省政府考核市政府。"])
>>> _ = g.add_edge("n", "a", key="guides", relation="guides", evidence=["司法部指导。"])
>>> _ = g.add_edge("r", "a", relation="mentions")
>>> view = oversight_view(g)
>>> sorted(view.graph.nodes(data="tier"))
[('a', 1), ('b', 2), ('n', 0)]
>>> sorted((u, v, d["relation"]) for u, v, d in view.graph.edges(data=True))
[('a', 'b', 'evaluates'), ('n', 'a', 'guides')]
"""
from __future__ import annotations

from typing import Any

import networkx as nx

from kg.core.gazetteers import level_by_name
from kg.graph.terms import OVERSIGHT_KIND_TO_PROPERTY
from kg.views.selection import ViewGraph

OVERSIGHT_KINDS = tuple(OVERSIGHT_KIND_TO_PROPERTY)
# row 0 at the top; a province (places-graph depth 0) on row 1; agencies of no known level below
TIERS = ("national", "province", "prefecture", "county", "township")
UNKNOWN_TIER = len(TIERS)
PER_ROW = 10  # agencies side by side in one row here; the page re-flows the rows to its width
X_STEP, Y_STEP, TIER_GAP = 190, 100, 90  # canvas pixels between neighbours, rows, and levels
WRAP_CHARS = 9  # a name is drawn in lines of this many characters (the tooltip has it whole)


def place_depth(g: nx.MultiDiGraph, place: str | None) -> int | None:
    """Steps from ``place`` up its ``within`` chain to a top-level place (a province: 0)."""
    if place is None or place not in g:
        return None
    depth, seen, node = 0, {place}, place
    while True:
        parents = [v for _, v, d in g.out_edges(node, data=True) if d.get("relation") == "within"]
        if not parents or parents[0] in seen:
            return depth
        node = parents[0]
        seen.add(node)
        depth += 1


def oversight_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The agencies that oversee or are overseen and the oversight edges between them (with
    their attributes), each agency given ``tier`` (0 national, 1 province … 4 township, 5 unknown)."""
    out = nx.MultiDiGraph()
    for u, v, data in g.edges(data=True):
        if data.get("relation") not in OVERSIGHT_KINDS:
            continue
        for node in (u, v):
            if node not in out:
                attrs = dict(g.nodes[node])
                attrs["tier"] = _tier(g, attrs)
                out.add_node(node, **attrs)
        kind = data["relation"]
        if out.has_edge(u, v, key=kind):  # one arrow per kind, whatever the number of reports stating it
            edge = out.edges[u, v, kind]
            edge["evidence"] = [*edge.get("evidence", []),
                                *(s for s in data.get("evidence", []) if s not in edge.get("evidence", []))]
            edge["reports"] = [*edge.get("reports", []),
                               *(r for r in data.get("reports", []) if r not in edge.get("reports", []))]
        else:
            out.add_edge(u, v, key=kind, **{**data, "evidence": list(data.get("evidence", [])),
                                            "reports": list(data.get("reports", []))})
    _place(g, out)
    return out


def _tier(g: nx.MultiDiGraph, agency: dict[str, Any]) -> int:
    """The row of an agency: its jurisdiction's depth below the provinces, else the level its
    name shows (national, township), else :data:`UNKNOWN_TIER`."""
    depth = place_depth(g, agency.get("jurisdiction"))
    if depth is not None:
        return min(depth + 1, len(TIERS) - 1)
    level = level_by_name(str(agency.get("label") or ""))
    return TIERS.index(level) if level in TIERS else UNKNOWN_TIER


def _place(g: nx.MultiDiGraph, out: nx.MultiDiGraph) -> None:
    """``pos`` (x, y) of each agency: one band per level, top down, ``PER_ROW`` agencies a row;
    within a band, the agencies of one jurisdiction side by side."""
    def place_label(node: str) -> str:
        place = out.nodes[node].get("jurisdiction")
        return str(g.nodes[place].get("label", place)) if place in g else "~"

    y = 0.0
    for tier in range(UNKNOWN_TIER + 1):
        members = sorted((n for n, t in out.nodes(data="tier") if t == tier),
                         key=lambda n: (place_label(n), str(out.nodes[n].get("category")),
                                        str(out.nodes[n].get("label"))))
        if not members:
            continue
        for start in range(0, len(members), PER_ROW):
            row = members[start:start + PER_ROW]
            for k, node in enumerate(row):
                out.nodes[node]["pos"] = (round((k - (len(row) - 1) / 2) * X_STEP, 1), y)
            y += Y_STEP
        y += TIER_GAP


def wrap(name: str, width: int = WRAP_CHARS) -> str:
    """``name`` in lines of ``width`` characters (vis-network breaks labels at newlines only).

    >>> wrap("内蒙古自治区人力资源和社会保障厅")
    '内蒙古自治区人力资\\n源和社会保障厅'
    """
    return "\n".join(name[k:k + width] for k in range(0, len(name), width))


def oversight_view(g: nx.MultiDiGraph) -> ViewGraph:
    sub = oversight_graph(g)
    unknown = sum(1 for _, t in sub.nodes(data="tier") if t == UNKNOWN_TIER)
    notes = [f"{unknown} agencies of no known jurisdiction: bottom row"] if unknown else []
    return ViewGraph(sub, "监督网络 oversight network", notes)


def oversight_options(base: dict[str, Any]) -> dict[str, Any]:
    """vis-network options of the oversight page: positions fixed by level (no physics), labels
    and edge labels readable."""
    nodes = base.get("nodes", {})
    return {**base,
            "physics": {"enabled": False},
            "nodes": {**nodes, "font": {**nodes.get("font", {}), "size": 16},
                      "scaling": {**nodes.get("scaling", {}), "label": {"enabled": False}}},
            "edges": {**base.get("edges", {}), "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.15},
                      "font": {**base.get("edges", {}).get("font", {}), "size": 16}, "width": 1.8}}
