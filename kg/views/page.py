"""One view → one HTML page: a pyvis network in the project's own template (``viz/page.html``).

The page holds its data in one ``<script type="application/json">`` block; :func:`safe_json`
escapes what could end that block or break a script (``<``, ``>``, ``&``, U+2028, U+2029), and
the page script (``viz/view.js``) only ever puts the strings into the DOM as text.

>>> safe_json({"label": "</script><script>alert(1)</script>"})
'{"label": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from kg.core.resources import viz_path
from kg.views.oversight import TIER_GAP, X_STEP, Y_STEP, wrap
from kg.views.overview import overview_groups
from kg.views.selection import ViewGraph
from kg.views.styles import edge_style, legend, node_style, styles, vis_options

LAYOUT_THRESHOLD = 1500  # nodes; above this the browser's physics is too slow: precompute a layout
LABEL_CHARS = 24  # longer names are cut on the canvas (the tooltip and details give them whole)
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_TABLE = str.maketrans(_JSON_ESCAPES)  # one pass in C, not a Python call per character


def safe_json(data: Any) -> str:
    """JSON that can sit inside an HTML ``<script>`` element whatever strings it holds.

    >>> print(safe_json({"q": "</script>&"}))
    {"q": "\\u003c/script\\u003e\\u0026"}
    """
    return json.dumps(data, ensure_ascii=False).translate(_JSON_TABLE)


class _NodeIds(list):
    """pyvis checks ``n_id in self.node_ids`` (a list) for every node and edge end: give it a set."""

    def __init__(self) -> None:
        super().__init__()
        self._set: set[Any] = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._set.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._set


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"


def _node_facts(data: dict[str, Any], degree: int) -> list[list[str]]:
    """(field, value) rows for the tooltip and the details panel."""
    table = styles()
    kind = data.get("type", "")
    rows = [["type", f"{table['types'].get(kind, {}).get('zh', kind)} {kind}"]]
    if kind == "regulation":
        entry = table["regulation_kinds"].get(data.get("kind") or "other", table["regulation_kinds"]["other"])
        rows += [["kind", f"{entry['zh']} {data.get('kind') or 'other'}"],
                 ["cited by reports", str(data.get("citations", 0))]]
    elif kind == "agency":
        entry = table["agency_categories"].get(data.get("category") or "other", table["agency_categories"]["other"])
        level = table["agency_levels"][data.get("level") or "unknown"]
        rows += [["category", f"{entry['zh']} {data.get('category') or 'other'}"],
                 ["level", f"{level['zh']} {data.get('level') or 'unknown'}"]]
    elif kind == "report":
        rows += [[k, str(data[k])] for k in ("file", "doc_type", "year") if data.get(k)]
    elif kind == "jurisdiction" and data.get("adcode"):
        rows.append(["adcode", str(data["adcode"])])
    rows += [[str(k), str(v)] for k, v in data.get("counts") or ()]  # the overview at scale: counts of reports
    for rating in data.get("ratings") or ():
        rows.append(["rating", " ".join(f"{k} {v}" for k, v in rating.items())])
    rows.append(["links in view", str(degree)])
    return rows


def to_network(view: ViewGraph, size_by: str = "degree", options: dict[str, Any] | None = None) -> Network:
    """The pyvis network of a view: styled nodes and edges with the data the page script reads
    (``kg`` on nodes and edges: full name, aliases, facts, quotes)."""
    g = view.graph
    net = Network(height="100%", width="100%", directed=True, cdn_resources="local")
    net.node_ids = _NodeIds()
    positions = _layout(g) if g.number_of_nodes() > LAYOUT_THRESHOLD else {}
    for node, data in g.nodes(data=True):
        degree = g.degree(node)
        label = str(data.get("label") or node)
        value = data.get("citations", degree) if size_by == "citations" and data.get("type") == "regulation" else degree
        extra: dict[str, Any] = {}
        if node in positions:
            extra.update(x=positions[node][0], y=positions[node][1], physics=False)
        if data.get("pos") is not None:  # the oversight view: placed by administrative level
            extra.update(x=data["pos"][0], y=data["pos"][1], physics=False, level=int(data.get("tier", 0)))
        shown = wrap(label) if "pos" in data else _short(label)
        net.add_node(node, label=shown, value=max(1, int(value)), **node_style(data), **extra,
                     kg={"type": data.get("type"), "name": label, "iri": node,
                         "aliases": [a for a in data.get("aliases") or () if a != label],
                         "facts": _node_facts(data, degree), "quotes": list(data.get("evidence") or ()),
                         "centre": node in view.centres})
    for k, (u, v, data) in enumerate(g.edges(data=True)):
        relation = data.get("relation", "oversees")
        style = edge_style(relation)
        net.add_edge(u, v, id=f"e{k}", label=style["label"],
                     color={"color": style["color"], "highlight": style["color"]},
                     kg={"relation": relation, "label": style["label"], "quotes": list(data.get("evidence") or ()),
                         "reports": list(data.get("reports") or ()),
                         "from": g.nodes[u].get("label", u), "to": g.nodes[v].get("label", v)})
    options = options or vis_options()
    if positions:
        options = {**options, "physics": {"enabled": False}}
    net.options = options
    return net


def _layout(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """A force-directed layout computed here (networkx), spread so labels have room."""
    simple = nx.Graph(g.to_undirected(as_view=True))
    pos = nx.spring_layout(simple, seed=7, iterations=40)
    spread = 60.0 * max(10.0, g.number_of_nodes() ** 0.5)
    return {n: (round(float(x) * spread, 1), round(float(y) * spread, 1)) for n, (x, y) in pos.items()}


def page_data(view: ViewGraph, size_by: str = "degree", options: dict[str, Any] | None = None,
              overview: bool = False) -> dict[str, Any]:
    """The page's JSON data; ``overview``: with the groups the page opens clustered into."""
    net = to_network(view, size_by, options)
    nodes, edges, _heading, _h, _w, options = net.get_network_data()
    g = view.graph
    clusters: list[dict[str, Any]] = []
    if overview:
        groups, clusters = overview_groups(g)
        for n in nodes:
            n["kg"]["group"] = groups[n["id"]]
    shown_types = {d.get("type") for _, d in g.nodes(data=True)}
    return {
        "title": view.title,
        "notes": view.notes,
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options) if isinstance(options, str) else options,
        "legend": legend(shown_types,
                         {d.get("kind") or "other" for _, d in g.nodes(data=True) if d.get("type") == "regulation"},
                         {d.get("category") or "other" for _, d in g.nodes(data=True) if d.get("type") == "agency"},
                         {d.get("relation") for *_, d in g.edges(data=True)}),
        "types": [t for t in styles()["types"] if t in shown_types],
        "levels": bool(any(d.get("type") == "agency" for _, d in g.nodes(data=True))),
        "precomputedLayout": g.number_of_nodes() > LAYOUT_THRESHOLD,
        "clusters": clusters,
        "tiers": any(d.get("tier") is not None for _, d in g.nodes(data=True)),
        # the oversight view's grid (canvas units), which the page re-flows to the window's width
        "bands": {"x": X_STEP, "y": Y_STEP, "gap": TIER_GAP},
    }


@lru_cache(maxsize=1)
def _environment() -> Environment:  # one per process: its templates are compiled once, not per page
    return Environment(loader=FileSystemLoader(str(viz_path())), autoescape=select_autoescape(["html"]))


def render_page(view: ViewGraph, *, lib: str = "lib", size_by: str = "degree", index: str | None = "index.html",
                options: dict[str, Any] | None = None, overview: bool = False) -> str:
    """The HTML of one view; ``lib`` is the relative folder holding vis-network and the page script;
    ``options``: vis-network options instead of ``viz/options.json``."""
    data = page_data(view, size_by, options, overview)
    return _environment().get_template("page.html").render(
        title=view.title, notes=view.notes, lib=lib, index=index,
        counts=(len(data["nodes"]), len(data["edges"])),
        data_json=Markup(safe_json(data)))  # safe: safe_json escaped every character that could end the block


INDEX_ROWS = 200  # pages listed in index.html itself; beyond, the list is searched and paged by lib/index.js
PAGE_SCRIPT = "pages.js"  # the whole list of pages, as a script the index loads (works from file://)


def render_index(title: str, pages: list[dict[str, Any]], notes: list[str], endpoint: str | None = None) -> str:
    """The index: the first :data:`INDEX_ROWS` pages as a table; with more (a store of many
    reports), a search box and pages of the whole list, from :data:`PAGE_SCRIPT`."""
    return _environment().get_template("index.html").render(
        title=title, pages=pages[:INDEX_ROWS], total=len(pages), paged=len(pages) > INDEX_ROWS, rows=INDEX_ROWS,
        script=PAGE_SCRIPT, notes=notes, endpoint=endpoint)
