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

import json
from collections import Counter
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
    None]``, most cited first, then by title (the order of ``most-cited.rq``)."""
    graph = ox.NamedNode(ENTITIES_GRAPH)
    counts = Counter({q.subject.value: int(q.object.value)
                      for q in store.ox.quads_for_pattern(None, ox.NamedNode(FZ + "citingReports"), None, graph)})

    def value(iri: str, predicate: str) -> str | None:
        found = [q.object.value for q in store.ox.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(predicate),
                                                                    None, graph)]
        return min(found) if found else None

    # more than `top` by count first (ties at the cut are all kept), then the title order
    ranked = counts.most_common()
    if len(ranked) > top:
        floor = ranked[top - 1][1]
        ranked = [(iri, n) for iri, n in ranked if n >= floor]
    rows = [[iri, n, value(iri, SKOS + "prefLabel"), value(iri, FZ + "regulationKind")] for iri, n in ranked]
    # SPARQL orders an unbound title first
    rows.sort(key=lambda r: (-r[1], r[2] is not None, r[2] or ""))
    return rows[:top]




RATINGS_FILE = "ratings.jsonl"
RATING_TALLY = FZ + "RatingTally"
# a rating tally's property → the key of its value in a result row
RATING_VALUES = {"tallyRatingYear": "year", "tallyGrade": "grade", "tallyScore": "score", "tallyRank": "rank",
                 "tallyRankOutOf": "outOf"}


class _Low:
    """Sorts before every value: SPARQL's unbound in ORDER BY."""

    def __lt__(self, other: object) -> bool:
        return not isinstance(other, _Low)

    def __gt__(self, other: object) -> bool:
        return False

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Low)

    __hash__ = object.__hash__


class _Desc:
    """Reverses the order of a value (DESC in ORDER BY, unbound last)."""

    def __init__(self, value: Any):
        self.value = value

    def __lt__(self, other: _Desc) -> bool:
        return ascending(other.value) < ascending(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Desc) and ascending(self.value) == ascending(other.value)

    __hash__ = object.__hash__


def ascending(value: Any) -> Any:
    """A value's place in SPARQL's ORDER BY (as SQLite's): unbound first, then numbers, then
    strings by code point."""
    return _Low() if value is None else (0, value) if isinstance(value, (int, float)) else (1, str(value))


def rating_sort_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """The order of ``evaluation-results.rq`` (DESC year, evaluator name, rank, DESC score,
    evaluated name) for a result row, placed where its first evaluator's row would be."""
    first = min(row["evaluators"]) if row["evaluators"] else None
    return (_Desc(row["year"]), ascending(first), ascending(row["rank"]), _Desc(row["score"]),
            ascending(row["evaluatedName"]))


def rating_results(store: Any) -> list[dict[str, Any]]:
    """Every evaluation result of the stats graph, one row per result as ``kg ratings`` prints
    it (a report naming a government and its office as the evaluator of one result gives one
    row with both; :func:`kg.commands.institutions.one_row_per_result`), in the order of
    ``evaluation-results.rq``: ``year``, ``evaluated``, ``evaluatedName``, ``grade``,
    ``score``, ``rank``, ``outOf``, ``evaluators`` (names), ``report``, ``file``. Read with
    index lookups (each rating tally, each name), not a SPARQL join."""
    entities = ox.NamedNode(ENTITIES_GRAPH)
    pref = ox.NamedNode(SKOS + "prefLabel")
    names: dict[str, str | None] = {}

    def name(iri: str) -> str | None:
        if iri not in names:
            found = [q.object.value for q in store.ox.quads_for_pattern(ox.NamedNode(iri), pref, None, entities)]
            names[iri] = min(found) if found else None
        return names[iri]

    files: dict[str, str | None] = {}

    def file_of(report: str) -> str | None:
        if report not in files:
            found = [q.object.value for q in store.ox.quads_for_pattern(
                ox.NamedNode(f"{report}#tally"), ox.NamedNode(FZ + "tallyFile"), None, STATS)]
            files[report] = min(found) if found else None
        return files[report]

    merged: dict[tuple[str, ...], dict[str, Any]] = {}
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    for typed in store.ox.quads_for_pattern(None, rdf_type, ox.NamedNode(RATING_TALLY), STATS):
        facts: dict[str, list[Any]] = {}
        for q in store.ox.quads_for_pattern(typed.subject, None, None, STATS):
            facts.setdefault(q.predicate.value[len(FZ):], []).append(q.object)
        for report in (t.value for t in facts.get("tallyOf", [])):
            file = file_of(report)
            if file is None:
                continue  # as the query: a rating of a graph without a report row gives none
            for evaluated in (t.value for t in facts.get("tallyEvaluated", [])):
                row = {key: (from_ox_term(facts[p][0]) if p in facts else None) for p, key in RATING_VALUES.items()}
                key = (report, evaluated, *(str(row[k]) for k in ("year", "grade", "score", "rank")))
                found = merged.setdefault(key, {**row, "evaluated": evaluated, "evaluatedName": name(evaluated),
                                                "evaluators": [], "report": report, "file": file})
                for evaluator in sorted(filter(None, (name(t.value) for t in facts.get("tallyEvaluator", [])))):
                    if evaluator not in found["evaluators"]:
                        found["evaluators"].append(evaluator)
    for row in merged.values():
        row["evaluators"].sort()
    return sorted(merged.values(), key=rating_sort_key)
