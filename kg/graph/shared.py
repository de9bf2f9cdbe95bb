"""The graphs no single report owns: ontology, duty scheme, place hierarchy, and the
cross-report preferred label of every entity. Recomputed after each build from what the
report graphs hold, so they never go stale when a report is added or dropped."""
from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.graph.terms import (DUTIES_GRAPH, ENTITIES_GRAPH, FZ, ONTOLOGY_GRAPH, PLACES_GRAPH, PREFIXES, place_iri,
                            regulation_iri)
from kg.resources import ontology_path


def _bound(identifier: URIRef) -> Graph:
    g = Graph(identifier=identifier)
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def ontology_graph() -> Graph:
    g = _bound(ONTOLOGY_GRAPH)
    g.parse(ontology_path("fazhi.ttl"))
    return g


def duties_graph() -> Graph:
    """The SKOS duty scheme, with each duty linked to the regulation node of the document
    that imposes it (``fz:imposedBy`` titles → ``fz:imposingRegulation`` IRIs), so a query
    can go from a duty to the reports citing its source."""
    g = _bound(DUTIES_GRAPH)
    g.parse(ontology_path("duties.ttl"))
    for duty, title in list(g.subject_objects(FZ.imposedBy)):
        g.add((duty, FZ.imposingRegulation, regulation_iri(str(title))))
    return g


def places_graph(place_names: set[str]) -> Graph:
    """Each named place with its chain of parents (county → prefecture → province)."""
    parents, adcode, place_type = place_lookups()
    g = _bound(PLACES_GRAPH)
    for name in sorted(place_names):
        chain = [name, *parents(name)]
        for child, parent in zip(chain, chain[1:] + [None]):
            node = place_iri(child, adcode(child))
            g.add((node, RDF.type, FZ.Jurisdiction))
            g.add((node, RDFS.label, Literal(child, lang="zh")))
            if code := adcode(child):
                g.add((node, FZ.adcode, Literal(code)))
            if kind := place_type(child):
                g.add((node, FZ.placeType, Literal(kind, lang="zh")))
            if parent:
                g.add((node, FZ.withinJurisdiction, place_iri(parent, adcode(parent))))
    return g


@lru_cache(maxsize=1)
def place_lookups():
    """(parents, adcode, place_type) of a canonical place name, from :mod:`kg.resolve.places`."""
    from kg.resolve import places

    def adcode(name: str) -> str | None:
        found = places.place(name)
        return found.adcode if found else None

    return places.parents, adcode, places.kind_of


def entities_graph(store) -> Graph:
    """``skos:prefLabel`` for every regulation and agency: the label most reports use."""
    g = _bound(ENTITIES_GRAPH)
    counts: dict[str, Counter] = defaultdict(Counter)
    for row in store.query("""
        SELECT ?e ?label (COUNT(DISTINCT ?r) AS ?n) WHERE {
          { ?r dcterms:references ?e } UNION { ?r fz:mentions ?e } UNION { ?r dcterms:creator ?e }
          ?e rdfs:label ?label }
        GROUP BY ?e ?label"""):
        counts[row["e"]][row["label"]] += row["n"]
    for entity, labels in counts.items():
        best = max(labels.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
        g.add((URIRef(entity), SKOS.prefLabel, Literal(best, lang="zh")))
    return g


def refresh_shared_graphs(store) -> None:
    store.replace_graph(ontology_graph())
    store.replace_graph(duties_graph())
    names = {row["name"] for row in store.query("""
        SELECT DISTINCT ?name WHERE { ?x fz:jurisdictionName ?name }""")}
    store.replace_graph(places_graph(names))
    store.replace_graph(entities_graph(store))
