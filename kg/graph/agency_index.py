"""The agencies of every jurisdiction with their ratings, kept beside the store as a SQLite file
(``agencies.sqlite`` in each generation, written by the build, :mod:`kg.build.corpus`; read by
:func:`kg.query.aggregates.agencies_page`), so that ``kg agencies --region`` reads one page
and three counts instead of joining a province's thousands of agencies to every rating.

What it holds is what ``agencies-by-region.rq`` answers for each place (row for row and in
its order: ``tests/test_agency_index.py``):

* ``agency_row`` — every row of every region once, numbered (``ord``) in the query's order:
  one per agency × its jurisdiction's label × name × rating × year × grade × score × rank ×
  rank out of × evaluator name, as the query's OPTIONALs multiply them (an agency never rated:
  one row, the rating columns NULL); ``category`` its categories space-joined (the query's
  GROUP_CONCAT); values typed as the query gives them (:func:`kg.core.sparql.from_ox_term`);
* ``member`` — (region, ord): the rows of agencies whose jurisdiction is the region or lies in
  it through the places graph's ``fz:withinJurisdiction`` links (the query's
  ``fz:withinJurisdiction*``), so a page is one range of an index;
* ``region_count`` — per region, its rows, distinct agencies and distinct ratings.

Computed from direct index scans (one per predicate: the entities graph's jurisdictions,
names and categories, the places graph's labels and links, the stats graph's rating tallies,
:mod:`kg.graph.stats`), never a corpus-wide SPARQL join: its cost is linear in the quads read
(≈ 150,000 agencies, a corpus of 100,000 reports: see ``bench/RESULTS.md``).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.core.namespaces import ENTITIES_GRAPH, FZ, PLACES_GRAPH, RDF, RDFS, SKOS, STATS_GRAPH
from kg.core.sparql import from_ox_term
from kg.graph.aggregates import RATING_TALLY, RATING_VALUES, ascending

# Bumped whenever what the file holds changes: a build then writes it anew, and a reader
# ignores a file of another version (the command answers from the graphs as without it).
AGENCY_INDEX_VERSION = 1
AGENCY_INDEX_FILE = "agencies.sqlite"

# the columns of a row, in the names of the query's variables (place: the jurisdiction's label)
COLUMNS = ("place", "agency", "name", "category", "rating", "year", "grade", "score", "rank", "outOf",
           "evaluatorName")
_QUOTED = ", ".join(f'"{c}"' for c in COLUMNS)
# no declared types: a value keeps the Python type it is given (a score of 80.0 stays a float)
SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value)",
    # the rows of every region, each once, numbered in the query's order
    f"CREATE TABLE agency_row (ord INTEGER PRIMARY KEY, {_QUOTED})",
    # which rows a region holds (a row of a jurisdiction belongs to it and to every place above)
    "CREATE TABLE member (region, ord, PRIMARY KEY (region, ord)) WITHOUT ROWID",
    # per region: its rows, their distinct agencies and ratings
    "CREATE TABLE region_count (region PRIMARY KEY, rows, agencies, ratings) WITHOUT ROWID",
)
RATING_COLUMNS = COLUMNS[4:]

Row = tuple[Any, ...]


def _quads(store: Any, predicate: str, graph: str) -> Any:
    """Every quad of ``predicate`` in ``graph``: one index scan."""
    return store.ox.quads_for_pattern(None, ox.NamedNode(predicate), None, ox.NamedNode(graph))


def _grouped(store: Any, predicate: str, graph: str) -> dict[str, list[str]]:
    """Subject → objects (as strings: IRIs, lexical forms) of ``predicate`` in ``graph``."""
    found: dict[str, list[str]] = {}
    for q in _quads(store, predicate, graph):
        subject = q.subject.value
        if subject in found:
            found[subject].append(q.object.value)
        else:
            found[subject] = [q.object.value]
    return found


def within_pairs(store: Any) -> list[tuple[str, str]]:
    """(place, ancestor) for every labelled place: itself and every place above it."""
    labelled = _grouped(store, RDFS + "label", PLACES_GRAPH)
    up = _grouped(store, FZ + "withinJurisdiction", PLACES_GRAPH)
    pairs = []
    for place in labelled:
        seen = {place}
        todo = [place]
        while todo:  # a cycle in the links ends: each place once
            for parent in up.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        pairs += [(place, ancestor) for ancestor in seen]
    return pairs


def agency_rows(store: Any) -> list[tuple[str, Row]]:
    """Every row of every jurisdiction: (its IRI, the row's :data:`COLUMNS`); unordered. Terms are
    joined by their IRI (an agency's jurisdiction is a place IRI, as its evaluator an agency's)."""
    labels = {place: list(dict.fromkeys(found))
              for place, found in _grouped(store, RDFS + "label", PLACES_GRAPH).items()}
    names = _grouped(store, SKOS + "prefLabel", ENTITIES_GRAPH)
    categories = {agency: " ".join(dict.fromkeys(found))
                  for agency, found in _grouped(store, FZ + "agencyCategory", ENTITIES_GRAPH).items()}
    ratings = rating_values(store, names)
    rows: list[tuple[str, Row]] = []
    unrated = [(None,) * len(RATING_COLUMNS)]
    for agency, places in _grouped(store, FZ + "jurisdiction", ENTITIES_GRAPH).items():
        for place in dict.fromkeys(places) if len(places) > 1 else places:
            for label in labels.get(place, ()):  # a place without a label gives the query no row
                found = names.get(agency)
                for name in (dict.fromkeys(found) if len(found) > 1 else found) if found else (None,):
                    head = (label, agency, name, categories.get(agency, ""))
                    rows += [(place, head + rating) for rating in ratings.get(agency, unrated)]
    return rows


def rating_values(store: Any, names: dict[str, list[str]]) -> dict[str, list[Row]]:
    """Per evaluated agency, its ratings' columns (:data:`RATING_COLUMNS`), one tuple per
    combination of their values (the query's OPTIONALs), from the stats graph's rating
    tallies (:mod:`kg.graph.stats`); ``names``: the entities' preferred names (an evaluator's)."""
    stats = ox.NamedNode(STATS_GRAPH)
    tallies = {q.subject.value for q in store.ox.quads_for_pattern(None, ox.NamedNode(RDF + "type"),
                                                                   ox.NamedNode(RATING_TALLY), stats)}
    values: dict[str, dict[str, list[Any]]] = {}  # tally property → rating → typed values
    for prop in RATING_VALUES:  # year, grade, score, rank, out of: the order of RATING_COLUMNS
        typed = values[prop] = {}
        for q in _quads(store, FZ + prop, STATS_GRAPH):
            typed.setdefault(q.subject.value, []).append(from_ox_term(q.object))
    evaluators = _grouped(store, FZ + "tallyEvaluator", STATS_GRAPH)
    found: dict[str, list[Row]] = {}
    for rating, evaluated in _grouped(store, FZ + "tallyEvaluated", STATS_GRAPH).items():
        if rating not in tallies:
            continue
        combos: list[Row] = [(rating,)]
        for prop in RATING_VALUES:
            combos = [c + (v,) for c in combos for v in dict.fromkeys(values[prop].get(rating) or [None])]
        # an evaluator without a name gives a row with none, as the query's nested OPTIONAL
        evaluator_names: list[str | None] = []
        for evaluator in evaluators.get(rating, ()):
            evaluator_names += names.get(evaluator) or [None]
        rated = [c + (n,) for c in combos for n in dict.fromkeys(evaluator_names or [None])]
        for agency in dict.fromkeys(evaluated):
            found.setdefault(agency, []).extend(rated)
    return found


def _ranks(values: Iterable[Any], *, descending: bool = False) -> dict[Any, int]:
    """Each distinct value → its place among them in ORDER BY (DESC: unbound last)."""
    return {value: i for i, value in enumerate(sorted(set(values), key=ascending, reverse=descending))}


def in_query_order(rows: Iterable[Row]) -> list[Row]:
    """Rows (:data:`COLUMNS`) in the order of ``agencies-by-region.rq``: its ORDER BY (?place
    ?name DESC(?year) ?rank), then the rest of its grouping key, so that rows tying on the
    order asked for come in one order. Place, agency, name and rating are strings (a name or
    a rating may be unbound); the rating's values are ranked first (few distinct ones)."""
    rows = list(rows)
    year, rank, evaluator, grade, score, out_of = (
        _ranks((r[i] for r in rows), descending=i == 5) for i in (5, 8, 10, 6, 7, 9))
    return sorted(rows, key=lambda r: (r[0], r[2] is not None, r[2] or "", year[r[5]], rank[r[8]], r[1],
                                       r[4] is not None, r[4] or "", evaluator[r[10]], grade[r[6]], score[r[7]],
                                       out_of[r[9]]))


def fill(db: sqlite3.Connection, store: Any) -> None:
    """Write the tables of ``store``'s index into the empty database ``db`` (the caller writes
    it under a temporary name and renames it into place)."""
    db.execute("PRAGMA journal_mode=OFF")  # a file never edited once renamed into place
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA temp_store=MEMORY")
    for statement in SCHEMA:
        db.execute(statement)
    db.execute("INSERT INTO meta VALUES ('version', ?)", (AGENCY_INDEX_VERSION,))
    rows = agency_rows(store)
    # a row once per region even when two jurisdictions of one label reach it (the query groups
    # them): rows are kept without the jurisdiction, which only says where they belong
    ordered = in_query_order(dict.fromkeys(row for _, row in rows))
    db.executemany(f"INSERT INTO agency_row VALUES (?, {', '.join('?' * len(COLUMNS))})",
                   ((i, *row) for i, row in enumerate(ordered)))
    ords = {row: i for i, row in enumerate(ordered)}
    db.execute("CREATE TEMP TABLE within (place, region)")
    db.executemany("INSERT INTO within VALUES (?, ?)", within_pairs(store))
    db.execute("CREATE INDEX temp.within_place ON within (place)")
    db.execute("CREATE TEMP TABLE placed (place, ord)")
    db.executemany("INSERT INTO placed VALUES (?, ?)", ((place, ords[row]) for place, row in rows))
    db.execute("INSERT OR IGNORE INTO member SELECT w.region, p.ord FROM placed p JOIN within w ON w.place = p.place "
               "ORDER BY w.region, p.ord")
    db.execute('INSERT INTO region_count SELECT m.region, COUNT(*), COUNT(DISTINCT a."agency"), '
               'COUNT(DISTINCT a."rating") FROM member m JOIN agency_row a ON a.ord = m.ord GROUP BY m.region')
    db.commit()


def open_index(path: Path) -> sqlite3.Connection | None:
    """The index at ``path`` opened read-only, or None: absent, unreadable, or of another version."""
    try:
        # immutable: the file is never edited once in place, so SQLite takes no lock
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except (sqlite3.Error, OSError, ValueError):
        return None
    try:
        found = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.Error:  # not a database, or not this one
        found = None
    if found is None or found[0] != AGENCY_INDEX_VERSION:
        db.close()
        return None
    return db
