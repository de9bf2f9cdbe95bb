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
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox

from kg.core.namespaces import ENTITIES_GRAPH, FZ, SKOS, STATS_GRAPH

# Bumped whenever what the file holds changes: a build then computes it anew (one scan of the
# stats graph), and a reader ignores a file of another version (answers as without it).
AGGREGATES_VERSION = 3  # 3: the rating results in an order defined by their values (kg.graph.ratings)
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


def predicate_quads(store: Any, predicate: str, graph: str) -> Iterator[Any]:
    """Every quad of ``predicate`` in ``graph``: one index scan."""
    return store.ox.quads_for_pattern(None, ox.NamedNode(predicate), None, ox.NamedNode(graph))
