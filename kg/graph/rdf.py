"""Extraction → RDF: one named graph per report, evidence for every fact.

Layout of a report graph (named by the report IRI):

- the report itself (``fz:Report``: title, issuer, date, year, region, type, file, hash);
- every entity it mentions with the names *this report* uses (``rdfs:label``,
  ``skos:altLabel``), so dropping the graph drops exactly what the report said;
- the facts: ``dcterms:references`` (report → regulation), ``fz:mentions`` (report →
  agency), oversight properties (agency → agency), ``fz:DutyStatement`` and ``fz:Rating``
  nodes;
- for every fact an ``rdf:Statement`` (untyped: ``rdf:subject``'s domain entails it; a duty
  statement or rating is its own statement node) with
  ``prov:wasDerivedFrom`` an evidence node: ``fz:start`` and ``fz:end`` its original character
  offsets, the sentence quoted (``fz:sentence``) and its section (``fz:sectionPath``). Its
  source is the report whose graph holds it (and whose IRI begins its own), so it states no
  ``oa:hasSource``; no selector node and no ``rdf:type`` (entailed by the properties' domains):
  evidence is most of a report's quads and the store's time and size follow them. The saved
  query ``evidence-web-annotation`` gives the Web Annotation form (``oa:hasSource``, selectors).

Shared graphs hold what no single report owns: the ontology, the duty scheme, the place
hierarchy and the cross-report preferred labels (see :mod:`kg.graph.entities`).

>>> from kg.build.pipeline import extract_file
>>> from kg.core.resources import sample_corpus
>>> ex = extract_file(next(sample_corpus().glob("004_*.txt")))
>>> from rdflib.namespace import DCTERMS
>>> from kg.graph.terms import regulation_iri
>>> g = report_graph(ex)
>>> (None, DCTERMS.references, regulation_iri("重大行政决策程序暂行条例")) in g
True

``kg build`` skips rdflib: :func:`report_nt_triples` writes the graph as N-Triples terms
(strings), which :func:`report_nquads` joins into N-Quads for the store's loader (in the worker
processes, so the single writer only loads); :func:`report_graph` reads the same strings back.

>>> len(report_nquads(ex).splitlines()) == len(g)
True
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef

from kg.core import namespaces as ns
from kg.core.memos import memo
from kg.core.model import Evidence, Extraction, body_named
from kg.graph.shared import place_lookups
from kg.graph.terms import (
    OVERSIGHT_KIND_TO_PROPERTY,
    PREFIXES,
    agency_id,
    digest,
    duty_id,
    evidence_id,
    place_id,
    regulation_id,
    report_id,
)

# A report graph is written once, as N-Triples terms (strings): :func:`report_nquads` joins
# them, :func:`report_triples` / :func:`report_graph` read the same strings back as rdflib
# terms. Making an rdflib term per IRI and literal cost as much as the extraction itself.


def _iri(namespace: str, local: str = "") -> str:
    return f"<{namespace}{local}>"


A = _iri(ns.RDF, "type")
RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT = (_iri(ns.RDF, n) for n in ("subject", "predicate", "object"))
RDFS_LABEL = _iri(ns.RDFS, "label")
SKOS_ALT_LABEL = _iri(ns.SKOS, "altLabel")
DC_REFERENCES, DC_TITLE, DC_ISSUED, DC_SPATIAL, DC_CREATOR = (_iri(ns.DCTERMS, n) for n in (
    "references", "title", "issued", "spatial", "creator"))
PROV_DERIVED = _iri(ns.PROV, "wasDerivedFrom")
ELI_PASSED_BY = _iri(ns.ELI, "passed_by")


class _FZ:
    """The ``fz:`` terms a report graph uses, in N-Triples form."""
    Report, Regulation, Agency, Jurisdiction, DutyStatement, Rating = (_iri(ns.FZ, n) for n in (
        "Report", "Regulation", "Agency", "Jurisdiction", "DutyStatement", "Rating"))
    fileName, sha256, docType, yearCovered, regulationKind, docNumber, inNationalCatalogue = (
        _iri(ns.FZ, n) for n in ("fileName", "sha256", "docType", "yearCovered", "regulationKind", "docNumber",
                                 "inNationalCatalogue"))
    agencyCategory, jurisdiction, jurisdictionName, mentions, sentence, sectionPath = (_iri(ns.FZ, n) for n in (
        "agencyCategory", "jurisdiction", "jurisdictionName", "mentions", "sentence", "sectionPath"))
    start, end = (_iri(ns.FZ, n) for n in ("start", "end"))  # evidence offsets (no selector node)
    report, duty, status, evaluated, evaluator, year, grade, score, rank, rankOutOf = (_iri(ns.FZ, n) for n in (
        "report", "duty", "status", "evaluated", "evaluator", "year", "grade", "score", "rank", "rankOutOf"))


OVERSIGHT_PROPERTY = {kind: f"<{prop}>" for kind, prop in OVERSIGHT_KIND_TO_PROPERTY.items()}
XSD_INTEGER, XSD_DECIMAL, XSD_DATE, XSD_GYEAR, XSD_BOOLEAN = (ns.XSD + n for n in (
    "integer", "decimal", "date", "gYear", "boolean"))

# N-Triples string escapes (every other character may stand as it is in UTF-8)
_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _escaped(text: str) -> str:
    # most text needs no escape, and translate walks a Chinese sentence a character at a time
    if '"' in text or "\\" in text or "\n" in text or "\r" in text:
        return text.translate(_NT_ESCAPES)
    return text


def _lit(text: str) -> str:
    """A plain literal (``Literal(text)``)."""
    return '"' + _escaped(text) + '"'


def _zh(text: str) -> str:
    return '"' + _escaped(text) + '"@zh'


def _typed(value: object, datatype: str) -> str:
    """``Literal(value, datatype=datatype)`` in N-Triples, with the lexical form rdflib gives it:
    ``str`` of an int or float, ``true``/``false`` of a bool, a string as rdflib normalises it."""
    if isinstance(value, bool):
        lexical = "true" if value else "false"
    elif isinstance(value, int | float):
        lexical = str(value)
    else:
        lexical = _normalised(str(value), datatype)
    return f'"{_escaped(lexical)}"^^<{datatype}>'


@memo(4096)
def _normalised(lexical: str, datatype: str) -> str:
    return str(Literal(lexical, datatype=URIRef(datatype)))


@memo(1 << 16)
def _agency(name: str) -> str:
    return f"<{agency_id(name)}>"


@memo(1 << 16)
def _regulation(title: str) -> str:
    return f"<{regulation_id(title)}>"


Triple = tuple[str, str, str]


class _ReportGraphBuilder:
    """Writes one Extraction as the triples of its graph (each term in N-Triples syntax,
    distinct, in the order first written); a class only to share the report IRI."""

    def __init__(self, extraction: Extraction):
        self.ex = extraction
        self.report_id = report_id(extraction.sha256)
        self.report = f"<{self.report_id}>"
        self.triples: dict[Triple, None] = {}
        self.evidence_nodes: set[str] = set()

    def add(self, s: str, p: str, o: str) -> None:
        self.triples[(s, p, o)] = None

    def evidence(self, ev: Evidence, role: str) -> str:
        node_id = evidence_id(self.report_id, ev.start, ev.end, role)
        node = f"<{node_id}>"
        if node in self.evidence_nodes:
            return node
        self.evidence_nodes.add(node)
        add = self.add
        add(node, _FZ.start, _typed(ev.start, XSD_INTEGER))
        add(node, _FZ.end, _typed(ev.end, XSD_INTEGER))
        add(node, _FZ.sentence, _lit(ev.sentence))
        if ev.section:
            add(node, _FZ.sectionPath, _lit(" / ".join(ev.section)))
        return node

    def fact(self, s: str, p: str, o: str, evidence: Iterable[Evidence], role: str) -> None:
        """Assert ``s p o`` (IRIs) and reify it with its evidence (an IRI per triple, stable)."""
        add = self.add
        add(s, p, o)
        statement = f"<{self.report_id}#st-{digest(s[1:-1] + p[1:-1] + o[1:-1])}>"
        add(statement, RDF_SUBJECT, s)
        add(statement, RDF_PREDICATE, p)
        add(statement, RDF_OBJECT, o)
        for ev in evidence:
            add(statement, PROV_DERIVED, self.evidence(ev, role))

    def build(self) -> list[Triple]:
        ex, add, report = self.ex, self.add, self.report
        md = ex.metadata
        add(report, A, _FZ.Report)
        add(report, _FZ.fileName, _lit(ex.doc))
        add(report, _FZ.sha256, _lit(ex.sha256))
        add(report, _FZ.docType, _lit(md.doc_type))
        if md.title:
            add(report, DC_TITLE, _zh(md.title))
        if md.date:
            add(report, DC_ISSUED, _typed(md.date, XSD_DATE))
        if md.year_covered:
            add(report, _FZ.yearCovered, _typed(md.year_covered, XSD_GYEAR))
        if md.region:
            add(report, DC_SPATIAL, self._place(md.region))
        if md.issuer:
            # the issuer as its body is named among the report's agencies: one node, which the oversight
            # edges reach too
            body = body_named(md.issuer, ex.agencies)
            issuer = _agency(body)
            add(report, DC_CREATOR, issuer)
            self._agency_label(issuer, body)
        for reg in ex.regulations:
            node = _regulation(reg.title)
            add(node, A, _FZ.Regulation)
            add(node, RDFS_LABEL, _zh(reg.title))
            for alias in reg.aliases:
                add(node, SKOS_ALT_LABEL, _zh(alias))
            add(node, _FZ.regulationKind, _lit(reg.kind))
            if reg.doc_number:
                add(node, _FZ.docNumber, _lit(reg.doc_number))
            if reg.issuer:
                issuer = _agency(reg.issuer)
                self._agency_label(issuer, reg.issuer)
                add(node, ELI_PASSED_BY, issuer)
            if reg.catalog:
                add(node, _FZ.inNationalCatalogue, _typed(True, XSD_BOOLEAN))
            self.fact(report, DC_REFERENCES, node, reg.evidence, "cites")
        for agency in ex.agencies:
            node = _agency(agency.name)
            self._agency_label(node, agency.name)
            for alias in agency.aliases:
                add(node, SKOS_ALT_LABEL, _zh(alias))
            add(node, _FZ.agencyCategory, _lit(agency.category))
            if agency.jurisdiction:
                add(node, _FZ.jurisdiction, self._place(agency.jurisdiction))
            self.fact(report, _FZ.mentions, node, agency.evidence[:5], "mentions")
        for edge in ex.oversight:
            prop = OVERSIGHT_PROPERTY[edge.kind]
            self.fact(_agency(edge.overseer), prop, _agency(edge.overseen), [edge.evidence], edge.kind)
        for finding in ex.duties:
            duty = f"<{duty_id(finding.id)}>"
            for status, evidence in finding.statuses.items():
                node = f"<{self.report_id}#duty-{finding.id}-{status}>"
                add(node, A, _FZ.DutyStatement)
                add(node, _FZ.report, report)
                add(node, _FZ.duty, duty)
                add(node, _FZ.status, _lit(status))
                for ev in evidence[:5]:
                    add(node, PROV_DERIVED, self.evidence(ev, f"duty-{finding.id}-{status}"))
        for k, rating in enumerate(ex.ratings):
            node = f"<{self.report_id}#rating-{k}>"
            evaluated = _agency(rating.evaluated)
            add(node, A, _FZ.Rating)
            add(node, _FZ.report, report)
            add(node, _FZ.evaluated, evaluated)
            self._agency_label(evaluated, rating.evaluated)
            if rating.evaluator:
                add(node, _FZ.evaluator, _agency(rating.evaluator))
            if rating.year:
                add(node, _FZ.year, _typed(rating.year, XSD_GYEAR))
            if rating.grade:
                add(node, _FZ.grade, _zh(rating.grade))
            if rating.score is not None:
                add(node, _FZ.score, _typed(rating.score, XSD_DECIMAL))
            if rating.rank is not None:
                add(node, _FZ.rank, _typed(rating.rank, XSD_INTEGER))
            if rating.out_of is not None:
                add(node, _FZ.rankOutOf, _typed(rating.out_of, XSD_INTEGER))
            if rating.evidence:
                add(node, PROV_DERIVED, self.evidence(rating.evidence, f"rating-{k}"))
        return list(self.triples)

    def _place(self, name: str) -> str:
        node = f"<{place_id(name, _adcode(name))}>"
        self.add(node, A, _FZ.Jurisdiction)
        self.add(node, RDFS_LABEL, _zh(name))
        self.add(node, _FZ.jurisdictionName, _lit(name))
        return node

    def _agency_label(self, node: str, name: str) -> None:
        self.add(node, A, _FZ.Agency)
        self.add(node, RDFS_LABEL, _zh(name))


def _adcode(place: str) -> str | None:
    return place_lookups()[1](place)


def report_nt_triples(extraction: Extraction) -> list[Triple]:
    """The distinct triples of the report's graph, each term in N-Triples syntax, in the
    order written: the one layout every other form of the graph is read from."""
    return _ReportGraphBuilder(extraction).build()


def nquads(graph: str, triples: Iterable[Triple]) -> bytes:
    """``triples`` (N-Triples terms) as N-Quads (UTF-8) in the named graph ``graph`` (an IRI)."""
    suffix = f" <{graph}> .\n"
    return "".join(f"{s} {p} {o}{suffix}" for s, p, o in triples).encode("utf-8")


def report_nquads(extraction: Extraction) -> bytes:
    """The report's graph as N-Quads (UTF-8), named by the report IRI."""
    return nquads(report_id(extraction.sha256), report_nt_triples(extraction))


_UNESCAPE = re.compile(r'\\(.)')
_UNESCAPED = {"\\": "\\", '"': '"', "n": "\n", "r": "\r"}


def rdflib_term(term: str) -> URIRef | Literal:
    """One N-Triples term as :func:`report_nt_triples` writes it, as an rdflib term."""
    if term[0] == "<":
        return URIRef(term[1:-1])
    end = term.rindex('"')
    lexical = _UNESCAPE.sub(lambda m: _UNESCAPED[m.group(1)], term[1:end])
    rest = term[end + 1:]
    if rest.startswith("@"):
        return Literal(lexical, lang=rest[1:])
    if rest.startswith("^^"):
        return Literal(lexical, datatype=URIRef(rest[3:-1]))
    return Literal(lexical)


def report_triples(extraction: Extraction) -> list[tuple]:
    """The distinct triples of the report's graph (rdflib terms)."""
    return [(rdflib_term(s), rdflib_term(p), rdflib_term(o)) for s, p, o in report_nt_triples(extraction)]


def report_graph(extraction: Extraction) -> Graph:
    """The named graph of one report, as an rdflib Graph."""
    g = Graph(identifier=URIRef(report_id(extraction.sha256)))
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)
    g.addN((s, p, o, g) for s, p, o in report_triples(extraction))
    return g
