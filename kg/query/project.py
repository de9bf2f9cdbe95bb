"""A networkx ``MultiDiGraph`` projection of the store, for layout, metrics, views and GraphML.

Nodes are keyed by IRI with ``type`` (report / regulation / agency / jurisdiction / duty),
``label``, ``aliases`` and type-specific attributes (``kind``, ``category``, ``citations``);
edges carry ``relation`` (cites, mentions, an oversight kind, in_jurisdiction, within,
duty_done / duty_gap / duty_planned, rated) and ``evidence`` (sentences quoted from the
original). The store stays the one source of truth; this is rebuilt from it.

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

import re
from collections import defaultdict

import networkx as nx

from kg.graph.terms import BASE, ONTOLOGY_GRAPH, PROPERTY_TO_OVERSIGHT_KIND
from kg.store import KGStore

MAX_QUOTES = 3  # evidence sentences kept per node/edge: enough for a tooltip


def project(store: KGStore, report: str | None = None) -> nx.MultiDiGraph:
    """Project the whole store, or only the graph of one report (its IRI)."""
    g = nx.MultiDiGraph()
    # Report facts are read inside their named graph; naming it narrows to one report.
    scope = "GRAPH ?g" if report is None else f"GRAPH <{_checked_report_iri(report)}>"
    bind = None

    def label_of(row_label: str | None, iri: str) -> str:
        return row_label or iri.rsplit("/", 1)[-1]

    for row in store.query(f"""
        SELECT ?r ?title ?file ?type ?year WHERE {{ {scope} {{ ?r a fz:Report ; fz:fileName ?file ; fz:docType ?type .
          OPTIONAL {{ ?r dcterms:title ?title }} OPTIONAL {{ ?r fz:yearCovered ?year }} }} }}""", bind):
        g.add_node(row["r"], type="report", label=row["title"] or row["file"], file=row["file"],
                   doc_type=row["type"], year=row["year"])

    aliases: dict[str, set[str]] = defaultdict(set)
    for row in store.query(f"""
        SELECT DISTINCT ?e ?alias WHERE {{ {scope} {{ ?e skos:altLabel ?alias }} }}""", bind):
        aliases[row["e"]].add(row["alias"])

    preferred = {row["e"]: row["l"] for row in store.query("SELECT ?e ?l WHERE { ?e skos:prefLabel ?l }")}
    pref = preferred.get

    for row in store.query(f"""
        SELECT ?r ?reg (SAMPLE(?label) AS ?l) (SAMPLE(?kind) AS ?k) (SAMPLE(?sentence) AS ?q) WHERE {{ {scope} {{
          ?r dcterms:references ?reg . ?reg rdfs:label ?label . OPTIONAL {{ ?reg fz:regulationKind ?kind }}
          OPTIONAL {{ ?st rdf:subject ?r ; rdf:predicate dcterms:references ; rdf:object ?reg ;
                      prov:wasDerivedFrom/fz:sentence ?sentence }} }} }} GROUP BY ?r ?reg""", bind):
        if row["reg"] not in g:
            g.add_node(row["reg"], type="regulation", label=pref(row["reg"]) or row["l"], kind=row["k"],
                       aliases=sorted(aliases[row["reg"]]), evidence=[], citations=0)
        node = g.nodes[row["reg"]]
        node["citations"] += 1
        if row["q"] and len(node["evidence"]) < MAX_QUOTES:
            node["evidence"].append(row["q"])
        g.add_edge(row["r"], row["reg"], key="cites", relation="cites", evidence=[row["q"]] if row["q"] else [])

    for row in store.query(f"""
        SELECT ?r ?a (SAMPLE(?label) AS ?l) (SAMPLE(?cat) AS ?c) (SAMPLE(?place) AS ?p) (SAMPLE(?sentence) AS ?q)
        WHERE {{ {scope} {{ ?r fz:mentions ?a . ?a rdfs:label ?label .
          OPTIONAL {{ ?a fz:agencyCategory ?cat }} OPTIONAL {{ ?a fz:jurisdiction ?place }}
          OPTIONAL {{ ?st rdf:subject ?r ; rdf:predicate fz:mentions ; rdf:object ?a ;
                      prov:wasDerivedFrom/fz:sentence ?sentence }} }} }} GROUP BY ?r ?a""", bind):
        _agency_node(g, row["a"], pref(row["a"]) or row["l"], row["c"], aliases[row["a"]], row["q"])
        g.add_edge(row["r"], row["a"], key="mentions", relation="mentions", evidence=[row["q"]] if row["q"] else [])
        if row["p"]:
            g.nodes[row["a"]]["jurisdiction"] = row["p"]

    for row in store.query(f"""
        SELECT ?s ?p ?o ?sentence ?sl ?ol WHERE {{ {scope} {{
          ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom/fz:sentence ?sentence .
          OPTIONAL {{ ?s rdfs:label ?sl }} OPTIONAL {{ ?o rdfs:label ?ol }} }}
          # the oversight properties are declared in the ontology graph, not in the report's
          GRAPH <{ONTOLOGY_GRAPH}> {{ ?p rdfs:subPropertyOf fz:oversees }} }}""", bind):
        kind = PROPERTY_TO_OVERSIGHT_KIND.get(row["p"], "oversees")
        for iri, lab in ((row["s"], row["sl"]), (row["o"], row["ol"])):
            _agency_node(g, iri, pref(iri) or label_of(lab, iri), None, aliases[iri], None)
        if g.has_edge(row["s"], row["o"], key=kind):
            quotes = g.edges[row["s"], row["o"], kind]["evidence"]
            if row["sentence"] not in quotes and len(quotes) < MAX_QUOTES:
                quotes.append(row["sentence"])
        else:
            g.add_edge(row["s"], row["o"], key=kind, relation=kind, evidence=[row["sentence"]])

    places = {d.get("jurisdiction") for _, d in g.nodes(data=True) if d.get("jurisdiction")}
    for row in store.query("""
        SELECT ?p ?label ?parent ?code WHERE { ?p a fz:Jurisdiction ; rdfs:label ?label .
          OPTIONAL { ?p fz:withinJurisdiction ?parent } OPTIONAL { ?p fz:adcode ?code } }"""):
        if report is None or row["p"] in places:
            g.add_node(row["p"], type="jurisdiction", label=row["label"], adcode=row["code"])
            if row["parent"]:
                g.add_edge(row["p"], row["parent"], key="within", relation="within", evidence=[])
    for node, data in list(g.nodes(data=True)):
        if data.get("type") == "agency" and data.get("jurisdiction") in g:
            g.add_edge(node, data["jurisdiction"], key="in_jurisdiction", relation="in_jurisdiction", evidence=[])

    for row in store.query(f"""
        SELECT ?r ?duty ?status ?label (SAMPLE(?sentence) AS ?q) WHERE {{ {scope} {{
          ?d a fz:DutyStatement ; fz:report ?r ; fz:duty ?duty ; fz:status ?status .
          OPTIONAL {{ ?d prov:wasDerivedFrom/fz:sentence ?sentence }} }}
          OPTIONAL {{ ?duty skos:prefLabel ?label FILTER(lang(?label) = "zh") }} }}
        GROUP BY ?r ?duty ?status ?label""", bind):
        if row["duty"] not in g:
            g.add_node(row["duty"], type="duty", label=row["label"] or row["duty"].rsplit("/", 1)[-1])
        g.add_edge(row["r"], row["duty"], key=f"duty_{row['status']}", relation=f"duty_{row['status']}",
                   status=row["status"], evidence=[row["q"]] if row["q"] else [])

    for row in store.query(f"""
        SELECT ?evaluator ?evaluated ?grade ?score ?rank ?year WHERE {{ {scope} {{
          ?x a fz:Rating ; fz:evaluated ?evaluated .
          OPTIONAL {{ ?x fz:evaluator ?evaluator }} OPTIONAL {{ ?x fz:grade ?grade }}
          OPTIONAL {{ ?x fz:score ?score }} OPTIONAL {{ ?x fz:rank ?rank }}
          OPTIONAL {{ ?x fz:year ?year }} }} }}""", bind):
        if row["evaluated"] in g:
            g.nodes[row["evaluated"]].setdefault("ratings", []).append(
                {k: row[k] for k in ("grade", "score", "rank", "year") if row[k] is not None})
        if row["evaluator"] and row["evaluator"] in g and row["evaluated"] in g:
            g.add_edge(row["evaluator"], row["evaluated"], key=f"rated-{row['year']}", relation="rated",
                       grade=row["grade"], score=row["score"], rank=row["rank"], evidence=[])
    return g


def _checked_report_iri(iri: str) -> str:
    """Only our own report IRIs go into a query text (they are hex hashes, nothing else)."""
    if not re.fullmatch(re.escape(BASE) + r"report/[0-9a-f]{16}", iri):
        raise ValueError(f"not a report IRI: {iri!r}")
    return iri


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
