"""The views of a large store, drawn from bounded query results instead of the projection of
every report graph (``kg viz`` beyond :data:`kg.views.site.SCALE_AT` reports).

- the overview (:func:`summary_view`): the jurisdictions with their number of reports (and the
  provinces above them), the most cited documents (``fz:citingReports`` of the entities graph),
  the duties of the scheme with the reports saying each done / lacking / planned (the stats
  graph), and the most connected oversight bodies with the oversight edges between them;
- the oversight view (:func:`oversight_summary`): the most connected bodies by oversight degree
  and the edges between them, each edge once per kind with the number of reports stating it.

Each query returns one row per place, document, duty or distinct edge, never one per report, so
the cost grows with the corpus only by cheap rows. The graphs have the projection's shape
(:mod:`kg.query.project`), so the page renderer and the oversight layout are the same.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import URIRef

from kg.core.namespaces import ENTITIES_GRAPH, FZ, SKOS
from kg.graph.stats import matrix_rows
from kg.graph.terms import PROPERTY_TO_OVERSIGHT_KIND
from kg.query.saved import run_saved
from kg.store import KGStore
from kg.views.oversight import oversight_view
from kg.views.selection import ViewGraph, annotate

ENTITIES = ox.NamedNode(ENTITIES_GRAPH)

TOP_REGULATIONS = 60  # documents in the overview, the most cited
TOP_PLACES = 60  # jurisdictions in the overview, those of the most reports (their provinces added)
TOP_BODIES = 60  # oversight bodies in the overview, the most connected
OVERSIGHT_BODIES = 300  # bodies in the oversight view at scale (--max-nodes lowers it)
STATUSES = ("done", "gap", "planned")


@dataclass(frozen=True)
class OversightRows:
    """The distinct oversight edges of the store (``view-oversight-edges``) and the degree of
    each body (its distinct edges, whatever their kind)."""

    edges: list[dict[str, Any]]
    degree: Counter

    @classmethod
    def read(cls, store: KGStore) -> OversightRows:
        edges = run_saved(store, "view-oversight-edges")
        degree: Counter = Counter()
        for pair in {(row["s"], row["o"]) for row in edges}:
            degree[pair[0]] += 1
            degree[pair[1]] += 1
        return cls(edges, degree)

    def top(self, n: int) -> list[str]:
        return [body for body, _ in sorted(self.degree.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def _places(store: KGStore) -> dict[str, dict[str, Any]]:
    return {row["p"]: row for row in run_saved(store, "projection-places")}


def _add_place(g: nx.MultiDiGraph, places: dict[str, dict[str, Any]], place: str) -> None:
    """``place`` and the chain of places above it, joined by ``within`` edges."""
    seen: set[str] = set()
    while place in places and place not in seen:
        seen.add(place)
        row = places[place]
        if place not in g:
            g.add_node(place, type="jurisdiction", label=row["label"], adcode=row["code"])
        parent = places.get(row["parent"]) if row["parent"] else None
        if parent is not None and not g.has_edge(place, row["parent"], key="within"):
            if row["parent"] not in g:
                g.add_node(row["parent"], type="jurisdiction", label=parent["label"], adcode=parent["code"])
            g.add_edge(place, row["parent"], key="within", relation="within", evidence=[])
        place = row["parent"]


def _agency_facts(store: KGStore, body: str) -> tuple[str, str | None, str | None]:
    """An agency's preferred name, category and jurisdiction from the entities graph (which holds
    every report's category and jurisdiction of it): index look-ups, however many reports name
    it. A SPARQL query with the agency bound by VALUES was planned as a scan of the whole
    entities graph (seconds a body at 10,000 reports)."""
    def first(predicate: str) -> str | None:
        values = sorted(str(getattr(q.object, "value", q.object)) for q in store.ox.quads_for_pattern(
            ox.NamedNode(body), ox.NamedNode(predicate), None, ENTITIES))
        return values[0] if values else None

    label = first(SKOS + "prefLabel") or body.rsplit("/", 1)[-1]
    return label, first(FZ + "agencyCategory"), first(FZ + "jurisdiction")


def _add_bodies(store: KGStore, g: nx.MultiDiGraph, places: dict[str, dict[str, Any]], bodies: list[str],
                rows: OversightRows) -> int:
    """The agencies ``bodies`` (name, category, jurisdiction and its chain), the oversight edges
    between them (one per kind, with the number of reports stating it), and their jurisdiction
    edges; the number of edges of theirs left out (to or from a body not shown)."""
    for body in bodies:
        label, category, place = _agency_facts(store, body)
        g.add_node(body, type="agency", label=label, category=category or "other", aliases=[], evidence=[],
                   oversight_degree=rows.degree[body])
        if place in places:
            g.nodes[body]["jurisdiction"] = place
            _add_place(g, places, place)
            g.add_edge(body, place, key="in_jurisdiction", relation="in_jurisdiction", evidence=[])
    shown, left = set(bodies), 0
    for row in rows.edges:
        if row["s"] not in shown or row["o"] not in shown:
            left += row["s"] in shown or row["o"] in shown
            continue
        kind = PROPERTY_TO_OVERSIGHT_KIND.get(row["p"], "oversees")
        s, p, o = URIRef(row["s"]), URIRef(row["p"]), URIRef(row["o"])
        graph = run_saved(store, "view-oversight-graph", s=s, p=p, o=o)
        said = run_saved(store, "view-oversight-sentence", graphs=[graph[0]["g"]], s=s, p=p, o=o) if graph else []
        quote, file = (said[0]["sentence"], said[0]["file"]) if said else (None, None)
        g.add_edge(row["s"], row["o"], key=kind, relation=kind, kind=kind, evidence=[quote] if quote else [],
                   reports=[file] if file else [], report_count=int(row["reports"]))
    return left


def oversight_summary(store: KGStore, max_nodes: int = OVERSIGHT_BODIES, rows: OversightRows | None = None,
                      ) -> ViewGraph:
    """The oversight view of the ``max_nodes`` bodies of most oversight edges, with a note of
    what was left out."""
    rows = rows or OversightRows.read(store)
    bodies = rows.top(max_nodes)
    g = nx.MultiDiGraph()
    left = _add_bodies(store, g, _places(store), bodies, rows)
    view = oversight_view(annotate(g))
    notes = list(view.notes)
    if len(rows.degree) > len(bodies):
        notes.append(f"the {len(bodies)} bodies of most oversight edges of {len(rows.degree)} (shown: the "
                     f"{view.graph.number_of_nodes()} with an edge between them); left out: "
                     f"{len(rows.degree) - len(bodies)} bodies and {left} edges to or from them")
    return ViewGraph(view.graph, view.title, notes)


def duty_coverage(store: KGStore) -> list[dict[str, Any]]:
    """``{duty, label, status, reports}`` per duty and status: from the reports' rows of the
    stats graph (one literal per report, read in one scan), or counted over the report graphs
    in a store built before it."""
    matrix = matrix_rows(store)
    if matrix is None:
        return run_saved(store, "view-duty-coverage-reports")
    labels = {row["duty"]: row["label"] for row in run_saved(store, "view-duty-labels")}
    counts = Counter((duty, status) for row in matrix for duty, status, _ in row["cells"])
    return [{"duty": duty, "label": labels.get(duty), "status": status, "reports": n}
            for (duty, status), n in sorted(counts.items())]


def summary_view(store: KGStore, *, regulations: int = TOP_REGULATIONS, places: int = TOP_PLACES,
                 bodies: int = TOP_BODIES, rows: OversightRows | None = None) -> ViewGraph:
    """The overview of a large store from aggregates: see the module's docstring."""
    g = nx.MultiDiGraph()
    notes: list[str] = []
    known = _places(store)
    by_place = run_saved(store, "view-reports-by-place")
    total = sum(int(r["reports"]) for r in by_place)
    placed = [r for r in by_place if r["place"] in known]
    for row in placed[:places]:
        _add_place(g, known, row["place"])
    # a province counts the reports of the places under it too
    within = Counter[str]()
    for row in placed:
        seen, place = set(), row["place"]
        while place in known and place not in seen:
            seen.add(place)
            within[place] += int(row["reports"])
            place = known[place]["parent"]
    unplaced = total - sum(int(r["reports"]) for r in placed)
    notes.append(f"{total} reports; {len(placed)} jurisdictions named by reports"
                 + (f", the {places} of most reports shown" if len(placed) > places else "")
                 + (f"; {unplaced} reports of no known jurisdiction" if unplaced else ""))

    cited = run_saved(store, "view-top-regulations", limit=regulations)
    titles = {row["regulation"]: row for row in run_saved(store, "view-regulations")}
    for row in cited:
        found = titles.get(row["regulation"], {})
        g.add_node(row["regulation"], type="regulation",
                   label=found.get("title") or row["regulation"].rsplit("/", 1)[-1],
                   kind=found.get("kindOf"), citations=int(row["reports"]), aliases=[], evidence=[])
    documents = len(titles)
    if documents > len(cited):
        notes.append(f"the {len(cited)} most cited of {documents} documents")

    coverage: dict[str, dict[str, Any]] = defaultdict(dict)
    for row in duty_coverage(store):
        coverage[row["duty"]]["label"] = row["label"] or row["duty"].rsplit("/", 1)[-1]
        coverage[row["duty"]][row["status"]] = int(row["reports"])
    for duty, counts in coverage.items():
        g.add_node(duty, type="duty", label=counts["label"],
                   counts=[[f"reports: {status}", str(counts.get(status, 0))] for status in STATUSES])

    rows = rows or OversightRows.read(store)
    shown = rows.top(bodies)
    _add_bodies(store, g, known, shown, rows)
    own = {r["place"]: int(r["reports"]) for r in placed}
    for node, data in g.nodes(data=True):
        if data["type"] == "jurisdiction":
            data["counts"] = [["reports here", str(own.get(node, 0))], ["reports here and below", str(within[node])]]
    if len(rows.degree) > len(shown):
        notes.append(f"the {len(shown)} of {len(rows.degree)} oversight bodies with most oversight edges "
                     "(all in the oversight view, up to its cap)")
    return ViewGraph(annotate(g), "全部报告 overview (aggregates)", notes)
