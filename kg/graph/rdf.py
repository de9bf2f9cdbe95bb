"""Extraction → RDF: one named graph per report, evidence for every fact.

Layout of a report graph (named by the report IRI):

- the report itself (``fz:Report``: title, issuer, date, year, region, type, file, hash);
- every entity it mentions with the names *this report* uses (``rdfs:label``,
  ``skos:altLabel``), so dropping the graph drops exactly what the report said;
- the facts: ``dcterms:references`` (report → regulation), ``fz:mentions`` (report →
  agency), oversight properties (agency → agency), ``fz:DutyStatement`` and ``fz:Rating``
  nodes;
- for every fact an ``rdf:Statement`` (or the statement node itself) with
  ``prov:wasDerivedFrom`` an ``fz:Evidence``: ``oa:hasSource`` the report, an
  ``oa:TextPositionSelector`` with original character offsets, and the sentence quoted.

Shared graphs hold what no single report owns: the ontology, the duty scheme, the place
hierarchy and the cross-report preferred labels (see :mod:`kg.graph.entities`).

>>> from kg.build.pipeline import extract_file
>>> from kg.core.resources import sample_corpus
>>> ex = extract_file(next(sample_corpus().glob("004_*.txt")))
>>> g = report_graph(ex)
>>> (None, DCTERMS.references, regulation_iri("重大行政决策程序暂行条例")) in g
True

``kg build`` skips the in-memory Graph: :func:`report_nquads` writes the same triples as
N-Quads for the store's loader (in the worker processes, so the single writer only loads).

>>> len(report_nquads(ex).splitlines()) == len(g)
True
"""
from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.core.model import Evidence, Extraction
from kg.graph.shared import place_lookups
from kg.graph.terms import (
    ELI,
    FZ,
    OA,
    OVERSIGHT_KIND_TO_PROPERTY,
    PREFIXES,
    agency_iri,
    digest,
    duty_iri,
    evidence_iri,
    place_iri,
    regulation_iri,
    report_iri,
)


def _bind(g: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


class _TripleList:
    """The distinct triples of one graph in the order added (an rdflib Graph's ``add`` costs
    tens of microseconds a triple; a report has thousands)."""

    def __init__(self) -> None:
        self.triples: dict[tuple, None] = {}

    def add(self, triple: tuple) -> None:
        self.triples[triple] = None


class _ReportGraphBuilder:
    """Writes one Extraction as the triples of its graph; a class only to share the report IRI."""

    def __init__(self, extraction: Extraction):
        self.ex = extraction
        self.report = report_iri(extraction.sha256)
        self.g = _TripleList()
        self.evidence_nodes: set[URIRef] = set()

    def evidence(self, ev: Evidence, role: str) -> URIRef:
        node = evidence_iri(self.report, ev.start, ev.end, role)
        if node in self.evidence_nodes:
            return node
        self.evidence_nodes.add(node)
        selector = URIRef(f"{node}-pos")
        g = self.g
        g.add((node, RDF.type, FZ.Evidence))
        g.add((node, OA.hasSource, self.report))
        g.add((node, OA.hasSelector, selector))
        g.add((selector, RDF.type, OA.TextPositionSelector))
        g.add((selector, OA.start, Literal(ev.start, datatype=XSD.integer)))
        g.add((selector, OA.end, Literal(ev.end, datatype=XSD.integer)))
        g.add((node, FZ.sentence, Literal(ev.sentence)))
        if ev.section:
            g.add((node, FZ.sectionPath, Literal(" / ".join(ev.section))))
        return node

    def fact(self, s: URIRef, p: URIRef, o: URIRef, evidence: Iterable[Evidence], role: str) -> None:
        """Assert ``s p o`` and reify it with its evidence (an IRI per triple, stable)."""
        g = self.g
        g.add((s, p, o))
        statement = URIRef(f"{self.report}#st-{digest(str(s) + str(p) + str(o))}")
        g.add((statement, RDF.type, RDF.Statement))
        g.add((statement, RDF.subject, s))
        g.add((statement, RDF.predicate, p))
        g.add((statement, RDF.object, o))
        for ev in evidence:
            g.add((statement, PROV.wasDerivedFrom, self.evidence(ev, role)))

    def build(self) -> list[tuple]:
        ex, g, report = self.ex, self.g, self.report
        md = ex.metadata
        g.add((report, RDF.type, FZ.Report))
        g.add((report, FZ.fileName, Literal(ex.doc)))
        g.add((report, FZ.sha256, Literal(ex.sha256)))
        g.add((report, FZ.docType, Literal(md.doc_type)))
        if md.title:
            g.add((report, DCTERMS.title, _zh(md.title)))
        if md.date:
            g.add((report, DCTERMS.issued, Literal(md.date, datatype=XSD.date)))
        if md.year_covered:
            g.add((report, FZ.yearCovered, Literal(md.year_covered, datatype=XSD.gYear)))
        if md.region:
            g.add((report, DCTERMS.spatial, self._place(md.region)))
        if md.issuer:
            issuer = agency_iri(md.issuer)
            g.add((report, DCTERMS.creator, issuer))
            self._agency_label(issuer, md.issuer)
        for reg in ex.regulations:
            node = regulation_iri(reg.title)
            g.add((node, RDF.type, FZ.Regulation))
            g.add((node, RDFS.label, _zh(reg.title)))
            for alias in reg.aliases:
                g.add((node, SKOS.altLabel, _zh(alias)))
            g.add((node, FZ.regulationKind, Literal(reg.kind)))
            if reg.doc_number:
                g.add((node, FZ.docNumber, Literal(reg.doc_number)))
            if reg.issuer:
                issuer = agency_iri(reg.issuer)
                self._agency_label(issuer, reg.issuer)
                g.add((node, ELI.passed_by, issuer))
            if reg.catalog:
                g.add((node, FZ.inNationalCatalogue, Literal(True)))
            self.fact(report, DCTERMS.references, node, reg.evidence, "cites")
        for agency in ex.agencies:
            node = agency_iri(agency.name)
            self._agency_label(node, agency.name)
            for alias in agency.aliases:
                g.add((node, SKOS.altLabel, _zh(alias)))
            g.add((node, FZ.agencyCategory, Literal(agency.category)))
            if agency.jurisdiction:
                g.add((node, FZ.jurisdiction, self._place(agency.jurisdiction)))
            self.fact(report, FZ.mentions, node, agency.evidence[:5], "mentions")
        for edge in ex.oversight:
            prop = OVERSIGHT_KIND_TO_PROPERTY[edge.kind]
            self.fact(agency_iri(edge.overseer), prop, agency_iri(edge.overseen), [edge.evidence], edge.kind)
        for finding in ex.duties:
            for status, evidence in finding.statuses.items():
                node = URIRef(f"{report}#duty-{finding.id}-{status}")
                g.add((node, RDF.type, FZ.DutyStatement))
                g.add((node, FZ.report, report))
                g.add((node, FZ.duty, duty_iri(finding.id)))
                g.add((node, FZ.status, Literal(status)))
                for ev in evidence[:5]:
                    g.add((node, PROV.wasDerivedFrom, self.evidence(ev, f"duty-{finding.id}-{status}")))
        for k, rating in enumerate(ex.ratings):
            node = URIRef(f"{report}#rating-{k}")
            g.add((node, RDF.type, FZ.Rating))
            g.add((node, FZ.report, report))
            g.add((node, FZ.evaluated, agency_iri(rating.evaluated)))
            self._agency_label(agency_iri(rating.evaluated), rating.evaluated)
            if rating.evaluator:
                g.add((node, FZ.evaluator, agency_iri(rating.evaluator)))
            if rating.year:
                g.add((node, FZ.year, Literal(rating.year, datatype=XSD.gYear)))
            if rating.grade:
                g.add((node, FZ.grade, _zh(rating.grade)))
            if rating.score is not None:
                g.add((node, FZ.score, Literal(rating.score, datatype=XSD.decimal)))
            if rating.rank is not None:
                g.add((node, FZ.rank, Literal(rating.rank, datatype=XSD.integer)))
            if rating.out_of is not None:
                g.add((node, FZ.rankOutOf, Literal(rating.out_of, datatype=XSD.integer)))
            if rating.evidence:
                g.add((node, PROV.wasDerivedFrom, self.evidence(rating.evidence, f"rating-{k}")))
        return list(g.triples)

    def _place(self, name: str) -> URIRef:
        node = place_iri(name, _adcode(name))
        self.g.add((node, RDF.type, FZ.Jurisdiction))
        self.g.add((node, RDFS.label, _zh(name)))
        self.g.add((node, FZ.jurisdictionName, Literal(name)))
        return node

    def _agency_label(self, node: URIRef, name: str) -> None:
        self.g.add((node, RDF.type, FZ.Agency))
        self.g.add((node, RDFS.label, _zh(name)))


def _adcode(place: str) -> str | None:
    return place_lookups()[1](place)


def report_triples(extraction: Extraction) -> list[tuple]:
    """The distinct triples of the report's graph (rdflib terms)."""
    return _ReportGraphBuilder(extraction).build()


def report_graph(extraction: Extraction) -> Graph:
    """The named graph of one report, as an rdflib Graph."""
    g = _bind(Graph(identifier=report_iri(extraction.sha256)))
    g.addN((s, p, o, g) for s, p, o in report_triples(extraction))
    return g


def report_nquads(extraction: Extraction) -> bytes:
    """The report's graph as N-Quads (UTF-8), named by the report IRI."""
    graph = f" <{report_iri(extraction.sha256)}> .\n"
    return "".join(f"{_nt(s)} {_nt(p)} {_nt(o)}{graph}" for s, p, o in report_triples(extraction)).encode("utf-8")


# N-Triples string escapes (every other character may stand as it is in UTF-8)
_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt(term) -> str:
    """One rdflib IRI or literal in N-Triples syntax."""
    if isinstance(term, Literal):
        quoted = '"' + str(term).translate(_NT_ESCAPES) + '"'
        if term.language:
            return f"{quoted}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{quoted}^^<{term.datatype}>"
        return quoted
    return f"<{term}>"
