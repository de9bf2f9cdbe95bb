"""The stats graph (``fzg:stats``): precomputed aggregates the corpus-wide tables read.

One entry per report, computed from that report's named graph alone and kept in step with it
by every build (entries of added or changed reports are computed by the workers beside the
report's N-Quads and loaded with them, those of dropped reports removed: :func:`update_stats`;
nothing else is touched), so a build never recounts the corpus:

* an ``fz:ReportTally`` — the report as a matrix row: file name, year, the labels of its place;
  its duty × status cells — how many distinct sentences say so — in one JSON literal
  (``fz:matrixRow``): ``kg duties`` reads the whole matrix with one index scan, and a cell as
  nodes of its own cost five quads, a tenth of what a build loads (149 of 1,406 a report);
* an ``fz:RatingTally`` per ``fz:Rating`` (same IRI) — evaluated body, evaluator, year, grade,
  score, rank and the sentence.

Names are not copied: they are cross-report facts (the entities graph) joined when read. The
facts are copied under ``fz:tally*`` properties of their own, so a query over the union of the
graphs never meets a duty statement or a rating twice. The graph node carries
``fz:statsVersion``: a store without it (built by an older version) is rebuilt whole by the
next build, and read from the report graphs meanwhile (:mod:`kg.query.stats`).
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from kg.graph.terms import FZ, STATS_GRAPH

# Bumped whenever what an entry holds changes: the next build then writes the graph anew.
# 3: the duty cells only in the fz:matrixRow literal (no fz:DutyTally nodes)
STATS_VERSION = 3


def _node(term: Any) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def _nt(term: Any) -> str:
    return f"<{term}>"


GRAPH = _node(STATS_GRAPH)
TALLY_OF = _node(FZ.tallyOf)
VERSION_QUAD = ox.Quad(GRAPH, _node(FZ.statsVersion), ox.Literal(str(STATS_VERSION), datatype=_node(XSD.integer)),
                       GRAPH)
# a rating's facts → the tally property each is copied under
RATING_FACTS = ((FZ.evaluated, FZ.tallyEvaluated), (FZ.evaluator, FZ.tallyEvaluator), (FZ.year, FZ.tallyRatingYear),
                (FZ.grade, FZ.tallyGrade), (FZ.score, FZ.tallyScore), (FZ.rank, FZ.tallyRank),
                (FZ.rankOutOf, FZ.tallyRankOutOf))
# the predicates an entry is computed from (N-Triples form): every other triple is skipped unread
READ = frozenset(_nt(p) for p in (RDF.type, FZ.fileName, FZ.yearCovered, DCTERMS.spatial, RDFS.label, FZ.report,
                                  FZ.duty, FZ.status, PROV.wasDerivedFrom, FZ.sentence,
                                  *(fact for fact, _ in RATING_FACTS)))


def has_current_stats(store: Any) -> bool:
    """True when ``store`` (a :class:`~kg.store.KGStore`) holds a stats graph of this version."""
    return VERSION_QUAD in store.ox


# the terms an entry reads and writes, in N-Triples form (made once: an rdflib Namespace lookup
# per use cost more than the counting)
A, REPORT, DUTY_STATEMENT, RATING = (_nt(t) for t in (RDF.type, FZ.Report, FZ.DutyStatement, FZ.Rating))
FILE_NAME, YEAR_COVERED, SPATIAL, LABEL = (_nt(t) for t in (FZ.fileName, FZ.yearCovered, DCTERMS.spatial,
                                                           RDFS.label))
OF_REPORT, DUTY, STATUS, DERIVED, SENTENCE, EVALUATED = (_nt(t) for t in (
    FZ.report, FZ.duty, FZ.status, PROV.wasDerivedFrom, FZ.sentence, FZ.evaluated))
NT_TALLY_OF, REPORT_TALLY, TALLY_FILE, TALLY_YEAR, TALLY_JURISDICTION, MATRIX_ROW = (_nt(t) for t in (
    FZ.tallyOf, FZ.ReportTally, FZ.tallyFile, FZ.tallyYear, FZ.tallyJurisdiction, FZ.matrixRow))
RATING_TALLY, TALLY_SENTENCE = _nt(FZ.RatingTally), _nt(FZ.tallySentence)
NT_RATING_FACTS = tuple((_nt(fact), _nt(tally)) for fact, tally in RATING_FACTS)
STATS_SUFFIX = f" {_nt(STATS_GRAPH)} .\n"


def tally_nquads(report: str, triples: Iterable[tuple[str, str, str]]) -> bytes:
    """The stats entry of one report, as N-Quads in the stats graph, from the triples of its
    named graph ``report`` (each term in N-Triples syntax). Empty when the graph states no
    ``fz:Report`` with a file name — such a graph gives no row to the tables either.

    Works on N-Triples text, not parsed terms: the build computes it in the worker from the
    terms it serializes the report with (:func:`kg.graph.rdf.report_nt_triples`), where
    parsing 1,700 quads a report would cost a fifth of the extraction."""
    facts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        if p in READ:
            facts[s][p].append(o)

    def objects(subject: str, predicate: str) -> list[str]:
        return facts[subject].get(predicate, []) if subject in facts else []

    def typed(kind: str) -> list[str]:
        return [s for s, by in facts.items() if kind in by.get(A, ())]

    g = _nt(report)
    files = objects(g, FILE_NAME)
    if g not in typed(REPORT) or not files:
        return b""
    a, of, row = A, NT_TALLY_OF, _nt(f"{report}#tally")
    out = [(row, a, REPORT_TALLY), (row, of, g)]
    out += [(row, TALLY_FILE, f) for f in files]
    out += [(row, TALLY_YEAR, y) for y in objects(g, YEAR_COVERED)]
    places = dict.fromkeys(label for place in objects(g, SPATIAL) for label in objects(place, LABEL))
    out += [(row, TALLY_JURISDICTION, label) for label in places]

    # the cells of the matrix: (duty, status) → the distinct sentences (evidence nodes) saying so
    cells: dict[tuple[str, str], set[str]] = defaultdict(set)
    for st in typed(DUTY_STATEMENT):
        if g not in objects(st, OF_REPORT):
            continue
        evidence = set(objects(st, DERIVED))
        for duty in objects(st, DUTY):
            for status in objects(st, STATUS):
                cells[(duty, status)] |= evidence
    # the same row in one literal: `kg duties` reads the whole matrix with one index scan
    years = objects(g, YEAR_COVERED)
    row_json = json.dumps({"files": [_lexical(f) for f in files], "years": [_lexical(y) for y in years],
                           "places": [_lexical(p) for p in places],
                           "cells": sorted([d[1:-1], _lexical(st), len(ev)] for (d, st), ev in cells.items())},
                          ensure_ascii=False, sort_keys=True)
    out.append((row, MATRIX_ROW, json.dumps(row_json, ensure_ascii=False)))

    for rating in typed(RATING):
        if not objects(rating, EVALUATED):
            continue
        out += [(rating, a, RATING_TALLY), (rating, of, g)]
        for fact, tally in NT_RATING_FACTS:
            out += [(rating, tally, value) for value in objects(rating, fact)]
        sentences = dict.fromkeys(s for ev in objects(rating, DERIVED) for s in objects(ev, SENTENCE))
        out += [(rating, TALLY_SENTENCE, s) for s in sentences]
    return "".join(f"{s} {p} {o}{STATS_SUFFIX}" for s, p, o in out).encode("utf-8")


def _lexical(term: str) -> str:
    """The lexical form of a literal in N-Triples syntax (``"2021"^^<…gYear>``, ``"文山市"@zh``)."""
    end = term.rindex('"')
    return json.loads(term[:end + 1]) if "\\" in term[:end] else term[1:end]


def matrix_rows(store: Any) -> list[dict[str, Any]] | None:
    """Every report's row of the compliance matrix from the stats graph, one scan of
    ``fz:matrixRow``: ``{"report", "files", "years", "places", "cells"}``; None when the
    store has no current stats graph."""
    if not has_current_stats(store):
        return None
    rows = []
    for q in store.ox.quads_for_pattern(None, _node(FZ.matrixRow), None, GRAPH):
        row = json.loads(q.object.value)
        row["report"] = q.subject.value[: -len("#tally")]
        rows.append(row)
    return rows


def report_tally_nquads(store: Any, report: str) -> bytes:
    """:func:`tally_nquads` of a report graph of ``store`` (a :class:`~kg.store.KGStore`)."""
    quads = store.ox.quads_for_pattern(None, None, None, ox.NamedNode(report))
    return tally_nquads(report, ((str(q.subject), str(q.predicate), str(q.object)) for q in quads))


def _remove_entries(store: Any, report: str) -> None:
    entries = {q.subject for q in store.ox.quads_for_pattern(None, TALLY_OF, ox.NamedNode(report), GRAPH)}
    for subject in entries:
        for q in list(store.ox.quads_for_pattern(subject, None, None, GRAPH)):
            store.ox.remove(q)


def remove_entries(store: Any, reports: Iterable[str]) -> None:
    """Drop the stats entries of ``reports`` (report graph IRIs)."""
    for report in reports:
        _remove_entries(store, report)


def update_stats(store: Any, missing: Iterable[str] = (), removed: Iterable[str] = ()) -> int:
    """Finish the stats graph of a build: drop the entries of the ``removed`` reports and compute
    from the store those of the reports ``missing`` one (reports kept from a store that had no
    current stats graph: read from their graphs, once); :func:`mark_current` then marks it
    current. The entries of the reports a build writes are loaded with their graphs. Returns
    how many entries were computed here."""
    remove_entries(store, removed)
    batch: list[bytes] = []
    todo = sorted(set(missing))
    for report in todo:
        batch.append(report_tally_nquads(store, report))
        if len(batch) >= 500:  # bounded memory whatever the corpus
            load_entries(store, b"".join(batch))
            batch = []
    load_entries(store, b"".join(batch))
    return len(todo)


def mark_current(store: Any) -> None:
    """Mark the stats graph of ``store`` current (of this version, every entry in step). A write
    through the write-ahead log: on a store just bulk-loaded it waits until RocksDB has compacted
    enough of the loaded table files (its write stall), which is why a build makes it last."""
    store.ox.add(VERSION_QUAD)


def remove_quads(store: Any, nquads: bytes) -> None:
    """Drop the quads given as N-Quads (an entry, :func:`tally_nquads`) wherever they are."""
    for quad in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
        store.ox.remove(quad)


def load_entries(store: Any, nquads: bytes) -> None:
    """Add stats entries given as N-Quads (:func:`tally_nquads`) with one bulk load."""
    if nquads:
        store.ox.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
