"""The stats graph (``fzg:stats``): precomputed aggregates the corpus-wide tables read.

One entry per report, computed from that report's named graph alone and kept in step with it
by every build (entries of added or changed reports are computed by the workers beside the
report's N-Quads and loaded with them, those of dropped reports removed: :func:`update_stats`;
nothing else is touched), so a build never recounts the corpus:

* an ``fz:ReportTally`` — the report as a matrix row: file name, year, the labels of its place;
* an ``fz:DutyTally`` per (duty, status) the report gives — how many distinct sentences say so;
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

from kg.graph.terms import FZ, STATS_GRAPH, digest

# Bumped whenever what an entry holds changes: the next build then writes the graph anew.
STATS_VERSION = 2


def _node(term: Any) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def _nt(term: Any) -> str:
    return f"<{term}>"


GRAPH = _node(STATS_GRAPH)
TALLY_OF = _node(FZ.tallyOf)
INTEGER = _nt(XSD.integer)
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


def tally_nquads(report: str, triples: Iterable[tuple[str, str, str]]) -> bytes:
    """The stats entry of one report, as N-Quads in the stats graph, from the triples of its
    named graph ``report`` (each term in N-Triples syntax). Empty when the graph states no
    ``fz:Report`` with a file name — such a graph gives no row to the tables either.

    Works on N-Triples text, not parsed terms: the build computes it in the worker from the
    report's N-Quads (:func:`report_nquads_tally`), where parsing 1,700 quads a report would
    cost a fifth of the extraction."""
    facts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        if p in READ:
            facts[s][p].append(o)

    def objects(subject: str, predicate: Any) -> list[str]:
        return facts[subject].get(_nt(predicate), []) if subject in facts else []

    def typed(kind: Any) -> list[str]:
        a, node = _nt(RDF.type), _nt(kind)
        return [s for s, by in facts.items() if node in by.get(a, ())]

    g = _nt(report)
    files = objects(g, FZ.fileName)
    if g not in typed(FZ.Report) or not files:
        return b""
    a, of, row = _nt(RDF.type), _nt(FZ.tallyOf), _nt(f"{report}#tally")
    out = [(row, a, _nt(FZ.ReportTally)), (row, of, g)]
    out += [(row, _nt(FZ.tallyFile), f) for f in files]
    out += [(row, _nt(FZ.tallyYear), y) for y in objects(g, FZ.yearCovered)]
    places = dict.fromkeys(label for place in objects(g, DCTERMS.spatial) for label in objects(place, RDFS.label))
    out += [(row, _nt(FZ.tallyJurisdiction), label) for label in places]

    # the cells of the matrix: (duty, status) → the distinct sentences (evidence nodes) saying so
    cells: dict[tuple[str, str], set[str]] = defaultdict(set)
    for st in typed(FZ.DutyStatement):
        if g not in objects(st, FZ.report):
            continue
        evidence = set(objects(st, PROV.wasDerivedFrom))
        for duty in objects(st, FZ.duty):
            for status in objects(st, FZ.status):
                cells[(duty, status)] |= evidence
    # the same row in one literal: `kg duties` reads the whole matrix with one index scan
    years = objects(g, FZ.yearCovered)
    row_json = json.dumps({"files": [_lexical(f) for f in files], "years": [_lexical(y) for y in years],
                           "places": [_lexical(p) for p in places],
                           "cells": sorted([d[1:-1], _lexical(st), len(ev)] for (d, st), ev in cells.items())},
                          ensure_ascii=False, sort_keys=True)
    out.append((row, _nt(FZ.matrixRow), json.dumps(row_json, ensure_ascii=False)))
    for (duty, status), evidence in cells.items():
        cell = _nt(f"{report}#tally-{digest(duty + ' ' + status)}")
        out += [(cell, a, _nt(FZ.DutyTally)), (cell, of, g), (cell, _nt(FZ.tallyDuty), duty),
                (cell, _nt(FZ.tallyStatus), status), (cell, _nt(FZ.sentenceCount), f'"{len(evidence)}"^^{INTEGER}')]

    for rating in typed(FZ.Rating):
        if not objects(rating, FZ.evaluated):
            continue
        out += [(rating, a, _nt(FZ.RatingTally)), (rating, of, g)]
        for fact, tally in RATING_FACTS:
            out += [(rating, _nt(tally), value) for value in objects(rating, fact)]
        sentences = dict.fromkeys(s for ev in objects(rating, PROV.wasDerivedFrom) for s in objects(ev, FZ.sentence))
        out += [(rating, _nt(FZ.tallySentence), s) for s in sentences]
    graph = f" {_nt(STATS_GRAPH)} .\n"
    return "".join(f"{s} {p} {o}{graph}" for s, p, o in out).encode("utf-8")


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


def report_nquads_tally(report: str, nquads: bytes) -> bytes:
    """:func:`tally_nquads` of a report graph given as the N-Quads the build serializes (one
    quad a line, every line in the graph ``report``: subject and predicate hold no space)."""
    suffix = len(f" <{report}> .")
    lines = nquads.decode("utf-8").splitlines()
    return tally_nquads(report, ((s, p, o[:-suffix]) for s, p, o in (line.split(" ", 2) for line in lines if line)))


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
    """Finish the stats graph of a build: drop the entries of the ``removed`` reports, compute
    from the store those of the reports ``missing`` one (reports kept from a store that had no
    current stats graph: read from their graphs, once), and mark the graph current. The
    entries of the reports a build writes are loaded with their graphs. Returns how many
    entries were computed here."""
    remove_entries(store, removed)
    batch: list[bytes] = []
    todo = sorted(set(missing))
    for report in todo:
        batch.append(report_tally_nquads(store, report))
        if len(batch) >= 500:  # bounded memory whatever the corpus
            load_entries(store, b"".join(batch))
            batch = []
    load_entries(store, b"".join(batch))
    store.ox.add(VERSION_QUAD)
    return len(todo)


def load_entries(store: Any, nquads: bytes) -> None:
    """Add stats entries given as N-Quads (:func:`report_nquads_tally`) with one bulk load."""
    if nquads:
        store.ox.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
