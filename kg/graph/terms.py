"""Vocabularies and IRI minting.

Every IRI is derived from a canonical name (or a content hash), so the same name always
yields the same IRI — rebuilds and other machines agree, and any text is safe to mint from.

>>> regulation_iri("行政复议法") == regulation_iri("《中华人民共和国行政复议法》")
True
>>> str(duty_iri("major-decision-procedures")) == BASE + "duty/major-decision-procedures"
True

Every IRI is under the one base :data:`~kg.core.iris.BASE` (``FAZHI_KG_BASE``), and so are
the SPARQL prefixes of the saved queries (:data:`PREFIXES`: ``fzg:`` names the shared graphs,
``duty:`` the duties), so a store built under another base answers the same questions.
"""
from __future__ import annotations

import re

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from kg.core import namespaces as ns
from kg.core.iris import BASE, citation_status_id, digest
from kg.core.titles import title_key

# rdflib forms of the plain IRI strings of kg.core.namespaces (the one place they are written)
FZ = Namespace(ns.FZ)
FZG = Namespace(ns.FZG)  # the shared graphs: fzg:ontology, fzg:duties, fzg:places, fzg:entities
DUTY = Namespace(ns.DUTY)
ORG = Namespace(ns.ORG)
ELI = Namespace(ns.ELI)
OA = Namespace(ns.OA)

PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "fz": FZ, "fzg": FZG, "duty": DUTY, "org": ORG, "eli": ELI, "oa": OA, "dcterms": DCTERMS, "prov": PROV,
    "skos": SKOS, "rdfs": RDFS, "rdf": RDF, "owl": OWL, "xsd": XSD,
}

# Graphs shared by all reports; each report has its own graph named by its report IRI.
ONTOLOGY_GRAPH = URIRef(ns.ONTOLOGY_GRAPH)
DUTIES_GRAPH = URIRef(ns.DUTIES_GRAPH)
PLACES_GRAPH = URIRef(ns.PLACES_GRAPH)
ENTITIES_GRAPH = URIRef(ns.ENTITIES_GRAPH)
TIME_GRAPH = URIRef(ns.TIME_GRAPH)  # citation status at report dates, agency change events
STATS_GRAPH = URIRef(ns.STATS_GRAPH)  # precomputed aggregates, one entry per report (kg.graph.stats)
SHARED_GRAPHS = (ONTOLOGY_GRAPH, DUTIES_GRAPH, PLACES_GRAPH, ENTITIES_GRAPH, TIME_GRAPH, STATS_GRAPH)


# Every IRI is minted as a plain string first (``*_id``): the build serializes report graphs as
# N-Triples text without making an rdflib term per IRI; the ``*_iri`` forms wrap the same string.

def report_id(sha256: str) -> str:
    """A report is named by its content, so renaming a file keeps its IRI."""
    if not re.fullmatch(r"[0-9a-f]{16,64}", sha256):
        raise ValueError(f"not a content hash: {sha256!r}")
    return f"{BASE}report/{sha256[:16]}"


def regulation_id(title: str) -> str:
    return f"{BASE}regulation/{digest(title_key(title))}"


def agency_id(name: str) -> str:
    return f"{BASE}agency/{digest(''.join(name.split()))}"


def place_id(name: str, adcode: str | None = None) -> str:
    """Places with an administrative-division code use it; others a hash of the name."""
    if adcode and adcode.isdigit():
        return f"{BASE}place/{adcode}"
    return f"{BASE}place/n-{digest(name)}"


def duty_id(duty: str) -> str:
    if not re.fullmatch(r"[a-z0-9-]+", duty):
        raise ValueError(f"not a duty id: {duty!r}")
    return ns.DUTY + duty


def evidence_id(report: str, start: int, end: int, role: str) -> str:
    """One evidence node per (report, span, role): re-extracting the same text gives the same IRI."""
    return f"{report}#ev-{start}-{end}-{digest(role, 8)}"


def report_iri(sha256: str) -> URIRef:
    return URIRef(report_id(sha256))


def regulation_iri(title: str) -> URIRef:
    return URIRef(regulation_id(title))


def agency_iri(name: str) -> URIRef:
    return URIRef(agency_id(name))


def place_iri(name: str, adcode: str | None = None) -> URIRef:
    return URIRef(place_id(name, adcode))


def duty_iri(duty: str) -> URIRef:
    return URIRef(duty_id(duty))


def evidence_iri(report: str, start: int, end: int, role: str) -> URIRef:
    return URIRef(evidence_id(report, start, end, role))


# The contract's kind names → property local names (receives_report reads overseer → overseen).
OVERSIGHT_KIND_TO_PROPERTY = {
    "supervises": FZ.supervises, "evaluates": FZ.evaluates, "receives_report": FZ.receivesReportFrom,
    "guides": FZ.guides, "leads": FZ.leads, "audits": FZ.audits, "approves": FZ.approves,
}
PROPERTY_TO_OVERSIGHT_KIND = {str(v): k for k, v in OVERSIGHT_KIND_TO_PROPERTY.items()}


def version_iri(regulation: str, publish_date: str) -> URIRef:
    """One catalogued version (an ``eli:LegalExpression``) of a document, by its publish date."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", publish_date):
        raise ValueError(f"not a date: {publish_date!r}")
    return URIRef(f"{regulation}/version/{publish_date}")


def citation_status_iri(report: URIRef, regulation: URIRef) -> URIRef:
    """What can be said of a cited document on the citing report's date (one per report and document)."""
    return URIRef(citation_status_id(str(report), str(regulation)))


def change_event_iri(jurisdiction: str, rule_id: int, successor: str) -> URIRef:
    """One reform event per jurisdiction and succession rule (several old names may merge in it)."""
    return URIRef(f"{BASE}change/{digest(f'{jurisdiction}|{rule_id}|{successor}')}")
