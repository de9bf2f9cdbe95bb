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
:mod:`kg.graph.stats`), never a corpus-wide SPARQL join: the scans stream into scratch tables
of the index's own connection (temporary, on disk), where SQLite joins, makes distinct and
orders the rows, so the build's memory does not grow with the agencies and ratings
(≈ 150,000 agencies, a corpus of 100,000 reports: see ``bench/RESULTS.md``,
``bench/end_of_build_memory.py``).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.core.namespaces import ENTITIES_GRAPH, FZ, PLACES_GRAPH, RDF, RDFS, SKOS, STATS_GRAPH
from kg.core.sparql import from_ox_term
from kg.graph.aggregates import RATING_TALLY, RATING_VALUES, predicate_quads

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


def _grouped(store: Any, predicate: str, graph: str) -> dict[str, list[str]]:
    """Subject → objects (as strings: IRIs, lexical forms) of ``predicate`` in ``graph``."""
    found: dict[str, list[str]] = {}
    for q in predicate_quads(store, predicate, graph):
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


# the scratch tables a fill reads the graphs into, one index scan each: temporary (dropped with
# the connection) and on disk (temp_store FILE), so that SQLite joins, makes distinct and orders
# the rows in pages instead of Python lists whose size grows with the corpus (2 GB at 100,000)
SCRATCH = (
    "CREATE TEMP TABLE label (place, label)",  # the places graph's labels
    "CREATE TEMP TABLE jurisdiction (agency, place)",
    "CREATE TEMP TABLE name (subject, name)",  # every entity's preferred names (an evaluator's too)
    "CREATE TEMP TABLE category_seen (agency, category)",  # in scan order (rowid)
    "CREATE TEMP TABLE category (agency PRIMARY KEY, joined) WITHOUT ROWID",
    "CREATE TEMP TABLE tally (rating PRIMARY KEY) WITHOUT ROWID",  # the stats graph's rating tallies
    "CREATE TEMP TABLE rating_value (prop, rating, value)",
    "CREATE TEMP TABLE evaluator (rating, evaluator)",
    "CREATE TEMP TABLE rated (rating, agency)",
    "CREATE TEMP TABLE within (place, region)",
)
SCRATCH_INDEXES = (
    "CREATE INDEX temp.label_place ON label (place, label)",
    "CREATE INDEX temp.jurisdiction_agency ON jurisdiction (agency, place)",
    "CREATE INDEX temp.name_subject ON name (subject)",
    "CREATE INDEX temp.rating_value_rating ON rating_value (rating, prop)",
    "CREATE INDEX temp.evaluator_rating ON evaluator (rating)",
    "CREATE INDEX temp.rated_agency ON rated (agency)",
    "CREATE INDEX temp.within_place ON within (place)",
)
# Every row of every jurisdiction as the query's OPTIONALs multiply them (a place without a label
# gives no row; an agency never rated one row, the rating columns NULL; an evaluator without a
# name a NULL name), each once (DISTINCT: two jurisdictions of one label reaching one region give
# one row, as the query's grouping). Terms are joined by their IRI (an agency's jurisdiction is a
# place IRI, as its evaluator an agency's).
_VALUES = " ".join(f"LEFT JOIN rating_value v{i} ON v{i}.rating = r.rating AND v{i}.prop = '{prop}'"
                   for i, prop in enumerate(RATING_VALUES))
_SELECTED = ("l.label", "j.agency", "n.name", "COALESCE(c.joined, '')", "r.rating",
             *(f"v{i}.value" for i in range(len(RATING_VALUES))), "en.name")
ROWS = ("SELECT DISTINCT " + ", ".join(f'{term} AS "{column}"' for term, column in zip(_SELECTED, COLUMNS, strict=True))
        + " "
        "FROM jurisdiction j JOIN label l ON l.place = j.place "
        "LEFT JOIN name n ON n.subject = j.agency LEFT JOIN category c ON c.agency = j.agency "
        f"LEFT JOIN rated r ON r.agency = j.agency {_VALUES} "
        "LEFT JOIN evaluator e ON e.rating = r.rating LEFT JOIN name en ON en.subject = e.evaluator")
# The order of ``agencies-by-region.rq``: its ORDER BY (?place ?name DESC(?year) ?rank), then the rest
# of its grouping key, so that rows tying on the order asked for come in one order. SQLite orders
# as SPARQL does here: unbound first (DESC: last), numbers, then strings by code point.
ORDER = '"place", "name", "year" DESC, "rank", "agency", "rating", "evaluatorName", "grade", "score", "outOf"'
# the rows a region holds: those of agencies whose jurisdiction (of the row's label) is it or lies in it
MEMBERS = ('INSERT OR IGNORE INTO member SELECT w.region, a.ord FROM agency_row a '
           'JOIN jurisdiction j ON j.agency = a."agency" JOIN label l ON l.place = j.place AND l.label = a."place" '
           "JOIN within w ON w.place = j.place ORDER BY w.region, a.ord")
SCRATCH_CACHE_KIB = 32 * 1024  # SQLite's page cache (and sorter memory) for the scratch tables


def _pairs(store: Any, predicate: str, graph: str) -> Iterator[tuple[str, str]]:
    """(subject, object) strings (IRIs, lexical forms) of ``predicate`` in ``graph``: one index
    scan, streamed."""
    return ((q.subject.value, q.object.value) for q in predicate_quads(store, predicate, graph))


def _joined_categories(db: sqlite3.Connection) -> Iterator[tuple[str, str]]:
    """Per agency, its categories space-joined in the order the scan gave them, each once (the
    query's GROUP_CONCAT)."""
    cursor = db.execute("SELECT agency, category FROM category_seen ORDER BY agency, rowid")
    for agency, found in groupby(cursor, key=itemgetter(0)):
        yield agency, " ".join(dict.fromkeys(category for _, category in found))


def read_graphs(db: sqlite3.Connection, store: Any, rating_facts: Path | None = None) -> None:
    """The scratch tables (:data:`SCRATCH`) of ``store``: direct index scans, one per predicate;
    the rating tallies' from ``rating_facts`` when given (the generation's
    :data:`kg.graph.ratings.RATING_FACTS_FILE`, the same facts: three quarters of what the scans
    would decode at 100,000 reports)."""
    for statement in SCRATCH:
        db.execute(statement)
    db.executemany("INSERT INTO label VALUES (?, ?)", _pairs(store, RDFS + "label", PLACES_GRAPH))
    db.executemany("INSERT INTO jurisdiction VALUES (?, ?)", _pairs(store, FZ + "jurisdiction", ENTITIES_GRAPH))
    db.executemany("INSERT INTO name VALUES (?, ?)", _pairs(store, SKOS + "prefLabel", ENTITIES_GRAPH))
    db.executemany("INSERT INTO category_seen VALUES (?, ?)", _pairs(store, FZ + "agencyCategory", ENTITIES_GRAPH))
    db.executemany("INSERT INTO category VALUES (?, ?)", _joined_categories(db))
    if rating_facts is not None:
        _read_rating_facts(db, rating_facts)
    else:
        _scan_rating_tallies(db, store)
    db.executemany("INSERT INTO within VALUES (?, ?)", within_pairs(store))
    for statement in SCRATCH_INDEXES:
        db.execute(statement)


def _read_rating_facts(db: sqlite3.Connection, path: Path) -> None:
    """The rating tallies' scratch tables from the rating facts file at ``path``: every rating
    there is a typed rating tally, its values typed as :func:`_scan_rating_tallies` gives them."""
    db.commit()  # (a database is attached outside a transaction)
    db.execute("ATTACH DATABASE ? AS facts", (str(path),))
    db.execute("INSERT OR IGNORE INTO tally SELECT DISTINCT rating FROM facts.fact")
    db.execute("INSERT INTO rating_value SELECT prop, rating, value FROM facts.fact WHERE prop IN ("
               + ", ".join(f"'{prop}'" for prop in RATING_VALUES) + ")")
    db.execute("INSERT INTO evaluator SELECT rating, value FROM facts.fact WHERE prop = 'tallyEvaluator'")
    db.execute("INSERT INTO rated SELECT rating, value FROM facts.fact WHERE prop = 'tallyEvaluated'")
    db.commit()
    db.execute("DETACH DATABASE facts")


def _scan_rating_tallies(db: sqlite3.Connection, store: Any) -> None:
    """The rating tallies' scratch tables from the stats graph of ``store``."""
    stats = ox.NamedNode(STATS_GRAPH)
    db.executemany("INSERT OR IGNORE INTO tally VALUES (?)", (
        (q.subject.value,) for q in store.ox.quads_for_pattern(None, ox.NamedNode(RDF + "type"),
                                                               ox.NamedNode(RATING_TALLY), stats)))
    for prop in RATING_VALUES:  # values typed as the query gives them (a score of 80.0 stays a float)
        db.executemany("INSERT INTO rating_value VALUES (?, ?, ?)", (
            (prop, q.subject.value, from_ox_term(q.object)) for q in predicate_quads(store, FZ + prop, STATS_GRAPH)))
    db.executemany("INSERT INTO evaluator VALUES (?, ?)", _pairs(store, FZ + "tallyEvaluator", STATS_GRAPH))
    db.executemany("INSERT INTO rated VALUES (?, ?)", _pairs(store, FZ + "tallyEvaluated", STATS_GRAPH))
    db.execute("DELETE FROM rated WHERE rating NOT IN (SELECT rating FROM tally)")  # as the query: typed ones


def fill(db: sqlite3.Connection, store: Any, rating_facts: Path | None = None) -> None:
    """Write the tables of ``store``'s index into the empty database ``db`` (the caller writes
    it under a temporary name and renames it into place); the ratings read from
    ``rating_facts`` when given (:func:`read_graphs`)."""
    db.execute("PRAGMA journal_mode=OFF")  # a file never edited once renamed into place
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA temp_store=FILE")  # the scratch tables and sorts spill to disk, not to memory
    db.execute(f"PRAGMA cache_size=-{SCRATCH_CACHE_KIB}")
    db.execute(f"PRAGMA temp.cache_size=-{SCRATCH_CACHE_KIB}")
    for statement in SCHEMA:
        db.execute(statement)
    db.execute("INSERT INTO meta VALUES ('version', ?)", (AGENCY_INDEX_VERSION,))
    read_graphs(db, store, rating_facts)
    db.execute("INSERT INTO agency_row SELECT ROW_NUMBER() OVER (ORDER BY " + ORDER + ") - 1, * FROM (" + ROWS + ")")
    db.execute(MEMBERS)
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
