"""The graphs no single report owns: ontology, duty scheme, place hierarchy, and the
cross-report preferred label of every entity, and the time graph (citation status at report dates,
agency change events: :mod:`kg.graph.timeline`). Kept in step with the report graphs by each
build (:mod:`kg.graph.tallies`: only what the reports added or dropped change), so they never go
stale when a report is added or dropped; :func:`refresh_shared_graphs` recomputes them whole."""
from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.core import places
from kg.core.iris import rebased_turtle
from kg.core.sparql import saved_query
from kg.core.titles import title_key
from kg.graph.terms import (
    DUTIES_GRAPH,
    ENTITIES_GRAPH,
    FZ,
    ONTOLOGY_GRAPH,
    PLACES_GRAPH,
    PREFIXES,
    SHARED_GRAPHS,
    TIME_GRAPH,
    place_iri,
    regulation_iri,
)
from kg.graph.timeline import time_quads

# Bumped whenever what the shared graphs hold changes: a store built before is refreshed by the
# next build even when no report changed.
SHARED_VERSION = 3


def _bound(identifier: URIRef) -> Graph:
    g = Graph(identifier=identifier)
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def ontology_graph() -> Graph:
    return rebased_turtle("fazhi.ttl", _bound(ONTOLOGY_GRAPH))


def duties_graph() -> Graph:
    """The SKOS duty scheme, with each duty linked to the regulation node of the document
    that imposes it (``fz:imposedBy`` titles → ``fz:imposingRegulation`` IRIs), so a query
    can go from a duty to the reports citing its source."""
    g = rebased_turtle("duties.ttl", _bound(DUTIES_GRAPH))
    for duty, title in list(g.subject_objects(FZ.imposedBy)):
        g.add((duty, FZ.imposingRegulation, regulation_iri(str(title))))
    return g


def places_graph(place_names: set[str]) -> Graph:
    """Each named place with its chain of parents (county → prefecture → province)."""
    parents, adcode, place_type = place_lookups()
    # corpus-wide: not under the homonym choices the last report extracted in this process left
    # (a 市中区 would otherwise hang under that report's city, and only when built with --jobs 1)
    places.reset_homonyms()
    g = _bound(PLACES_GRAPH)
    for name in sorted(place_names):
        chain = [name, *parents(name)]
        for child, parent in zip(chain, chain[1:] + [None], strict=True):
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
    """(parents, adcode, place_type) of a canonical place name, from :mod:`kg.core.places`."""
    def adcode(name: str) -> str | None:
        found = places.place(name)
        return found.adcode if found else None

    return places.parents, adcode, places.kind_of


def entity_quads(store) -> list[ox.Quad]:
    """The cross-report facts of every regulation and agency, for the entities graph:
    ``skos:prefLabel`` the label most reports use, ``skos:altLabel`` every other name any
    report uses (label or alias), a document's ``fz:matchKey`` for each of its names
    (:func:`~kg.core.catalog.title_key`), its ``fz:regulationKind`` (the one most
    reports give) and the number of reports citing it (``fz:citingReports``), and an agency's
    ``fz:jurisdiction`` and ``fz:agencyCategory``.
    One small graph answers name lookups and region filters that would otherwise scan and
    de-duplicate the same facts in every report graph.

    Read with index lookups (one per predicate), not a SPARQL aggregate: it stays a few seconds
    at ten thousand reports."""
    graph = ox.NamedNode(str(ENTITIES_GRAPH))
    shared = {str(g) for g in SHARED_GRAPHS}

    def facts(predicate, obj=None):
        for q in store.ox.quads_for_pattern(None, predicate, obj, None):
            if q.graph_name.value not in shared:
                yield q

    rdf_type = ox.NamedNode(str(RDF.type))
    typed = {ox.NamedNode(str(kind)): {q.subject for q in facts(rdf_type, ox.NamedNode(str(kind)))}
             for kind in (FZ.Regulation, FZ.Agency)}
    regulations = typed[ox.NamedNode(str(FZ.Regulation))]
    entities = set().union(*typed.values())
    reports_using: dict = defaultdict(Counter)  # entity → label → reports using it
    for q in facts(ox.NamedNode(str(RDFS.label))):
        if q.subject in entities:
            reports_using[q.subject][q.object] += 1
    aliases: dict = defaultdict(set)
    for q in facts(ox.NamedNode(str(SKOS.altLabel))):
        if q.subject in entities:
            aliases[q.subject].add(q.object)
    out: list[ox.Quad] = []
    pref, alt = ox.NamedNode(str(SKOS.prefLabel)), ox.NamedNode(str(SKOS.altLabel))
    for entity, labels in reports_using.items():
        best = max(labels.items(), key=lambda kv: (kv[1], len(kv[0].value), kv[0].value))[0]
        out.append(ox.Quad(entity, pref, best, graph))
        out.extend(ox.Quad(entity, alt, name, graph) for name in (set(labels) | aliases[entity]) - {best})
    # the matching key of every name of a document: `kg cites` finds an exact name by index
    match_key = ox.NamedNode(str(FZ.matchKey))
    for entity in regulations & set(reports_using):
        keys = {title_key(name.value) for name in set(reports_using[entity]) | aliases[entity]}
        out.extend(ox.Quad(entity, match_key, ox.Literal(key), graph) for key in sorted(keys) if key)
    # how many reports cite each document: `kg regulations` reads it instead of counting
    citing = Counter(q.object for q in facts(ox.NamedNode(str(DCTERMS.references))))
    integer = ox.NamedNode(str(XSD.integer))
    out.extend(ox.Quad(reg, ox.NamedNode(str(FZ.citingReports)), ox.Literal(str(n), datatype=integer), graph)
               for reg, n in citing.items())
    kind = ox.NamedNode(str(FZ.regulationKind))  # reports may differ: the most common one
    kinds: dict = defaultdict(Counter)
    for q in facts(kind):
        kinds[q.subject][q.object] += 1
    out.extend(ox.Quad(reg, kind, max(counts.items(), key=lambda kv: (kv[1], kv[0].value))[0], graph)
               for reg, counts in kinds.items())
    for predicate in (FZ.jurisdiction, FZ.agencyCategory):
        node = ox.NamedNode(str(predicate))
        out.extend({ox.Quad(q.subject, node, q.object, graph) for q in facts(node)})
    for kind, members in typed.items():
        out.extend(ox.Quad(entity, rdf_type, kind, graph) for entity in members)
    return out


def refresh_shared_graphs(store) -> None:
    """Recompute every shared graph from all the report graphs (≈ 29 ms a report). ``kg build``
    keeps them in step at the cost of what it changed instead (:mod:`kg.graph.tallies`); this is
    the reference its tests compare with."""
    store.replace_graph(ontology_graph())
    store.replace_graph(duties_graph())
    names = {row["name"] for row in store.query(saved_query("jurisdiction-names"))}
    store.replace_graph(places_graph(names))
    store.replace_quads(str(ENTITIES_GRAPH), entity_quads(store))
    # after the entities and places graphs: the change events read agencies' names and places
    store.replace_quads(str(TIME_GRAPH), time_quads(store))
