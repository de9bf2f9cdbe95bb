"""A networkx ``MultiDiGraph`` projection of the store, for layout, metrics, views and GraphML.

Nodes are keyed by IRI with ``type`` (report / regulation / agency / jurisdiction / duty),
``label``, ``aliases`` and type-specific attributes (``kind``, ``category``, ``citations``);
edges carry ``relation`` (cites, mentions, an oversight kind, in_jurisdiction, within,
duty_done / duty_gap / duty_planned, rated) and ``evidence`` (sentences quoted from the
original). Oversight edges are one per kind and report stating them, with ``kind``,
``report`` (its IRI) and ``file`` (its file name), and ``reports`` (``[file]``, as
the views read it). The store stays the one source of truth; this is rebuilt from it.

>>> import tempfile
>>> from kg.build.corpus import build
>>> from kg.core.resources import sample_corpus
>>> folder = tempfile.mkdtemp(); _ = build([sample_corpus()], folder, jobs=1)
>>> with KGStore(folder, read_only=True) as store:
...     g = project(store)
>>> sum(1 for _, d in g.nodes(data=True) if d["type"] == "report")
5
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.graph.terms import DUTIES_GRAPH, ONTOLOGY_GRAPH, PROPERTY_TO_OVERSIGHT_KIND
from kg.query.saved import run_saved
from kg.store import KGStore

MAX_QUOTES = 3  # evidence sentences kept per node/edge: enough for a tooltip


# the queries read for one report's projection, and the column of each naming the report's graph
# in the batch variant (a report's facts are in the graph named by its IRI)
REPORT_QUERIES = {"projection-reports": ("projection-reports", "r"),
                  "projection-aliases": ("projection-aliases-by-graph", "g"),
                  "projection-citations": ("projection-citations", "r"),
                  "projection-mentions": ("projection-mentions", "r"),
                  "projection-oversight": ("projection-oversight", "g"),
                  "projection-duties": ("projection-duties", "r"),
                  "projection-ratings": ("projection-ratings-by-graph", "g")}
BATCH = 500  # reports per batch of project_reports: memory stays flat however many reports


@dataclass(frozen=True)
class SharedRows:
    """The rows every projection reads whole (preferred labels, the places graph): read once
    for all the reports of a batch, not once per report."""

    preferred: dict[str, str]
    places: list[dict[str, Any]]

    @classmethod
    def read(cls, store: KGStore) -> SharedRows:
        return cls({row["e"]: row["l"] for row in run_saved(store, "projection-preferred-labels")},
                   run_saved(store, "projection-places"))


def project(store: KGStore, report: str | None = None, shared: SharedRows | None = None) -> nx.MultiDiGraph:
    """Project the whole store, or only the graph of one report (its IRI). The queries are the
    ``projection-*`` saved queries; for one report, their ``GRAPH ?g`` ranges over that
    report's graph and the shared graphs they read (the ontology and the duty scheme)."""
    graphs = None if report is None else [report, str(ONTOLOGY_GRAPH), str(DUTIES_GRAPH)]
    rows = {name: run_saved(store, name, graphs=graphs) for name in REPORT_QUERIES}
    return _assemble(rows, shared or SharedRows.read(store), report)


def project_reports(store: KGStore, reports: Iterable[str], batch: int = BATCH,
                    ) -> Iterator[tuple[str, nx.MultiDiGraph]]:
    """``(report, project(store, report))`` for each report IRI, in order, from one query of each
    kind per batch of reports instead of one per report (rows of the ontology and duty scheme
    graphs go to every report, as they do in a one-report projection)."""
    shared = SharedRows.read(store)
    reports = list(reports)
    for begin in range(0, len(reports), batch):
        chunk = reports[begin:begin + batch]
        graphs = [*chunk, str(ONTOLOGY_GRAPH), str(DUTIES_GRAPH)]
        own: dict[str, dict[str, list[dict[str, Any]]]] = {r: defaultdict(list) for r in chunk}
        common: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for name, (query, key) in REPORT_QUERIES.items():
            for row in run_saved(store, query, graphs=graphs):
                owner = row[key]
                (own[owner][name] if owner in own else common[name]).append(row)
        for report in chunk:
            rows = {name: own[report][name] + common[name] for name in REPORT_QUERIES}
            aliases = rows["projection-aliases"]  # DISTINCT over the report and the shared graphs
            rows["projection-aliases"] = list({(r["e"], r["alias"]): r for r in aliases}.values())
            yield report, _assemble(rows, shared, report)
        del own, common


def _assemble(rows: dict[str, list[dict[str, Any]]], shared: SharedRows, report: str | None) -> nx.MultiDiGraph:
    """The projection from the rows of :data:`REPORT_QUERIES` and the shared rows."""
    g = nx.MultiDiGraph()

    def label_of(row_label: str | None, iri: str) -> str:
        return row_label or iri.rsplit("/", 1)[-1]

    for row in rows["projection-reports"]:
        g.add_node(row["r"], type="report", label=row["title"] or row["file"], file=row["file"],
                   doc_type=row["type"], year=row["year"])
        if row["place"]:  # the report's jurisdiction (dcterms:spatial)
            g.nodes[row["r"]]["jurisdiction"] = row["place"]

    aliases: dict[str, set[str]] = defaultdict(set)
    for row in rows["projection-aliases"]:
        aliases[row["e"]].add(row["alias"])

    pref = shared.preferred.get

    for row in rows["projection-citations"]:
        if row["reg"] not in g:
            g.add_node(row["reg"], type="regulation", label=pref(row["reg"]) or row["l"], kind=row["k"],
                       aliases=sorted(aliases[row["reg"]]), evidence=[], citations=0)
        node = g.nodes[row["reg"]]
        node["citations"] += 1
        if row["q"] and len(node["evidence"]) < MAX_QUOTES:
            node["evidence"].append(row["q"])
        g.add_edge(row["r"], row["reg"], key="cites", relation="cites", evidence=[row["q"]] if row["q"] else [])

    for row in rows["projection-mentions"]:
        _agency_node(g, row["a"], pref(row["a"]) or row["l"], row["c"], aliases[row["a"]], row["q"])
        g.add_edge(row["r"], row["a"], key="mentions", relation="mentions", evidence=[row["q"]] if row["q"] else [])
        if row["p"]:
            g.nodes[row["a"]]["jurisdiction"] = row["p"]

    for row in rows["projection-oversight"]:
        # one edge per kind and report stating it: its evidence is that report's sentences
        kind = PROPERTY_TO_OVERSIGHT_KIND.get(row["p"], "oversees")
        for iri, lab in ((row["s"], row["sl"]), (row["o"], row["ol"])):
            _agency_node(g, iri, pref(iri) or label_of(lab, iri), None, aliases[iri], None)
        key = f"{kind} {row['g']}"
        if g.has_edge(row["s"], row["o"], key=key):
            quotes = g.edges[row["s"], row["o"], key]["evidence"]
            if row["sentence"] not in quotes and len(quotes) < MAX_QUOTES:
                quotes.append(row["sentence"])
        else:
            g.add_edge(row["s"], row["o"], key=key, relation=kind, kind=kind, report=row["g"],
                       file=row["file"] or "", reports=[row["file"]] if row["file"] else [],
                       evidence=[row["sentence"]])

    places = {d.get("jurisdiction") for _, d in g.nodes(data=True) if d.get("jurisdiction")}
    for row in shared.places:
        if report is None or row["p"] in places:
            g.add_node(row["p"], type="jurisdiction", label=row["label"], adcode=row["code"])
            if row["parent"]:
                g.add_edge(row["p"], row["parent"], key="within", relation="within", evidence=[])
    for node, data in list(g.nodes(data=True)):
        if data.get("type") == "agency" and data.get("jurisdiction") in g:
            g.add_edge(node, data["jurisdiction"], key="in_jurisdiction", relation="in_jurisdiction", evidence=[])

    for row in rows["projection-duties"]:
        if row["duty"] not in g:
            g.add_node(row["duty"], type="duty", label=row["label"] or row["duty"].rsplit("/", 1)[-1])
        g.add_edge(row["r"], row["duty"], key=f"duty_{row['status']}", relation=f"duty_{row['status']}",
                   status=row["status"], evidence=[row["q"]] if row["q"] else [])

    for row in rows["projection-ratings"]:
        if row["evaluated"] in g:
            g.nodes[row["evaluated"]].setdefault("ratings", []).append(
                {k: row[k] for k in ("grade", "score", "rank", "year") if row[k] is not None})
        if row["evaluator"] and row["evaluator"] in g and row["evaluated"] in g:
            g.add_edge(row["evaluator"], row["evaluated"], key=f"rated-{row['year']}", relation="rated",
                       grade=row["grade"], score=row["score"], rank=row["rank"], evidence=[])
    return g


def _agency_node(g: nx.MultiDiGraph, iri: str, label: str, category: str | None, aliases: set[str],
                 quote: str | None) -> None:
    if iri not in g:
        g.add_node(iri, type="agency", label=label, category=category or "other", aliases=sorted(aliases),
                   evidence=[])
    node = g.nodes[iri]
    if category and node.get("category") in (None, "other"):
        node["category"] = category
    if quote and len(node["evidence"]) < MAX_QUOTES and quote not in node["evidence"]:
        node["evidence"].append(quote)
