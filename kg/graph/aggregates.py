"""Corpus-wide aggregates kept beside the store, so that a corpus-wide question reads a few
hundred numbers instead of one row per report: ``aggregates.json`` in each generation (written
by the build, :mod:`kg.build.corpus`; read by :mod:`kg.query.aggregates`).

* ``duties`` — per duty × status, how many reports give it and how many sentences say so, over
  the whole corpus (``total``) and per jurisdiction (``jurisdictions``: the report's place
  labels, its file name when it names none — the rows of ``duty-matrix.rq``). Kept as sums of
  each report's contribution, computed from the report's ``fz:matrixRow`` (its stats entry,
  :mod:`kg.graph.stats`): added for a report a build extracts, subtracted (read from the
  stats graph before its entry is dropped) for one it removes or extracts again, so a build
  never recounts the corpus. A store without a usable file (an older version's) gets it from
  one scan of the stats graph (:func:`from_rows` of every matrix row) at its next build.
* ``most_cited`` — the :data:`TOP_CITED` most cited documents (IRI, reports citing it, title,
  kind), from the entities graph's ``fz:citingReports`` counts: rewritten whenever the build
  refreshes the shared graphs (it reads one index, not the report graphs).

>>> agg = empty()
>>> add_report(agg, {"files": ["a.txt"], "years": [], "places": ["文山市"],
...                  "cells": [["https://x/duty/d", "done", 2]]})
>>> agg["duties"]["total"], agg["duties"]["jurisdictions"]["文山市"]["reports"]
({'https://x/duty/d done': [1, 2]}, 1)
>>> add_report(agg, {"files": ["a.txt"], "years": [], "places": ["文山市"],
...                  "cells": [["https://x/duty/d", "done", 2]]}, sign=-1)
>>> agg["duties"]
{'reports': 0, 'total': {}, 'jurisdictions': {}}
"""
from __future__ import annotations

import heapq
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from functools import lru_cache, partial
from itertools import groupby
from operator import itemgetter
from typing import Any

import pyoxigraph as ox

from kg.core.namespaces import ENTITIES_GRAPH, FZ, SKOS, STATS_GRAPH
from kg.core.sparql import from_ox_term

# Bumped whenever what the file holds changes: a build then computes it anew (one scan of the
# stats graph), and a reader ignores a file of another version (answers as without it).
AGGREGATES_VERSION = 2
FILE = "aggregates.json"
# the per-jurisdiction counts, apart: thousands of places, read only by `kg duties --by jurisdiction`
JURISDICTIONS_FILE = "aggregates-jurisdictions.json"
TOP_CITED = 1000  # `kg regulations --top N` beyond this asks the entities graph

# plain IRI strings, no rdflib: `kg regulations` reads this module (a question loads no rdflib)
MATRIX_ROW = ox.NamedNode(FZ + "matrixRow")
STATS = ox.NamedNode(STATS_GRAPH)


def empty() -> dict[str, Any]:
    return {"version": AGGREGATES_VERSION, "duties": {"reports": 0, "total": {}, "jurisdictions": {}},
            "most_cited": []}


def split(agg: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The two files' contents: everything but the jurisdictions (with their number), and them."""
    duties = {k: v for k, v in agg["duties"].items() if k != "jurisdictions"}
    duties["places"] = len(agg["duties"]["jurisdictions"])
    return ({**agg, "duties": duties},
            {"version": AGGREGATES_VERSION, "jurisdictions": agg["duties"]["jurisdictions"]})


def joined(main: dict[str, Any], jurisdictions: dict[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`split`."""
    duties = {k: v for k, v in main["duties"].items() if k != "places"}
    return {**main, "duties": {**duties, "jurisdictions": jurisdictions["jurisdictions"]}}


def cell_key(duty: str, status: str) -> str:
    """The key of a (duty IRI, status) cell in the file."""
    return f"{duty} {status}"


def _add_cells(cells: dict[str, list[int]], row: dict[str, Any], sign: int) -> None:
    for duty, status, sentences in row["cells"]:
        found = cells.setdefault(cell_key(duty, status), [0, 0])
        found[0] += sign
        found[1] += sign * int(sentences)
        if found == [0, 0]:
            del cells[cell_key(duty, status)]


def add_report(agg: dict[str, Any], row: dict[str, Any], sign: int = 1) -> None:
    """Add (``sign=-1``: subtract) one report's contribution, given as its ``fz:matrixRow``
    (``{"files", "years", "places", "cells": [[duty IRI, status, sentences]]}``)."""
    duties = agg["duties"]
    duties["reports"] += sign
    _add_cells(duties["total"], row, sign)
    for place in dict.fromkeys(row["places"] or row["files"]):  # as duty-matrix.rq: the file when no place
        entry = duties["jurisdictions"].setdefault(place, {"reports": 0, "cells": {}})
        entry["reports"] += sign
        _add_cells(entry["cells"], row, sign)
        if not entry["reports"] and not entry["cells"]:
            del duties["jurisdictions"][place]


def matrix_row_of(stats: bytes) -> dict[str, Any] | None:
    """The ``fz:matrixRow`` of a report's stats entry given as N-Quads (what a build's worker
    computes, :func:`kg.graph.stats.tally_nquads`); None when it has none."""
    needle = f"<{FZ}matrixRow> ".encode()
    for line in stats.split(b"\n"):
        at = line.find(needle)
        if at >= 0:
            literal = line[at + len(needle):].decode("utf-8")
            literal = literal[: literal.rindex('"') + 1]  # drop the graph name and the final dot
            return json.loads(json.loads(literal))
    return None


def stored_matrix_row(store: Any, report: str) -> dict[str, Any] | None:
    """The ``fz:matrixRow`` of ``report`` in the stats graph of ``store``; None when absent."""
    for q in store.ox.quads_for_pattern(ox.NamedNode(f"{report}#tally"), MATRIX_ROW, None, STATS):
        return json.loads(q.object.value)
    return None


def from_rows(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The aggregates of the reports whose ``fz:matrixRow`` are ``rows``."""
    agg = empty()
    for row in rows:
        add_report(agg, row)
    return agg


def most_cited(store: Any, top: int = TOP_CITED) -> list[list[Any]]:
    """The ``top`` most cited documents: ``[iri, reports citing it, title or None, kind or
    None]``, most cited first, then by title (the order of ``most-cited.rq``). Two scans of the
    citation counts, keeping ``top`` counts and rows at most (never every cited document)."""
    graph = ox.NamedNode(ENTITIES_GRAPH)

    def counts() -> Iterator[tuple[str, int]]:  # in scan order: it breaks ties, as a stable sort
        for q in store.ox.quads_for_pattern(None, ox.NamedNode(FZ + "citingReports"), None, graph):
            yield q.subject.value, int(q.object.value)

    def value(iri: str, predicate: str) -> str | None:
        found = [q.object.value for q in store.ox.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(predicate),
                                                                    None, graph)]
        return min(found) if found else None

    def row(iri: str, n: int) -> list[Any]:
        return [iri, n, value(iri, SKOS + "prefLabel"), value(iri, FZ + "regulationKind")]

    def key(r: list[Any]) -> tuple[Any, ...]:  # SPARQL orders an unbound title first
        return (-r[1], r[2] is not None, r[2] or "")

    # the count of the top-th most cited: documents cited more are all in; of those cited as
    # often, the first by title fill the rest
    largest = heapq.nlargest(top, (n for _, n in counts()))
    floor = largest[-1] if len(largest) == top else None
    above = [row(iri, n) for iri, n in counts() if floor is None or n > floor]
    tied = heapq.nsmallest(top - len(above), (row(iri, n) for iri, n in counts() if n == floor), key=key)
    return sorted(above + tied, key=key)[:top]


RATINGS_FILE = "ratings.jsonl"
RATING_TALLY = FZ + "RatingTally"
# a rating tally's property → the key of its value in a result row
RATING_VALUES = {"tallyRatingYear": "year", "tallyGrade": "grade", "tallyScore": "score", "tallyRank": "rank",
                 "tallyRankOutOf": "outOf"}


# the scratch table rating results are merged and ordered in: a private temporary database (on
# disk), so that the build's memory does not grow with the ratings (every row: 2 GB at 100,000)
# (no declared types but the key's: a value keeps the Python type it is given; rowid: the order found in)
RESULT_TABLE = "CREATE TABLE result (key TEXT UNIQUE, year, first, rank, score, name, row TEXT)"
# the order of ``evaluation-results.rq`` (DESC year, evaluator name, rank, DESC score, evaluated
# name; a merged row where its first evaluator's would be): SQLite orders as SPARQL does here
# (unbound first, DESC last; numbers, then strings by code point); ties in the order found
RESULT_ORDER = "year DESC, first, rank, score DESC, name, rowid"
SCRATCH_CACHE_KIB = 32 * 1024
NAMES_CACHED = 1 << 16  # names and files looked up again beyond this: bounded memory
# What the result rows are made of, read by one index scan a predicate into scratch tables (rowid:
# the order a scan found them in), never by point lookups: a lookup per rating tally, name and
# file cost 231.7 s at 100,000 reports on a store still compacting after its build (82 s settled).
RATING_SCRATCH = (
    "CREATE TEMP TABLE fact (rating, prop, value)",  # a rating tally's properties (values typed)
    "CREATE TEMP TABLE name (subject, name)",  # every entity's preferred names
    "CREATE TEMP TABLE file (tally, file)",  # every report's file names, by its stats entry
)
RATING_SCRATCH_INDEXES = (
    "CREATE INDEX temp.fact_rating ON fact (rating)",
    "CREATE INDEX temp.name_subject ON name (subject)",
    "CREATE INDEX temp.file_tally ON file (tally)",
)
RATING_LINKS = ("tallyOf", "tallyEvaluated", "tallyEvaluator")  # IRIs, beside RATING_VALUES


@contextmanager
def rating_results(store: Any) -> Iterator[tuple[int, Iterator[dict[str, Any]]]]:
    """Every evaluation result of the stats graph: their number and the rows, one per result as
    ``kg ratings`` prints it (a report naming a government and its office as the evaluator of
    one result gives one row with both; :func:`kg.commands.institutions.one_row_per_result`), in
    the order of ``evaluation-results.rq``: ``year``, ``evaluated``, ``evaluatedName``,
    ``grade``, ``score``, ``rank``, ``outOf``, ``evaluators`` (names), ``report``, ``file``. Read
    with index scans (one a predicate), not a SPARQL join; merged and ordered in a scratch
    SQLite database, the rows read back one at a time while the context is open."""
    with closing(sqlite3.connect("")) as db:  # "": a temporary database, deleted when closed
        db.execute("PRAGMA temp_store=FILE")  # the scratch tables spill to disk, not to memory
        db.execute(f"PRAGMA cache_size=-{SCRATCH_CACHE_KIB}")
        db.execute(f"PRAGMA temp.cache_size=-{SCRATCH_CACHE_KIB}")
        db.execute(RESULT_TABLE)
        _read_rating_facts(db, store)
        _merge_results(db, store)
        total = db.execute("SELECT COUNT(*) FROM result").fetchone()[0]
        yield total, (json.loads(row) for (row,) in db.execute("SELECT row FROM result ORDER BY " + RESULT_ORDER))


def predicate_quads(store: Any, predicate: str, graph: str) -> Iterator[Any]:
    """Every quad of ``predicate`` in ``graph``: one index scan."""
    return store.ox.quads_for_pattern(None, ox.NamedNode(predicate), None, ox.NamedNode(graph))


def _read_rating_facts(db: sqlite3.Connection, store: Any) -> None:
    """The scratch tables (:data:`RATING_SCRATCH`) of ``store``: one index scan a predicate."""
    for statement in RATING_SCRATCH:
        db.execute(statement)
    for prop in RATING_LINKS:
        db.executemany("INSERT INTO fact VALUES (?, ?, ?)", (
            (q.subject.value, prop, q.object.value) for q in predicate_quads(store, FZ + prop, STATS_GRAPH)))
    for prop in RATING_VALUES:  # values typed as the query gives them (a score of 80.0 stays a float)
        db.executemany("INSERT INTO fact VALUES (?, ?, ?)", (
            (q.subject.value, prop, from_ox_term(q.object)) for q in predicate_quads(store, FZ + prop, STATS_GRAPH)))
    db.executemany("INSERT INTO name VALUES (?, ?)", (
        (q.subject.value, q.object.value) for q in predicate_quads(store, SKOS + "prefLabel", ENTITIES_GRAPH)))
    db.executemany("INSERT INTO file VALUES (?, ?)", (
        (q.subject.value, q.object.value) for q in predicate_quads(store, FZ + "tallyFile", STATS_GRAPH)))
    for statement in RATING_SCRATCH_INDEXES:
        db.execute(statement)


def _merge_results(db: sqlite3.Connection, store: Any) -> None:
    """The result rows of every rating tally into ``db``'s ``result`` table, one per (report,
    evaluated, year, grade, score, rank), their evaluators' names merged. The tallies in the
    order of the store's index, each one's values from the scratch tables: a property's first
    value is the one a scan of the tally's own quads gives first, as both scans order a
    subject's objects of one predicate by the store's encoding of them."""
    reader = db.cursor()  # lookups beside the inserts into ``result``

    def smallest(sql: str, key: str) -> str | None:  # the smallest, as SPARQL's MIN of strings
        found = [value for (value,) in reader.execute(sql, {"key": key})]
        return min(found) if found else None

    name = lru_cache(maxsize=NAMES_CACHED)(partial(smallest, "SELECT name FROM name WHERE subject = :key"))
    file_of = lru_cache(maxsize=NAMES_CACHED)(partial(smallest, "SELECT file FROM file WHERE tally = :key"))
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    # the tallies in the store's order (seq), joined to their facts in one ordered scan rather
    # than a lookup a tally
    db.execute("CREATE TEMP TABLE tally (seq INTEGER PRIMARY KEY, rating)")
    db.executemany("INSERT INTO tally (rating) VALUES (?)", (
        (q.subject.value,) for q in store.ox.quads_for_pattern(None, rdf_type, ox.NamedNode(RATING_TALLY), STATS)))
    joined = db.execute("SELECT tally.rating, fact.prop, fact.value FROM tally JOIN fact ON fact.rating = tally.rating "
                        "ORDER BY tally.seq, fact.rowid")
    for _, rows in groupby(joined, key=itemgetter(0)):
        facts: dict[str, list[Any]] = {}
        for _, prop, value in rows:
            facts.setdefault(prop, []).append(value)
        evaluators = sorted(set(filter(None, (name(t) for t in facts.get("tallyEvaluator", [])))))
        for report in facts.get("tallyOf", []):
            file = file_of(f"{report}#tally")
            if file is None:
                continue  # as the query: a rating of a graph without a report row gives none
            for evaluated in facts.get("tallyEvaluated", []):
                row = {key: (facts[p][0] if p in facts else None) for p, key in RATING_VALUES.items()}
                key = (report, evaluated, *(str(row[k]) for k in ("year", "grade", "score", "rank")))
                _merge_result(db, json.dumps(key, ensure_ascii=False),
                              {**row, "evaluated": evaluated, "evaluatedName": name(evaluated),
                               "evaluators": evaluators, "report": report, "file": file})


def _merge_result(db: sqlite3.Connection, key: str, row: dict[str, Any]) -> None:
    """``row`` as the result of ``key``, or its evaluators added to the one found before."""
    first = row["evaluators"][0] if row["evaluators"] else None
    if db.execute("INSERT INTO result VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
                  (key, row["year"], first, row["rank"], row["score"], row["evaluatedName"],
                   json.dumps(row, ensure_ascii=False))).rowcount:
        return  # the first row of its result (the rest: one statement a row, not a lookup and an insert)
    (found,) = db.execute("SELECT row FROM result WHERE key = :key", {"key": key}).fetchone()
    before = json.loads(found)
    merged = sorted(set(before["evaluators"]) | set(row["evaluators"]))
    if merged != before["evaluators"]:
        before["evaluators"] = merged
        db.execute("UPDATE result SET first = ?, row = ? WHERE key = ?",
                   (merged[0], json.dumps(before, ensure_ascii=False), key))
