"""The N-Quads the build writes for a report (text made without rdflib) against rdflib: parsed
by rdflib they are the graph :func:`report_graph` gives, every triple once, and each literal
has the lexical form rdflib gives the extracted value (``Literal(score, datatype=XSD.decimal)``,
``Literal(True)``, sentences with quotes and line breaks) — on the bundled reports and on
real ones that have those literals. The stats entry computed from the same terms equals the
one computed from the store after loading them."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from kg.build.pipeline import extract_file
from kg.core.model import Extraction
from kg.graph.aggregates import matrix_row_of
from kg.graph.rdf import report_graph, report_nquads, report_nt_triples
from kg.graph.stats import tally_nquads
from kg.graph.terms import FZ, regulation_iri, report_iri
from tests.conftest import CORPUS

REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
# real reports with what the sample lacks: sentences holding a quote (r40) or a line break
# (r15, r24), regulations in the national catalogue (r05)
REAL_CASES = ("r05.txt", "r15.txt", "r24.txt", "r40.txt")


def _reports() -> list[Path]:
    paths = sorted(CORPUS.glob("*.txt"))
    if REAL.is_dir():
        paths += [REAL / name for name in REAL_CASES]
    return paths


def _parsed(ex: Extraction) -> tuple[Graph, int]:
    """The report's N-Quads as rdflib reads them (its graph) and their number of lines."""
    data = report_nquads(ex)
    ds = Dataset()
    ds.parse(data=data.decode("utf-8"), format="nquads")
    return ds.graph(report_iri(ex.sha256)), len(data.splitlines())


@pytest.fixture(scope="module")
def extractions() -> list[Extraction]:
    return [extract_file(p) for p in _reports()]


def test_the_nquads_parse_to_the_report_graph_each_triple_once(extractions):
    for ex in extractions:
        parsed, lines = _parsed(ex)
        expected = report_graph(ex)
        assert lines == len(parsed) == len(expected), ex.doc
        assert set(parsed) == set(expected), ex.doc


def _ox(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    return ox.NamedNode(str(term)) if isinstance(term, URIRef) else ox.Literal(str(term))


def test_literals_have_the_lexical_forms_rdflib_gives_the_values(extractions):
    seen = {"date": 0, "gYear": 0, "decimal": 0, "integer": 0, "boolean": 0, "quote": 0, "newline": 0}
    for ex in extractions:
        report, md = report_iri(ex.sha256), ex.metadata
        store = ox.Store()
        store.bulk_load(report_nquads(ex), format=ox.RdfFormat.N_QUADS)
        graph = _ox(report)
        # typed literals compared as text: rdflib's parser and Oxigraph both normalise them on reading
        lines = set(report_nquads(ex).decode("utf-8").splitlines())

        def stated(s: URIRef, p: URIRef, o: Literal) -> bool:
            return f'<{s}> <{p}> "{o}"^^<{o.datatype}> <{report}> .' in lines  # noqa: B023 (used at once)

        if md.date:
            assert stated(report, DCTERMS.issued, Literal(md.date, datatype=XSD.date))
            seen["date"] += 1
        if md.year_covered:
            assert stated(report, FZ.yearCovered, Literal(md.year_covered, datatype=XSD.gYear))
            seen["gYear"] += 1
        for k, rating in enumerate(ex.ratings):
            node = URIRef(f"{report}#rating-{k}")
            if rating.score is not None:
                assert stated(node, FZ.score, Literal(rating.score, datatype=XSD.decimal))
                seen["decimal"] += 1
            if rating.rank is not None:
                assert stated(node, FZ.rank, Literal(rating.rank, datatype=XSD.integer))
                seen["integer"] += 1
        for reg in ex.regulations:
            if reg.catalog:
                assert stated(regulation_iri(reg.title), FZ.inNationalCatalogue, Literal(True))
                seen["boolean"] += 1
        # every sentence the graph quotes (agencies and duties keep their first five)
        quoted = [ev.sentence for reg in ex.regulations for ev in reg.evidence]
        quoted += [ev.sentence for agency in ex.agencies for ev in agency.evidence[:5]]
        quoted += [edge.evidence.sentence for edge in ex.oversight]
        quoted += [ev.sentence for duty in ex.duties for evs in duty.statuses.values() for ev in evs[:5]]
        quoted += [r.evidence.sentence for r in ex.ratings if r.evidence]
        written = {q.object for q in store.quads_for_pattern(None, _ox(FZ.sentence), None, graph)}
        assert {ox.Literal(s) for s in quoted} == written, ex.doc
        seen["quote"] += sum('"' in s for s in quoted)
        seen["newline"] += sum("\n" in s for s in quoted)
    expected_kinds = seen if REAL.is_dir() else {k: n for k, n in seen.items() if k not in ("quote", "newline")}
    assert all(expected_kinds.values()), seen  # every kind of literal was met


def test_the_stats_entry_from_the_terms_equals_the_one_read_from_the_store(extractions):
    for ex in extractions:
        graph = str(report_iri(ex.sha256))
        store = ox.Store()
        store.bulk_load(report_nquads(ex), format=ox.RdfFormat.N_QUADS)
        quads = store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        from_store = tally_nquads(graph, ((str(q.subject), str(q.predicate), str(q.object)) for q in quads))
        # the store gives the quads in an order of its own: the same lines, maybe not in the same order
        assert sorted(tally_nquads(graph, report_nt_triples(ex)).splitlines()) == sorted(from_store.splitlines()), \
            ex.doc


# What evidence and reified statements may state: nothing the named graph or a property's domain
# already says (no oa:hasSource, no rdf:type), since the store's time and size follow the quads
EVIDENCE_PROPERTIES = {FZ.start, FZ.end, FZ.sentence, FZ.sectionPath}
STATEMENT_PROPERTIES = {RDF.subject, RDF.predicate, RDF.object, PROV.wasDerivedFrom}


def test_evidence_and_statements_state_nothing_their_graph_already_says(extractions):
    spans = 0
    for ex in extractions:
        g = report_graph(ex)
        evidence = set(g.objects(None, PROV.wasDerivedFrom))
        for ev in evidence:
            said = set(g.predicates(ev, None))
            assert {FZ.start, FZ.end, FZ.sentence} <= said <= EVIDENCE_PROPERTIES, (ex.doc, ev, said)
            # its source is the graph it is in: its IRI begins with the report's
            assert str(ev).startswith(str(report_iri(ex.sha256)) + "#"), ev
        for statement in set(g.subjects(RDF.predicate, None)):
            assert set(g.predicates(statement, None)) == STATEMENT_PROPERTIES, (ex.doc, statement)
        spans += len(evidence)
    assert spans > 100


def test_the_stats_entry_holds_a_report_s_duty_cells_in_its_matrix_row_only(extractions):
    """No node a duty cell (five quads each, a tenth of a build's): the matrix row literal has them."""
    cells = 0
    for ex in extractions:
        graph = str(report_iri(ex.sha256))
        entry = tally_nquads(graph, report_nt_triples(ex)).decode("utf-8")
        subjects = {line.split(" ", 1)[0] for line in entry.splitlines()}
        ratings = {s for s in subjects if f"{s} <{RDF.type}> <{FZ.RatingTally}> " in entry}
        assert subjects - ratings == {f"<{graph}#tally>"}, ex.doc
        row = matrix_row_of(entry.encode("utf-8"))
        assert row is not None and row["files"] == [ex.doc]
        cells += len(row["cells"])
    assert cells > 10
