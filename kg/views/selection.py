"""Which part of the graph a view shows: whole, one report, an entity's neighbourhood; by type; capped.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("r", type="report", label="报告")
>>> g.add_node("a", type="agency", label="清远市司法局", aliases=["市司法局"])
>>> g.add_node("b", type="agency", label="清远市人民政府", aliases=[])
>>> _ = g.add_edge("r", "a", relation="mentions"); _ = g.add_edge("b", "a", relation="supervises")
>>> find_nodes(g, "市司法局")
['a']
>>> sorted(focus_view(ViewGraph(g, "all"), "清远市人民政府", depth=1).graph)
['a', 'b']
>>> limit_view(ViewGraph(g, "all"), max_nodes=2).notes
['showing the 2 most connected of 3 nodes; left out: 1 nodes (1 report), 1 edges']
"""
from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field, replace

import networkx as nx

from kg.views.styles import agency_level

NODE_TYPES = ("report", "regulation", "agency", "jurisdiction", "duty")
MAX_FOCUS_CENTRES = 20  # a vague --focus name (纲要) may match many; more centres make no readable view


@dataclass(frozen=True)
class ViewGraph:
    """A graph to draw, its title and what the reader must know about it (what was left out)."""
    graph: nx.MultiDiGraph
    title: str
    notes: list[str] = field(default_factory=list)
    centres: tuple[str, ...] = ()


def annotate(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Add ``level`` to agencies (from the adcode of their jurisdiction, else from the shape of
    their name), before any filtering."""
    for _, data in g.nodes(data=True):
        if data.get("type") == "agency":
            place = data.get("jurisdiction")
            data["level"] = agency_level(g.nodes[place].get("adcode") if place in g else None,
                                         str(data.get("label") or ""))
    return g


def find_nodes(g: nx.MultiDiGraph, name: str) -> list[str]:
    """Nodes named ``name``: by IRI, label or alias exactly; else those whose label or an alias
    contains it (short forms)."""
    wanted = name.strip()
    exact = [n for n, d in g.nodes(data=True)
             if wanted in (n, d.get("label")) or wanted in (d.get("aliases") or ())]
    if exact:
        return exact
    return [n for n, d in g.nodes(data=True)
            if wanted and (wanted in (d.get("label") or "") or any(wanted in a for a in d.get("aliases") or ()))]


def focus_view(view: ViewGraph, name: str, depth: int = 1) -> ViewGraph:
    """The nodes within ``depth`` steps (either direction) of the entities named ``name``."""
    g = view.graph
    centres = find_nodes(g, name)
    if not centres:
        raise LookupError(f"no entity named {name!r} in the graph")
    notes = list(view.notes)
    if len(centres) > MAX_FOCUS_CENTRES:
        notes.append(f"{len(centres)} entities match {name!r}; centred on the first {MAX_FOCUS_CENTRES} by degree")
        centres = sorted(centres, key=lambda n: -g.degree(n))[:MAX_FOCUS_CENTRES]
    seen = {c: 0 for c in centres}
    queue = deque(centres)
    while queue:
        node = queue.popleft()
        if seen[node] >= depth:
            continue
        for nxt in (*g.successors(node), *g.predecessors(node)):
            if nxt not in seen:
                seen[nxt] = seen[node] + 1
                queue.append(nxt)
    labels = "、".join(g.nodes[c].get("label", c) for c in centres[:3]) + ("…" if len(centres) > 3 else "")
    return ViewGraph(g.subgraph(seen).copy(), f"{labels} (depth {depth})", notes, tuple(centres))


def type_view(view: ViewGraph, types: set[str] | None) -> ViewGraph:
    """Only nodes of the given types (None: all)."""
    if not types:
        return view
    unknown = set(types) - set(NODE_TYPES)
    if unknown:
        raise ValueError(f"unknown node type(s) {', '.join(sorted(unknown))}; choose from {', '.join(NODE_TYPES)}")
    keep = [n for n, d in view.graph.nodes(data=True) if d.get("type") in types]
    dropped = view.graph.number_of_nodes() - len(keep)
    notes = list(view.notes)
    if dropped:
        shown = ", ".join(t for t in NODE_TYPES if t in types)
        notes.append(f"types shown: {shown} ({dropped} nodes of other types hidden)")
    return replace(view, graph=view.graph.subgraph(keep).copy(), notes=notes)


def limit_view(view: ViewGraph, max_nodes: int) -> ViewGraph:
    """At most ``max_nodes`` nodes, the most connected (focus centres always kept); the notes
    say how many nodes of each type and how many edges were left out."""
    g = view.graph
    if g.number_of_nodes() <= max_nodes:
        return view
    ranked = sorted(g.nodes, key=lambda n: (n not in view.centres, -g.degree(n), n))
    keep = set(ranked[:max_nodes])
    left = Counter(g.nodes[n].get("type", "?") for n in ranked[max_nodes:])
    sub = g.subgraph(keep).copy()
    what = ", ".join(f"{count} {kind}" for kind, count in left.most_common())
    note = (f"showing the {max_nodes} most connected of {g.number_of_nodes()} nodes; left out: "
            f"{sum(left.values())} nodes ({what}), {g.number_of_edges() - sub.number_of_edges()} edges")
    return replace(view, graph=sub, notes=[*view.notes, note])
