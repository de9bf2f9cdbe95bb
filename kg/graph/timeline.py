"""The time graph (``…/graph/time``), recomputed with the other shared graphs after every build
that changes reports: what can be said of each cited catalogued document on the citing report's
date, and the reform events that turned one agency into another.

- Each catalogued document (``fz:inNationalCatalogue``) gets its catalogue facts in ELI terms:
  ``eli:in_force`` (``eli:InForce-inForce`` / ``eli:InForce-notInForce``, as the catalogue
  stands), ``eli:first_date_entry_in_force`` and ``eli:date_no_longer_in_force`` when known,
  ``eli:repealed_by`` its successor, and one ``eli:LegalExpression`` per catalogued version
  (``eli:is_realized_by``, ``eli:version_date``).
- Each (report, catalogued document) citation gets an ``fz:CitationStatus``: ``fz:report``,
  ``fz:regulation``, ``dcterms:date`` (the report's date, when it has one), ``fz:validity``
  (a :data:`kg.core.validity.STATUSES` value), ``eli:in_force`` on that date when it is
  known, ``fz:versionInForce`` / ``fz:latestVersion``, ``eli:date_no_longer_in_force``, and
  ``rdfs:comment`` the line `kg cites` prints. A report without a date, or dated after the
  build (``dcterms:modified`` of the graph), is ``unknown``.
- Each agency of the store that a rule of ``data/gazetteers/agency_succession.tsv`` matches gets
  a W3C ORG ``org:ChangeEvent`` (``org:originalOrganization`` the old body, ``org:resultingOrganization``
  the new, ``org:changedBy`` / ``org:resultedFrom`` back, ``prov:startedAtTime`` /
  ``prov:endedAtTime`` the reform's range); one event per jurisdiction and rule, so 清远市法制局
  and 清远市人民政府法制办公室 both feed the one event resulting in 清远市司法局.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, datetime

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.core.catalog import lookup
from kg.core.succession import chain
from kg.core.validity import first_in_force, row_validity, successor, versions
from kg.graph.terms import (
    ELI,
    ENTITIES_GRAPH,
    FZ,
    ORG,
    PLACES_GRAPH,
    SHARED_GRAPHS,
    TIME_GRAPH,
    agency_iri,
    change_event_iri,
    citation_status_iri,
    regulation_iri,
    version_iri,
)

IN_FORCE = ox.NamedNode(str(ELI["InForce-inForce"]))
NOT_IN_FORCE = ox.NamedNode(str(ELI["InForce-notInForce"]))
# eli:in_force on the report's date, by status (absent: not known on that date)
FORCE_AT_DATE = {
    "in_force": IN_FORCE,
    "amended_since": IN_FORCE,
    "not_yet_in_force": NOT_IN_FORCE,
    "no_longer_in_force": NOT_IN_FORCE,
}


def _n(term) -> ox.NamedNode:
    return term if isinstance(term, ox.NamedNode) else ox.NamedNode(str(term))


def _date(value: str) -> ox.Literal:
    return ox.Literal(value, datatype=_n(XSD.date))


def _zh(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


def today(environ: Mapping[str, str] = os.environ) -> str:
    """The build date (UTC) as YYYY-MM-DD: the clock's, or ``SOURCE_DATE_EPOCH``'s where it
    is set (the reproducible-builds convention), so two builds of one corpus can be equal.

    >>> today({"SOURCE_DATE_EPOCH": "1700000000"})
    '2023-11-14'
    """
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return when.date().isoformat()


class _Quads:
    def __init__(self) -> None:
        self.graph = _n(TIME_GRAPH)
        self.quads: dict[ox.Quad, None] = {}

    def add(self, s, p, o) -> None:
        self.quads[ox.Quad(_n(s), _n(p), o, self.graph)] = None


def _report_facts(store):
    """Index lookups over the report graphs: catalogued documents per report, their labels
    there, and each report's date."""
    shared = {str(g) for g in SHARED_GRAPHS}

    def facts(predicate):
        for q in store.ox.quads_for_pattern(None, _n(predicate), None, None):
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value not in shared:
                yield q

    catalogued = {(q.graph_name, q.subject) for q in facts(FZ.inNationalCatalogue)}
    cited = {(q.graph_name, q.object) for q in facts(DCTERMS.references) if q.subject == q.graph_name}
    labels: dict = defaultdict(list)
    for q in facts(RDFS.label):
        if (q.graph_name, q.subject) in catalogued:
            labels[q.subject].append(q.object.value)
    dates = {q.graph_name: q.object.value for q in facts(DCTERMS.issued) if q.subject == q.graph_name}
    return sorted(catalogued & cited, key=str), labels, dates


def _row_of(regulation: ox.NamedNode, labels: list[str]) -> dict | None:
    """The catalogue row of a document node: the row whose title mints this IRI, else any
    label's row."""
    rows = [row for row in (lookup(label) for label in sorted(set(labels))) if row]
    for row in rows:
        if str(regulation_iri(row["title"])) == regulation.value:
            return row
    return rows[0] if rows else None


def _document_facts(out: _Quads, node: ox.NamedNode, row: dict) -> None:
    out.add(node, FZ.catalogStatus, ox.Literal(row["status"]))
    out.add(node, ELI.in_force, IN_FORCE if row["status"] == "in_force" else NOT_IN_FORCE)
    if began := first_in_force(row):
        out.add(node, ELI.first_date_entry_in_force, _date(began))
    for published in versions(row):
        version = _n(version_iri(node.value, published))
        out.add(node, ELI.is_realized_by, version)
        out.add(version, RDF.type, _n(ELI.LegalExpression))
        out.add(version, ELI.realizes, node)
        out.add(version, ELI.version_date, _date(published))
    replaced = successor(row)
    if replaced:
        new_row, end = replaced
        new = _n(regulation_iri(new_row["title"]))
        out.add(node, ELI.repealed_by, new)
        out.add(new, ELI.repeals, node)
        out.add(new, RDF.type, _n(ELI.LegalResource))
        out.add(new, SKOS.prefLabel, _zh(new_row["title"]))
        out.add(new, ELI.in_force, IN_FORCE)
        if end:
            out.add(node, ELI.date_no_longer_in_force, _date(end))
            out.add(new, ELI.first_date_entry_in_force, _date(end))


def citation_quads(store, out: _Quads, build_date: str) -> None:
    pairs, labels, dates = _report_facts(store)
    rows: dict = {}
    for report, regulation in pairs:
        if regulation not in rows:
            rows[regulation] = _row_of(regulation, labels[regulation])
            if rows[regulation]:
                _document_facts(out, regulation, rows[regulation])
        row = rows[regulation]
        if row is not None:
            citation_status(out, report, regulation, row, dates.get(report), build_date)


def citation_status(out: _Quads, report: ox.NamedNode, regulation: ox.NamedNode, row: dict, date: str | None,
                    build_date: str) -> None:
    """The ``fz:CitationStatus`` of one (report, catalogued document) citation."""
    v = row_validity(row, date, build_date)
    node = _n(citation_status_iri(URIRef(report.value), URIRef(regulation.value)))
    out.add(node, RDF.type, _n(FZ.CitationStatus))
    out.add(node, FZ.report, report)
    out.add(node, FZ.regulation, regulation)
    out.add(node, FZ.validity, ox.Literal(v.status))
    out.add(node, RDFS.comment, ox.Literal(v.text, language="en"))
    if v.on:
        out.add(node, DCTERMS.date, _date(v.on))
    if v.status in FORCE_AT_DATE:
        out.add(node, ELI.in_force, FORCE_AT_DATE[v.status])
    if v.version:
        out.add(node, FZ.versionInForce, _n(version_iri(regulation.value, v.version)))
    if v.latest_version:
        out.add(node, FZ.latestVersion, _n(version_iri(regulation.value, v.latest_version)))
    if v.end_date:
        out.add(node, ELI.date_no_longer_in_force, _date(v.end_date))


class EventContext:
    """What the change events of an agency depend on beyond its own names: read from the
    entities and places graphs of ``store`` by index lookups (one agency at a time), or, with
    :meth:`whole`, from one scan of them (the reference, :func:`change_event_quads`)."""

    def __init__(self, store) -> None:
        self.store = store
        self.entities, self.places = _n(ENTITIES_GRAPH), _n(PLACES_GRAPH)
        self.agency_set: set | None = None
        self.name_map: dict | None = None
        self.place_names: dict | None = None
        self.place_nodes: dict | None = None
        self.jurisdictions: dict | None = None
        self.all_names: dict | None = None

    @classmethod
    def whole(cls, store) -> EventContext:
        ctx = cls(store)
        entities, places = ctx.entities, ctx.places
        names: dict = defaultdict(list)  # agency → [preferred name, other names…]
        for predicate in (SKOS.prefLabel, SKOS.altLabel):
            for q in store.ox.quads_for_pattern(None, _n(predicate), None, entities):
                names[q.subject].append(q.object.value)
        ctx.all_names = names
        ctx.agency_set = {q.subject for q in store.ox.quads_for_pattern(None, _n(RDF.type), _n(FZ.Agency), entities)}
        ctx.place_names = {q.subject: q.object.value
                           for q in store.ox.quads_for_pattern(None, _n(RDFS.label), None, places)}
        ctx.jurisdictions = {
            q.subject: ctx.place_names.get(q.object)
            for q in store.ox.quads_for_pattern(None, _n(FZ.jurisdiction), None, entities)
        }
        ctx.place_nodes = {name: node for node, name in ctx.place_names.items()}
        by_name: dict[str, ox.NamedNode] = {}
        for agency in sorted(ctx.agency_set, key=str):
            for name in names.get(agency, []):
                by_name.setdefault(name, agency)
        ctx.name_map = by_name
        return ctx

    def agencies(self) -> list[ox.NamedNode]:
        if self.agency_set is not None:
            return sorted(self.agency_set, key=str)
        found = self.store.ox.quads_for_pattern(None, _n(RDF.type), _n(FZ.Agency), self.entities)
        return sorted({q.subject for q in found}, key=str)

    def is_agency(self, node: ox.NamedNode) -> bool:
        if self.agency_set is not None:
            return node in self.agency_set
        return ox.Quad(node, _n(RDF.type), _n(FZ.Agency), self.entities) in self.store.ox

    def names(self, agency: ox.NamedNode) -> list[str]:
        if self.all_names is not None:
            return self.all_names.get(agency, [])
        return [q.object.value for predicate in (SKOS.prefLabel, SKOS.altLabel)
                for q in self.store.ox.quads_for_pattern(agency, _n(predicate), None, self.entities)]

    def _place_name(self, node) -> str | None:
        if self.place_names is not None:
            return self.place_names.get(node)
        found = [q.object.value for q in self.store.ox.quads_for_pattern(node, _n(RDFS.label), None, self.places)]
        return found[-1] if found else None

    def jurisdiction(self, agency: ox.NamedNode) -> str | None:
        if self.jurisdictions is not None:
            return self.jurisdictions.get(agency)
        found = list(self.store.ox.quads_for_pattern(agency, _n(FZ.jurisdiction), None, self.entities))
        return self._place_name(found[-1].object) if found else None

    def by_name(self, name: str) -> ox.NamedNode | None:
        """The first agency (in IRI order) of which ``name`` is a name."""
        if self.name_map is not None:
            return self.name_map.get(name)
        found = {q.subject for predicate in (SKOS.prefLabel, SKOS.altLabel)
                 for literal in (_zh(name), ox.Literal(name))
                 for q in self.store.ox.quads_for_pattern(None, _n(predicate), literal, self.entities)}
        agencies = sorted((a for a in found if self.is_agency(a)), key=str)
        return agencies[0] if agencies else None

    def place_node(self, name: str):
        if self.place_nodes is not None:
            return self.place_nodes.get(name)
        found = [q.subject for literal in (_zh(name), ox.Literal(name))
                 for q in self.store.ox.quads_for_pattern(None, _n(RDFS.label), literal, self.places)]
        found = [node for node in found if self._place_name(node) == name]
        return found[-1] if found else None


def agency_events(agency: ox.NamedNode, ctx: EventContext, out: _Quads) -> list:
    """The reform events of one agency (into ``out``); returns the steps of its chain (what
    else they depend on: which agency bears each successor's name, the place of each step)."""
    for name in ctx.names(agency):
        steps = chain(name, ctx.jurisdiction(agency))
        if steps:
            break
    else:
        return []
    old = agency
    for step in steps:
        new = ctx.by_name(step.new) or _n(agency_iri(step.new))
        if new == old:
            break
        event = _n(change_event_iri(step.jurisdiction, step.rule.id, step.new))
        out.add(event, RDF.type, _n(ORG.ChangeEvent))
        out.add(event, RDFS.label, _zh(f"{step.rule.reform}：{step.new}"))
        out.add(event, DCTERMS.description, _zh(step.rule.reform))
        out.add(event, ORG.originalOrganization, old)
        out.add(event, ORG.resultingOrganization, new)
        out.add(old, ORG.changedBy, event)
        out.add(new, ORG.resultedFrom, event)
        out.add(event, PROV.startedAtTime, ox.Literal(f"{step.start}T00:00:00", datatype=_n(XSD.dateTime)))
        out.add(event, PROV.endedAtTime, ox.Literal(f"{step.end}T23:59:59", datatype=_n(XSD.dateTime)))
        if (place := ctx.place_node(step.jurisdiction)) is not None:
            out.add(event, DCTERMS.spatial, place)
        if not ctx.is_agency(new):  # not named by any report: a name only
            out.add(new, RDF.type, _n(ORG.Organization))
            out.add(new, SKOS.prefLabel, _zh(step.new))
        old = new
    return steps


def change_event_quads(store, out: _Quads) -> None:
    """Reform events for the agencies of the entities graph that a succession rule matches."""
    ctx = EventContext.whole(store)
    for agency in ctx.agencies():
        agency_events(agency, ctx, out)


def header_quads(out: _Quads, build_date: str) -> None:
    """The time graph's own description: its build date and sources."""
    graph = out.graph
    out.add(graph, RDF.type, _n(PROV.Entity))
    out.add(graph, DCTERMS.modified, _date(build_date))
    out.add(
        graph,
        DCTERMS.source,
        ox.Literal(
            "data/laws_catalog.tsv (LawRefBook/Laws 2f4c5c2, 2025-04-19); "
            "data/patterns/successor_rules.tsv; data/gazetteers/agency_succession.tsv"
        ),
    )


def time_quads(store, build_date: str | None = None) -> list[ox.Quad]:
    """The quads of the time graph; ``build_date`` (YYYY-MM-DD, default today, UTC) is the
    date after which a report's date is not believed."""
    build_date = build_date or today()
    out = _Quads()
    header_quads(out, build_date)
    citation_quads(store, out, build_date)
    change_event_quads(store, out)
    return list(out.quads)
