"""Every derived view carries what the RDF it comes from says: the networkx projection, the
GraphML / GEXF / CSV exports and the HTML views hold exactly the oversight edges of the store.

The expected edges are read from the store's quads directly (index lookups by predicate, no
SPARQL), so a query of the projection that misses them cannot agree with itself."""
from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.graph.terms import FZ, OVERSIGHT_KIND_TO_PROPERTY, SHARED_GRAPHS
from kg.query.export import export
from kg.query.project import project
from kg.store import KGStore
from kg.views import write_site

KINDS = set(OVERSIGHT_KIND_TO_PROPERTY)
Edge = tuple[str, str, str]  # (overseer, overseen, kind)


def stored_oversight(store: KGStore) -> dict[str, set[Edge]]:
    """The oversight triples of each report graph, as ``{report graph: {(overseer, overseen, kind)}}``."""
    shared = {str(g) for g in SHARED_GRAPHS}
    by_report: dict[str, set[Edge]] = defaultdict(set)
    for kind, prop in OVERSIGHT_KIND_TO_PROPERTY.items():
        for q in store.ox.quads_for_pattern(None, ox.NamedNode(str(prop)), None, None):
            if q.graph_name.value not in shared:
                by_report[q.graph_name.value].add((q.subject.value, q.object.value, kind))
    return by_report


@pytest.fixture(scope="module")
def expected(built_store) -> dict[str, set[Edge]]:
    with KGStore(built_store, read_only=True) as store:
        found = stored_oversight(store)
    every = set().union(*found.values())
    # the sample corpus states oversight of several kinds; an empty expectation would prove nothing
    assert len(every) >= 50 and len({kind for *_, kind in every}) >= 4
    return found


def _every(expected: dict[str, set[Edge]]) -> set[Edge]:
    return set().union(*expected.values())


def _oversight(edges) -> set[Edge]:
    return {(u, v, relation) for u, v, relation in edges if relation in KINDS}


def test_projection_has_every_oversight_statement_of_the_store(built_store, expected):
    with KGStore(built_store, read_only=True) as store:
        g = project(store)
        per_report = {iri: project(store, report=iri) for iri in expected}
    assert _oversight((u, v, d["relation"]) for u, v, d in g.edges(data=True)) == _every(expected)
    for u, v, d in g.edges(data=True):
        if d["relation"] in KINDS:
            assert d["evidence"] and all(d["evidence"]), (u, v, d)  # each edge quotes its sentence
            assert g.nodes[u]["type"] == g.nodes[v]["type"] == "agency"
    for iri, sub in per_report.items():  # a report's projection: that report's edges only
        assert _oversight((u, v, d["relation"]) for u, v, d in sub.edges(data=True)) == expected[iri], iri


Sourced = tuple[str, str, str, str]  # (overseer, overseen, kind, report graph)


def _sourced(expected: dict[str, set[Edge]]) -> Counter[Sourced]:
    """Each report's oversight triples, as the exports should carry them: one edge per triple and report."""
    return Counter((u, v, kind, report) for report, edges in expected.items() for u, v, kind in edges)


def test_graphml_gexf_and_csv_carry_the_same_oversight_edges(built_store, expected, tmp_path):
    """Each export has one oversight edge per kind and report stating it, with its kind, its
    evidence and its report (IRI and file name): per kind, as many edges as the RDF has
    triples in report graphs, and each edge's report is the graph holding its triple."""
    want = _every(expected)
    sourced = _sourced(expected)
    with KGStore(built_store, read_only=True) as store:
        files = {q.graph_name.value: q.object.value
                 for q in store.ox.quads_for_pattern(None, ox.NamedNode(str(FZ.fileName)), None, None)}
        sentences = defaultdict(set)  # the sentences each report graph quotes
        for q in store.ox.quads_for_pattern(None, ox.NamedNode(str(FZ.sentence)), None, None):
            sentences[q.graph_name.value].add(q.object.value)
        for fmt in ("graphml", "gexf", "csv"):
            export(store, fmt, tmp_path / fmt)
    graphml = nx.read_graphml(tmp_path / "graphml", force_multigraph=True)
    gexf = nx.read_gexf(tmp_path / "gexf")
    with open(tmp_path / "csv" / "edges.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    exported = {
        "graphml": [(u, v, d) for u, v, d in graphml.edges(data=True)],
        "gexf": [(u, v, d) for u, v, d in gexf.edges(data=True)],
        "csv": [(r[":START_ID"], r[":END_ID"], {**r, "evidence": r["evidence:string[]"]}) for r in rows],
    }
    for fmt, edges in exported.items():
        oversight = [(u, v, d) for u, v, d in edges if d.get("relation") in KINDS]
        assert _oversight((u, v, d["relation"]) for u, v, d in oversight) == want, fmt
        got = Counter((u, v, d["kind"], d["report"]) for u, v, d in oversight)
        assert got == sourced, fmt  # each edge once, with the report whose graph states it
        assert Counter(d["kind"] for *_, d in oversight) == Counter(kind for *_, kind, _ in sourced.elements()), fmt
        for *_, d in oversight:
            assert d["kind"] == d["relation"] and d["file"] == files[d["report"]], (fmt, d)
            if fmt == "csv":  # a Neo4j array: ";" between values, one inside a value written "；"
                quoted, said = d["evidence"].split(";"), {t.replace(";", "；") for t in sentences[d["report"]]}
            else:
                quoted, said = json.loads(d["evidence"]), sentences[d["report"]]
            assert quoted and set(quoted) <= said, (fmt, d)  # sentences of that report


def _page_edges(html: str) -> set[Edge]:
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S).group(1))
    return _oversight((e["from"], e["to"], e["kg"]["relation"]) for e in data["edges"])


def test_html_views_show_the_oversight_edges(built_store, expected, tmp_path):
    with KGStore(built_store, read_only=True) as store:
        pages = write_site(store, tmp_path)
    by_name = {p.path.name: p for p in pages}
    assert _page_edges((tmp_path / "graph.html").read_text("utf-8")) == _every(expected)
    for report, edges in expected.items():
        page = by_name[f"report-{report.rsplit('/', 1)[-1]}.html"]
        assert _page_edges(page.path.read_text("utf-8")) == edges, page.path.name


def test_oversight_page_holds_every_oversight_edge_per_kind_with_its_report(built_store, expected, tmp_path):
    with KGStore(built_store, read_only=True) as store:
        write_site(store, tmp_path / "all", per_report=False)
        only = write_site(store, tmp_path / "only", oversight=True)
    assert [p.path.name for p in only] == ["index.html", "oversight.html"]
    files = {}
    with KGStore(built_store, read_only=True) as store:
        for row in store.ox.quads_for_pattern(None, ox.NamedNode(str(FZ.fileName)),
                                              None, None):
            files[row.subject.value] = row.object.value
    for folder in ("all", "only"):
        html = (tmp_path / folder / "oversight.html").read_text("utf-8")
        assert _page_edges(html) == _every(expected), folder
        data = json.loads(re.search(r'id="kg-data">(.*?)</script>', html, re.S).group(1))
        want = Counter(kind for *_, kind in _every(expected))
        assert Counter(e["kg"]["relation"] for e in data["edges"]) == want  # per kind, none twice
        assert {n["kg"]["type"] for n in data["nodes"]} == {"agency"} and all("level" in n for n in data["nodes"])
        assert {r["key"] for r in data["legend"] if r["group"] == "relations"} == set(want)
        for e in data["edges"]:  # each edge quotes its sentence and names a report stating it
            edge = (e["from"], e["to"], e["kg"]["relation"])
            stated_in = {files.get(g) for g, edges in expected.items() if edge in edges}
            assert e["kg"]["quotes"] and set(e["kg"]["reports"]) == stated_in, e["kg"]
    assert 'href="oversight.html"' in (tmp_path / "all" / "index.html").read_text("utf-8")
