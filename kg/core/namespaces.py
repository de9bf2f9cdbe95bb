"""The namespaces and shared graph names of the project as plain IRI strings.

What reads the store (the query commands, the saved-query binding, the store itself) needs
only these strings, not rdflib: a question asked from the command line does not pay for
loading rdflib. :mod:`kg.graph.terms` builds its rdflib namespaces from the same strings.

>>> ONTOLOGY_GRAPH == BASE + "graph/ontology"
True
>>> PREFIXES["fz"] == BASE + "ontology#", PREFIXES["skos"]
(True, 'http://www.w3.org/2004/02/skos/core#')
"""
from __future__ import annotations

from kg.core.iris import BASE

FZ = BASE + "ontology#"
FZG = BASE + "graph/"  # the shared graphs: fzg:ontology, fzg:duties, fzg:places, fzg:entities, fzg:time
DUTY = BASE + "duty/"
ORG = "http://www.w3.org/ns/org#"
ELI = "http://data.europa.eu/eli/ontology#"
OA = "http://www.w3.org/ns/oa#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"

# The prefixes every SPARQL query of the project may use (declared before it).
PREFIXES: dict[str, str] = {
    "fz": FZ, "fzg": FZG, "duty": DUTY, "org": ORG, "eli": ELI, "oa": OA, "dcterms": DCTERMS, "prov": PROV,
    "skos": SKOS, "rdfs": RDFS, "rdf": RDF, "owl": OWL, "xsd": XSD,
}

# Graphs shared by all reports; each report has its own graph named by its report IRI.
ONTOLOGY_GRAPH = FZG + "ontology"
DUTIES_GRAPH = FZG + "duties"
PLACES_GRAPH = FZG + "places"
ENTITIES_GRAPH = FZG + "entities"
TIME_GRAPH = FZG + "time"  # citation status at report dates, agency change events
STATS_GRAPH = FZG + "stats"  # precomputed aggregates, one entry per report (kg.graph.stats)
SHARED_GRAPHS = (ONTOLOGY_GRAPH, DUTIES_GRAPH, PLACES_GRAPH, ENTITIES_GRAPH, TIME_GRAPH, STATS_GRAPH)
