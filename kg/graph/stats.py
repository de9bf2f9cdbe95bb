"""The stats graph (``fzg:stats``): precomputed aggregates the corpus-wide tables read.

One entry per report, computed from that report's named graph alone and kept in step with it
by every build (:func:`update_stats`: entries of added or changed reports are written, those of
dropped reports removed; nothing else is touched), so a build never recounts the corpus:

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

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from kg.graph.terms import FZ, STATS_GRAPH, digest

# Bumped whenever what an entry holds changes: the next build then writes the graph anew.
STATS_VERSION = 1


def _node(term: Any) -> ox.NamedNode:
    return ox.NamedNode(str(term))


GRAPH = _node(STATS_GRAPH)
A = _node(RDF.type)
TALLY_OF = _node(FZ.tallyOf)
VERSION_QUAD = ox.Quad(GRAPH, _node(FZ.statsVersion), ox.Literal(str(STATS_VERSION), datatype=_node(XSD.integer)),
                       GRAPH)
# a rating's facts → the tally property each is copied under
RATING_FACTS = ((FZ.evaluated, FZ.tallyEvaluated), (FZ.evaluator, FZ.tallyEvaluator), (FZ.year, FZ.tallyRatingYear),
                (FZ.grade, FZ.tallyGrade), (FZ.score, FZ.tallyScore), (FZ.rank, FZ.tallyRank),
                (FZ.rankOutOf, FZ.tallyRankOutOf))


def has_current_stats(store: Any) -> bool:
    """True when ``store`` (a :class:`~kg.store.KGStore`) holds a stats graph of this version."""
    return VERSION_QUAD in store.ox


def report_tally_quads(store: Any, report: str) -> list[ox.Quad]:
    """The stats entry of one report, from its named graph ``report`` (index lookups in that
    graph only). Empty when the graph states no ``fz:Report`` with a file name — such a graph
    gives no row to the tables either."""
    g = ox.NamedNode(report)

    def objects(subject: Any, predicate: Any) -> list[Any]:
        return [q.object for q in store.ox.quads_for_pattern(subject, _node(predicate), None, g)]

    def typed(kind: Any) -> list[Any]:
        return [q.subject for q in store.ox.quads_for_pattern(None, A, _node(kind), g)]

    if g not in typed(FZ.Report):
        return []
    files = objects(g, FZ.fileName)
    if not files:
        return []
    row = ox.NamedNode(f"{report}#tally")
    out = [ox.Quad(row, A, _node(FZ.ReportTally), GRAPH), ox.Quad(row, TALLY_OF, g, GRAPH)]
    out += [ox.Quad(row, _node(FZ.tallyFile), f, GRAPH) for f in files]
    out += [ox.Quad(row, _node(FZ.tallyYear), y, GRAPH) for y in objects(g, FZ.yearCovered)]
    places = {label for place in objects(g, DCTERMS.spatial) for label in objects(place, RDFS.label)}
    out += [ox.Quad(row, _node(FZ.tallyJurisdiction), label, GRAPH) for label in places]

    # the cells of the matrix: (duty, status) → the distinct sentences (evidence nodes) saying so
    cells: dict[tuple[Any, Any], set[Any]] = defaultdict(set)
    for st in typed(FZ.DutyStatement):
        if g not in objects(st, FZ.report):
            continue
        evidence = set(objects(st, PROV.wasDerivedFrom))
        for duty in objects(st, FZ.duty):
            for status in objects(st, FZ.status):
                cells[(duty, status)] |= evidence
    integer = _node(XSD.integer)
    for (duty, status), evidence in cells.items():
        cell = ox.NamedNode(f"{report}#tally-{digest(str(duty) + ' ' + str(status))}")
        out += [ox.Quad(cell, A, _node(FZ.DutyTally), GRAPH), ox.Quad(cell, TALLY_OF, g, GRAPH),
                ox.Quad(cell, _node(FZ.tallyDuty), duty, GRAPH), ox.Quad(cell, _node(FZ.tallyStatus), status, GRAPH),
                ox.Quad(cell, _node(FZ.sentenceCount), ox.Literal(str(len(evidence)), datatype=integer), GRAPH)]

    for rating in typed(FZ.Rating):
        if not objects(rating, FZ.evaluated):
            continue
        out += [ox.Quad(rating, A, _node(FZ.RatingTally), GRAPH), ox.Quad(rating, TALLY_OF, g, GRAPH)]
        for fact, tally in RATING_FACTS:
            out += [ox.Quad(rating, _node(tally), value, GRAPH) for value in objects(rating, fact)]
        sentences = {s for ev in objects(rating, PROV.wasDerivedFrom) for s in objects(ev, FZ.sentence)}
        out += [ox.Quad(rating, _node(FZ.tallySentence), s, GRAPH) for s in sentences]
    return out


def _remove_entries(store: Any, report: str) -> None:
    entries = {q.subject for q in store.ox.quads_for_pattern(None, TALLY_OF, ox.NamedNode(report), GRAPH)}
    for subject in entries:
        for q in list(store.ox.quads_for_pattern(subject, None, None, GRAPH)):
            store.ox.remove(q)


def update_stats(store: Any, reports: Iterable[str], changed: Iterable[str] = (), removed: Iterable[str] = ()) -> int:
    """Bring the stats graph in step with the report graphs: ``reports`` are the report graph
    IRIs the store now holds, ``changed`` those written by this build, ``removed`` those it
    dropped. A store without a current stats graph gets it whole. Returns how many reports'
    entries were written."""
    if has_current_stats(store):
        todo = set(changed)
        for report in set(removed) | todo:
            _remove_entries(store, report)
    else:  # none yet, or of another version: every report anew
        store.remove_graph(str(STATS_GRAPH))
        todo = set(reports)
    batch: list[ox.Quad] = []
    for report in sorted(todo):
        batch += report_tally_quads(store, report)
        if len(batch) > 100_000:  # bounded memory whatever the corpus
            store.ox.extend(batch)
            batch = []
    store.ox.extend([*batch, VERSION_QUAD])
    return len(todo)
