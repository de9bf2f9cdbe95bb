"""The whole-corpus page opens aggregated: one cluster node per group (reports by province,
documents by kind, agencies by category, jurisdictions, duties), expanded on double-click
in the page (vis-network clustering). A group of one node stays that node.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("p", type="jurisdiction", label="广东省"); g.add_node("c", type="jurisdiction", label="清远市")
>>> _ = g.add_edge("c", "p", relation="within")
>>> g.add_node("r1", type="report", jurisdiction="c"); g.add_node("r2", type="report", jurisdiction="p")
>>> g.add_node("x", type="regulation", kind="law")
>>> groups, clusters = overview_groups(g)
>>> groups["r1"] == groups["r2"] == "report:广东省", [(c["key"], c["count"]) for c in clusters]
(True, [('jurisdiction', 2), ('report:广东省', 2)])
"""
from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from kg.views.styles import node_style, styles


def _province(g: nx.MultiDiGraph, place: str | None) -> str | None:
    """The label of the top of ``place``'s ``within`` chain (its province)."""
    if place is None or place not in g:
        return None
    seen, node = {place}, place
    while True:
        parents = [v for _, v, d in g.out_edges(node, data=True) if d.get("relation") == "within"]
        if not parents or parents[0] in seen:
            return str(g.nodes[node].get("label") or node)
        node = parents[0]
        seen.add(node)


def group_of(g: nx.MultiDiGraph, node: str) -> tuple[str, str]:
    """(group key, group label) of a node."""
    table = styles()
    data = g.nodes[node]
    kind = data.get("type", "agency")
    if kind == "report":
        province = _province(g, data.get("jurisdiction")) or "地区不明 unknown place"
        return f"report:{province}", f"{province} 报告 reports"
    if kind == "regulation":
        key = data.get("kind") or "other"
        entry = table["regulation_kinds"].get(key, table["regulation_kinds"]["other"])
        return f"regulation:{key}", f"{entry['zh']} {entry['en']}"
    if kind == "agency":
        key = data.get("category") or "other"
        entry = table["agency_categories"].get(key, table["agency_categories"]["other"])
        return f"agency:{key}", f"{entry['zh']} {entry['en']}"
    entry = table["types"].get(kind, table["types"]["agency"])
    return kind, f"{entry['zh']} {entry['en']}"


MAX_REPORT_GROUPS = 8  # provinces shown as their own report group; the rest are one group "other places"
OTHER_PLACES = ("report:other", "其他地区 reports of other places")


def overview_groups(g: nx.MultiDiGraph) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """``({node: group key}, [cluster])`` — a cluster (``key``, ``label``, ``count``, ``type``,
    ``color``, ``shape``) for each group of two or more nodes, largest first. Reports of more than
    ``MAX_REPORT_GROUPS`` provinces: the largest groups kept, the others one group."""
    found = {node: group_of(g, node) for node in g}
    per_province = Counter(key for node, (key, _) in found.items() if key.startswith("report:"))
    if len(per_province) > MAX_REPORT_GROUPS:
        kept = {key for key, count in per_province.most_common(MAX_REPORT_GROUPS - 1) if count > 1}
        found = {node: (OTHER_PLACES if key.startswith("report:") and key not in kept else (key, text))
                 for node, (key, text) in found.items()}
    counts = Counter(key for key, _ in found.values())
    labels = dict(found.values())
    first = {key: node for node, (key, _) in reversed(found.items())}
    clusters = [{"key": key, "label": labels[key], "count": count, "type": g.nodes[first[key]].get("type"),
                 **{k: v for k, v in node_style(g.nodes[first[key]]).items() if k in ("color", "shape")}}
                for key, count in counts.most_common() if count > 1]
    return {node: key for node, (key, _) in found.items()}, clusters
